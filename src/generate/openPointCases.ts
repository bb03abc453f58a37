// Cases at the open points of semantics.md ("Open points") and at the should
// readings whose other answer only warns: each starts from a valid request
// and changes one thing the sources leave open. The oracle predicts every
// answer semantics.md lists; a target may give any of them (readings).
// Lists, ids, auth and uniqueness open points live with their families
// (requests/*.ts); these are the body's and the headers'.
import fc from 'fast-check';
import { orUpdate, withUpdates } from './asUpdate.ts';
import { createRequest } from './apiRequest.ts';
import { CONTAINERS, fixedBody, validBody, type ValidBody } from './validBody.ts';
import { EXISTING_ID, genCase, type GenCase, type GenContext } from './genCase.ts';
import { mutatedCreate, withKey, withVendorField } from './mutations/mutatedCreate.ts';
import { containerValue, fixedContainerValue } from './containerValue.ts';
import { integerFields, VENDOR_NAMES, VENDORS, vendorSpec } from './vendorFieldValue.ts';

const enc = new TextEncoder();
const text = (ctx: GenContext, label: string, b: ValidBody, body: string | Uint8Array, boundary = false, headers: Record<string, string | undefined> = {}): GenCase => {
  const c = mutatedCreate(ctx, label, b, null, boundary, headers);
  c.request.body = body;
  return c;
};

/** A leading UTF-8 BOM (RFC 8259 §8.1), as text or as bytes. */
const bom = (ctx: GenContext, b: ValidBody, asBytes: boolean, boundary = false): GenCase =>
  text(ctx, 'format.bom', b, asBytes ? new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode(JSON.stringify(b.body))]) : `\uFEFF${JSON.stringify(b.body)}`, boundary);

export const TRAILING = ['}', ' {}', 'x', '\n{"name":"other"}', ']'] as const;
const trailing = (ctx: GenContext, b: ValidBody, extra: string, boundary = false): GenCase => text(ctx, 'format.trailing-data', b, JSON.stringify(b.body) + extra, boundary);

export const CASED_CONTENT_TYPES = ['APPLICATION/JSON', 'Application/Json; charset=utf-8'] as const;
export const Q0_ACCEPTS = ['application/json;q=0', 'application/json;q=0, text/html'] as const;

/** A timeout in range written 30.0 or 3e1: JSON numbers JSON.parse reads as the integer. */
function oddNumber(n: number, form: number): string {
  return [`${n}.0`, `${n}.00`, `${n}e0`, `${n}E0`, `${n * 10}e-1`][form % 5]!;
}

function withOddTimeout(b: ValidBody, field: string, n: number, form: number): string {
  const json = JSON.stringify(withVendorField(b, field, n));
  return json.replace(`"${field}":${n}`, `"${field}":${oddNumber(n, form)}`);
}

/** Non-hostnames of sufficient length for every *_api_host (min 16). */
export const NOT_HOSTNAMES = ['not a hostname!!', 'under_score.example.com', 'trailing-.example.com', `${'a'.repeat(64)}.example.com`, 'dot..dot.example.com'] as const;
const UNKNOWN_KEYS: ReadonlyArray<readonly [string, unknown]> = [['id', 'client-chosen-id'], ['description', 'x'], ['extra', 1], ['tags', ['a']], ['overrides', {}]];

const hostField = (vendor: string): string => vendorSpec(vendor).fields.find((f) => f.hostname)!.name;
const REQUIRED_VENDORS = VENDORS.filter((v) => v.fields.some((f) => f.requiredStrict));
const HOST_VENDORS = VENDORS.filter((v) => v.fields.some((f) => f.hostname));

export function openPointCase(ctx: GenContext): fc.Arbitrary<GenCase> {
  const body = validBody(ctx);
  const timeouts = VENDORS.flatMap((v) => integerFields(v).map((f) => [v.name, f.name] as const));
  // orUpdate: the body cases go as a PUT to an existing object too, one in four (asUpdate.ts); moves and aliases have their own.
  return fc.oneof(orUpdate(ctx, fc.oneof(
    fc.tuple(body, fc.boolean()).map(([b, bytes]) => bom(ctx, b, bytes)),
    fc.tuple(body, fc.constantFrom(...TRAILING)).map(([b, t]) => trailing(ctx, b, t)),
    body.map((b) => mutatedCreate(ctx, 'format.no-content-type', b, b.body, false, { 'content-type': undefined })),
    fc.tuple(body, fc.constantFrom(...CASED_CONTENT_TYPES)).map(([b, ct]) => mutatedCreate(ctx, 'format.content-type-case', b, b.body, false, { 'content-type': ct })),
    fc.tuple(body, fc.constantFrom(...Q0_ACCEPTS)).map(([b, a]) => mutatedCreate(ctx, 'format.accept-q0', b, b.body, false, { accept: a })),
    fc.tuple(fc.constantFrom(...timeouts), fc.integer({ min: 5, max: 600 }), fc.nat(4)).chain(([[v, f], n, form]) =>
      validBody(ctx, { vendor: v }).map((b) => text(ctx, 'body.timeout.integral-number', b, withOddTimeout(b, f, n, form)))),
    fc.tuple(validBody(ctx, { vendor: 'okta_adaptive_v1' }), fc.integer({ min: 5, max: 600 }))
      .map(([b, n]) => mutatedCreate(ctx, 'body.okta_adaptive_v1.okta_timeout.numeric-string', b, withVendorField(b, 'okta_timeout', String(n)))),
    fc.constantFrom(...REQUIRED_VENDORS).chain((v) => fc.tuple(validBody(ctx, { vendor: v.name }), fc.constantFrom(...v.fields.filter((f) => f.requiredStrict))))
      .map(([b, f]) => mutatedCreate(ctx, 'body.vendor.spec-required', b, withVendorField(b, f.name, undefined))),
    fc.constantFrom(...HOST_VENDORS).chain((v) => fc.tuple(validBody(ctx, { vendor: v.name }), fc.constantFrom(...NOT_HOSTNAMES)))
      .map(([b, h]) => mutatedCreate(ctx, 'body.vendor.hostname', b, withVendorField(b, hostField(b.vendor!), h))),
    body.map((b) => mutatedCreate(ctx, 'body.mfa_cert_profile.empty', b, withKey(b.body, 'mfa_cert_profile', ''))),
    fc.tuple(body, fc.constantFrom(...UNKNOWN_KEYS)).map(([b, [k, v]]) => mutatedCreate(ctx, 'body.unknown-key', b, { ...b.body, [k]: v })),
    fc.constantFrom(...VENDOR_NAMES).chain((v) => fc.tuple(validBody(ctx, { vendor: v }), fc.constantFrom('comment', 'okta_api_hostname', 'x')))
      .map(([b, k]) => mutatedCreate(ctx, 'body.vendor.unknown-key', b, withVendorField(b, k, 'extra'))),
  )), moveCase(ctx), aliasCase(ctx));
}

/** A PUT that moves an existing object to another container: 200, or 400 Invalid Object. */
function moveCase(ctx: GenContext): fc.Arbitrary<GenCase> {
  return fc.tuple(validBody(ctx), validBody(ctx), fc.boolean(), containerValue()).map(([existing, next, sameKey, v]) => {
    const c = existing.container;
    const from = existing.body[c] as string;
    const key = sameKey ? c : CONTAINERS[(CONTAINERS.indexOf(c) + 1) % 3]!;
    const value = sameKey ? (v === from ? `${v.slice(0, 63)}${v.endsWith('x') ? 'y' : 'x'}`.slice(-64) : v) : from;
    const body = { ...withKey(next.body, next.container, undefined), name: existing.body['name'], [key]: value };
    return putExisting(ctx, 'update.move-container', existing, body);
  });
}

/** The same name in a built-in folder's other name (Shared / Prisma Access, All / Global). */
function aliasCase(ctx: GenContext): fc.Arbitrary<GenCase> {
  return fc.tuple(validBody(ctx, { container: 'folder' }), validBody(ctx, { container: 'folder' }), fc.constantFrom(['Shared', 'Prisma Access'], ['Prisma Access', 'Shared'], ['All', 'Global'], ['Global', 'All']))
    .map(([existing, next, [a, b]]) => aliasPost(ctx, { ...existing, body: { ...existing.body, folder: a } }, { ...next.body, name: existing.body['name'], folder: b }));
}

const aliasPost = (ctx: GenContext, existing: ValidBody, body: Record<string, unknown>, boundary = false): GenCase =>
  genCase('uniqueness.folder-alias', createRequest(ctx, body), { container: 'folder', boundary, needs: { existing: [existing.body] } });

function putExisting(ctx: GenContext, label: string, existing: ValidBody, body: Record<string, unknown>, boundary = false): GenCase {
  const c = mutatedCreate(ctx, label, existing, body, boundary);
  c.request = { ...c.request, method: 'PUT', path: `/mfa-servers/${EXISTING_ID}` };
  c.needs = { existing: [existing.body] };
  return c;
}

/** Every open-point case, and the first of each body label again as a PUT to an object that exists (asUpdate.ts). */
export function openPointBoundaryCases(ctx: GenContext, nextName: () => string): GenCase[] {
  return withUpdates(ctx, openPointPosts(ctx, nextName), nextName);
}

function openPointPosts(ctx: GenContext, nextName: () => string): GenCase[] {
  const out: GenCase[] = [];
  const next = (vendor: string | null = 'okta_adaptive_v1'): ValidBody => fixedBody(nextName(), 'folder', vendor);
  out.push(bom(ctx, next(), false, true), bom(ctx, next(), true, true));
  for (const t of TRAILING) out.push(trailing(ctx, next(), t, true));
  for (const b of [next(), next(null)]) out.push(mutatedCreate(ctx, 'format.no-content-type', b, b.body, true, { 'content-type': undefined }));
  for (const ct of CASED_CONTENT_TYPES) { const b = next(); out.push(mutatedCreate(ctx, 'format.content-type-case', b, b.body, true, { 'content-type': ct })); }
  for (const a of Q0_ACCEPTS) { const b = next(); out.push(mutatedCreate(ctx, 'format.accept-q0', b, b.body, true, { accept: a })); }
  for (const v of VENDORS) {
    for (const f of integerFields(v)) {
      for (let form = 0; form < 2; form++) { const b = next(v.name); out.push(text(ctx, 'body.timeout.integral-number', b, withOddTimeout(b, f.name, 30, form), true)); }
    }
    for (const f of v.fields.filter((x) => x.requiredStrict)) { const b = next(v.name); out.push(mutatedCreate(ctx, 'body.vendor.spec-required', b, withVendorField(b, f.name, undefined), true)); }
    for (const f of v.fields.filter((x) => x.hostname)) { const b = next(v.name); out.push(mutatedCreate(ctx, 'body.vendor.hostname', b, withVendorField(b, f.name, NOT_HOSTNAMES[0]), true)); }
    const b = next(v.name);
    out.push(mutatedCreate(ctx, 'body.vendor.unknown-key', b, withVendorField(b, 'comment', 'extra'), true));
  }
  for (const t of ['30', '5', '600']) { const b = next(); out.push(mutatedCreate(ctx, 'body.okta_adaptive_v1.okta_timeout.numeric-string', b, withVendorField(b, 'okta_timeout', t), true)); }
  const empty = next(null);
  out.push(mutatedCreate(ctx, 'body.mfa_cert_profile.empty', empty, withKey(empty.body, 'mfa_cert_profile', ''), true));
  for (const [k, v] of UNKNOWN_KEYS) { const b = next(null); out.push(mutatedCreate(ctx, 'body.unknown-key', b, { ...b.body, [k]: v }, true)); }
  for (const c of CONTAINERS) {
    const existing = fixedBody(nextName(), c, 'rsa_securid_access_v1');
    const other = CONTAINERS[(CONTAINERS.indexOf(c) + 1) % 3]!;
    const moved = fixedBody(existing.body['name'] as string, other, 'rsa_securid_access_v1', 'full', fixedContainerValue(12, 3));
    out.push(putExisting(ctx, 'update.move-container', existing, moved.body, true));
  }
  for (const [a, b] of [['Shared', 'Prisma Access'], ['Global', 'All']] as const) {
    const existing = fixedBody(nextName(), 'folder', null, 'full', a);
    out.push(aliasPost(ctx, existing, fixedBody(existing.body['name'] as string, 'folder', null, 'full', b).body, true));
  }
  return out;
}

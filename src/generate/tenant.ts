// A tenant is not a sandbox (vendor-facts.md "Objects": a folder, snippet or
// device must exist before objects are created in it, and mfa_cert_profile
// names a certificate profile of the tenant). With `run --folder F` (and
// --snippet, --device, --cert-profile), every valid container value a case
// would send, in a body or a list query, goes to one of the named containers
// instead, and every valid certificate profile to the named one. Values that
// break a container rule are sent as generated: they are refused, or the
// target is wrong. The mapping is a fixed function of the value, so values
// that were equal stay equal (a uniqueness case still clashes); values that
// were different may meet in one container, and the oracle, which predicts
// from the request as sent, says what that means. A built-in folder's other
// name (Prisma Access for Shared) is not one the user named: it is mapped too,
// and the alias cases lose their point on a tenant (reported not exercised).
import { spec } from '../spec/model.ts';
import type { ApiRequest } from '../spec/types.ts';
import type { GenCase } from './genCase.ts';

export interface Tenant {
  /** The containers that exist, by key; at least one key. */
  containers: Partial<Record<'folder' | 'snippet' | 'device', readonly string[]>>;
  /** A certificate profile that exists. */
  certProfile?: string;
}

const KEYS = spec.containers;
const containerRe = new RegExp(spec.containerPattern);
const validContainer = (v: unknown): v is string => typeof v === 'string' && containerRe.test(v) && [...v].length <= spec.containerMaxLength;

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Where a valid container value goes on the tenant: the same key when it has containers of it, else another key it has. */
export function tenantContainer(t: Tenant, key: string, value: string): [string, string] {
  const keys = KEYS.filter((k) => (t.containers[k]?.length ?? 0) > 0);
  const to = keys.includes(key as never) ? key : keys[hash(key) % keys.length]!;
  const list = t.containers[to as 'folder']!;
  return [to, list[hash(`${key}\u0000${value}`) % list.length]!];
}

/** A body (or an object to create first) with its valid container and certificate profile moved to the tenant's. */
export function tenantBody(t: Tenant, body: unknown): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const b = body as Record<string, unknown>;
  const present = KEYS.filter((k) => Object.hasOwn(b, k));
  const out: Record<string, unknown> = {};
  // Exactly one valid container: moved (two, or an invalid one, is the case's point: left alone).
  const move = present.length === 1 && validContainer(b[present[0]!]) ? tenantContainer(t, present[0]!, b[present[0]!] as string) : undefined;
  for (const [k, v] of Object.entries(b)) {
    if (move && k === present[0]) out[move[0]] = move[1];
    else if (k === 'mfa_cert_profile' && t.certProfile !== undefined && typeof v === 'string' && v !== '') out[k] = t.certProfile;
    else out[k] = v;
  }
  return out;
}

function tenantRequest(t: Tenant, req: ApiRequest): ApiRequest {
  const q = req.path.indexOf('?');
  let path = req.path;
  if (req.method === 'GET' && q !== -1) {
    const params = new URLSearchParams(req.path.slice(q + 1));
    const present = KEYS.filter((k) => params.has(k));
    const v = present.length === 1 ? params.get(present[0]!) : null;
    if (v !== null && validContainer(v)) {
      const [to, value] = tenantContainer(t, present[0]!, v);
      const next = new URLSearchParams();
      for (const [k, x] of params) next.append(k === present[0] ? to : k, k === present[0] ? value : x);
      path = `${req.path.slice(0, q)}?${next.toString()}`;
    }
  }
  let body = req.body;
  if (typeof body === 'string') {
    let parsed: unknown;
    try { parsed = JSON.parse(body) as unknown; } catch { parsed = undefined; /* not JSON: sent as generated */ }
    const moved = tenantBody(t, parsed);
    if (parsed !== undefined && JSON.stringify(moved) !== JSON.stringify(parsed)) body = sameSize(body, rewrite(body, parsed as Record<string, unknown>, moved as Record<string, unknown>));
  }
  return { ...req, path, ...(body !== undefined && { body }) };
}

const quote = (v: string): string => JSON.stringify(v).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The body's text with only the moved members changed: whitespace, key order,
 * duplicate keys and number spellings stay as generated (a 1 MiB body padded
 * with spaces, a timeout written 30.0 keep their point). A member the text
 * spells in a way this cannot find (escapes) gets the body re-serialised.
 */
function rewrite(text: string, from: Record<string, unknown>, to: Record<string, unknown>): string {
  let out = text;
  const fromKeys = Object.keys(from);
  const toKeys = Object.keys(to);
  for (let i = 0; i < fromKeys.length; i++) {
    const k = fromKeys[i]!;
    const nk = toKeys[i]!;
    if (k === nk && from[k] === to[nk]) continue;
    if (typeof from[k] !== 'string' || typeof to[nk] !== 'string') return JSON.stringify(to);
    const re = new RegExp(`${quote(k)}(\\s*):(\\s*)${quote(from[k] as string)}`, 'g');
    let hits = 0;
    out = out.replace(re, (_m, a: string, b: string) => { hits++; return `${JSON.stringify(nk)}${a}:${b}${JSON.stringify(to[nk])}`; });
    if (hits === 0) return JSON.stringify(to);
  }
  return out;
}

/**
 * A body padded with trailing spaces to a size (format.large-body at 1 MiB,
 * payload-too-large one byte over: generate/mutations/bodyFormatMutation.ts)
 * keeps its size: the padding takes up what the tenant's names added or freed.
 */
function sameSize(before: string, after: string): string {
  const delta = Buffer.byteLength(before, 'utf8') - Buffer.byteLength(after, 'utf8');
  const pad = /\s*$/.exec(before)![0].length;
  if (delta === 0 || pad === 0) return after;
  if (delta > 0) return after + ' '.repeat(delta);
  const trailing = /\s*$/.exec(after)![0].length;
  return -delta <= trailing ? after.slice(0, after.length + delta) : after;
}

/** A case as it is sent to a tenant. */
export function forTenant(t: Tenant, c: GenCase): GenCase {
  const out: GenCase = { ...c, request: tenantRequest(t, c.request) };
  if (c.needs && typeof c.needs === 'object') out.needs = { existing: c.needs.existing.map((e) => tenantBody(t, e) as Record<string, unknown>) };
  return out;
}

// Body-format rules (semantics.md "POST" format checks and "Open points: Body
// and format"): Content-Type not application/json, Accept that admits no
// JSON, empty body, body that is not JSON, body over 1 MiB. Each starts from
// a valid body and changes only the headers or the bytes, so no body rule is
// broken as well. The open points among them (no Content-Type, Accept with
// q=0, a body between 64 KiB and 1 MiB) carry their own labels.
import fc from 'fast-check';
import { apiRequest, COLLECTION } from '../apiRequest.ts';
import { genCase, type GenCase, type GenContext } from '../genCase.ts';
import { validCreate } from '../validCase.ts';
import { fixedBody, validBody, type ValidBody } from '../validBody.ts';
import { mutatedCreate } from './mutatedCreate.ts';
import { malformedJson, FIXED_MALFORMED } from './malformedJson.ts';

export const BAD_CONTENT_TYPES = ['text/plain', 'application/xml', 'application/json-patch+json', 'application/x-www-form-urlencoded', 'text/json'] as const;
export const GOOD_CONTENT_TYPES = ['application/json; charset=utf-8', 'application/json;charset=UTF-8', 'application/json ; charset=utf-8'] as const;
export const BAD_ACCEPTS = ['application/xml', 'text/html', 'text/plain, image/png', 'text/html;q=0.9, application/xml'] as const;
export const GOOD_ACCEPTS = ['*/*', 'application/*', 'text/html, application/json;q=0.5', 'application/json; charset=utf-8', ''] as const;
export const MAX_BODY_BYTES = 1_048_576;
/** semantics.md Open points: "up to 64 KiB must be processed as usual". */
export const ALWAYS_PROCESSED_BYTES = 65_536;

const raw = (ctx: GenContext, label: string, b: ValidBody, body: string | Uint8Array, boundary = false): GenCase =>
  genCase(label, apiRequest(ctx, 'POST', COLLECTION, body), { vendor: b.vendor, container: b.container, boundary });

export function bodyFormatMutation(ctx: GenContext): fc.Arbitrary<GenCase> {
  const body = validBody(ctx);
  return fc.oneof(
    fc.tuple(body, fc.constantFrom(...BAD_CONTENT_TYPES))
      .map(([b, ct]) => mutatedCreate(ctx, 'format.content-type', b, b.body, false, { 'content-type': ct })),
    fc.tuple(body, fc.constantFrom(...BAD_ACCEPTS)).map(([b, a]) => mutatedCreate(ctx, 'format.accept', b, b.body, false, { accept: a })),
    fc.tuple(body, fc.constantFrom(...BAD_ACCEPTS)).map(([b, a]) => genCase('format.accept-read', apiRequest(ctx, 'GET', `${COLLECTION}?${new URLSearchParams({ [b.container]: b.body[b.container] as string, position: 'pre' })}`, undefined, { accept: a }), { container: b.container })),
    fc.tuple(body, malformedJson()).map(([b, m]) => raw(ctx, 'format.malformed-json', b, m(JSON.stringify(b.body)))),
    body.map((b) => raw(ctx, 'format.missing-body', b, '')),
  );
}

/** Pads a JSON text with trailing spaces (insignificant JSON whitespace) to exactly `bytes` UTF-8 bytes. */
export function padTo(json: string, bytes: number): string {
  return json + ' '.repeat(bytes - Buffer.byteLength(json, 'utf8'));
}

export function bodyFormatBoundaryCases(ctx: GenContext, nextName: () => string): GenCase[] {
  const out: GenCase[] = [];
  const next = (): ValidBody => fixedBody(nextName(), 'folder', 'okta_adaptive_v1');
  for (const ct of BAD_CONTENT_TYPES) { const b = next(); out.push(mutatedCreate(ctx, 'format.content-type', b, b.body, true, { 'content-type': ct })); }
  for (const ct of GOOD_CONTENT_TYPES) { const b = next(); out.push(genCase('valid', apiRequest(ctx, 'POST', COLLECTION, JSON.stringify(b.body), { 'content-type': ct }), { vendor: b.vendor, container: b.container, boundary: true })); }
  for (const a of BAD_ACCEPTS) { const b = next(); out.push(mutatedCreate(ctx, 'format.accept', b, b.body, true, { accept: a })); }
  for (const a of GOOD_ACCEPTS) { const b = next(); out.push(mutatedCreate(ctx, 'valid', b, b.body, true, { accept: a })); }
  // Accept applies to every operation, at should on reads (semantics.md Open points).
  out.push(genCase('format.accept-read', apiRequest(ctx, 'GET', `${COLLECTION}?folder=Shared&position=pre`, undefined, { accept: 'application/xml' }), { boundary: true }));
  for (const m of FIXED_MALFORMED) { const b = next(); out.push(raw(ctx, 'format.malformed-json', b, m(JSON.stringify(b.body)), true)); }
  const empty = next();
  out.push(raw(ctx, 'format.missing-body', empty, '', true));
  // The size edges: 64 KiB is always processed; above it, and up to 1 MiB, 413 or processing both pass; one byte over 1 MiB is 413 (should).
  const small = next();
  out.push(validCreate(ctx, small, true));
  out[out.length - 1]!.request.body = padTo(JSON.stringify(small.body), ALWAYS_PROCESSED_BYTES);
  for (const size of [ALWAYS_PROCESSED_BYTES + 1, MAX_BODY_BYTES]) {
    const b = next();
    out.push(raw(ctx, 'format.large-body', b, padTo(JSON.stringify(b.body), size), true));
  }
  const big = next();
  out.push(raw(ctx, 'format.payload-too-large', big, padTo(JSON.stringify(big.body), MAX_BODY_BYTES + 1), true));
  return out;
}

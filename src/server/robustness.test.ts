// Never a 5xx: random methods, paths, headers and bodies (fast-check), each
// answered with a JSON 4xx or 200, and the server still up afterwards.
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type RunningServer } from './startServer.ts';
import { client } from './testing.ts';

let srv: RunningServer;
beforeAll(async () => {
  srv = await startServer({});
});
afterAll(() => srv.close());

const method = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD');
const segment = fc.oneof(
  fc.constantFrom('mfa-servers', '', '%', '%zz', '%E0%A4%A', '..', '__proto__', 'constructor', '123e4567-e89b-12d3-a456-426655440000'),
  fc.string({ maxLength: 8 }).map(encodeURIComponent),
);
const path = fc.tuple(fc.array(segment, { maxLength: 3 }), fc.string({ maxLength: 20 })).map(
  ([segs, q]) => `/mfa-servers${segs.length ? '/' : ''}${segs.join('/')}?${encodeURIComponent(q).replace(/%3D/g, '=').replace(/%26/g, '&')}`,
);
const headerValue = fc.string({ maxLength: 30 }).map((s) => s.replace(/[^\x20-\x7e]/g, ''));
const headers = fc.record(
  {
    authorization: fc.oneof(fc.constantFrom('Bearer dev-token', 'bearer dev-token', 'Bearer dev-read-only-token'), headerValue),
    'content-type': fc.oneof(fc.constant('application/json'), headerValue),
    accept: fc.oneof(fc.constant('*/*'), headerValue),
  },
  { requiredKeys: [] },
);
const json = fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v));
const body = fc.oneof(
  fc.constant(undefined),
  json,
  fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)),
  json.map((j) => `{"name":"n","mfa_cert_profile":"c","folder":"F","mfa_vendor_type":${j}}`),
  json.map((j) => `{"__proto__":${j},"name":${j},"folder":"F","mfa_cert_profile":"c"}`),
);

it('answers every random request with a JSON status below 500', async () => {
  const send = client(srv.url);
  await fc.assert(
    fc.asyncProperty(method, path, headers, body, async (m, p, h, b) => {
      const res = await send({ method: m, path: p, headers: { authorization: undefined, ...h }, body: b });
      expect(res.status).toBeLessThan(500);
      expect(res.headers['content-type']).toBe('application/json');
      if (m !== 'HEAD') expect(res.json).toBeTypeOf('object');
    }),
    { numRuns: 400 },
  );
  expect((await send({ path: '/mfa-servers?folder=F' })).status).toBe(200);
});

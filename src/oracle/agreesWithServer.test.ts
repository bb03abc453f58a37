// The oracle and the reference server, written independently from
// semantics.md, agree on >= 10,000 varied requests: the server's answer must
// be exactly an expected outcome (status, code, message, body), with no
// warning either, since the server implements every should. Then the same
// property must FAIL against servers with one rule broken.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../server/startServer.ts';
import { Transport } from '../transport/transport.ts';
import { evaluateExchange } from '../runner/evaluateExchange.ts';
import { StateTracker } from '../runner/stateTracker.ts';
import { spec } from '../spec/model.ts';
import type { ApiRequest } from '../spec/types.ts';
import { predict } from './predict.ts';

const CFG = { tokens: ['rw'], readOnlyTokens: ['ro'], expiredTokens: ['old'], profile: 'default' as const };
const SEED = Number(process.env['AGREEMENT_SEED'] ?? 20261128);

// A simple request generator (the full generators live in src/generate):
// every field drawn from a menu of valid and broken values.
// Valid values are weighted up so that many bodies break exactly one rule.
const containerValue = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('Shared', 'Shared', 'a', 'A-b_c.d e', 'x'.repeat(64)) },
  { weight: 2, arbitrary: fc.constantFrom('x'.repeat(65), '', 'a/b', 'a\n', 'ü', 'a@b', '😀') },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9_. -]{1,70}$/) },
);
const anyJson = fc.constantFrom<unknown>(null, true, 1, 30.5, 'str', [], {}, '30');
const str = (min: number) => fc.oneof(
  { weight: 8, arbitrary: fc.string({ minLength: min, maxLength: min + 3 }) },
  { weight: 1, arbitrary: fc.string({ minLength: Math.max(0, min - 2), maxLength: min - 1 }) },
  { weight: 1, arbitrary: fc.constant('😀'.repeat(min)) },
  { weight: 1, arbitrary: anyJson },
);
const vendorField = (f: (typeof spec.vendors)[number]['fields'][number]) =>
  f.type === 'integer'
    ? fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 5, max: 600 }) }, { weight: 2, arbitrary: fc.constantFrom(4, 5, 600, 601, 0, -1, 30.5, 1e12) }, { weight: 1, arbitrary: anyJson })
    : str(f.minLength ?? 1);
const vendorObject = (v: (typeof spec.vendors)[number]) =>
  fc.record(Object.fromEntries(v.fields.map((f) => [f.name, vendorField(f)])), { requiredKeys: [] });
const vendorType = fc.oneof(
  { weight: 8, arbitrary: fc.oneof(...spec.vendors.map((v) => vendorObject(v).map((o) => ({ [v.name]: o })))) },
  { weight: 1, arbitrary: fc.constant({}) },
  { weight: 1, arbitrary: fc.tuple(vendorObject(spec.vendors[0]!), vendorObject(spec.vendors[3]!)).map(([a, b]) => ({ okta_adaptive_v1: a, duo_security_v2: b })) },
  { weight: 1, arbitrary: vendorObject(spec.vendors[2]!).map((o) => ({ rsa_securid_access_v1: o, extra: 1 })) },
  { weight: 1, arbitrary: anyJson },
);
const names = fc.constantFrom('n1', 'n2', 'n3', '', 'ñame 😀');
const body = fc.record({
  name: fc.oneof({ weight: 8, arbitrary: names }, { weight: 1, arbitrary: anyJson }),
  mfa_cert_profile: fc.oneof({ weight: 8, arbitrary: fc.constant('cp') }, { weight: 1, arbitrary: anyJson }),
  mfa_vendor_type: vendorType, id: fc.constant('client-id'), extra: anyJson,
}, { requiredKeys: ['name', 'mfa_cert_profile'] }).chain((b) => fc.oneof(
  // Mostly exactly one container; sometimes none, two or three.
  { weight: 8, arbitrary: fc.tuple(fc.constantFrom(...spec.containers), containerValue).map(([k, v]) => ({ ...b, [k]: v })) },
  { weight: 1, arbitrary: fc.constant(b) },
  { weight: 1, arbitrary: fc.tuple(containerValue, containerValue).map(([f, d]) => ({ ...b, folder: f, device: d })) },
  { weight: 1, arbitrary: fc.tuple(containerValue, containerValue, containerValue).map(([f, sn, d]) => ({ ...b, folder: f, snippet: sn, device: d })) },
));
const rawBody = fc.oneof(
  { weight: 8, arbitrary: body.map((b) => JSON.stringify(b)) },
  { weight: 1, arbitrary: fc.constantFrom('', '{', '[]', 'null', '  ', '{"name":', 'not json', '"str"') },
);

const request = (ids: () => string[]): fc.Arbitrary<ApiRequest> => fc.record({
  // The method mostly fits the path (so bodies get validated); sometimes not.
  method: fc.oneof({ weight: 8, arbitrary: fc.constantFrom('fit', 'fit', 'fit-write') }, { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS') }),
  target: fc.oneof(
    { weight: 3, arbitrary: fc.constant('collection') },
    { weight: 3, arbitrary: fc.constant('known') },
    { weight: 1, arbitrary: fc.constantFrom('00000000-0000-4000-8000-000000000000', 'not-a-uuid', '%zz', '') },
    { weight: 1, arbitrary: fc.constantFrom('/other', '/mfa-servers/a/b') },
  ),
  query: fc.constantFrom('', '?folder=Shared', '?folder=Shared&name=n1', '?snippet=Shared&limit=1&offset=1', '?device=a&limit=-1', '?folder=a&offset=x', '?folder=a&snippet=b', '?name=n1', '?folder=Shared&position=post'),
  auth: fc.oneof(
    { weight: 6, arbitrary: fc.constant('Bearer rw') },
    { weight: 3, arbitrary: fc.constantFrom('bearer rw', 'Bearer ro', 'Bearer old', 'Bearer nope', 'Basic rw', '', undefined, `Bearer ${'k'.repeat(8193)}`) },
  ),
  contentType: fc.constantFrom('application/json', 'application/json', 'application/json', 'application/json; charset=utf-8', 'text/plain', undefined),
  accept: fc.constantFrom(undefined, undefined, undefined, undefined, undefined, 'application/json', '*/*', 'application/xml', 'text/html, application/*'),
  body: rawBody,
  pick: fc.nat(),
}).map((r) => {
  const known = ids();
  const method = r.method === 'fit' ? (r.target === 'collection' ? (r.pick % 3 === 0 ? 'GET' : 'POST') : ['GET', 'PUT', 'PUT', 'DELETE'][r.pick % 4]!)
    : r.method === 'fit-write' ? (r.target === 'collection' ? 'POST' : 'PUT') : r.method;
  const path = r.target === 'collection' ? `/mfa-servers${method === 'GET' ? r.query : ''}`
    : r.target === 'known' ? (known.length ? `/mfa-servers/${known[r.pick % known.length]}` : '/mfa-servers/00000000-0000-4000-8000-000000000001')
    : r.target.startsWith('/') ? r.target : `/mfa-servers/${r.target}`;
  const headers: Record<string, string> = {};
  if (r.auth !== undefined) headers['authorization'] = r.auth;
  if (r.contentType !== undefined) headers['content-type'] = r.contentType;
  if (r.accept !== undefined) headers['accept'] = r.accept;
  const req: ApiRequest = { method, path, headers };
  if (method === 'POST' || method === 'PUT') req.body = r.body;
  return req;
});

async function disagreements(baseUrl: string, numRuns: number, faulty = false): Promise<fc.RunDetails<[ApiRequest]>> {
  const transport = new Transport({ baseUrl, connections: 1 });
  const state = new StateTracker();
  try {
    return await fc.check(fc.asyncProperty(request(() => state.ids()), async (req) => {
      const prediction = predict(req, state, CFG);
      const ex = await transport.send(req);
      state.apply(ex);
      const verdicts = evaluateExchange(ex, prediction, true);
      if (verdicts.length > 0 && !faulty) throw new Error(`${verdicts[0]!.check}: ${verdicts[0]!.summary}\n${JSON.stringify(req).slice(0, 600)}\n${ex.response?.body.slice(0, 300)}`);
      return verdicts.length === 0;
    }), { seed: SEED, numRuns });
  } finally {
    await transport.close();
  }
}

describe('oracle and reference server agree', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => { server = await startServer({ tokens: ['rw'], readOnlyTokens: ['ro'], expiredTokens: ['old'] }); });
  afterAll(async () => { await server.close(); });

  it(`on 10,000 varied requests (seed ${SEED})`, async () => {
    const details = await disagreements(server.url, 10_000);
    expect(details.failed, details.errorInstance ? String(details.errorInstance) : '').toBe(false);
    expect(details.numRuns).toBe(10_000);
  });
});

describe('the agreement test fails when one server rule is broken', () => {
  it.each(['container-regex-unanchored', 'timeout-601-accepted', 'two-vendors-accepted', 'duplicate-name-accepted', 'read-only-can-write', 'wrong-invalid-object-code', 'list-negative-limit-accepted'])('%s', async (fault) => {
    const server = await startServer({ tokens: ['rw'], readOnlyTokens: ['ro'], expiredTokens: ['old'], faults: [fault] });
    try {
      const details = await disagreements(server.url, 10_000, true);
      expect(details.failed).toBe(true);
    } finally {
      await server.close();
    }
  });
});

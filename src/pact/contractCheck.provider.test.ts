// The contract check: recorded responses judged by Pact's own engine against
// the consumer contract (contractCheck.ts). Provider project: it reads the
// pact the consumer project writes.
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Exchange } from '../runner/results.ts';
import type { ApiRequest } from '../spec/types.ts';
import { startServer } from '../server/startServer.ts';
import { Session } from '../runner/session.ts';
import { createClient } from './client.ts';
import { checkAgainstContract, exportPact } from './contractCheck.ts';
import { regressionPact } from './exportPact.ts';
import { startBrokenTarget } from './testTargets.ts';

const TOKEN = 'contract-check-token-93be';
let server: Awaited<ReturnType<typeof startServer>>;
const closers: (() => Promise<void>)[] = [];
beforeAll(async () => {
  server = await startServer({ port: 0, tokens: [TOKEN] });
  closers.push(server.close);
});
afterAll(async () => {
  for (const c of closers.reverse()) await c();
});

/** A small fuzz-like mix: valid creates of each vendor, invalid bodies, lists, gets, auth failures. */
async function traffic(base: string, rounds: number): Promise<Exchange[]> {
  const c = createClient({ baseUrl: base, token: TOKEN });
  const anon = createClient({ baseUrl: base });
  const out: Exchange[] = [];
  const record = async (request: ApiRequest, call: () => Promise<{ status: number; headers: Record<string, string>; text: string }>): Promise<string> => {
    const t0 = performance.now();
    const r = await call();
    out.push({ request, response: { status: r.status, headers: r.headers, body: r.text }, ms: performance.now() - t0 });
    return r.text;
  };
  const h = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
  const vendors = [
    { okta_adaptive_v1: { okta_api_host: 'example.okta.com', okta_token: 'super-secret-okta' } },
    { duo_security_v2: { duo_api_host: 'api-1234.duosecurity.com' } },
    undefined,
  ];
  for (let i = 0; i < rounds; i++) {
    const body: Record<string, unknown> = { name: `n-${i}`, mfa_cert_profile: 'p', folder: 'F' };
    const v = vendors[i % vendors.length];
    if (v) body['mfa_vendor_type'] = v;
    const created = await record({ method: 'POST', path: '/mfa-servers', headers: h, body: JSON.stringify(body) }, () => c.create(body));
    const id = (JSON.parse(created) as { id?: string }).id ?? 'x';
    await record({ method: 'GET', path: `/mfa-servers/${id}`, headers: h }, () => c.get(id));
    const bad = { name: `n-${i}`, folder: 'a/b', mfa_cert_profile: 'p' };
    await record({ method: 'POST', path: '/mfa-servers', headers: h, body: JSON.stringify(bad) }, () => c.create(bad));
    await record({ method: 'POST', path: '/mfa-servers', headers: h, body: JSON.stringify(body) }, () => c.create(body)); // 409
    await record({ method: 'GET', path: '/mfa-servers?folder=F', headers: h }, () => c.list({ folder: 'F' }));
    await record({ method: 'GET', path: '/mfa-servers/00000000-0000-4000-8000-000000000000', headers: h }, () => c.get('00000000-0000-4000-8000-000000000000'));
    await record({ method: 'GET', path: '/mfa-servers?folder=F', headers: {} }, () => anon.list({ folder: 'F' }));
    await record({ method: 'GET', path: '/mfa-servers', headers: h }, () => c.send('GET', '/mfa-servers')); // Missing Query Parameter: no interaction
  }
  return out;
}

describe('checkAgainstContract', () => {
  it('finds nothing in the reference server\'s responses, one representative per class and shape', async () => {
    const ex = await traffic(server.url, 30);
    const r = await checkAgainstContract(ex, { seed: 1 });
    expect(r.findings).toEqual([]);
    expect(r.classes).toBe(8); // 200 create, 200 get, 200 list, 400 Invalid Object, 400 Missing Query Parameter, 401, 404, 409
    // 400 E003 Missing Query Parameter: folder has no interaction today; the contract may grow one.
    expect(r.skippedClasses).toBeLessThanOrEqual(1);
    expect(r.checked).toBeGreaterThanOrEqual(7);
    expect(r.checked).toBeLessThan(15);
    console.info(`contract check, reference server: ${ex.length} exchanges, ${r.classes} classes, ${r.checked} checked, ${r.ms} ms`);
  });

  it('reports a finding for error envelopes without _request_id although status and code are right', async () => {
    const t = await startBrokenTarget(server.url, 'strip-request-id');
    closers.push(t.close);
    const ex = await traffic(t.url, 3);
    const r = await checkAgainstContract(ex, { seed: 7, secrets: [TOKEN] });
    const keys = r.findings.map((f) => f.summary.split(' / ')[0]);
    expect(keys.sort()).toEqual(['Received: 400 E003 Invalid Object', 'Received: 401 E016 Not Authenticated', 'Received: 404 E005 Object Not Present', 'Received: 409 E006 Name Not Unique']);
    for (const f of r.findings) {
      expect(f).toMatchObject({ check: 'pact', severity: 'failure', strength: 'must', seed: 7 });
      expect(f.summary).toContain('_request_id');
      expect(f.summary).not.toContain('\n');
      expect(JSON.stringify(f)).not.toContain(TOKEN);
    }
    expect(r.findings.find((f) => f.summary.includes('409'))!.rule).toBe('uniqueness.name');
  });

  it('reports a wrong code for a known situation (E004 where the contract pins E003)', async () => {
    const t = await startBrokenTarget(server.url, 'code-e003-to-e004');
    closers.push(t.close);
    const r = await checkAgainstContract(await traffic(t.url, 2), { seed: 3 });
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]!.summary).toMatch(/^Received: 400 E004 Invalid Object \/ Expected: 400 E003 \(Invalid Object\) \/ .*Expected 'E004' \(String\) to be equal to 'E003'/);
  });

  it('exports findings as a V4 regression pact without secrets, from their expected outcome as data', async () => {
    const t = await startBrokenTarget(server.url, 'strip-request-id');
    closers.push(t.close);
    // The runner's hooks: what the oracle allows each request on an empty target, and the Authorization form sent.
    const session = new Session({ send: () => Promise.reject(new Error('not sent')), urlOf: (q) => q.path, seed: 9, strict: false, token: TOKEN });
    const r = await checkAgainstContract(await traffic(t.url, 2), { seed: 9, secrets: [TOKEN], replayFacts: (ex) => session.replayFacts(ex) });
    const file = join(tmpdir(), `mfa-export-${process.pid}.json`);
    const { written, notWritten } = exportPact(r.findings, file, [TOKEN]);
    // The 409 needs the object the traffic created first, a 404 of the id "x" (a create that failed) is one answer of several: said, not written.
    const said = new Map(r.findings.map((f) => [f, regressionPact([f]).notWritten[0]?.reasons[0]]));
    const of = (status: number): Array<string | undefined> => r.findings.filter((f) => f.response?.status === status).map((f) => said.get(f));
    expect(of(409)).toEqual([expect.stringMatching(/depends on objects the target held/)]);
    for (const status of [400, 401]) expect(of(status)).toEqual([undefined]);
    expect(written).toBe([...said.values()].filter((x) => x === undefined).length);
    expect(notWritten.reduce((n, k) => n + k.count, 0)).toBe(r.findings.length - written);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('super-secret-okta');
    const pact = JSON.parse(text) as { metadata: { pactSpecification: { version: string } }; interactions: { response: { status: number; matchingRules: { body: Record<string, unknown> } } }[] };
    expect(pact.metadata.pactSpecification.version).toBe('4.0');
    expect(pact.interactions.map((i) => i.response.status)).toEqual(expect.arrayContaining([400, 401]));
    expect(Object.keys(pact.interactions[0]!.response.matchingRules.body)).toContain('$._request_id');
  });
});

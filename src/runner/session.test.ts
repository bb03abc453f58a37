// Findings never carry a secret: not the token, not a secret field's value,
// even where a target echoes that value into another field. On a long run
// the state stays bounded: past liveObjects a case deletes what it made.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomCase } from '../generate/index.ts';
import { startServer } from '../server/startServer.ts';
import type { ApiRequest } from '../spec/types.ts';
import { Transport } from '../transport/transport.ts';
import type { Exchange } from './results.ts';
import { Session } from './session.ts';

const SECRET = 'okta-secret-value-123';

/** A target that accepts anything and echoes the okta_token into `name`. */
const leaky = async (request: ApiRequest): Promise<Exchange> => {
  const sent = JSON.parse(String(request.body)) as { mfa_vendor_type?: { okta_adaptive_v1?: { okta_token?: string } } };
  const token = sent.mfa_vendor_type?.okta_adaptive_v1?.okta_token;
  return { request, ms: 1, response: { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: '1', name: `echo ${token}`, note: token }) } };
};

describe('Session findings', () => {
  it('redact the token and an echoed secret field value', async () => {
    const s = new Session({ send: leaky, urlOf: (r) => `http://t${r.path}`, seed: 1, strict: false, token: 'tok-abcdef-1' });
    const req: ApiRequest = {
      method: 'POST', path: '/mfa-servers', headers: { authorization: 'Bearer tok-abcdef-1', 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'n', mfa_cert_profile: 'c', folder: 'F', mfa_vendor_type: { okta_adaptive_v1: { okta_token: SECRET } } }),
    };
    const { verdicts } = await s.exec(req, { boundary: false });
    expect(verdicts.length).toBeGreaterThan(0); // the echo breaks the success body
    const text = JSON.stringify(s.findings);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('tok-abcdef-1');
    expect(s.secretsFor(s.findings)).toContain(SECRET);
  });
});

describe('Session state on a long run', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let transport: Transport;
  beforeAll(async () => {
    server = await startServer({ tokens: ['rw'], readOnlyTokens: ['ro'], expiredTokens: ['old'] });
    transport = new Transport({ baseUrl: server.url, connections: 2 });
  });
  afterAll(async () => { await transport.close(); await server.close(); });

  it('past liveObjects, each case deletes what it made: the state and the target hold liveObjects objects, and the cases still pass', async () => {
    const s = new Session({ send: (r) => transport.send(r), urlOf: (r) => transport.urlOf(r), seed: 5, strict: true, token: 'rw', readOnlyToken: 'ro', expiredToken: 'old', liveObjects: 5 });
    const failures: string[] = [];
    for (const c of fc.sample(randomCase(s.ctx), { seed: 5, numRuns: 150 })) {
      const r = await s.runCase(c);
      for (const v of r.verdicts) if (v.severity === 'failure') failures.push(`${c.label}: ${v.summary}`);
      expect(s.state.size).toBeLessThanOrEqual(5);
    }
    expect(failures).toEqual([]);
    expect(s.retired).toBeGreaterThan(20);
    // What the state knows is what the target holds: every object it keeps is there, and no other.
    expect(server.objects()).toBe(s.state.size);
    for (const id of s.state.ids()) expect((await transport.send({ method: 'GET', path: `/mfa-servers/${id}`, headers: { authorization: 'Bearer rw' } })).response?.status).toBe(200);
  });
});

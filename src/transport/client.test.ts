// The client's promises (issue "Real tenants and real clients" 1-2), each
// against a scripted local endpoint: one token shared by every request and
// refreshed before it expires; Basic, then form fields when Basic is refused;
// a refused token request names the endpoint's error, never the secret; a
// Key Expired (or a 401 for an old token) is refreshed once and resent; 429s
// are waited out (Retry-After in seconds or as a date), bounded, and slow the
// requests in flight; no real token reaches an exchange.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { HarnessError } from '../spec/errors.ts';
import { Client } from './client.ts';
import { ClientCredentials, retryAfterMs } from './tokenSource.ts';
import { Transport } from './transport.ts';

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;
const servers: Array<() => Promise<void>> = [];
afterEach(async () => { for (const close of servers.splice(0)) await close(); });

async function scripted(handler: Handler): Promise<string> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString(); });
    req.on('end', () => handler(req, body, res));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push(() => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('ClientCredentials', () => {
  it('fetches one token for many concurrent callers, and refreshes it past 80% of expires_in without making callers wait', async () => {
    let asked = 0;
    let now = 0;
    const url = await scripted((_req, _body, res) => { asked++; json(res, 200, { access_token: `tok-${asked}`, token_type: 'Bearer', expires_in: 10 }); });
    const id = new ClientCredentials({ label: 'test client', authUrl: `${url}/oauth2/access_token`, clientId: 'cid', clientSecret: 'csecret', scope: 'tsg_id:1', now: () => now });
    const tokens = await Promise.all(Array.from({ length: 20 }, () => id.token()));
    expect(new Set(tokens)).toEqual(new Set(['tok-1']));
    expect(asked).toBe(1);
    now = 7_900;
    expect(await id.token()).toBe('tok-1');
    expect(asked).toBe(1);
    now = 8_100; // past 80%: the current token is still answered, a new one is fetched beside
    expect(await id.token()).toBe('tok-1');
    await sleep(50);
    expect(asked).toBe(2);
    expect(await id.token()).toBe('tok-2');
    expect(id.refreshes).toBe(1);
  });

  it('sends Basic first and form fields when Basic is refused, then keeps to what worked', async () => {
    const seen: string[] = [];
    const url = await scripted((req, body, res) => {
      const basic = req.headers.authorization?.startsWith('Basic ');
      seen.push(basic ? 'basic' : /client_secret=/.test(body) ? 'form' : 'none');
      if (basic) return json(res, 401, { error: 'invalid_client', error_description: 'use the form' });
      if (!/grant_type=client_credentials/.test(body) || !/scope=tsg_id%3A42/.test(body)) return json(res, 400, { error: 'invalid_request' });
      json(res, 200, { access_token: 't', expires_in: 1 });
    });
    const id = new ClientCredentials({ label: 'c', authUrl: url, clientId: 'cid', clientSecret: 's', scope: 'tsg_id:42' });
    await id.token();
    await id.refresh();
    expect(seen).toEqual(['basic', 'form', 'form']);
  });

  it('a refused request is AUTH_FAILED with the endpoint\'s error and error_description, never the secret', async () => {
    const url = await scripted((_req, _body, res) => json(res, 401, { error: 'invalid_client', error_description: 'client authentication failed for s3cr3t-value' }));
    const id = new ClientCredentials({ label: 'read-write client', authUrl: url, clientId: 'cid', clientSecret: 's3cr3t-value', scope: 'tsg_id:1', style: 'basic' });
    const e = await id.token().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(HarnessError);
    expect((e as HarnessError).code).toBe('AUTH_FAILED');
    expect((e as Error).message).toMatch(/refused the read-write client: 401 invalid_client: client authentication failed/);
    expect((e as Error).message).not.toContain('s3cr3t-value');
  });

  it('a 429 from the token endpoint (its cap on requests in flight) is waited out', async () => {
    let n = 0;
    const url = await scripted((_req, _body, res) => (++n < 3 ? json(res, 429, { error: 'slow_down' }, { 'retry-after': '0' }) : json(res, 200, { access_token: 'ok', expires_in: 900 })));
    const id = new ClientCredentials({ label: 'c', authUrl: url, clientId: 'a', clientSecret: 'b', scope: 'tsg_id:1', style: 'basic' });
    expect(await id.token()).toBe('ok');
    expect(n).toBe(3);
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates, and backs off exponentially with jitter without one', () => {
    expect(retryAfterMs('2', 1)).toBe(2_000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 1, 7_000)).toBe(3_000);
    for (const attempt of [1, 2, 3, 4]) {
      const ms = retryAfterMs(undefined, attempt);
      const base = 200 * 2 ** (attempt - 1);
      expect(ms).toBeGreaterThanOrEqual(base / 2);
      expect(ms).toBeLessThanOrEqual(base);
    }
  });
});

describe('Client', () => {
  it('resends after 429 and 503 + Retry-After, counts it, halves the requests in flight, never shows the real token', async () => {
    let calls = 0;
    const auth: string[] = [];
    const base = await scripted((req, _body, res) => {
      if (req.url === '/token') return json(res, 200, { access_token: 'real-token-123', expires_in: 900 });
      auth.push(req.headers.authorization ?? '');
      calls++;
      if (calls === 1) return json(res, 429, { _errors: [{ code: 'E429', message: 'Too Many Requests' }] }, { 'retry-after': '0' });
      if (calls === 2) return json(res, 503, { _errors: [] }, { 'retry-after': new Date(Date.now() - 1000).toUTCString() });
      json(res, 200, { echoed: req.headers.authorization });
    });
    const id = new ClientCredentials({ label: 'c', authUrl: `${base}/token`, clientId: 'a', clientSecret: 'b', scope: 'tsg_id:1' });
    const transport = new Transport({ baseUrl: base, connections: 4, timeoutMs: 5_000 });
    const client = new Client(transport, { identities: { 'oauth-read-write': id }, concurrency: 8 });
    const ex = await client.send({ method: 'GET', path: '/x', headers: { authorization: 'Bearer oauth-read-write' } });
    await transport.close();
    expect(ex.response?.status).toBe(200);
    expect(auth).toEqual(['Bearer real-token-123', 'Bearer real-token-123', 'Bearer real-token-123']);
    // The target echoed the token: the exchange holds the placeholder, not the token.
    expect(ex.response?.body).toContain('oauth-read-write');
    expect(JSON.stringify(ex)).not.toContain('real-token-123');
    expect(client.stats.retried).toBe(2);
    expect(client.stats.slowestConcurrency).toBe(2);
  });

  it('a 429 that never ends is RATE_LIMITED after the bounded resends', async () => {
    let calls = 0;
    const base = await scripted((_req, _body, res) => { calls++; json(res, 429, {}, { 'retry-after': '0' }); });
    const transport = new Transport({ baseUrl: base, connections: 1, timeoutMs: 5_000 });
    const client = new Client(transport, { concurrency: 1, maxRetries: 3 });
    const e = await client.send({ method: 'GET', path: '/x', headers: {} }).catch((x: unknown) => x);
    await transport.close();
    expect((e as HarnessError).code).toBe('RATE_LIMITED');
    expect(calls).toBe(4);
  });

  it('Key Expired for its own token: one refresh, one resend; for a token made from it, the answer as it is', async () => {
    let issued = 0;
    const base = await scripted((req, _body, res) => {
      if (req.url === '/token') return json(res, 200, { access_token: `jwt-${++issued}`, expires_in: 900 });
      if (req.headers.authorization === 'Bearer jwt-1' || req.headers.authorization === 'Bearer jwt-1x') return json(res, 401, { _errors: [{ code: 'E016', message: 'Key Expired' }] });
      json(res, 200, {});
    });
    const id = new ClientCredentials({ label: 'c', authUrl: `${base}/token`, clientId: 'a', clientSecret: 'b', scope: 'tsg_id:1' });
    const transport = new Transport({ baseUrl: base, connections: 2, timeoutMs: 5_000 });
    const client = new Client(transport, { identities: { 'oauth-read-write': id }, concurrency: 2 });
    const bent = await client.send({ method: 'GET', path: '/x', headers: { authorization: 'Bearer oauth-read-writex' } });
    expect(bent.response?.status).toBe(401);
    expect(client.stats.reauthenticated).toBe(0);
    const ok = await client.send({ method: 'GET', path: '/x', headers: { authorization: 'Bearer oauth-read-write' } });
    await transport.close();
    expect(ok.response?.status).toBe(200);
    expect(client.stats.reauthenticated).toBe(1);
    expect(id.refreshes).toBe(1);
  });

  it('--rate-limit spaces the requests out', async () => {
    let served = 0;
    const base = await scripted((_req, _body, res) => { served++; json(res, 200, {}); });
    const transport = new Transport({ baseUrl: base, connections: 8, timeoutMs: 5_000 });
    const client = new Client(transport, { concurrency: 8, rateLimit: 20 });
    // Timed on the client from before the first send: a loaded machine can only make it longer. (Arrival
    // times at the server were not: a first request that arrived late made the spread look short.)
    const t0 = performance.now();
    await Promise.all(Array.from({ length: 6 }, () => client.send({ method: 'GET', path: '/x', headers: {} })));
    const elapsed = performance.now() - t0;
    await transport.close();
    expect(served).toBe(6);
    // Six requests at 20 per second: the last leaves at least 5 x 50 ms after the first.
    expect(elapsed).toBeGreaterThanOrEqual(245);
  });
});

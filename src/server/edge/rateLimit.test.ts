// serve --rate-limit N: more than N API requests within one second → 429
// with Retry-After and an E003 envelope, before anything else is done: the
// refused request has no effect.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../startServer.ts';
import { RateLimiter } from './rateLimit.ts';
import { basic, edgeClient, FORM, JSON_TYPE, mfaBody } from './testing.ts';

const API = '/config/identity/v1/mfa-servers';
const AUTH = { authorization: 'Bearer dev-token' };

describe('RateLimiter (a sliding window of one second)', () => {
  it('admits N in any second, refuses the next with the seconds to wait, and admits again once the oldest is a second old', () => {
    let t = 10_000;
    const rl = new RateLimiter(3, () => t);
    expect([rl.take(), rl.take()]).toEqual([undefined, undefined]);
    t += 500;
    expect(rl.take()).toBeUndefined();
    expect(rl.take()).toBe(1);
    t += 499; // the first two are 999 ms old
    expect(rl.take()).toBe(1);
    t += 1; // now 1000 ms: two slots free
    expect([rl.take(), rl.take(), rl.take()]).toEqual([undefined, undefined, 1]);
  });
});

describe('--rate-limit', () => {
  let now = 1_000_000;
  let srv: RunningServer;
  let send: ReturnType<typeof edgeClient>;
  beforeAll(async () => {
    srv = await startServer({ rateLimit: 3, oauth: { clients: [{ id: 'c', secret: 's' }] }, clock: () => now });
    send = edgeClient(srv);
  });
  afterAll(async () => {
    await send.close();
    await srv.close();
  });

  it('the 4th request in a second → 429, Retry-After, E003 envelope, and the create it carried did not happen', async () => {
    for (const name of ['a', 'b', 'c']) {
      expect((await send({ method: 'POST', path: API, headers: { ...AUTH, ...JSON_TYPE }, body: mfaBody(`rl-${name}`) })).status).toBe(200);
    }
    const refused = await send({ method: 'POST', path: API, headers: { ...AUTH, ...JSON_TYPE }, body: mfaBody('rl-d') });
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.headers['content-type']).toBe('application/json');
    expect(refused.json._errors[0]).toMatchObject({ code: 'E003', message: 'Too Many Requests' });
    expect(refused.json._request_id).toMatch(/^[0-9a-f-]{36}$/);
    // Refused before authentication too: a 429 says nothing about the token.
    expect((await send({ path: `${API}?folder=Shared`, headers: { authorization: 'Bearer wrong' } })).status).toBe(429);
    // Token requests are not API requests: not counted, not refused.
    const token = await send({ method: 'POST', path: '/oauth2/access_token', headers: { ...FORM, authorization: basic('c', 's') }, body: 'grant_type=client_credentials&scope=tsg_id:1' });
    expect(token.status).toBe(200);
    now += 1000;
    const list = await send({ path: `${API}?folder=Shared`, headers: AUTH });
    expect(list.status).toBe(200);
    expect(list.json.data.map((o: { name: string }) => o.name)).toEqual(['rl-a', 'rl-b', 'rl-c']);
  });
});

describe('--rate-limit on the real clock', () => {
  it('a burst of 20 at a limit of 5: at most 5 pass, the rest are 429 with Retry-After; a second later requests pass again', async () => {
    const srv = await startServer({ rateLimit: 5 });
    const send = edgeClient(srv);
    try {
      const start = Date.now();
      const res = await Promise.all(Array.from({ length: 20 }, () => send({ path: `${API}?folder=Shared`, headers: AUTH })));
      const elapsed = Date.now() - start;
      const passed = res.filter((r) => r.status === 200).length;
      if (elapsed < 1000) expect(passed).toBe(5);
      expect(res.every((r) => r.status === 200 || (r.status === 429 && r.headers['retry-after'] === '1'))).toBe(true);
      expect(res.filter((r) => r.status === 429).length).toBeGreaterThan(0);
      await new Promise((r) => setTimeout(r, 1050));
      expect((await send({ path: `${API}?folder=Shared`, headers: AUTH })).status).toBe(200);
    } finally {
      await send.close();
      await srv.close();
    }
  });
});

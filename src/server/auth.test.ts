// Authentication, routing, permission and their precedence (semantics.md
// "Authentication", "Precedence"; decisions.md "Authentication", "Routing").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './startServer.ts';
import { client, err, validBody } from './testing.ts';

let srv: RunningServer;
let send: ReturnType<typeof client>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

beforeAll(async () => {
  srv = await startServer({});
  send = client(srv.url);
});
afterAll(() => srv.close());

describe('startServer', () => {
  it('serves under /config/identity/v1 on 127.0.0.1', () => {
    expect(srv.url).toBe(`http://127.0.0.1:${srv.port}/config/identity/v1`);
  });
});

describe('authentication', () => {
  const list = '/mfa-servers?folder=Shared';
  const cases: Array<[string, string | undefined, string]> = [
    ['no header', undefined, 'Not Authenticated'],
    ['Basic scheme', 'Basic abc', 'Not Authenticated'],
    ['Bearer with no token', 'Bearer', 'Not Authenticated'],
    ['Bearer with spaces only', 'Bearer    ', 'Not Authenticated'],
    ['BearerX scheme', 'Bearerdev-token', 'Not Authenticated'],
    ['unknown token', 'Bearer nope', 'Invalid Credential'],
    ['expired token', 'Bearer dev-expired-token', 'Key Expired'],
    ['8193-character token', `Bearer ${'k'.repeat(8193)}`, 'Key Too Long'],
    ['8192-character unknown token', `Bearer ${'k'.repeat(8192)}`, 'Invalid Credential'],
  ];
  for (const [what, header, message] of cases) {
    it(`${what} → 401 ${message}`, async () => {
      const res = await send({ path: list, headers: { authorization: header } });
      expect(err(res)).toEqual([401, 'E016', message]);
      expect(res.headers['www-authenticate']).toBe('Bearer');
      expect(res.headers['content-type']).toBe('application/json');
      expect(res.json._request_id).toMatch(UUID);
      expect(res.json._errors[0].details).toEqual({});
    });
  }

  // Test names never hold a token (allure-vitest writes them into its results): the scheme's spelling names the case.
  it.each([['bearer', 'bearer dev-token'], ['BEARER', 'BEARER dev-token'], ['Bearer with extra spaces', 'Bearer   dev-token  ']])('%s is accepted', async (_name, h) => {
    const res = await send({ path: list, headers: { authorization: h } });
    expect(res.status).toBe(200);
  });

  it('read-only token may read', async () => {
    const res = await send({ path: list, headers: { authorization: 'Bearer dev-read-only-token' } });
    expect(res.status).toBe(200);
  });

  it('gives a fresh _request_id every time', async () => {
    const a = await send({ path: list, headers: { authorization: undefined } });
    const b = await send({ path: list, headers: { authorization: undefined } });
    expect(a.json._request_id).not.toBe(b.json._request_id);
  });

  it('comes before routing: unknown path without a token is 401', async () => {
    const res = await send({ path: '/nowhere', headers: { authorization: undefined } });
    expect(err(res)).toEqual([401, 'E016', 'Not Authenticated']);
  });

  it('custom tokens replace the defaults', async () => {
    const other = await startServer({ tokens: ['t1', 't2'], readOnlyTokens: ['r1'], expiredTokens: ['x1'] });
    try {
      const s = client(other.url);
      expect((await s({ path: list, headers: { authorization: 'Bearer t2' } })).status).toBe(200);
      expect(err(await s({ path: list, headers: { authorization: 'Bearer dev-token' } }))[2]).toBe('Invalid Credential');
      expect(err(await s({ path: list, headers: { authorization: 'Bearer x1' } }))[2]).toBe('Key Expired');
      expect(err(await s({ method: 'POST', path: '/mfa-servers', body: validBody(), headers: { authorization: 'Bearer r1' } }))[0]).toBe(403);
    } finally {
      await other.close();
    }
  });
});

describe('routing', () => {
  it.each([
    ['/nowhere'],
    ['/mfa-servers/a/b'],
    ['/mfa-server'],
    ['/MFA-SERVERS'],
  ])('unknown path %s → 404 E005', async (p) => {
    expect(err(await send({ path: p }))).toEqual([404, 'E005', 'Object Not Present']);
  });

  it.each([['/other/mfa-servers'], ['/config/identity/v2/mfa-servers'], ['/'], ['/mfa-servers']])(
    'path outside the base %s → 404 E005',
    async (p) => {
      expect(err(await send({ path: p, raw: true }))).toEqual([404, 'E005', 'Object Not Present']);
    },
  );

  it.each([
    ['PUT', '/mfa-servers'],
    ['DELETE', '/mfa-servers'],
    ['PATCH', '/mfa-servers'],
    ['OPTIONS', '/mfa-servers'],
    ['POST', '/mfa-servers/123e4567-e89b-12d3-a456-426655440000'],
    ['PATCH', '/mfa-servers/x'],
    ['POST', '/mfa-servers/'],
  ])('%s %s → 405 E012', async (method, p) => {
    expect(err(await send({ method, path: p }))).toEqual([405, 'E012', 'Method Not Supported']);
  });

  it('HEAD on a known path → 405 with no body', async () => {
    const res = await send({ method: 'HEAD', path: '/mfa-servers' });
    expect(res.status).toBe(405);
    expect(res.text).toBe('');
    expect(res.headers['content-type']).toBe('application/json');
  });

  it('unknown path beats the method check', async () => {
    expect(err(await send({ method: 'PATCH', path: '/nowhere' }))[0]).toBe(404);
  });

  it('malformed percent-encoding in the id is an id that names nothing', async () => {
    expect(err(await send({ path: '/mfa-servers/%E0%A4%A' }))).toEqual([404, 'E005', 'Object Not Present']);
    expect(err(await send({ path: '/mfa-servers/%zz' }))[0]).toBe(404);
  });

  it('accepts an absolute-form request target', async () => {
    const res = await send({ path: `${srv.url}/mfa-servers?folder=Shared`, raw: true });
    expect(res.status).toBe(200);
  });
});

describe('permission (403 E007)', () => {
  const ro = { authorization: 'Bearer dev-read-only-token' };
  it.each([
    ['POST', '/mfa-servers'],
    ['PUT', '/mfa-servers/123e4567-e89b-12d3-a456-426655440000'],
    ['DELETE', '/mfa-servers/123e4567-e89b-12d3-a456-426655440000'],
  ])('read-only %s → 403 Unauthorized', async (method, p) => {
    const res = await send({ method, path: p, headers: ro, body: method === 'DELETE' ? undefined : validBody() });
    expect(err(res)).toEqual([403, 'E007', 'Unauthorized']);
    expect(res.headers['www-authenticate']).toBeUndefined();
  });

  it('405 comes before 403', async () => {
    expect(err(await send({ method: 'PATCH', path: '/mfa-servers', headers: ro }))[0]).toBe(405);
  });

  it('403 comes before Content-Type and body checks', async () => {
    const res = await send({ method: 'POST', path: '/mfa-servers', headers: { ...ro, 'content-type': 'text/plain' }, body: 'x' });
    expect(err(res)[0]).toBe(403);
  });
});

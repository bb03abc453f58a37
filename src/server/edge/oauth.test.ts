// serve --oauth: the token endpoint at the vendor's three paths, the three
// ways of sending client credentials, the vendor's errors, the JWT and its key
// set, tokens as API tokens (read-write, read-only, expired), and the cap on
// token requests in flight. Over TLS, trusting the server's own certificate.
import { createPublicKey, verify } from 'node:crypto';
import { request as httpsRequest } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../startServer.ts';
import { JWKS_PATHS, TOKEN_PATHS } from './tokenEndpoint.ts';
import { basic, edgeClient, FORM, JSON_TYPE, mfaBody } from './testing.ts';

const RW = { id: 'ci-client@1234567890.iam.panserviceaccount.com', secret: 'rw-secret-5f1e9c' };
const RO = { id: 'ci-reader', secret: 'ro-secret-77ab02', readOnly: true };
const SCOPE = 'tsg_id:1234567890';
const API = '/config/identity/v1/mfa-servers';

let now = Date.UTC(2030, 0, 1);
let srv: RunningServer;
let send: ReturnType<typeof edgeClient>;

beforeAll(async () => {
  srv = await startServer({ tls: {}, oauth: { clients: [RW, RO], tokenTtlSeconds: 900 }, clock: () => now });
  send = edgeClient(srv);
});
afterAll(async () => {
  await send.close();
  await srv.close();
});

function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

async function tokenFor(c: { id: string; secret: string }, path = TOKEN_PATHS[0]!): Promise<string> {
  const res = await send({ method: 'POST', path, headers: { ...FORM, authorization: basic(c.id, c.secret) }, body: form({ grant_type: 'client_credentials', scope: SCOPE }) });
  expect(res.status).toBe(200);
  return res.json.access_token as string;
}

function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

describe('token endpoint', () => {
  const styles: Array<[string, () => { headers: Record<string, string>; body: string }]> = [
    ['HTTP Basic', () => ({ headers: { ...FORM, authorization: basic(RW.id, RW.secret) }, body: form({ grant_type: 'client_credentials', scope: SCOPE }) })],
    ['form fields', () => ({ headers: FORM, body: form({ grant_type: 'client_credentials', scope: SCOPE, client_id: RW.id, client_secret: RW.secret }) })],
    ['a JSON body', () => ({ headers: JSON_TYPE, body: JSON.stringify({ grant_type: 'client_credentials', scope: SCOPE, client_id: RW.id, client_secret: RW.secret }) })],
  ];
  for (const path of TOKEN_PATHS) {
    for (const [style, make] of styles) {
      it(`POST ${path} with ${style} → 200 {access_token, token_type Bearer, expires_in, scope}, a token the API takes`, async () => {
        const res = await send({ method: 'POST', path, ...make() });
        expect(res.status).toBe(200);
        expect(res.headers['content-type']).toBe('application/json');
        expect(res.headers['cache-control']).toBe('no-store');
        expect(Object.keys(res.json).sort()).toEqual(['access_token', 'expires_in', 'scope', 'token_type']);
        expect(res.json).toMatchObject({ token_type: 'Bearer', expires_in: 900, scope: SCOPE });
        expect(res.json.access_token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
        const list = await send({ path: `${API}?folder=Shared`, headers: bearer(res.json.access_token) });
        expect([list.status, list.json]).toEqual([200, { data: [], limit: 200, offset: 0, total: 0 }]);
      });
    }
  }

  it('Basic credentials form-encoded first (RFC 6749 §2.3.1) are read too', async () => {
    const res = await send({ method: 'POST', path: TOKEN_PATHS[1]!, headers: { ...FORM, authorization: basic(encodeURIComponent(RW.id), RW.secret) }, body: form({ grant_type: 'client_credentials', scope: SCOPE }) });
    expect(res.status).toBe(200);
  });

  it('unknown form fields (the Python SDK sends client_kwargs) and grant_type/scope in the query are accepted', async () => {
    const body = form({ client_id: RW.id, client_secret: RW.secret, client_kwargs: "{'tsg_id': '1'}" });
    const res = await send({ method: 'POST', path: `${TOKEN_PATHS[2]!}?grant_type=client_credentials&scope=${SCOPE}`, headers: FORM, body });
    expect(res.status).toBe(200);
  });

  const wrong: Array<[string, Record<string, string>, string]> = [
    ['a wrong secret as Basic', { ...FORM, authorization: basic(RW.id, 'not-the-secret-9d2') }, form({ grant_type: 'client_credentials', scope: SCOPE })],
    ['a wrong secret as form fields', FORM, form({ grant_type: 'client_credentials', scope: SCOPE, client_id: RW.id, client_secret: 'not-the-secret-9d2' })],
    ['a wrong secret in JSON', JSON_TYPE, JSON.stringify({ grant_type: 'client_credentials', scope: SCOPE, client_id: RW.id, client_secret: 'not-the-secret-9d2' })],
    ['an unknown client', { ...FORM, authorization: basic('nobody', 'not-the-secret-9d2') }, form({ grant_type: 'client_credentials', scope: SCOPE })],
    ['no credentials', FORM, form({ grant_type: 'client_credentials', scope: SCOPE })],
    ['a client id without its secret', FORM, form({ grant_type: 'client_credentials', scope: SCOPE, client_id: RW.id })],
  ];
  for (const [what, headers, body] of wrong) {
    it(`${what} → 401 invalid_client, and no secret in the answer`, async () => {
      const res = await send({ method: 'POST', path: TOKEN_PATHS[0]!, headers, body });
      expect(res.status).toBe(401);
      expect(Object.keys(res.json).sort()).toEqual(['error', 'error_description']);
      expect(res.json.error).toBe('invalid_client');
      expect(res.headers['www-authenticate']).toMatch(/^Basic/);
      expect(res.text).not.toContain('not-the-secret-9d2');
      expect(res.text).not.toContain(RW.secret);
    });
  }

  const bad: Array<[string, Record<string, string>, number, string]> = [
    ['grant_type=password', { grant_type: 'password', scope: SCOPE }, 400, 'unsupported_grant_type'],
    ['no grant_type', { scope: SCOPE }, 400, 'invalid_request'],
    ['no scope', { grant_type: 'client_credentials' }, 400, 'invalid_request'],
    ['scope=tsg_id:abc', { grant_type: 'client_credentials', scope: 'tsg_id:abc' }, 400, 'invalid_scope'],
    ['scope=profile', { grant_type: 'client_credentials', scope: 'profile' }, 400, 'invalid_scope'],
  ];
  for (const [what, fields, status, error] of bad) {
    it(`${what} → ${status} ${error}`, async () => {
      const res = await send({ method: 'POST', path: TOKEN_PATHS[0]!, headers: { ...FORM, authorization: basic(RW.id, RW.secret) }, body: form(fields) });
      expect([res.status, res.json.error, typeof res.json.error_description]).toEqual([status, error, 'string']);
      expect(res.text).not.toContain(RW.secret);
    });
  }

  it('a repeated parameter, a JSON body that is no object, and GET are invalid_request (GET: 405)', async () => {
    const auth = { authorization: basic(RW.id, RW.secret) };
    const twice = await send({ method: 'POST', path: TOKEN_PATHS[0]!, headers: { ...FORM, ...auth }, body: `grant_type=client_credentials&scope=${SCOPE}&scope=${SCOPE}` });
    expect([twice.status, twice.json.error]).toEqual([400, 'invalid_request']);
    const array = await send({ method: 'POST', path: TOKEN_PATHS[0]!, headers: { ...JSON_TYPE, ...auth }, body: '[]' });
    expect([array.status, array.json.error]).toEqual([400, 'invalid_request']);
    const get = await send({ path: TOKEN_PATHS[0]!, headers: auth });
    expect([get.status, get.json.error, get.headers.allow]).toEqual([405, 'invalid_request', 'POST']);
  });
});

describe('the access token', () => {
  it('is an RS256 JWT whose signature the key set at <folder>/connect/jwk_uri verifies, with exp, iat, scope, sub, client_id, aud = client id', async () => {
    for (const [i, path] of TOKEN_PATHS.entries()) {
      const token = await tokenFor(RW, path);
      const jwks = await send({ path: JWKS_PATHS[i]! });
      expect(JWKS_PATHS[i]).toBe(path.replace(/access_token$/, 'connect/jwk_uri'));
      expect(jwks.status).toBe(200);
      const [h, p, sig] = token.split('.') as [string, string, string];
      const header = JSON.parse(Buffer.from(h, 'base64url').toString());
      const key = jwks.json.keys.find((k: { kid: string }) => k.kid === header.kid);
      expect(header).toMatchObject({ alg: 'RS256', typ: 'JWT' });
      expect(key).toMatchObject({ kty: 'RSA', use: 'sig', alg: 'RS256' });
      const pub = createPublicKey({ key, format: 'jwk' });
      expect(verify('sha256', Buffer.from(`${h}.${p}`), pub, Buffer.from(sig, 'base64url'))).toBe(true);
      // A token whose payload was changed no longer verifies.
      const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), client_id: RO.id })).toString('base64url');
      expect(verify('sha256', Buffer.from(`${h}.${forged}`), pub, Buffer.from(sig, 'base64url'))).toBe(false);
      const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
      expect(claims).toMatchObject({ sub: RW.id, client_id: RW.id, aud: RW.id, scope: SCOPE, iat: Math.floor(now / 1000), exp: Math.floor(now / 1000) + 900 });
    }
  });

  it('of a read-only client reads but gets 403 E007 on writes; of a read-write client writes', async () => {
    const ro = bearer(await tokenFor(RO));
    const rw = bearer(await tokenFor(RW));
    expect((await send({ path: `${API}?folder=Shared`, headers: ro })).status).toBe(200);
    const denied = await send({ method: 'POST', path: API, headers: { ...ro, ...JSON_TYPE }, body: mfaBody('ro-write') });
    expect([denied.status, denied.json._errors[0].code, denied.json._errors[0].message]).toEqual([403, 'E007', 'Unauthorized']);
    const created = await send({ method: 'POST', path: API, headers: { ...rw, ...JSON_TYPE }, body: mfaBody('rw-write') });
    expect(created.status).toBe(200);
    const gone = await send({ method: 'DELETE', path: `${API}/${created.json.id}`, headers: ro });
    expect(gone.status).toBe(403);
    expect((await send({ method: 'DELETE', path: `${API}/${created.json.id}`, headers: rw })).status).toBe(200);
  });

  it('answers 401 E016 Key Expired once its ttl has passed (the clock is injected); a new token works', async () => {
    const token = await tokenFor(RW);
    const at = now;
    try {
      now = at + 899_000;
      expect((await send({ path: `${API}?folder=Shared`, headers: bearer(token) })).status).toBe(200);
      now = at + 900_000;
      const res = await send({ path: `${API}?folder=Shared`, headers: bearer(token) });
      expect([res.status, res.json._errors[0].code, res.json._errors[0].message]).toEqual([401, 'E016', 'Key Expired']);
      expect((await send({ path: `${API}?folder=Shared`, headers: bearer(await tokenFor(RW)) })).status).toBe(200);
    } finally {
      now = at;
    }
  });

  it('signed by another key, or with its signature changed, is an unknown token (401 Invalid Credential); the other tokens still work', async () => {
    const token = await tokenFor(RW);
    const other = await startServer({ oauth: { clients: [RW] } });
    try {
      const res = await fetch(`${new URL(other.url).origin}/oauth2/access_token`, { method: 'POST', headers: { ...FORM, authorization: basic(RW.id, RW.secret) }, body: form({ grant_type: 'client_credentials', scope: SCOPE }) });
      const foreign = ((await res.json()) as { access_token: string }).access_token;
      for (const t of [foreign, `${token.slice(0, -4)}AAAA`]) {
        const r = await send({ path: `${API}?folder=Shared`, headers: bearer(t) });
        expect([r.status, r.json._errors[0].message]).toEqual([401, 'Invalid Credential']);
      }
    } finally {
      await other.close();
    }
    expect((await send({ path: `${API}?folder=Shared`, headers: { authorization: 'Bearer dev-token' } })).status).toBe(200);
  });
});

describe('token requests in flight', () => {
  /** A token request whose body is still coming: in flight until `finish()`. */
  function hanging(): { finish(): Promise<number> } {
    const body = form({ grant_type: 'client_credentials', scope: SCOPE });
    let done: (status: number) => void = () => undefined;
    const answered = new Promise<number>((r) => (done = r));
    const u = new URL(srv.url);
    const req = httpsRequest({
      host: u.hostname,
      port: u.port,
      method: 'POST',
      path: TOKEN_PATHS[0],
      ca: srv.certificate!.pem,
      agent: false,
      headers: { ...FORM, authorization: basic(RW.id, RW.secret), 'content-length': String(body.length) },
    }, (res) => {
      res.resume();
      res.on('end', () => done(res.statusCode ?? 0));
    });
    req.flushHeaders();
    req.write(body.slice(0, 5));
    return {
      finish: () => {
        req.end(body.slice(5));
        return answered;
      },
    };
  }

  it('the 11th at once (the default cap of 10) → 429 temporarily_unavailable with Retry-After; the 10 then get their tokens', async () => {
    const open = Array.from({ length: 10 }, hanging);
    // Wait until the server holds all ten: a further request is refused while they are.
    let res;
    for (let i = 0; i < 100; i++) {
      res = await send({ method: 'POST', path: TOKEN_PATHS[1]!, headers: { ...FORM, authorization: basic(RW.id, RW.secret) }, body: form({ grant_type: 'client_credentials', scope: SCOPE }) });
      if (res.status === 429) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(res!.status).toBe(429);
    expect(res!.headers['retry-after']).toBe('1');
    expect(res!.json.error).toBe('temporarily_unavailable');
    expect(await Promise.all(open.map((h) => h.finish()))).toEqual(Array(10).fill(200));
    expect((await tokenFor(RW)).length).toBeGreaterThan(0);
  });
});

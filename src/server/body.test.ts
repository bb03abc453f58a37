// Body rules of POST (and PUT, which validates the same way): semantics.md
// "Body rules", the vendor table (seed lines 15-90), decisions.md "Body".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './startServer.ts';
import { client, err, validBody } from './testing.ts';

let srv: RunningServer;
let send: ReturnType<typeof client>;
let n = 0;

beforeAll(async () => {
  srv = await startServer({});
  send = client(srv.url);
});
afterAll(() => srv.close());

/** POST with a unique name unless the body sets one. */
const post = (over: Record<string, unknown>) => send({ method: 'POST', path: '/mfa-servers', body: validBody({ name: `n${++n}`, ...over }) });
const invalid = async (over: Record<string, unknown>) => expect(err(await post(over))).toEqual([400, 'E003', 'Invalid Object']);
const valid = async (over: Record<string, unknown>) => expect((await post(over)).status).toBe(200);

describe('containers (seed lines 15-23)', () => {
  for (const key of ['folder', 'snippet', 'device']) {
    it(`${key}: boundaries and pattern`, async () => {
      const only = (v: unknown) => ({ folder: undefined, [key]: v });
      await valid(only('a'.repeat(64)));
      await valid(only('My Folder-1_2.3'));
      await valid(only('-'));
      await invalid(only('a'.repeat(65)));
      for (const bad of ['a/b', 'a\n', '', 'ü', '😀', 'a\tb', 'a:b', 'a\\b', 'a$']) await invalid(only(bad));
      for (const bad of [null, 42, true, ['a'], { a: 1 }]) await invalid(only(bad));
    });
  }
  it('exactly one container', async () => {
    await invalid({ snippet: 'S' });
    await invalid({ device: 'D', snippet: 'S' });
    await invalid({ folder: undefined });
    await invalid({ snippet: null });
  });
});

describe('name and mfa_cert_profile', () => {
  it('required', async () => {
    await invalid({ name: undefined });
    await invalid({ mfa_cert_profile: undefined });
  });
  it('strings only', async () => {
    for (const bad of [1, true, null, ['a'], { a: 1 }]) {
      await invalid({ name: bad });
      await invalid({ mfa_cert_profile: bad });
    }
  });
  it('empty name rejected (decisions.md), empty cert profile accepted', async () => {
    await invalid({ name: '' });
    await valid({ mfa_cert_profile: '' });
  });
});

type Vendor = 'okta_adaptive_v1' | 'ping_identity_v1' | 'rsa_securid_access_v1' | 'duo_security_v2';
const vendorBody = (vendor: Vendor, fields: Record<string, unknown>) => ({ mfa_vendor_type: { [vendor]: fields } });

const STRING_FIELDS: Array<[Vendor, string, number]> = [
  ['okta_adaptive_v1', 'okta_api_host', 10],
  ['okta_adaptive_v1', 'okta_token', 8],
  ['okta_adaptive_v1', 'okta_org', 0],
  ['okta_adaptive_v1', 'okta_baseuri', 2],
  ['ping_identity_v1', 'ping_baseuri', 2],
  ['ping_identity_v1', 'ping_api_host', 16],
  ['ping_identity_v1', 'ping_use_base64_key', 8],
  ['ping_identity_v1', 'ping_token', 8],
  ['ping_identity_v1', 'ping_org_alias', 8],
  ['rsa_securid_access_v1', 'rsa_api_host', 10],
  ['rsa_securid_access_v1', 'rsa_baseuri', 2],
  ['rsa_securid_access_v1', 'rsa_accesskey', 8],
  ['rsa_securid_access_v1', 'rsa_accessid', 8],
  ['rsa_securid_access_v1', 'rsa_assurancepolicyid', 3],
  ['duo_security_v2', 'duo_api_host', 16],
  ['duo_security_v2', 'duo_baseuri', 2],
  ['duo_security_v2', 'duo_integration_key', 16],
  ['duo_security_v2', 'duo_secret_key', 16],
];

describe('vendor string fields (seed lines 28-90)', () => {
  for (const [vendor, field, min] of STRING_FIELDS) {
    it(`${vendor}.${field}: length >= ${min}`, async () => {
      await valid(vendorBody(vendor, { [field]: 'x'.repeat(min) }));
      // code points: min emoji count as min characters
      if (min > 0) await valid(vendorBody(vendor, { [field]: '😀'.repeat(min) }));
      if (min > 0) await invalid(vendorBody(vendor, { [field]: 'x'.repeat(min - 1) }));
      for (const bad of [null, 12345678901234567, true, ['x'.repeat(20)], { a: 1 }]) await invalid(vendorBody(vendor, { [field]: bad }));
    });
  }
});

describe('timeouts: integers 5..600', () => {
  const timeouts: Array<[Vendor, string]> = [
    ['okta_adaptive_v1', 'okta_timeout'],
    ['ping_identity_v1', 'ping_timeout'],
    ['rsa_securid_access_v1', 'rsa_timeout'],
    ['duo_security_v2', 'duo_timeout'],
  ];
  for (const [vendor, field] of timeouts) {
    it(`${vendor}.${field}`, async () => {
      for (const ok of [5, 600, 30]) await valid(vendorBody(vendor, { [field]: ok }));
      for (const bad of [4, 601, 30.5, '30', null, true, -30, [30]]) await invalid(vendorBody(vendor, { [field]: bad }));
    });
  }
  it('30.0 and 3e1 are the integer 30', async () => {
    for (const text of ['30.0', '3e1']) {
      const body = `{"name":"t${text}","mfa_cert_profile":"c","folder":"F","mfa_vendor_type":{"okta_adaptive_v1":{"okta_timeout":${text}}}}`;
      const res = await send({ method: 'POST', path: '/mfa-servers', body });
      expect(res.status).toBe(200);
      expect(res.json.mfa_vendor_type.okta_adaptive_v1.okta_timeout).toBe(30);
    }
  });
});

describe('vendor exclusivity', () => {
  it('exactly one vendor', async () => {
    await invalid({ mfa_vendor_type: {} });
    await invalid({ mfa_vendor_type: { okta_adaptive_v1: {}, duo_security_v2: {} } });
    await invalid({ mfa_vendor_type: { unknown_vendor: {} } });
    await invalid({ mfa_vendor_type: { okta_adaptive_v1: {}, other: 1 } });
    await valid({ mfa_vendor_type: { rsa_securid_access_v1: {} } });
  });
  it('types', async () => {
    for (const bad of [null, [], 'okta', 1]) await invalid({ mfa_vendor_type: bad });
    for (const bad of [null, [], 'x', 1]) await invalid({ mfa_vendor_type: { okta_adaptive_v1: bad } });
  });
  it('unknown keys inside a vendor object are ignored and dropped', async () => {
    const res = await post(vendorBody('duo_security_v2', { duo_timeout: 10, nope: 'x' }));
    expect(res.status).toBe(200);
    expect(res.json.mfa_vendor_type).toEqual({ duo_security_v2: { duo_baseuri: '/auth/v2', duo_timeout: 10 } });
  });
});

describe('stored object', () => {
  it('defaults filled in, secrets as sent, unknown keys dropped, id ignored', async () => {
    const res = await post({ id: 'mine', extra: 1, name: 'stored-1', mfa_vendor_type: { ping_identity_v1: { ping_token: 'secret-token' } } });
    expect(res.status).toBe(200);
    expect(res.json.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.json).toEqual({
      id: res.json.id,
      name: 'stored-1',
      mfa_cert_profile: 'cert-1',
      folder: 'Shared',
      mfa_vendor_type: {
        ping_identity_v1: { ping_baseuri: '/pingid/rest/4', ping_api_host: 'idpxny3lm.pingidentity.com', ping_token: 'secret-token', ping_timeout: 30 },
      },
    });
  });
  it('each vendor default', async () => {
    const got = async (v: Vendor) => (await post(vendorBody(v, {}))).json.mfa_vendor_type[v];
    expect(await got('okta_adaptive_v1')).toEqual({ okta_timeout: 30, okta_baseuri: '/api/v1' });
    expect(await got('rsa_securid_access_v1')).toEqual({ rsa_baseuri: '/mfa/v1_1', rsa_timeout: 30 });
    expect(await got('duo_security_v2')).toEqual({ duo_baseuri: '/auth/v2', duo_timeout: 30 });
  });
  it('no mfa_vendor_type when none was sent', async () => {
    const res = await post({});
    expect(Object.keys(res.json).sort()).toEqual(['folder', 'id', 'mfa_cert_profile', 'name']);
  });
});

describe('openapi profile', () => {
  it('enforces the spec required lists and format: hostname', async () => {
    const strict = await startServer({ profile: 'openapi' });
    try {
      const s = client(strict.url);
      let i = 0;
      const st = async (mvt: unknown) => (await s({ method: 'POST', path: '/mfa-servers', body: validBody({ name: `o${++i}`, mfa_vendor_type: mvt }) })).status;
      const okta = { okta_api_host: 'example.okta.com', okta_baseuri: '/api/v1', okta_token: 'tok-12345', okta_org: 'org', okta_timeout: 30 };
      expect(await st({ okta_adaptive_v1: okta })).toBe(200);
      for (const k of Object.keys(okta)) expect(await st({ okta_adaptive_v1: { ...okta, [k]: undefined } })).toBe(400);
      expect(await st({ okta_adaptive_v1: { ...okta, okta_api_host: 'not a host!!' } })).toBe(400);
      expect(await st({ okta_adaptive_v1: { ...okta, okta_api_host: '-bad.example.com' } })).toBe(400);
      const ping = { ping_baseuri: '/p', ping_api_host: 'idp.pingidentity.com', ping_use_base64_key: 'k'.repeat(8), ping_token: 't'.repeat(8), ping_timeout: 30 };
      expect(await st({ ping_identity_v1: ping })).toBe(200);
      expect(await st({ ping_identity_v1: { ...ping, ping_token: undefined } })).toBe(400);
      expect(await st({ rsa_securid_access_v1: {} })).toBe(200);
      expect(await st({ rsa_securid_access_v1: { rsa_api_host: 'bad_host.example' } })).toBe(400);
      const duo = { duo_api_host: 'api-1234.duosecurity.com', duo_baseuri: '/auth/v2', duo_timeout: 30, duo_integration_key: 'i'.repeat(16), duo_secret_key: 's'.repeat(16) };
      expect(await st({ duo_security_v2: duo })).toBe(200);
      expect(await st({ duo_security_v2: { ...duo, duo_secret_key: undefined } })).toBe(400);
      // the default profile accepts a partial okta object
      expect((await post({ mfa_vendor_type: { okta_adaptive_v1: { okta_api_host: 'not a host!!' } } })).status).toBe(200);
    } finally {
      await strict.close();
    }
  });
});

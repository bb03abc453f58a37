// One test per reading: a request (after any setup) whose observable answer
// differs between a server started with that reading and a correct server;
// every reading names a point of contracts/rules.json; the named sets.
import { afterAll, describe, expect, it } from 'vitest';
import rulesDoc from '../../../contracts/rules.json' with { type: 'json' };
import { startServer, type RunningServer } from '../startServer.ts';
import { client, validBody, type TestResponse } from '../testing.ts';
import { expandReadings, isReadingName, LEFT_OUT_OF_ALL_OPEN, READING_SETS, READINGS } from './catalogue.ts';
import { lexemeAt } from './jsonText.ts';

type Send = ReturnType<typeof client>;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const MiB = 1024 * 1024;
const COLLECTION = '/config/identity/v1/mfa-servers';

/** What a client can see of a response, with fresh ids blanked out. */
function observe(res: TestResponse): unknown {
  return {
    status: res.status,
    contentType: res.headers['content-type'],
    location: res.headers.location,
    body: res.text.replace(UUID, '<uuid>'),
  };
}

const post = (send: Send, body: unknown, headers: Record<string, string | undefined> = {}) =>
  send({ method: 'POST', path: '/mfa-servers', body, headers });
const postOver = (over: Record<string, unknown>) => (send: Send) => post(send, validBody(over)).then(observe);
const vendor = (v: string, fields: Record<string, unknown>) => postOver({ mfa_vendor_type: { [v]: fields } });
const get = (path: string, headers: Record<string, string | undefined> = {}) => (send: Send) => send({ path, headers }).then(observe);
const OKTA = { okta_api_host: 'okta.example.com', okta_token: 'secret-token-1', okta_org: 'org', okta_timeout: 30, okta_baseuri: '/api/v1' };
/** Creates two objects in folder Shared, then lists with `query`. */
const listAfterTwo = (query: string) => async (send: Send) => {
  await post(send, validBody({ name: 'one' }));
  await post(send, validBody({ name: 'two' }));
  return observe(await send({ path: `/mfa-servers?${query}` }));
};

const SCENARIOS: Record<string, (send: Send) => Promise<unknown>> = {
  // formats
  'bom-accepted': (send) => post(send, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(validBody()))])).then(observe),
  'no-content-type-as-json': (send) => post(send, validBody(), { 'content-type': undefined }).then(observe),
  'content-type-case-sensitive': (send) => post(send, validBody(), { 'content-type': 'APPLICATION/JSON' }).then(observe),
  'accept-q0-admits': (send) => post(send, validBody(), { accept: 'application/json;q=0' }).then(observe),
  'accept-message-full-type': (send) => post(send, validBody(), { accept: 'application/xml' }).then(observe),
  'body-limit-100k': (send) => {
    const text = JSON.stringify(validBody());
    return post(send, text + ' '.repeat(100 * 1024 + 1 - text.length)).then(observe);
  },
  'trailing-data-accepted': (send) => post(send, `${JSON.stringify(validBody())}}`).then(observe),
  'accept-ignored-on-reads': get('/mfa-servers?folder=Shared', { accept: 'application/xml' }),
  'large-body-400': (send) => post(send, ' '.repeat(MiB + 1)).then(observe),
  'plain-text-413': (send) => post(send, ' '.repeat(MiB + 1)).then(observe),
  'large-body-reset': (send) => post(send, ' '.repeat(MiB + 1)).then(observe, () => 'no answer: the connection was dropped'),
  // body
  'float-timeouts-rejected': (send) => post(send, JSON.stringify(validBody({ mfa_vendor_type: { rsa_securid_access_v1: { rsa_timeout: 30 } } })).replace('30', '3e1')).then(observe),
  'okta-timeout-string': vendor('okta_adaptive_v1', { okta_timeout: '30' }),
  'okta-timeout-string-as-int': vendor('okta_adaptive_v1', { okta_timeout: '45' }),
  'okta-timeout-answered-as-string': vendor('okta_adaptive_v1', { okta_timeout: 45 }),
  'spec-required-fields': vendor('duo_security_v2', {}),
  'hostname-format': vendor('okta_adaptive_v1', { okta_api_host: 'not a hostname!!' }),
  'empty-name-accepted': postOver({ name: '' }),
  'empty-cert-profile-rejected': postOver({ mfa_cert_profile: '' }),
  'unknown-keys-rejected': postOver({ id: 'client-chosen' }),
  'unknown-keys-echoed': postOver({ description: 'kept' }),
  'vendor-unknown-keys-rejected': vendor('ping_identity_v1', { comment: 'x' }),
  // auth
  'empty-bearer-invalid-credential': get('/mfa-servers?folder=Shared', { authorization: 'Bearer ' }),
  'token-spacing-strict': get('/mfa-servers?folder=Shared', { authorization: 'Bearer  dev-token' }),
  'token-spacing-invalid-credential': get('/mfa-servers?folder=Shared', { authorization: 'Bearer  dev-token' }),
  'long-token-431': get('/mfa-servers?folder=Shared', { authorization: `Bearer ${'k'.repeat(8193)}` }),
  // answers
  'vendor-type-null': postOver({}),
  'vendor-type-empty': postOver({}),
  'secrets-masked': vendor('okta_adaptive_v1', OKTA),
  'secrets-omitted': vendor('okta_adaptive_v1', OKTA),
  'secrets-null': vendor('okta_adaptive_v1', OKTA),
  'secrets-encrypted': vendor('okta_adaptive_v1', OKTA),
  'typed-nulls': vendor('rsa_securid_access_v1', {}),
  // resources
  'trailing-slash-collection': get('/mfa-servers/?folder=Shared'),
  'trailing-slash-405': get('/mfa-servers/?folder=Shared'),
  'trailing-slash-redirect': get('/mfa-servers/?folder=Shared'),
  'plain-text-405': (send) => send({ method: 'PATCH', path: '/mfa-servers' }).then(observe),
  'plain-text-404': get('/nothing-here'),
  'malformed-id-400': get('/mfa-servers/not-a-uuid'),
  'put-move-rejected': async (send) => {
    const { json } = await post(send, validBody());
    return observe(await send({ method: 'PUT', path: `/mfa-servers/${json.id}`, body: validBody({ folder: 'Elsewhere' }) }));
  },
  'folder-aliases': postOver({ folder: 'Shared' }),
  'case-insensitive-names': async (send) => {
    await post(send, validBody({ name: 'Alpha' }));
    return observe(await post(send, validBody({ name: 'ALPHA' })));
  },
  // lists
  'bare-name-lookup': listAfterTwo('folder=Shared&name=one&position=pre'),
  'position-required': get('/mfa-servers?folder=Shared'),
  'multiple-containers-200': get('/mfa-servers?folder=Shared&snippet=S&position=pre'),
  'multiple-containers-name-first': get('/mfa-servers?folder=Shared&snippet=S&position=pre'),
  'invalid-list-container-400': get('/mfa-servers?folder=a%2Fb&position=pre'),
  'limit-zero-default': listAfterTwo('folder=Shared&limit=0'),
  'large-limit-400': listAfterTwo('folder=Shared&limit=5001'),
  'large-limit-cap': listAfterTwo('folder=Shared&limit=5001'),
  'list-newest-first': listAfterTwo('folder=Shared'),
  'odd-paging-lenient': listAfterTwo('folder=Shared&limit=%2B1'),
};

const servers: RunningServer[] = [];
afterAll(() => Promise.all(servers.map((s) => s.close())));

async function run(readings: string[], scenario: (send: Send) => Promise<unknown>): Promise<unknown> {
  const srv = await startServer({ readings });
  servers.push(srv);
  return scenario(client(srv.url));
}

const RULE_IDS = new Set(rulesDoc.rules.map((r) => r.id));

describe('reading catalogue', () => {
  it('has every reading the issue lists, each with a scenario, a known point and a strength', () => {
    const names = Object.keys(READINGS);
    expect(names.length).toBeGreaterThanOrEqual(44);
    expect(Object.keys(SCENARIOS).sort()).toEqual(names.sort());
    for (const [name, r] of Object.entries(READINGS)) {
      for (const point of [r.point, ...(r.also ?? [])]) expect(RULE_IDS.has(point), `${name}: ${point}`).toBe(true);
      expect(['open', 'should'], name).toContain(r.strength);
      expect(r.description.length, name).toBeGreaterThan(10);
    }
  });
  it('marks a reading should exactly when its point is a should rule (or the should part of one)', () => {
    const strengthOf = new Map(rulesDoc.rules.map((r) => [r.id, r.strength]));
    for (const [name, r] of Object.entries(READINGS)) {
      if (strengthOf.get(r.point) === 'open') expect(r.strength, name).toBe('open');
      if (r.strength === 'should') expect(strengthOf.get(r.point), name).toBe('should');
    }
  });
  it('expands sets to known readings, each once, in order', () => {
    for (const [set, members] of Object.entries(READING_SETS)) {
      expect(members.length, set).toBeGreaterThan(0);
      for (const m of members) expect(Object.hasOwn(READINGS, m), `${set}: ${m}`).toBe(true);
      expect(isReadingName(set)).toBe(true);
    }
    expect(READING_SETS['vendor-like']).toEqual([
      'bare-name-lookup', 'position-required', 'okta-timeout-string', 'folder-aliases', 'secrets-masked', 'spec-required-fields', 'hostname-format', 'large-limit-cap',
    ]);
    expect(READING_SETS['typed-language']).toEqual(['typed-nulls', 'vendor-type-null', 'secrets-null', 'okta-timeout-string-as-int']);
    expect(expandReadings(['secrets-null', 'typed-language'])).toEqual(['secrets-null', 'typed-nulls', 'vendor-type-null', 'okta-timeout-string-as-int']);
  });
  it('all-open holds every open reading but those left out, and each left out one names a reading of the set', () => {
    const allOpen = new Set(READING_SETS['all-open']);
    for (const [name, r] of Object.entries(READINGS)) {
      expect(allOpen.has(name), name).toBe(r.strength === 'open' && !Object.hasOwn(LEFT_OUT_OF_ALL_OPEN, name));
    }
    for (const [out, instead] of Object.entries(LEFT_OUT_OF_ALL_OPEN)) {
      expect(READINGS[out]?.point, out).toBe(READINGS[instead]?.point);
      expect(allOpen.has(instead), instead).toBe(true);
    }
  });
  it('rejects an unknown reading name', async () => {
    expect(isReadingName('no-such-reading')).toBe(false);
    expect(() => expandReadings(['no-such-reading'])).toThrow(/unknown reading: no-such-reading/);
    await expect(startServer({ readings: ['no-such-reading'] })).rejects.toThrow(/unknown reading/);
    await expect(startServer({ readings: ['toString'] })).rejects.toThrow(/unknown reading/);
  });
});

describe('each reading changes what a client sees', () => {
  for (const [name, scenario] of Object.entries(SCENARIOS)) {
    it(name, async () => {
      const [correct, read] = await Promise.all([run([], scenario), run([name], scenario)]);
      expect(read).not.toEqual(correct);
    });
  }
  for (const set of Object.keys(READING_SETS)) {
    it(`set ${set} starts`, async () => {
      const srv = await startServer({ readings: [set] });
      servers.push(srv);
      expect((await client(srv.url)({ path: '/mfa-servers?folder=Shared&position=pre' })).status).toBe(200);
    });
  }
});

describe('jsonText', () => {
  it('finds the lexeme at a path as written, the last of duplicate keys, keys with escapes', () => {
    const text = ' { "a" : {"b": 3e1, "s": "}{\\"", "b": 30.0 }, "x": [1, {"b": 2}], "\\u0061b": -1 } ';
    expect(lexemeAt(text, ['a', 'b'])).toBe('30.0');
    expect(lexemeAt(text, ['ab'])).toBe('-1');
    expect(lexemeAt(text, ['a', 's'])).toBe('"}{\\""');
    expect(lexemeAt(text, ['x'])).toBe('[1, {"b": 2}]');
    expect(lexemeAt(text, ['x', 'b'])).toBeUndefined();
    expect(lexemeAt(text, ['nope'])).toBeUndefined();
    expect(lexemeAt('{}', ['a'])).toBeUndefined();
  });
});

/** Starts a server with `readings` and returns its client. */
async function serverWith(readings: string[]): Promise<Send> {
  const srv = await startServer({ readings });
  servers.push(srv);
  return client(srv.url);
}
const triple = (res: TestResponse) => [res.status, res.json?._errors?.[0]?.code, res.json?._errors?.[0]?.message];

describe('what the readings answer', () => {
  it('float-timeouts-rejected: 30.0 and 3e1 are refused where a timeout is read, 30 is not', async () => {
    const send = await serverWith(['float-timeouts-rejected']);
    const body = (t: string, extra = '') =>
      `{"name":"n${t}${extra.length}","mfa_cert_profile":"c","folder":"F"${extra},"mfa_vendor_type":{"duo_security_v2":{"duo_timeout":${t}}}}`;
    expect(triple(await post(send, body('30.0')))).toEqual([400, 'E003', 'Invalid Object']);
    expect(triple(await post(send, body('3e1')))).toEqual([400, 'E003', 'Invalid Object']);
    expect((await post(send, body('30'))).status).toBe(200);
    expect((await post(send, body('30', ',"x_timeout":3e1'))).status).toBe(200); // an unknown key, dropped
    const dup = '{"name":"dup","mfa_cert_profile":"c","folder":"F","mfa_vendor_type":{"okta_adaptive_v1":{"okta_timeout":3e1,"okta_timeout":31}}}';
    expect((await post(send, dup)).json.mfa_vendor_type.okta_adaptive_v1.okta_timeout).toBe(31);
  });

  it('okta-timeout-string and -as-int: "30" in range accepted (as sent / as 30), other forms and other vendors refused', async () => {
    const asSent = await serverWith(['okta-timeout-string']);
    const asInt = await serverWith(['okta-timeout-string-as-int']);
    const okta = (t: unknown, name = `n${String(t)}`) => validBody({ name, mfa_vendor_type: { okta_adaptive_v1: { okta_timeout: t } } });
    expect((await post(asSent, okta('30'))).json.mfa_vendor_type.okta_adaptive_v1.okta_timeout).toBe('30');
    expect((await post(asInt, okta('30'))).json.mfa_vendor_type.okta_adaptive_v1.okta_timeout).toBe(30);
    for (const send of [asSent, asInt]) {
      for (const t of ['4', '601', '030', ' 30', '30.0', '']) expect((await post(send, okta(t))).status, t).toBe(400);
      expect((await post(send, validBody({ name: 'duo', mfa_vendor_type: { duo_security_v2: { duo_timeout: '30' } } }))).status).toBe(400);
    }
  });

  it('okta-timeout-answered-as-string: sent 45, answered "45" in create, get and list; "45" sent is still refused', async () => {
    const send = await serverWith(['okta-timeout-answered-as-string']);
    const created = await post(send, validBody({ mfa_vendor_type: { okta_adaptive_v1: { okta_timeout: 45 } } }));
    expect(created.json.mfa_vendor_type.okta_adaptive_v1.okta_timeout).toBe('45');
    expect((await send({ path: `/mfa-servers/${created.json.id}` })).json.mfa_vendor_type.okta_adaptive_v1.okta_timeout).toBe('45');
    expect((await send({ path: '/mfa-servers?folder=Shared' })).json.data[0].mfa_vendor_type.okta_adaptive_v1.okta_timeout).toBe('45');
    expect((await post(send, validBody({ name: 'x', mfa_vendor_type: { okta_adaptive_v1: { okta_timeout: '45' } } }))).status).toBe(400);
  });

  it('trailing-data-accepted: the first value of each trailing form is processed; what is not JSON stays Malformed Command', async () => {
    const send = await serverWith(['trailing-data-accepted']);
    let i = 0;
    for (const extra of ['}', ' {}', 'x', '\n{"name":"other"}', ']']) {
      expect((await post(send, JSON.stringify(validBody({ name: `t${i++}` })) + extra)).status, extra).toBe(200);
    }
    expect(triple(await post(send, '{"name": }'))).toEqual([400, 'E003', 'Malformed Command']);
    expect(triple(await post(send, 'x{}'))).toEqual([400, 'E003', 'Malformed Command']);
    expect(triple(await post(send, '[1] x'))).toEqual([400, 'E003', 'Invalid Object']);
  });

  it('bom-accepted: only a leading BOM is skipped', async () => {
    const send = await serverWith(['bom-accepted']);
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    expect(triple(await post(send, bom))).toEqual([400, 'E003', 'Malformed Command']);
    expect(triple(await post(send, Buffer.concat([bom, bom, Buffer.from('{}')])))).toEqual([400, 'E003', 'Malformed Command']);
    expect((await post(send, Buffer.concat([bom, Buffer.from(JSON.stringify(validBody()))]))).status).toBe(200);
  });

  it('content types and Accept', async () => {
    const cs = await serverWith(['content-type-case-sensitive', 'no-content-type-as-json']);
    expect((await post(cs, validBody({ name: 'a' }), { 'content-type': 'application/json; charset=UTF-8' })).status).toBe(200);
    expect((await post(cs, validBody({ name: 'b' }), { 'content-type': undefined })).status).toBe(200);
    expect(triple(await post(cs, validBody({ name: 'c' }), { 'content-type': 'Application/Json' }))).toEqual([400, 'E003', 'Input Format Mismatch: input-format=json']);
    expect(triple(await post(cs, validBody({ name: 'd' }), { 'content-type': 'text/plain' }))).toEqual([400, 'E003', 'Input Format Mismatch: input-format=json']);
    const acc = await serverWith(['accept-q0-admits', 'accept-message-full-type']);
    expect((await acc({ path: '/mfa-servers?folder=A', headers: { accept: 'application/json;q=0, text/html' } })).status).toBe(200);
    expect(triple(await acc({ path: '/mfa-servers?folder=A', headers: { accept: 'text/html;q=0.9, image/png' } }))).toEqual([400, 'E003', 'Output Format Mismatch: output-format=json Accept=text/html']);
    const reads = await serverWith(['accept-ignored-on-reads']);
    expect((await post(reads, validBody(), { accept: 'application/xml' })).status).toBe(400);
  });

  it('framework answers: 307 with Location and no body, text/plain 404/405/413, an empty 431', async () => {
    const redirect = await serverWith(['trailing-slash-redirect']);
    const r = await redirect({ method: 'POST', path: '/mfa-servers/?folder=A', body: validBody() });
    expect([r.status, r.headers.location, r.headers['content-type'], r.text]).toEqual([307, `${COLLECTION}?folder=A`, undefined, '']);
    expect((await redirect({ path: '/mfa-servers/' })).headers.location).toBe(COLLECTION);
    expect((await redirect({ path: '/mfa-servers/', headers: { authorization: undefined } })).status).toBe(401);
    const plain = await serverWith(['plain-text-404', 'plain-text-405', 'plain-text-413']);
    for (const [req, status, text] of [
      [{ path: '/other' }, 404, 'Not Found'],
      [{ method: 'DELETE', path: '/mfa-servers' }, 405, 'Method Not Allowed'],
      [{ method: 'POST', path: '/mfa-servers', body: ' '.repeat(MiB + 1) }, 413, 'Payload Too Large'],
    ] as const) {
      const res = await plain(req);
      expect([res.status, res.headers['content-type'], res.text]).toEqual([status, 'text/plain; charset=utf-8', text]);
    }
    expect((await plain({ path: '/mfa-servers/123e4567-e89b-42d3-a456-426655440000' })).headers['content-type']).toBe('application/json');
    const long = await serverWith(['long-token-431']);
    const res = await long({ path: '/mfa-servers?folder=A', headers: { authorization: `Bearer ${'k'.repeat(8193)}` } });
    expect([res.status, res.text, res.headers['content-type']]).toEqual([431, '', undefined]);
    expect((await long({ path: '/mfa-servers?folder=A', headers: { authorization: `Bearer ${'k'.repeat(8192)}` } })).status).toBe(401);
  });

  it('auth readings', async () => {
    const empty = await serverWith(['empty-bearer-invalid-credential']);
    for (const h of ['Bearer', 'Bearer   ', 'bearer\t']) {
      expect(triple(await empty({ path: '/mfa-servers?folder=A', headers: { authorization: h } })), h).toEqual([401, 'E016', 'Invalid Credential']);
    }
    expect(triple(await empty({ path: '/mfa-servers?folder=A', headers: { authorization: 'Basic x' } }))).toEqual([401, 'E016', 'Not Authenticated']);
    const spaced = await serverWith(['token-spacing-strict']);
    expect((await spaced({ path: '/mfa-servers?folder=A', headers: { authorization: 'Bearer dev-token' } })).status).toBe(200);
    const withSpace = await serverWith(['token-spacing-invalid-credential']);
    expect(triple(await withSpace({ path: '/mfa-servers?folder=A', headers: { authorization: 'Bearer   dev-token' } }))).toEqual([401, 'E016', 'Invalid Credential']);
    expect(triple(await withSpace({ path: '/mfa-servers?folder=A', headers: { authorization: `Bearer  ${'k'.repeat(8192)}` } }))).toEqual([401, 'E016', 'Key Too Long']);
  });

  it('secrets readings change every answer carrying the object (create, get, put, list, delete), and only the secret fields', async () => {
    const expected: Record<string, unknown> = { 'secrets-masked': '********', 'secrets-null': null, 'secrets-omitted': undefined };
    for (const [reading, value] of Object.entries(expected)) {
      const send = await serverWith([reading]);
      const body = validBody({ mfa_vendor_type: { okta_adaptive_v1: OKTA } });
      const created = await post(send, body);
      const path = `/mfa-servers/${created.json.id}`;
      const answers = [
        created.json,
        (await send({ path })).json,
        (await send({ method: 'PUT', path, body })).json,
        (await send({ path: '/mfa-servers?folder=Shared' })).json.data[0],
        (await send({ method: 'DELETE', path })).json,
      ];
      for (const a of answers) {
        expect(a.mfa_vendor_type.okta_adaptive_v1, reading).toEqual({ ...OKTA, okta_token: value });
        expect(Object.hasOwn(a.mfa_vendor_type.okta_adaptive_v1, 'okta_token'), reading).toBe(value !== undefined);
      }
    }
    const enc = await serverWith(['secrets-encrypted']);
    const token = (await post(enc, validBody({ mfa_vendor_type: { duo_security_v2: { duo_secret_key: 's'.repeat(20) } } }))).json.mfa_vendor_type.duo_security_v2.duo_secret_key;
    expect(token).toMatch(/^-AQ==[A-Za-z0-9+/]+=*$/);
  });

  it('typed-nulls: absent containers and vendor fields neither sent nor defaulted are null; vendor-type-empty answers {}', async () => {
    const send = await serverWith(['typed-nulls']);
    const created = await post(send, validBody({ folder: undefined, device: 'D', mfa_vendor_type: { ping_identity_v1: { ping_token: 't'.repeat(8) } } }));
    expect(created.json).toMatchObject({ folder: null, snippet: null, device: 'D' });
    expect(created.json.mfa_vendor_type.ping_identity_v1).toEqual({
      ping_baseuri: '/pingid/rest/4', ping_api_host: 'idpxny3lm.pingidentity.com', ping_use_base64_key: null, ping_token: 't'.repeat(8), ping_org_alias: null, ping_timeout: 30,
    });
    expect((await send({ path: '/mfa-servers?device=D' })).json.data[0]).toEqual(created.json);
    expect(Object.hasOwn(created.json, 'mfa_vendor_type')).toBe(true);
    const plain = await post(send, validBody({ name: 'plain' }));
    expect(Object.hasOwn(plain.json, 'mfa_vendor_type')).toBe(false); // typed-nulls alone leaves it out
    const empty = await serverWith(['vendor-type-empty']);
    expect((await post(empty, validBody())).json.mfa_vendor_type).toEqual({});
  });

  it('folder-aliases: stored by the second name, listed by either, clashing across the pair, not across other folders', async () => {
    const send = await serverWith(['folder-aliases']);
    expect((await post(send, validBody({ folder: 'Shared' }))).json.folder).toBe('Prisma Access');
    for (const f of ['Shared', 'Prisma%20Access']) expect((await send({ path: `/mfa-servers?folder=${f}` })).json.total, f).toBe(1);
    expect(triple(await post(send, validBody({ folder: 'Prisma Access' })))).toEqual([409, 'E006', 'Name Not Unique']);
    expect((await post(send, validBody({ folder: 'All' }))).json.folder).toBe('Global');
    expect(triple(await post(send, validBody({ folder: 'Global' })))).toEqual([409, 'E006', 'Name Not Unique']);
    expect((await post(send, validBody({ folder: 'shared' }))).json.folder).toBe('shared');
    expect((await post(send, validBody({ snippet: 'Shared', folder: undefined }))).json.snippet).toBe('Shared');
  });

  it('case-insensitive-names: a clash in one container only; a PUT may change the case of its own name', async () => {
    const send = await serverWith(['case-insensitive-names']);
    const a = await post(send, validBody({ name: 'Alpha' }));
    expect((await post(send, validBody({ name: 'alpha', folder: 'Other' }))).status).toBe(200);
    expect((await send({ method: 'PUT', path: `/mfa-servers/${a.json.id}`, body: validBody({ name: 'ALPHA' }) })).status).toBe(200);
    const b = await post(send, validBody({ name: 'beta' }));
    expect(triple(await send({ method: 'PUT', path: `/mfa-servers/${b.json.id}`, body: validBody({ name: 'alpha' }) }))).toEqual([409, 'E006', 'Name Not Unique']);
  });

  it('put-move-rejected and malformed-id-400: existence first, v4 ids still 404', async () => {
    const send = await serverWith(['put-move-rejected', 'malformed-id-400']);
    const a = await post(send, validBody());
    expect((await send({ method: 'PUT', path: `/mfa-servers/${a.json.id}`, body: validBody({ name: 'renamed' }) })).status).toBe(200);
    expect(triple(await send({ method: 'PUT', path: `/mfa-servers/${a.json.id}`, body: validBody({ folder: undefined, snippet: 'Shared' }) }))).toEqual([400, 'E003', 'Invalid Object']);
    const v4 = '123e4567-e89b-42d3-a456-426655440000';
    expect(triple(await send({ method: 'PUT', path: `/mfa-servers/${v4}`, body: validBody({ folder: 'Elsewhere' }) }))).toEqual([404, 'E005', 'Object Not Present']);
    expect(triple(await send({ path: `/mfa-servers/${v4.toUpperCase()}` }))).toEqual([400, 'E003', 'Invalid Object']);
    expect(triple(await send({ path: '/mfa-servers/123e4567-e89b-12d3-a456-426655440000' }))).toEqual([400, 'E003', 'Invalid Object']);
    expect(triple(await send({ method: 'DELETE', path: '/mfa-servers/' }))).toEqual([400, 'E003', 'Invalid Object']);
  });

  it('list readings', async () => {
    const send = await serverWith(['bare-name-lookup', 'position-required', 'invalid-list-container-400', 'multiple-containers-200', 'large-limit-cap']);
    await post(send, validBody({ name: 'one' }));
    expect((await send({ path: '/mfa-servers?folder=Shared&name=one&position=pre' })).json.name).toBe('one');
    expect(triple(await send({ path: '/mfa-servers?folder=Shared&name=none&position=pre' }))).toEqual([404, 'E005', 'Object Not Present']);
    expect(triple(await send({ path: '/mfa-servers?folder=Shared&name=one&snippet=S&position=pre' }))).toEqual([404, 'E005', 'Object Not Present']);
    expect((await send({ path: '/mfa-servers?folder=Shared&snippet=S&position=post' })).json).toEqual({ data: [], limit: 200, offset: 0, total: 0 });
    expect((await send({ path: '/mfa-servers?folder=Shared&position=&limit=9999' })).json).toMatchObject({ limit: 5000, total: 1 });
    expect(triple(await send({ path: '/mfa-servers?folder=&position=pre' }))).toEqual([400, 'E003', 'Invalid Query Parameter: folder=']);
    expect(triple(await send({ path: `/mfa-servers?device=${'d'.repeat(65)}&position=pre` }))).toEqual([400, 'E003', `Invalid Query Parameter: device=${'d'.repeat(65)}`]);
    expect(triple(await send({ path: '/mfa-servers?position=pre' }))).toEqual([400, 'E003', 'Missing Query Parameter: folder']);
    const first = await serverWith(['multiple-containers-name-first', 'large-limit-400', 'limit-zero-default']);
    expect(triple(await first({ path: '/mfa-servers?snippet=S&device=D' }))).toEqual([400, 'E003', 'Invalid Query Parameter: snippet=S']);
    expect(triple(await first({ path: '/mfa-servers?folder=F&limit=5001' }))).toEqual([400, 'E003', 'Invalid Query Parameter: limit=5001']);
    expect((await first({ path: '/mfa-servers?folder=F&limit=5000' })).status).toBe(200);
    expect((await first({ path: '/mfa-servers?folder=F&limit=0' })).json.limit).toBe(200);
  });

  it('list-newest-first and odd-paging-lenient', async () => {
    const send = await serverWith(['list-newest-first', 'odd-paging-lenient']);
    for (const name of ['a', 'b', 'c']) await post(send, validBody({ name }));
    expect((await send({ path: '/mfa-servers?folder=Shared' })).json.data.map((o: { name: string }) => o.name)).toEqual(['c', 'b', 'a']);
    const page = async (q: string) => {
      const res = await send({ path: `/mfa-servers?folder=Shared&${q}` });
      return res.status === 200 ? [res.json.limit, res.json.offset, res.json.data.length] : triple(res);
    };
    expect(await page('limit=%2B1')).toEqual([1, 0, 1]);
    expect(await page('limit=%201&offset=1e0')).toEqual([1, 1, 1]);
    expect(await page('limit=0x10')).toEqual([16, 0, 3]);
    expect(await page('limit=1e2&offset=')).toEqual([100, 0, 3]);
    expect(await page('limit=')).toEqual([200, 0, 3]);
    expect(await page('offset=-0')).toEqual([200, 0, 3]);
    expect(await page('limit=-1')).toEqual([400, 'E003', 'Invalid Query Parameter: limit=-1']);
    expect(await page('offset=1.5')).toEqual([400, 'E003', 'Invalid Query Parameter: offset=1.5']);
    expect(await page('limit=abc')).toEqual([400, 'E003', 'Invalid Query Parameter: limit=abc']);
  });

  it('body readings at the top level: empty strings, unknown keys, spec lists in the default profile', async () => {
    const send = await serverWith(['empty-name-accepted', 'empty-cert-profile-rejected', 'unknown-keys-echoed']);
    const echoed = await post(send, validBody({ name: '', id: 'mine', extra: [1] }));
    expect(echoed.status).toBe(200);
    expect(echoed.json.id).not.toBe('mine');
    expect(echoed.json.extra).toEqual([1]);
    expect(triple(await post(send, validBody({ name: 'x', mfa_cert_profile: '' })))).toEqual([400, 'E003', 'Invalid Object']);
    const spec = await serverWith(['spec-required-fields', 'hostname-format']);
    expect((await post(spec, validBody({ mfa_vendor_type: { rsa_securid_access_v1: {} } }))).status).toBe(200); // rsa: nothing required
    expect((await post(spec, validBody({ name: 'p', mfa_vendor_type: { ping_identity_v1: { ping_use_base64_key: 'k'.repeat(8), ping_token: 't'.repeat(8), ping_baseuri: '/b', ping_api_host: 'idp.pingidentity.com', ping_timeout: 30 } } }))).status).toBe(200);
    expect(triple(await post(spec, validBody({ name: 'h', mfa_vendor_type: { rsa_securid_access_v1: { rsa_api_host: 'under_score.example.com' } } })))).toEqual([400, 'E003', 'Invalid Object']);
  });
});

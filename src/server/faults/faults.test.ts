// One test per fault: a request (after any setup) whose observable answer
// differs between a server started with that fault and a correct server. A
// sequence fault's setup is the writes it needs (two or more).
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../startServer.ts';
import { client, validBody, type TestResponse } from '../testing.ts';
import { FAULT_KINDS, FAULTS } from './catalogue.ts';

type Send = ReturnType<typeof client>;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const MiB = 1024 * 1024;

/** What a client can see of a response, with fresh ids blanked out. */
function observe(res: TestResponse): unknown {
  return {
    status: res.status,
    wwwAuthenticate: res.headers['www-authenticate'],
    body: res.text.replace(UUID, '<uuid>'),
  };
}

const post = (send: Send, body: unknown, headers: Record<string, string | undefined> = {}) =>
  send({ method: 'POST', path: '/mfa-servers', body, headers });
const postOver = (over: Record<string, unknown>) => (send: Send) => post(send, validBody(over)).then(observe);
const vendor = (v: string, fields: Record<string, unknown>) => postOver({ mfa_vendor_type: { [v]: fields } });
/** `n` objects in folder Shared, named n0, n1, ... */
const fill = (send: Send, n: number) => Promise.all(Array.from({ length: n }, (_, i) => post(send, validBody({ name: `n${i}` }))));

const SCENARIOS: Record<string, (send: Send) => Promise<unknown>> = {
  'no-auth': (send) => send({ path: '/mfa-servers?folder=A', headers: { authorization: undefined } }).then(observe),
  'expired-token-accepted': (send) => send({ path: '/mfa-servers?folder=A', headers: { authorization: 'Bearer dev-expired-token' } }).then(observe),
  'key-too-long-not-checked': (send) => send({ path: '/mfa-servers?folder=A', headers: { authorization: `Bearer ${'k'.repeat(8193)}` } }).then(observe),
  'bearer-case-sensitive': (send) => send({ path: '/mfa-servers?folder=A', headers: { authorization: 'bearer dev-token' } }).then(observe),
  'no-www-authenticate': (send) => send({ path: '/mfa-servers?folder=A', headers: { authorization: 'Bearer nope' } }).then(observe),
  'read-only-can-write': (send) => post(send, validBody(), { authorization: 'Bearer dev-read-only-token' }).then(observe),
  'container-regex-unanchored': postOver({ folder: 'a/b' }),
  'container-regex-allows-slash': postOver({ folder: 'a/b' }),
  'container-maxlength-65': postOver({ folder: 'f'.repeat(65) }),
  'container-empty-allowed': postOver({ folder: '' }),
  'two-containers-accepted': postOver({ snippet: 'S' }),
  'no-container-accepted': postOver({ folder: undefined }),
  'okta-host-minlength-9': vendor('okta_adaptive_v1', { okta_api_host: 'h'.repeat(9) }),
  'duo-secret-minlength-15': vendor('duo_security_v2', { duo_secret_key: 's'.repeat(15) }),
  'timeout-601-accepted': vendor('rsa_securid_access_v1', { rsa_timeout: 601 }),
  'timeout-4-accepted': vendor('ping_identity_v1', { ping_timeout: 4 }),
  'timeout-float-accepted': vendor('okta_adaptive_v1', { okta_timeout: 30.5 }),
  'timeout-string-accepted': vendor('duo_security_v2', { duo_timeout: '30' }),
  'vendor-not-object-accepted': postOver({ mfa_vendor_type: { okta_adaptive_v1: 'okta' } }),
  'two-vendors-accepted': postOver({ mfa_vendor_type: { okta_adaptive_v1: {}, duo_security_v2: {} } }),
  'empty-vendor-object-accepted': postOver({ mfa_vendor_type: {} }),
  'vendor-extra-key-accepted': postOver({ mfa_vendor_type: { okta_adaptive_v1: {}, extra: 1 } }),
  'name-not-required': postOver({ name: undefined }),
  'cert-profile-not-required': postOver({ mfa_cert_profile: undefined }),
  'name-number-accepted': postOver({ name: 7 }),
  'cert-profile-number-accepted': postOver({ mfa_cert_profile: 7 }),
  'wrong-invalid-object-code': postOver({ folder: 'a/b' }),
  'wrong-invalid-object-message': postOver({ folder: 'a/b' }),
  'missing-body-wrong-message': (send) => post(send, '').then(observe),
  'malformed-json-wrong-message': (send) => post(send, '{').then(observe),
  'content-type-not-checked': (send) => post(send, validBody(), { 'content-type': 'text/plain' }).then(observe),
  'content-type-charset-rejected': (send) => post(send, validBody(), { 'content-type': 'application/json; charset=utf-8' }).then(observe),
  'accept-not-checked': (send) => send({ path: '/mfa-servers?folder=A', headers: { accept: 'application/xml' } }).then(observe),
  'payload-limit-2mib': (send) => {
    const text = JSON.stringify(validBody());
    return post(send, text + ' '.repeat(MiB + 1 - text.length)).then(observe);
  },
  'no-request-id': postOver({ folder: 'a/b' }),
  'no-error-details': postOver({ folder: 'a/b' }),
  'list-ignores-name-filter': async (send) => {
    await post(send, validBody({ name: 'one' }));
    await post(send, validBody({ name: 'two' }));
    return observe(await send({ path: '/mfa-servers?folder=Shared&name=one' }));
  },
  'list-ignores-limit': async (send) => {
    await post(send, validBody({ name: 'one' }));
    await post(send, validBody({ name: 'two' }));
    return observe(await send({ path: '/mfa-servers?folder=Shared&limit=1' }));
  },
  'list-ignores-offset': async (send) => {
    await post(send, validBody({ name: 'one' }));
    await post(send, validBody({ name: 'two' }));
    return observe(await send({ path: '/mfa-servers?folder=Shared&limit=1&offset=1' }));
  },
  'put-merges': async (send) => {
    const { json } = await post(send, validBody({ mfa_vendor_type: { okta_adaptive_v1: { okta_org: 'org-1' } } }));
    return observe(await send({ method: 'PUT', path: `/mfa-servers/${json.id}`, body: validBody({ mfa_vendor_type: { okta_adaptive_v1: {} } }) }));
  },
  'put-upserts': (send) => send({ method: 'PUT', path: '/mfa-servers/123e4567-e89b-12d3-a456-426655440000', body: validBody() }).then(observe),
  'defaults-not-filled': vendor('okta_adaptive_v1', {}),
  'create-returns-201': postOver({}),
  'empty-success-body': async (send) => {
    const { json } = await post(send, validBody());
    return observe(await send({ path: `/mfa-servers/${json.id}` }));
  },
  'method-405-returns-404': (send) => send({ method: 'PATCH', path: '/mfa-servers' }).then(observe),
  'put-changes-id': async (send) => {
    const { json } = await post(send, validBody());
    const put = await send({ method: 'PUT', path: `/mfa-servers/${json.id}`, body: validBody({ name: 'renamed' }) });
    return put.json.id === json.id;
  },
  'delete-keeps-object': async (send) => {
    const { json } = await post(send, validBody());
    await send({ method: 'DELETE', path: `/mfa-servers/${json.id}` });
    return observe(await send({ path: `/mfa-servers/${json.id}` }));
  },
  'unknown-id-returns-200-or-500': (send) => send({ path: '/mfa-servers/123e4567-e89b-12d3-a456-426655440000' }).then(observe),
  'list-ignores-folder-filter': async (send) => {
    await post(send, validBody({ folder: 'Other' }));
    return observe(await send({ path: '/mfa-servers?folder=Shared' }));
  },
  'list-missing-folder-accepted': (send) => send({ path: '/mfa-servers' }).then(observe),
  'list-negative-limit-accepted': (send) => send({ path: '/mfa-servers?folder=A&limit=-1' }).then(observe),
  'duplicate-name-accepted': async (send) => {
    await post(send, validBody());
    return observe(await post(send, validBody()));
  },
  'unique-across-containers': async (send) => {
    await post(send, validBody({ folder: 'F1' }));
    return observe(await post(send, validBody({ folder: 'F2' })));
  },
  // Sequence faults (./sequence.ts): the writes that set the fault up, then the request that shows it.
  'rename-keeps-old-name': async (send) => {
    const { json } = await post(send, validBody({ name: 'one' }));
    await send({ method: 'PUT', path: `/mfa-servers/${json.id}`, body: validBody({ name: 'two' }) });
    return observe(await send({ method: 'PUT', path: `/mfa-servers/${json.id}`, body: validBody({ name: 'one' }) }));
  },
  'rename-new-name-free': async (send) => {
    const { json } = await post(send, validBody({ name: 'one' }));
    await send({ method: 'PUT', path: `/mfa-servers/${json.id}`, body: validBody({ name: 'two' }) });
    return observe(await post(send, validBody({ name: 'two' })));
  },
  'delete-frees-name-everywhere': async (send) => {
    const { json } = await post(send, validBody({ folder: 'F1' }));
    await post(send, validBody({ folder: 'F2' }));
    await send({ method: 'DELETE', path: `/mfa-servers/${json.id}` });
    return observe(await post(send, validBody({ folder: 'F2' })));
  },
  'move-checks-old-container': async (send) => {
    const { json } = await post(send, validBody({ folder: 'F1' }));
    await post(send, validBody({ folder: 'F2' }));
    return observe(await send({ method: 'PUT', path: `/mfa-servers/${json.id}`, body: validBody({ folder: 'F2' }) }));
  },
  'default-page-size-100': async (send) => {
    await fill(send, 101);
    return observe(await send({ path: '/mfa-servers?folder=Shared' }));
  },
  'total-capped-at-200': async (send) => {
    await fill(send, 201);
    return observe(await send({ path: '/mfa-servers?folder=Shared&limit=1' }));
  },
  'offset-ignored-past-200': async (send) => {
    await fill(send, 201);
    return observe(await send({ path: '/mfa-servers?folder=Shared&offset=200' }));
  },
  'total-not-moved': async (send) => {
    const { json } = await post(send, validBody({ folder: 'F1' }));
    await send({ method: 'PUT', path: `/mfa-servers/${json.id}`, body: validBody({ folder: 'F2' }) });
    return observe(await send({ path: '/mfa-servers?folder=F1' }));
  },
  'get-cached-across-put': async (send) => {
    const { json } = await post(send, validBody({ name: 'one' }));
    await send({ method: 'PUT', path: `/mfa-servers/${json.id}`, body: validBody({ name: 'two' }) });
    return observe(await send({ path: `/mfa-servers/${json.id}` }));
  },
  'list-cached-until-create': async (send) => {
    const { json } = await post(send, validBody());
    await send({ path: '/mfa-servers?folder=Shared' });
    await send({ method: 'DELETE', path: `/mfa-servers/${json.id}` });
    return observe(await send({ path: '/mfa-servers?folder=Shared' }));
  },
  'id-from-name': async (send) => {
    await post(send, validBody({ folder: 'F1' }));
    await post(send, validBody({ folder: 'F2' }));
    return observe(await send({ path: '/mfa-servers?folder=F1' }));
  },
  'id-reused-after-delete': async (send) => {
    const { json } = await post(send, validBody({ name: 'one' }));
    await send({ method: 'DELETE', path: `/mfa-servers/${json.id}` });
    return (await post(send, validBody({ name: 'two' }))).json.id === json.id;
  },
  'move-stays-listed': async (send) => {
    const { json } = await post(send, validBody({ folder: 'F1' }));
    await send({ method: 'PUT', path: `/mfa-servers/${json.id}`, body: validBody({ folder: 'F2' }) });
    return observe(await send({ path: '/mfa-servers?folder=F1' }));
  },
  'delete-by-name': async (send) => {
    const { json } = await post(send, validBody({ folder: 'F1' }));
    const other = await post(send, validBody({ folder: 'F2' }));
    await send({ method: 'DELETE', path: `/mfa-servers/${other.json.id}` });
    return observe(await send({ path: `/mfa-servers/${json.id}` }));
  },
  'put-keeps-failed-draft': async (send) => {
    const { json } = await post(send, validBody());
    await send({ method: 'PUT', path: `/mfa-servers/${json.id}`, body: validBody({ snippet: 'S' }) });
    return observe(await send({ method: 'PUT', path: `/mfa-servers/${json.id}`, body: validBody() }));
  },
};

const servers: RunningServer[] = [];
afterAll(() => Promise.all(servers.map((s) => s.close())));

async function run(faults: string[], scenario: (send: Send) => Promise<unknown>): Promise<unknown> {
  const srv = await startServer({ faults });
  servers.push(srv);
  return scenario(client(srv.url));
}

describe('fault catalogue', () => {
  it('has at least 28 faults, at least one of every kind, each with a scenario', () => {
    const names = Object.keys(FAULTS);
    expect(names.length).toBeGreaterThanOrEqual(28);
    for (const kind of FAULT_KINDS) expect(names.some((n) => FAULTS[n]?.kind === kind), kind).toBe(true);
    expect(Object.keys(SCENARIOS).sort()).toEqual(names.sort());
  });
  it('rejects an unknown fault name', async () => {
    await expect(startServer({ faults: ['no-such-fault'] })).rejects.toThrow(/unknown fault/);
  });
});

describe('each fault changes what a client sees', () => {
  for (const [name, scenario] of Object.entries(SCENARIOS)) {
    it(name, async () => {
      const [correct, faulty] = await Promise.all([run([], scenario), run([name], scenario)]);
      expect(faulty).not.toEqual(correct);
    });
  }
});

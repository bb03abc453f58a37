// Consumer contract of `/mfa-servers`: what the harness (consumer
// `mfa-conformance`) relies on from any implementation (provider
// `scm-mfa-servers`). Regenerate with `npm run contracts`; the file is
// contracts/pacts/mfa-conformance-scm-mfa-servers.json (Pact specification V4).
//
// Each interaction is exercised by the real client (client.ts) against Pact's
// mock server. Values that exist only on the provider (ids, the run's name
// prefix, the container a tenant offers) come from provider states through
// `fromProviderState`, so the same pact verifies against the reference server
// and against a vendor tenant (src/cli/verify.ts sets the states up through
// the target's own API).
import { rmSync } from 'node:fs';
import { MatchersV3, PactV4, SpecificationVersion } from '@pact-foundation/pact';
import { beforeAll, describe, expect, it } from 'vitest';
import { createClient } from './client.ts';
import { bearer, EXAMPLE_ID, errorEnvelope, listEnvelope, storedObject, UUID_RE, VENDOR_EXAMPLES, type Container, type Vendor } from './contractShapes.ts';
import { CONSUMER, PACT_DIR, PACT_FILE, PROVIDER, ROLE_HEADER, STATE, UNKNOWN_TOKEN } from './names.ts';

const { fromProviderState, regex } = MatchersV3;

const pact = new PactV4({ consumer: CONSUMER, provider: PROVIDER, dir: PACT_DIR, spec: SpecificationVersion.SPECIFICATION_VERSION_V4, logLevel: 'error' });

const TOKEN = 'consumer-test-token';
const FOLDER = 'Shared';
const json = { Accept: 'application/json' };
const auth = { Authorization: bearer(), ...json };
const fromState = (key: string, example: string): unknown => fromProviderState(`\${${key}}`, example);

// Pact merges into an existing file; start from nothing so a renamed or
// removed interaction does not linger in the contract.
beforeAll(() => rmSync(PACT_FILE, { force: true }));

describe('create: one success shape per vendor and per container kind', () => {
  const cases: { vendor?: Vendor; container: Container; value: string; name: string }[] = [
    { vendor: 'okta_adaptive_v1', container: 'folder', value: FOLDER, name: 'okta-1' },
    { vendor: 'ping_identity_v1', container: 'folder', value: FOLDER, name: 'ping-1' },
    { vendor: 'rsa_securid_access_v1', container: 'folder', value: FOLDER, name: 'rsa-1' },
    { vendor: 'duo_security_v2', container: 'folder', value: FOLDER, name: 'duo-1' },
    { container: 'snippet', value: 'mfa-conformance-snippet', name: 'snippet-1' },
    { container: 'device', value: 'mfa-conformance-device', name: 'device-1' },
  ];
  for (const c of cases) {
    const what = c.vendor ? `with vendor ${c.vendor}` : 'without a vendor';
    it(`creates an MFA server ${what} in a ${c.container}`, async () => {
      const sent: Record<string, unknown> = { name: c.name, mfa_cert_profile: 'example-cert-profile', [c.container]: c.value };
      if (c.vendor) sent['mfa_vendor_type'] = { [c.vendor]: VENDOR_EXAMPLES[c.vendor].sent };
      const template: Record<string, unknown> = { ...sent, name: fromState('name', c.name), [c.container]: fromState(c.container, c.value) };
      await pact
        .addInteraction()
        .given(STATE.absent, { name: c.name, [c.container]: c.value })
        .uponReceiving(`a request to create an MFA server ${what} in a ${c.container}`)
        .withRequest('POST', '/mfa-servers', (b) => b.headers(auth).jsonBody(template))
        .willRespondWith(200, (b) => b.jsonBody(storedObject({ name: c.name, container: c.container, value: c.value, vendor: c.vendor })))
        .executeTest(async (mock) => {
          const res = await createClient({ baseUrl: mock.url, token: TOKEN }).create(sent);
          expect(res.status).toBe(200);
          expect(res.json).toMatchObject({ name: c.name, [c.container]: c.value });
          expect((res.json as { id: string }).id).toMatch(new RegExp(UUID_RE));
        });
    });
  }
});

describe('error shapes', () => {
  const valid = { name: 'err-1', mfa_cert_profile: 'example-cert-profile', folder: FOLDER };

  it('400 E003 Invalid Object', async () => {
    const body = { name: 'err-1', folder: FOLDER }; // mfa_cert_profile is required
    await pact
      .addInteraction()
      .uponReceiving('a create request whose body lacks mfa_cert_profile')
      .withRequest('POST', '/mfa-servers', (b) => b.headers(auth).jsonBody(body))
      .willRespondWith(400, (b) => b.jsonBody(errorEnvelope('E003', 'Invalid Object')))
      .executeTest(async (mock) => {
        const res = await createClient({ baseUrl: mock.url, token: TOKEN }).create(body);
        expect(res.status).toBe(400);
        expect(res.json).toMatchObject({ _errors: [{ code: 'E003', message: 'Invalid Object' }] });
      });
  });

  it('400 E003 Missing Body', async () => {
    await pact
      .addInteraction()
      .uponReceiving('a create request with an empty body')
      .withRequest('POST', '/mfa-servers', (b) => b.headers({ ...auth, 'Content-Type': 'application/json' }))
      .willRespondWith(400, (b) => b.jsonBody(errorEnvelope('E003', 'Missing Body')))
      .executeTest(async (mock) => {
        const res = await createClient({ baseUrl: mock.url, token: TOKEN }).send('POST', '/mfa-servers', { contentType: 'application/json' });
        expect(res.status).toBe(400);
        expect(res.json).toMatchObject({ _errors: [{ code: 'E003', message: 'Missing Body' }] });
      });
  });

  it('400 E003 Input Format Mismatch', async () => {
    const text = JSON.stringify(valid);
    await pact
      .addInteraction()
      .uponReceiving('a create request whose Content-Type is text/plain')
      .withRequest('POST', '/mfa-servers', (b) => b.headers(auth).body('text/plain', Buffer.from(text)))
      .willRespondWith(400, (b) => b.jsonBody(errorEnvelope('E003', 'Input Format Mismatch: input-format=json')))
      .executeTest(async (mock) => {
        const res = await createClient({ baseUrl: mock.url, token: TOKEN }).send('POST', '/mfa-servers', { body: text, contentType: 'text/plain' });
        expect(res.status).toBe(400);
        expect(res.json).toMatchObject({ _errors: [{ code: 'E003', message: 'Input Format Mismatch: input-format=json' }] });
      });
  });

  it('400 E003 Output Format Mismatch', async () => {
    // On a create (must there; on reads it is a should). The Accept= part of the message is a should: only the prefix is pinned.
    await pact
      .addInteraction()
      .given(STATE.absent, { name: 'accept-1', folder: FOLDER })
      .uponReceiving('a create request that accepts only application/xml')
      .withRequest('POST', '/mfa-servers', (b) =>
        b.headers({ ...auth, Accept: 'application/xml' }).jsonBody({ ...valid, name: fromState('name', 'accept-1'), folder: fromState('folder', FOLDER) }))
      .willRespondWith(400, (b) => b.jsonBody(errorEnvelope('E003', 'Output Format Mismatch: output-format=json Accept=xml', '^Output Format Mismatch: output-format=json( .*)?$')))
      .executeTest(async (mock) => {
        const res = await createClient({ baseUrl: mock.url, token: TOKEN }).send('POST', '/mfa-servers', { body: JSON.stringify({ ...valid, name: 'accept-1' }), contentType: 'application/json', headers: { accept: 'application/xml' } });
        expect(res.status).toBe(400);
        expect(res.json).toMatchObject({ _errors: [{ code: 'E003' }] });
      });
  });

  it('401 E016 Not Authenticated', async () => {
    await pact
      .addInteraction()
      .uponReceiving('a list request without an Authorization header')
      .withRequest('GET', '/mfa-servers', (b) => b.query({ folder: FOLDER, position: 'pre' }).headers(json))
      .willRespondWith(401, (b) => b.jsonBody(errorEnvelope('E016', 'Not Authenticated')))
      .executeTest(async (mock) => {
        const res = await createClient({ baseUrl: mock.url }).list({ folder: FOLDER, position: 'pre' });
        expect(res.status).toBe(401);
        expect(res.json).toMatchObject({ _errors: [{ code: 'E016', message: 'Not Authenticated' }] });
      });
  });

  it('401 E016 Invalid Credential', async () => {
    await pact
      .addInteraction()
      .uponReceiving('a list request with a token the server does not know')
      .withRequest('GET', '/mfa-servers', (b) =>
        b.query({ folder: FOLDER, position: 'pre' }).headers({ ...json, Authorization: `Bearer ${UNKNOWN_TOKEN}`, [ROLE_HEADER]: 'unknown-token' }),
      )
      .willRespondWith(401, (b) => b.jsonBody(errorEnvelope('E016', 'Invalid Credential')))
      .executeTest(async (mock) => {
        const res = await createClient({ baseUrl: mock.url, token: UNKNOWN_TOKEN, headers: { [ROLE_HEADER]: 'unknown-token' } }).list({ folder: FOLDER, position: 'pre' });
        expect(res.status).toBe(401);
        expect(res.json).toMatchObject({ _errors: [{ code: 'E016', message: 'Invalid Credential' }] });
      });
  });

  it('403 E007 Unauthorized', async () => {
    await pact
      .addInteraction()
      .given(STATE.absent, { name: 'read-only-1', folder: FOLDER })
      .uponReceiving('a create request from a read-only caller')
      .withRequest('POST', '/mfa-servers', (b) =>
        b.headers({ ...auth, [ROLE_HEADER]: 'read-only' }).jsonBody({ ...valid, name: fromState('name', 'read-only-1'), folder: fromState('folder', FOLDER) }),
      )
      .willRespondWith(403, (b) => b.jsonBody(errorEnvelope('E007', 'Unauthorized')))
      .executeTest(async (mock) => {
        const res = await createClient({ baseUrl: mock.url, token: TOKEN, headers: { [ROLE_HEADER]: 'read-only' } }).create({ ...valid, name: 'read-only-1' });
        expect(res.status).toBe(403);
        expect(res.json).toMatchObject({ _errors: [{ code: 'E007', message: 'Unauthorized' }] });
      });
  });

  it('404 E005 Object Not Present', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    await pact
      .addInteraction()
      .uponReceiving('a request for an MFA server id that does not exist')
      .withRequest('GET', regex(`^/mfa-servers/[0-9a-fA-F-]{36}$`, `/mfa-servers/${unknown}`), (b) => b.headers(auth))
      .willRespondWith(404, (b) => b.jsonBody(errorEnvelope('E005', 'Object Not Present')))
      .executeTest(async (mock) => {
        const res = await createClient({ baseUrl: mock.url, token: TOKEN }).get(unknown);
        expect(res.status).toBe(404);
        expect(res.json).toMatchObject({ _errors: [{ code: 'E005', message: 'Object Not Present' }] });
      });
  });

  it('409 E006 Name Not Unique', async () => {
    await pact
      .addInteraction()
      .given(STATE.exists, { name: 'dup-1', folder: FOLDER })
      .uponReceiving('a create request whose name exists in the same folder')
      .withRequest('POST', '/mfa-servers', (b) =>
        b.headers(auth).jsonBody({ ...valid, name: fromState('name', 'dup-1'), folder: fromState('folder', FOLDER) }),
      )
      .willRespondWith(409, (b) => b.jsonBody(errorEnvelope('E006', 'Name Not Unique')))
      .executeTest(async (mock) => {
        const res = await createClient({ baseUrl: mock.url, token: TOKEN }).create({ ...valid, name: 'dup-1' });
        expect(res.status).toBe(409);
        expect(res.json).toMatchObject({ _errors: [{ code: 'E006', message: 'Name Not Unique' }] });
      });
  });
});

describe('lifecycle of an existing MFA server', () => {
  const name = 'life-1';
  const params = { name, folder: FOLDER };
  const itemPath = (): unknown => fromProviderState('/mfa-servers/${id}', `/mfa-servers/${EXAMPLE_ID}`);

  it('lists it with the list envelope', async () => {
    // The folder, without name=: a name lookup may be answered bare (semantics.md Open points), which one contract cannot say.
    await pact
      .addInteraction()
      .given(STATE.exists, params)
      .uponReceiving('a list request for the folder it is in')
      .withRequest('GET', '/mfa-servers', (b) =>
        b.query({ folder: fromState('folder', FOLDER) as string, position: 'pre' }).headers(auth),
      )
      .willRespondWith(200, (b) => b.jsonBody(listEnvelope(name, FOLDER)))
      .executeTest(async (mock) => {
        const res = await createClient({ baseUrl: mock.url, token: TOKEN }).list({ folder: FOLDER, position: 'pre' });
        expect(res.status).toBe(200);
        expect(res.json).toMatchObject({ data: [{ name }], limit: 200, offset: 0, total: 1 });
      });
  });

  it('gets it', async () => {
    await pact
      .addInteraction()
      .given(STATE.exists, params)
      .uponReceiving('a request for an existing MFA server by id')
      .withRequest('GET', itemPath() as string, (b) => b.headers(auth))
      .willRespondWith(200, (b) => b.jsonBody(storedObject({ name, container: 'folder', value: FOLDER })))
      .executeTest(async (mock) => {
        const res = await createClient({ baseUrl: mock.url, token: TOKEN }).get(EXAMPLE_ID);
        expect(res.status).toBe(200);
        expect(res.json).toMatchObject({ id: EXAMPLE_ID, name });
      });
  });

  it('updates it', async () => {
    const body = { name: 'life-1-renamed', mfa_cert_profile: 'other-cert-profile', folder: FOLDER };
    await pact
      .addInteraction()
      .given(STATE.exists, params)
      .uponReceiving('a request to replace an existing MFA server')
      .withRequest('PUT', itemPath() as string, (b) =>
        b.headers(auth).jsonBody({ ...body, name: fromProviderState('${name}-renamed', body.name), folder: fromState('folder', FOLDER) }),
      )
      .willRespondWith(200, (b) => b.jsonBody(storedObject({ name: body.name, container: 'folder', value: FOLDER })))
      .executeTest(async (mock) => {
        const res = await createClient({ baseUrl: mock.url, token: TOKEN }).update(EXAMPLE_ID, body);
        expect(res.status).toBe(200);
        expect(res.json).toMatchObject({ id: EXAMPLE_ID, name: body.name });
      });
  });

  it('deletes it', async () => {
    await pact
      .addInteraction()
      .given(STATE.exists, params)
      .uponReceiving('a request to delete an existing MFA server')
      .withRequest('DELETE', itemPath() as string, (b) => b.headers(auth))
      // Status only: the spec's DELETE 200 is http_ok, with no content (semantics.md: "DELETE: 200").
      .willRespondWith(200)
      .executeTest(async (mock) => {
        const res = await createClient({ baseUrl: mock.url, token: TOKEN }).remove(EXAMPLE_ID);
        expect(res.status).toBe(200);
      });
  });

  it('answers 404 for it after the delete', async () => {
    await pact
      .addInteraction()
      .given(STATE.deleted, params)
      .uponReceiving('a request for an MFA server that was deleted')
      .withRequest('GET', itemPath() as string, (b) => b.headers(auth))
      .willRespondWith(404, (b) => b.jsonBody(errorEnvelope('E005', 'Object Not Present')))
      .executeTest(async (mock) => {
        const res = await createClient({ baseUrl: mock.url, token: TOKEN }).get(EXAMPLE_ID);
        expect(res.status).toBe(404);
      });
  });
});

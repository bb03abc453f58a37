// Formats and body bytes (semantics.md "Format checks", "Precedence";
// decisions.md "Body bytes", "Permission, then formats"), and hostile input
// that must never produce a 5xx.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './startServer.ts';
import { client, err, validBody } from './testing.ts';
import { acceptAdmitsJson, acceptName, isJsonContentType } from './validate/formats.ts';

let srv: RunningServer;
let send: ReturnType<typeof client>;
const MiB = 1024 * 1024;

beforeAll(async () => {
  srv = await startServer({});
  send = client(srv.url);
});
afterAll(() => srv.close());

const post = (body: unknown, headers: Record<string, string | undefined> = {}) =>
  send({ method: 'POST', path: '/mfa-servers', body, headers });

describe('Content-Type (POST/PUT)', () => {
  it.each(['application/json', 'application/json; charset=utf-8', 'APPLICATION/JSON;charset=UTF-8'])('%s is fine', async (ct) => {
    const res = await post(validBody({ name: `ct-${ct}` }), { 'content-type': ct });
    expect(res.status).toBe(200);
  });
  it.each([['text/plain'], ['application/xml'], ['application/json-patch+json']])('%s → 400 Input Format Mismatch', async (ct) => {
    expect(err(await post(validBody(), { 'content-type': ct }))).toEqual([400, 'E003', 'Input Format Mismatch: input-format=json']);
  });
  it('missing Content-Type → 400 Input Format Mismatch', async () => {
    expect(err(await post(validBody(), { 'content-type': undefined }))[2]).toBe('Input Format Mismatch: input-format=json');
  });
  it('on PUT too, before the not-found check', async () => {
    const res = await send({ method: 'PUT', path: '/mfa-servers/nope', body: validBody(), headers: { 'content-type': 'text/plain' } });
    expect(err(res)[2]).toBe('Input Format Mismatch: input-format=json');
  });
  it('is not checked on GET', async () => {
    const res = await send({ path: '/mfa-servers?folder=A', headers: { 'content-type': 'text/plain' } });
    expect(res.status).toBe(200);
  });
  it('unit: parameters ignored, case-insensitive', () => {
    expect(isJsonContentType(' application/json ;x=y')).toBe(true);
    expect(isJsonContentType(undefined)).toBe(false);
    expect(isJsonContentType('')).toBe(false);
  });
});

describe('Accept (every operation)', () => {
  it('application/xml → 400 Output Format Mismatch ... Accept=xml', async () => {
    const res = await send({ path: '/mfa-servers?folder=A', headers: { accept: 'application/xml' } });
    expect(err(res)).toEqual([400, 'E003', 'Output Format Mismatch: output-format=json Accept=xml']);
  });
  it('on POST, after Content-Type', async () => {
    expect(err(await post(validBody(), { accept: 'text/html;q=0.9, image/png' }))[2]).toBe('Output Format Mismatch: output-format=json Accept=html');
    expect(err(await post(validBody(), { accept: 'text/html', 'content-type': 'text/plain' }))[2]).toMatch(/^Input Format/);
  });
  it.each(['application/json', '*/*', 'application/*', 'text/html, application/json;q=0.1', '', 'application/JSON'])('%j admits JSON', async (a) => {
    expect((await send({ path: '/mfa-servers?folder=A', headers: { accept: a } })).status).toBe(200);
  });
  it('unit: q=0 excludes, names', () => {
    expect(acceptAdmitsJson('application/json;q=0')).toBe(false);
    expect(acceptAdmitsJson('application/json;q=0.000, text/html')).toBe(false);
    expect(acceptAdmitsJson(undefined)).toBe(true);
    expect(acceptAdmitsJson(' , ')).toBe(true);
    expect(acceptName('application/xml')).toBe('xml');
    expect(acceptName('Text/HTML;q=0.9, image/png')).toBe('html');
    expect(acceptName('xml')).toBe('xml');
    expect(acceptName('application/vnd.a+xml; v=1')).toBe('vnd.a+xml');
  });
  it('comes after 405 and 403', async () => {
    expect(err(await send({ method: 'PATCH', path: '/mfa-servers', headers: { accept: 'application/xml' } }))[0]).toBe(405);
  });
});

describe('body size (413 E003 past 1 MiB)', () => {
  it('1 MiB + 1 byte → 413 Payload Too Large', async () => {
    const text = JSON.stringify(validBody({ name: 'big' }));
    const res = await post(text + ' '.repeat(MiB + 1 - text.length));
    expect(err(res)).toEqual([413, 'E003', 'Payload Too Large']);
  });
  it('a valid body padded with spaces to exactly 1 MiB → 200', async () => {
    const text = JSON.stringify(validBody({ name: 'exactly-1mib' }));
    const res = await post(text + ' '.repeat(MiB - text.length));
    expect(res.status).toBe(200);
  });
  it('on any method: GET with a 1 MiB + 1 body → 413', async () => {
    const res = await send({ path: '/mfa-servers?folder=A', body: Buffer.alloc(MiB + 1, 0x20) });
    expect(err(res)[0]).toBe(413);
  });
  it('after Accept, before Missing Body/JSON', async () => {
    expect(err(await post(Buffer.alloc(MiB + 1, 0x7b), { accept: 'application/xml' }))[0]).toBe(400);
    expect(err(await post(Buffer.alloc(MiB + 1, 0x7b)))[0]).toBe(413);
  });
  it('a GET with a small body ignores it', async () => {
    expect((await send({ path: '/mfa-servers?folder=A', body: 'garbage' })).status).toBe(200);
  });
});

describe('body bytes (POST/PUT)', () => {
  it('empty body → 400 Missing Body', async () => {
    expect(err(await post(''))).toEqual([400, 'E003', 'Missing Body']);
  });
  it('PUT with empty body → Missing Body (before not-found)', async () => {
    expect(err(await send({ method: 'PUT', path: '/mfa-servers/nope', body: '' }))[2]).toBe('Missing Body');
  });
  it.each([
    ['not JSON', '{name:'],
    ['whitespace only', '   \n'],
    ['a leading BOM', '\uFEFF{"name":"a"}'],
    ['trailing garbage', '{"a":1} x'],
    ['a truncated \\u escape', '{"a":"\\u12'],
  ])('%s → 400 Malformed Command', async (_what, body) => {
    expect(err(await post(body))).toEqual([400, 'E003', 'Malformed Command']);
  });
  it('invalid UTF-8 → 400 Malformed Command', async () => {
    const bytes = Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
    expect(err(await post(bytes))[2]).toBe('Malformed Command');
  });
  it.each([['[]'], ['null'], ['"x"'], ['42'], ['true']])('JSON that is not an object (%s) → Invalid Object', async (b) => {
    expect(err(await post(b))).toEqual([400, 'E003', 'Invalid Object']);
  });
});

describe('hostile input never gives a 5xx', () => {
  it('deeply nested JSON in an unknown key is accepted and dropped', async () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    const text = JSON.stringify(validBody({ name: 'deep' })).replace(/}$/, `,"x":${deep}}`);
    const res = await post(text);
    expect(res.status).toBe(200);
    expect(res.json.x).toBeUndefined();
  });
  it('deeply nested JSON as a field value → Invalid Object', async () => {
    const deep = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000);
    expect(err(await post(`{"name":${deep},"mfa_cert_profile":"c","folder":"F"}`))[2]).toBe('Invalid Object');
  });
  it('__proto__ keys are data, not prototypes', async () => {
    const text = '{"name":"proto","mfa_cert_profile":"c","folder":"Shared","__proto__":{"folder":"x","admin":true},"constructor":{"prototype":{"p":1}}}';
    const res = await post(text);
    expect(res.status).toBe(200);
    expect(Object.keys(res.json).sort()).toEqual(['folder', 'id', 'mfa_cert_profile', 'name']);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });
  it('__proto__ as mfa_vendor_type key → Invalid Object', async () => {
    const text = '{"name":"p2","mfa_cert_profile":"c","folder":"Shared","mfa_vendor_type":{"__proto__":{"okta_adaptive_v1":{}}}}';
    expect(err(await post(text))[2]).toBe('Invalid Object');
  });
  it('__proto__ only body (no name via the prototype) → Invalid Object', async () => {
    const text = '{"__proto__":{"name":"a","mfa_cert_profile":"c","folder":"Shared"}}';
    expect(err(await post(text))[2]).toBe('Invalid Object');
  });
  it('huge numbers are not integers in range', async () => {
    const res = await post(`{"name":"n","mfa_cert_profile":"c","folder":"F","mfa_vendor_type":{"rsa_securid_access_v1":{"rsa_timeout":1e400}}}`);
    expect(err(res)[2]).toBe('Invalid Object');
  });
  it('weird headers: duplicate Authorization counts by its first value', async () => {
    const res = await send({ path: '/mfa-servers?folder=A', headers: { authorization: ['Bearer nope', 'Bearer dev-token'] } });
    expect(res.status).toBe(401);
  });
  it('a header with odd bytes is just a header', async () => {
    const res = await send({ path: '/mfa-servers?folder=A', headers: { 'x-odd': '\u00ff\u00fe', accept: 'ñ/ñ' } });
    expect(res.status).toBeLessThan(500);
  });
  it('malformed HTTP gets a 4xx, and a client that disconnects mid-body does not crash the server', async () => {
    const port = srv.port;
    const raw = (text: string, wait: boolean) =>
      new Promise<string>((resolve) => {
        const sock = connect(port, '127.0.0.1', () => {
          sock.write(text);
          if (!wait) {
            sock.destroy();
            resolve('');
          }
        });
        let got = '';
        sock.on('data', (d) => (got += d.toString()));
        sock.on('close', () => resolve(got));
        sock.on('error', () => resolve(got));
      });
    const bad = await raw('GARBAGE\r\n\r\n', true);
    expect(bad).toMatch(/^HTTP\/1\.1 4\d\d/);
    await raw('POST /config/identity/v1/mfa-servers HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer dev-token\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"na', false);
    expect((await send({ path: '/mfa-servers?folder=A' })).status).toBe(200);
  });
});

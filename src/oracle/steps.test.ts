// Each step of the oracle's precedence (steps.ts) through predict(): one row
// per branch, the set of expected answers, the tolerated ones and the miss
// strength. Answers are written `status code message` (`-` where not asserted).
import { describe, expect, it } from 'vitest';
import type { ApiRequest, Outcome, StoredObject } from '../spec/types.ts';
import { bearerToken } from './authRules.ts';
import { flat, predict } from './predict.ts';
import { HOSTNAME } from './vendorRules.ts';

const TOKEN = 'dev-token';
const RW = { authorization: `Bearer ${TOKEN}` };
const RO = { authorization: 'Bearer dev-read-only-token' };
const JSONH = { ...RW, 'content-type': 'application/json' };
const ID = '123e4567-e89b-42d3-a456-426655440000';
const OTHER = '223e4567-e89b-42d3-a456-426655440000';
const valid = { name: 'n1', mfa_cert_profile: 'cp', folder: 'F' };
const stored: StoredObject = { id: ID, ...valid };
const post = (body: unknown, headers: Record<string, string> = JSONH): ApiRequest => ({ method: 'POST', path: '/mfa-servers', headers, body: typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body) });
const put = (id: string, body: unknown, headers: Record<string, string> = JSONH): ApiRequest => ({ ...post(body, headers), method: 'PUT', path: `/mfa-servers/${id}` });
const get = (path: string, headers: Record<string, string> = RW): ApiRequest => ({ method: 'GET', path, headers });
const key = (o: Outcome): string => [o.statusMax !== undefined ? `${o.status}-${o.statusMax}` : o.status, o.code ?? '-', o.message ?? '-'].join(' ');
const set = (os: Outcome[]): string[] => [...new Set(os.map(key))].sort();

type Row = [name: string, req: ApiRequest, expected: string[], tolerated?: string[], miss?: 'must' | 'should', state?: StoredObject[]];
const OK = '200 - -';
const INVALID = '400 E003 Invalid Object';
const check = ([, req, exp, tol, miss, state]: Row): void => {
  const p = predict(req, state ?? []);
  expect(set(flat(p.expected))).toStrictEqual([...exp].sort());
  if (tol !== undefined) expect(set(p.tolerated)).toStrictEqual([...tol].sort());
  if (miss !== undefined) expect(p.miss).toBe(miss);
};

describe('authentication', () => {
  const h = (authorization: string): Record<string, string> => ({ authorization, 'content-type': 'application/json' });
  const rows: Row[] = [
    ['Bearer and the token', post(valid, h(`Bearer ${TOKEN}`)), [OK], [], 'must'],
    ['spaces and tabs around the value', post(valid, h(` \tBearer ${TOKEN}\t `)), [OK]],
    ['no scheme', post(valid, h(TOKEN)), ['401 E016 Not Authenticated'], undefined, 'must'],
    ['empty header', post(valid, h('')), ['401 E016 Not Authenticated']],
    ['Basic', post(valid, h(`Basic ${TOKEN}`)), ['401 E016 Not Authenticated']],
    ['BEARER (should: accepted)', post(valid, h(`BEARER ${TOKEN}`)), [OK], ['401 E016 Not Authenticated'], 'should'],
    ['bearer with an unknown token: Invalid Credential still', post(valid, h('bearer nope')), ['401 E016 Invalid Credential'], ['401 E016 Not Authenticated'], 'must'],
    ['Bearer alone', post(valid, h('Bearer')), ['401 E016 Invalid Credential', '401 E016 Not Authenticated']],
    ['two spaces before the token (open)', post(valid, h(`Bearer  ${TOKEN}`)), [OK, '401 E016 Invalid Credential', '401 E016 Not Authenticated']],
    ['two spaces before an unknown token', post(valid, h('Bearer  nope')), ['401 E016 Invalid Credential', '401 E016 Not Authenticated']],
    ['a tab before the token: no scheme', post(valid, h(`Bearer\t${TOKEN}`)), ['401 E016 Not Authenticated']],
    ['a token with a space in it', post(valid, h(`Bearer ${TOKEN} x`)), ['401 E016 Invalid Credential']],
    ['expired', post(valid, h('Bearer dev-expired-token')), ['401 E016 Key Expired'], [], 'must'],
    ['unknown', post(valid, h('Bearer nope')), ['401 E016 Invalid Credential']],
    ['read-only POST', post(valid, h('Bearer dev-read-only-token')), ['403 E007 Unauthorized']],
    ['read-only PUT', put(ID, valid, { ...RO, 'content-type': 'application/json' }), ['403 E007 Unauthorized'], undefined, undefined, [stored]],
    ['read-only DELETE', { method: 'DELETE', path: `/mfa-servers/${ID}`, headers: RO }, ['403 E007 Unauthorized'], undefined, undefined, [stored]],
    ['read-only GET', get(`/mfa-servers/${ID}`, RO), [OK], undefined, undefined, [stored]],
    ['read-write DELETE', { method: 'DELETE', path: `/mfa-servers/${ID}`, headers: RW }, [OK], undefined, 'must', [stored]],
    ['a token of 4096 characters: read as any', post(valid, h(`Bearer ${'k'.repeat(4096)}`)), ['401 E016 Invalid Credential'], [], 'must'],
    ['a token of 4097 characters: near the threshold', post(valid, h(`Bearer ${'k'.repeat(4097)}`)), ['401 E016 Invalid Credential'], ['400 - -', '401 E016 Key Too Long', '431 - -'], 'must'],
    ['a token of 8192 characters: near', post(valid, h(`Bearer ${'k'.repeat(8192)}`)), ['401 E016 Invalid Credential'], ['400 - -', '401 E016 Key Too Long', '431 - -']],
    ['a token of 8193 characters: Key Too Long', post(valid, h(`Bearer ${'k'.repeat(8193)}`)), ['401 E016 Key Too Long'], ['400 - -', '401 E016 Invalid Credential', '431 - -'], 'must'],
    ['a read-write token near the threshold', post(valid, { authorization: `Bearer ${'k'.repeat(5000)}`, 'content-type': 'application/json' }), ['401 E016 Invalid Credential']],
  ];
  it.each(rows)('%s', (...r) => check(r));
  it('the later rules a request breaks are tolerated after an empty token\'s 401', () => {
    const p = predict(post(valid, { authorization: 'Bearer', 'content-type': 'text/plain' }));
    expect(set(p.tolerated)).toStrictEqual(['400 E003 Input Format Mismatch: input-format=json']);
  });
  it('the answers of a token after two spaces, in order: read as the token, then each refusal', () => {
    const p = predict(post(valid, { authorization: 'Bearer  nope', 'content-type': 'application/json' }));
    expect(flat(p.expected).map((o) => `${o.rule} ${o.message}`)).toStrictEqual(['auth.invalid-credential Invalid Credential', 'auth.token-spacing Not Authenticated', 'auth.token-spacing Invalid Credential']);
  });
  it('a known long token is accepted as a token', () => {
    const long = 'k'.repeat(5000);
    const p = predict(post(valid, { authorization: `Bearer ${long}`, 'content-type': 'application/json' }), [], { tokens: [long], readOnlyTokens: [], expiredTokens: [], profile: 'default' });
    expect(set(flat(p.expected))).toStrictEqual([OK]);
    expect(set(p.tolerated)).toStrictEqual(['400 - -', '401 E016 Key Too Long', '431 - -']);
  });
  it.each([
    [undefined, ''], ['', ''], ['Bearer', ''], ['  \tBearer t', 't'], ['Bearer t \t', 't'], ['\u000bBearer t', ''], ['Bearer t', 't'], ['bearer t', 't'], [' BEARER  t ', 't'], ['Basic t', ''], ['t', ''], ['Bearer t u', 't u'], ['\tBearer t\t', 't'],
  ])('bearerToken(%j) = %j', (header, token) => expect(bearerToken(header)).toBe(token));
});

describe('routing', () => {
  const rows: Row[] = [
    ['PUT on the collection', { ...post(valid), method: 'PUT' }, ['405 E012 Method Not Supported'], undefined, 'should'],
    ['POST on an item', { ...post(valid), path: `/mfa-servers/${ID}` }, ['405 E012 Method Not Supported'], undefined, undefined, [stored]],
    ['HEAD on an item', { method: 'HEAD', path: `/mfa-servers/${ID}`, headers: RW }, ['405 E012 Method Not Supported']],
    ['lower-case get is GET', { method: 'get', path: `/mfa-servers/${ID}`, headers: RW }, [OK], undefined, undefined, [stored]],
    ['an unknown path', get('/mfa-servers/a/b'), ['404 - -'], undefined, 'should'],
  ];
  it.each(rows)('%s', (...r) => check(r));
});

describe('Content-Type and Accept', () => {
  const ct = (v: string): Record<string, string> => ({ ...RW, 'content-type': v });
  const rows: Row[] = [
    ['application/json', post(valid, ct('application/json')), [OK]],
    ['with parameters and spaces', post(valid, ct(' application/json ; charset=utf-8')), [OK]],
    ['in capitals (open)', post(valid, ct('Application/JSON')), [OK, '400 E003 Input Format Mismatch: input-format=json']],
    ['text/plain', post(valid, ct('text/plain')), ['400 E003 Input Format Mismatch: input-format=json'], [], 'must'],
    ['empty', post(valid, ct('')), ['400 E003 Input Format Mismatch: input-format=json']],
    ['application/json-patch+json', post(valid, ct('application/json-patch+json')), ['400 E003 Input Format Mismatch: input-format=json']],
    ['GET ignores Content-Type', get(`/mfa-servers/${ID}`, ct('text/plain')), [OK], undefined, undefined, [stored]],
    ['DELETE ignores Content-Type', { method: 'DELETE', path: `/mfa-servers/${ID}`, headers: ct('text/plain') }, [OK], undefined, undefined, [stored]],
    ['PUT checks it', put(ID, valid, ct('text/plain')), ['400 E003 Input Format Mismatch: input-format=json'], undefined, undefined, [stored]],
    ['Accept application/json', post(valid, { ...JSONH, accept: 'application/json' }), [OK]],
    ['Accept application/*', post(valid, { ...JSONH, accept: 'application/*' }), [OK]],
    ['Accept */*', post(valid, { ...JSONH, accept: '*/*' }), [OK]],
    ['Accept in capitals', post(valid, { ...JSONH, accept: 'Application/JSON' }), [OK]],
    ['Accept json with q=0.5', post(valid, { ...JSONH, accept: 'text/html, application/json;q=0.5' }), [OK]],
    ['Accept json with Q = 0 (spaced, any case)', post(valid, { ...JSONH, accept: 'application/json; Q = 0' }), [OK, '400 E003 Output Format Mismatch: output-format=json Accept=json']],
    ['Accept json with a q that is no number: q=1', post(valid, { ...JSONH, accept: 'application/json;q=abc' }), [OK]],
    ['Accept json;level=1', post(valid, { ...JSONH, accept: 'application/json;level=1' }), [OK]],
    ['Accept */*;q=0 (open)', post(valid, { ...JSONH, accept: '*/*;q=0' }), [OK, '400 E003 Output Format Mismatch: output-format=json Accept=*']],
    ['Accept text/html', post(valid, { ...JSONH, accept: 'text/html' }), ['400 E003 Output Format Mismatch: output-format=json Accept=html'], [], 'must'],
    ['Accept the first range named', post(valid, { ...JSONH, accept: 'image/png, text/plain' }), ['400 E003 Output Format Mismatch: output-format=json Accept=png']],
    ['Accept empty: ignored', post(valid, { ...JSONH, accept: '' }), [OK]],
    ['Accept spaces: ignored', post(valid, { ...JSONH, accept: '  ' }), [OK]],
    ['Accept commas only: no range', post(valid, { ...JSONH, accept: ' , ,' }), [OK]],
    ['Accept on GET: should', get(`/mfa-servers/${ID}`, { ...RW, accept: 'text/html' }), ['400 E003 Output Format Mismatch: output-format=json Accept=html'], [OK], 'should', [stored]],
    ['Accept json;q=0 on GET (open, at should)', get(`/mfa-servers/${ID}`, { ...RW, accept: 'application/json;q=0' }), [OK, '400 E003 Output Format Mismatch: output-format=json Accept=json'], undefined, undefined, [stored]],
  ];
  it.each(rows)('%s', (...r) => check(r));
  it('Content-Type in capitals: accepted first, then refused', () => {
    expect(flat(predict(post(valid, ct('Application/JSON'))).expected).map((o) => o.status)).toStrictEqual([200, 400]);
  });
  it('Accept parameters other than q do not weigh', () => {
    expect(set(flat(predict(post(valid, { ...JSONH, accept: 'application/json;level=0' })).expected))).toStrictEqual([OK]);
    expect(set(flat(predict(post(valid, { ...JSONH, accept: 'application/json;x' })).expected))).toStrictEqual([OK]);
  });
  it('a GET refused for its Accept;q=0 is held at should, a POST at must', () => {
    const g = flat(predict(get(`/mfa-servers/${ID}`, { ...RW, accept: 'application/json;q=0' }), [stored]).expected).find((o) => o.status === 400)!;
    expect(g.strength).toBe('should');
    const p = flat(predict(post(valid, { ...JSONH, accept: 'application/json;q=0' })).expected).find((o) => o.status === 400)!;
    expect(p.strength).toBe('must');
  });
  it.each([
    ['text/html', 'html', true], ['text/html', 'text/html', true], ['text/html', 'html,text/html', true], ['text/html', 'html,xml', false], ['text/html', 'html x', false],
    ['text/html;q=0.9, image/png', 'html,png', true], ['text/html;q=0.9, image/png', 'html; png', true], ['text/html;q=0.9, image/png', 'text/html;q=0.9, image/png', true],
    ['text/html;q=0.9, image/png', 'text/html;q=0.9', true], ['text/plain, image/png;q=0.5', 'image/png;q=0.5', true], [' text/html,\timage/png', 'text/html,\timage/png', true], ['text/', '', false], ['text/', 'text/', true], ['a.b/c+d', 'c+d', true], ['a.b/c+d', 'cxd', false], ['text/html', 'xhtml', false],
  ])('Accept %j: the message may name %j (%s)', (accept, named, ok) => {
    const o = flat(predict(post(valid, { ...JSONH, accept })).expected)[0]!;
    expect(new RegExp(o.messageAlso!, 'i').test(`Output Format Mismatch: output-format=json Accept=${named}`)).toBe(ok);
    expect(new RegExp(o.messageAlso!, 'i').test(`x Output Format Mismatch: output-format=json Accept=${named}`)).toBe(false);
  });
});

describe('body size, missing body, malformed body', () => {
  const pad = (n: number): string => JSON.stringify(valid).padEnd(n, ' ');
  const rows: Row[] = [
    ['65,536 bytes', post(pad(65_536)), [OK]],
    ['65,537 bytes (open)', post(pad(65_537)), [OK, '413 E003 -'], ['413 - -'], 'must'],
    ['65,537 bytes: the 413\'s envelope held at should', post(pad(65_537)), [OK, '413 E003 -']],
    ['65,537 bytes of UTF-8 in fewer characters', post(`{"name":"${'ü'.repeat(32_760)}","mfa_cert_profile":"c","folder":"F"}`), [OK, '413 E003 -']],
    ['1 MiB + 1 on GET: no body read', { ...get(`/mfa-servers/${ID}`), body: 'x'.repeat(1_048_577) }, ['413 E003 -'], undefined, undefined, [stored]],
    ['no body on POST', { method: 'POST', path: '/mfa-servers', headers: JSONH }, ['400 E003 Missing Body'], [], 'must'],
    ['no body on PUT', { method: 'PUT', path: `/mfa-servers/${ID}`, headers: JSONH }, ['400 E003 Missing Body'], undefined, undefined, [stored]],
    ['an empty byte body', post(new Uint8Array(0)), ['400 E003 Missing Body']],
    ['a body on DELETE is not read', { method: 'DELETE', path: `/mfa-servers/${ID}`, headers: JSONH, body: '{' }, [OK], undefined, undefined, [stored]],
    ['bytes that are not UTF-8', post(new Uint8Array([0x7b, 0xff, 0x7d])), ['400 E003 Malformed Command'], ['400-499 - -'], 'must'],
    ['valid UTF-8 bytes', post(new TextEncoder().encode(JSON.stringify(valid))), [OK]],
    ['a BOM (open)', post(`\uFEFF${JSON.stringify(valid)}`), [OK, '400 E003 Malformed Command']],
    ['a BOM before malformed JSON', post('\uFEFF{'), ['400 E003 Malformed Command']],
    ['a BOM in UTF-8 bytes', post(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(JSON.stringify(valid))])), [OK, '400 E003 Malformed Command']],
    ['a BOM not at the start', post(` \uFEFF${JSON.stringify(valid)}`), ['400 E003 Malformed Command']],
    ['trailing data (should)', post(`${JSON.stringify(valid)} x`), ['400 E003 Malformed Command'], [OK], 'should'],
    ['trailing data after an invalid first value', post(`${JSON.stringify({ name: 'n' })} x`), ['400 E003 Malformed Command'], [INVALID]],
    ['malformed JSON', post('{"name":'), ['400 E003 Malformed Command'], ['400-499 - -'], 'must'],
  ];
  it.each(rows)('%s', (...r) => check(r));
});

describe('the shape of should answers and refused BOMs', () => {
  it('a 413 between 64 KiB and 1 MiB is held at should, with or without its envelope', () => {
    const p = predict(post(JSON.stringify(valid).padEnd(65_537, ' ')));
    expect([...flat(p.expected), ...p.tolerated].filter((o) => o.status === 413).map((o) => o.strength)).toStrictEqual(['should', 'should']);
  });
  it('a refused BOM ends the chain: nothing after it is tolerated', () => {
    const p = predict(post(`\uFEFF${JSON.stringify(valid)}`));
    expect(p.tolerated.map((o) => o.rule)).toStrictEqual([]);
    expect(flat(p.expected).map((o) => o.rule)).toStrictEqual(['format.bom', 'format.bom']);
  });
});

describe('body rules', () => {
  const OKTA = { okta_api_host: 'okta.example.com', okta_token: 'tttttttt', okta_org: 'org', okta_timeout: 30, okta_baseuri: '/api/v1' };
  const vendor = (v: unknown): ApiRequest => post({ ...valid, mfa_vendor_type: v });
  const okta = (o: Record<string, unknown>): ApiRequest => vendor({ okta_adaptive_v1: { ...OKTA, ...o } });
  const rows: Row[] = [
    ['a valid body', post(valid), [OK], [], 'must'],
    ['a JSON string', post('"x"'), [INVALID], [], 'must'],
    ['JSON null', post('null'), [INVALID]],
    ['name null', post({ ...valid, name: null }), [INVALID]],
    ['cert profile a number', post({ ...valid, mfa_cert_profile: 1 }), [INVALID]],
    ['folder 64 code points', post({ ...valid, folder: 'f'.repeat(64) }), [OK]],
    ['folder 65', post({ ...valid, folder: 'f'.repeat(65) }), [INVALID]],
    ['snippet a number', post({ name: 'n', mfa_cert_profile: 'c', snippet: 1 }), [INVALID]],
    ['three containers', post({ ...valid, snippet: 'S', device: 'D' }), [INVALID]],
    ['an unknown key (should: dropped)', post({ ...valid, x: 1 }), [OK], [INVALID], 'should'],
    ['a client id (should: dropped)', post({ ...valid, id: ID }), [OK], [INVALID], 'should'],
    ['a vendor plus another key (should: refused)', vendor({ okta_adaptive_v1: OKTA, x: 1 }), [INVALID], [OK], 'should'],
    ['a vendor of null', vendor(null), [INVALID]],
    ['a vendor string', vendor('okta'), [INVALID]],
    ['two vendors, one not an object', vendor({ okta_adaptive_v1: OKTA, rsa_securid_access_v1: 1 }), [INVALID]],
    ['an unknown field inside a vendor (should: dropped)', okta({ junk: 1 }), [OK], [INVALID], 'should'],
    ['okta_timeout 5', okta({ okta_timeout: 5 }), [OK]],
    ['okta_timeout 600', okta({ okta_timeout: 600 }), [OK]],
    ['okta_timeout 4', okta({ okta_timeout: 4 }), [INVALID]],
    ['okta_timeout 601', okta({ okta_timeout: 601 }), [INVALID]],
    ['okta_timeout true', okta({ okta_timeout: true }), [INVALID]],
    ['okta_timeout "5" (open)', okta({ okta_timeout: '5' }), [OK, INVALID]],
    ['okta_timeout "600" (open)', okta({ okta_timeout: '600' }), [OK, INVALID]],
    ['okta_timeout " +30 " (open)', okta({ okta_timeout: ' +30 ' }), [OK, INVALID]],
    ['okta_timeout "4"', okta({ okta_timeout: '4' }), [INVALID]],
    ['okta_timeout "30.0": no numeric string', okta({ okta_timeout: '30.0' }), [INVALID]],
    ['okta_timeout "x30"', okta({ okta_timeout: 'x30' }), [INVALID]],
    ['okta_timeout "30x"', okta({ okta_timeout: '30x' }), [INVALID]],
    ['okta_api_host of 10', okta({ okta_api_host: 'a'.repeat(10) }), [OK]],
    ['okta_api_host a number', okta({ okta_api_host: 10 }), [INVALID]],
    ['okta_api_host 10 code points of two units', okta({ okta_api_host: '😀'.repeat(10) }), [OK, INVALID]],
    ['okta_api_host 9 code points of two units (18 units)', okta({ okta_api_host: '😀'.repeat(9) }), [INVALID]],
    ['a field without a minimum length may be empty', okta({ okta_org: '' }), [OK]],
  ];
  it.each(rows)('%s', (...r) => check(r));
  const profile = { tokens: [TOKEN], readOnlyTokens: [], expiredTokens: [], profile: 'openapi' as const };
  it('the openapi profile: a non-hostname is a must', () => {
    expect(set(flat(predict(okta({ okta_api_host: 'not a host!' }), [], profile).expected))).toStrictEqual([INVALID]);
    expect(flat(predict(okta({ okta_api_host: 'not a host!' }), [], profile).expected)[0]!.rule).toBe('body.okta_adaptive_v1.okta_api_host.format');
    expect(set(flat(predict(okta({}), [], profile).expected))).toStrictEqual([OK]);
  });
  it.each([
    ['okta.example.com', true], ['a', true], ['a.', true], ['A-1.b-2', true], ['a'.repeat(63), true], ['a'.repeat(64), false],
    ['-a', false], ['a-', false], ['a..b', false], ['a_b', false], ['a b', false], ['', false], [`${'a.'.repeat(126)}a`, true], [`${'a.'.repeat(127)}a`, false],
    ['xn--bcher-kva.example', true], ['1.2.3.4', true], ['.a', false], ['a.-b', false], ['a.b-', false],
  ])('HOSTNAME %j → %s', (h, ok) => expect(HOSTNAME.test(h)).toBe(ok));
});

describe('resources', () => {
  const second: StoredObject = { id: OTHER, name: 'n2', mfa_cert_profile: 'cp', folder: 'F' };
  const rows: Row[] = [
    ['GET a known id', get(`/mfa-servers/${ID}`), [OK], [], 'must', [stored]],
    ['GET an unknown v4 id', get(`/mfa-servers/${OTHER}`), ['404 E005 Object Not Present'], [], 'must', [stored]],
    ['GET a malformed id (open)', get('/mfa-servers/abc'), ['400 E003 -', '404 E005 Object Not Present']],
    ['GET a percent-encoded known id', get(`/mfa-servers/${ID.replace('-', '%2D')}`), [OK], undefined, undefined, [stored]],
    ['PUT its own name', put(ID, valid), [OK], [], 'must', [stored, second]],
    ['PUT another object\'s name', put(ID, { ...valid, name: 'n2' }), ['409 E006 Name Not Unique'], undefined, undefined, [stored, second]],
    ['PUT another object\'s name in another case (open)', put(ID, { ...valid, name: 'N2' }), [OK, '409 E006 Name Not Unique'], undefined, undefined, [stored, second]],
    ['PUT its own name in another case', put(ID, { ...valid, name: 'N1' }), [OK], undefined, undefined, [stored]],
    ['PUT to another folder (open)', put(ID, { ...valid, folder: 'G' }), [OK, INVALID], undefined, undefined, [stored]],
    ['PUT to a snippet of the same value (open: a move)', put(ID, { name: 'n1', mfa_cert_profile: 'cp', snippet: 'F' }), [OK, INVALID], undefined, undefined, [stored]],
    ['PUT from Shared to Prisma Access: no move', put(ID, { ...valid, folder: 'Prisma Access' }), [OK], undefined, undefined, [{ ...stored, folder: 'Shared' }]],
    ['PUT an unknown id', put(OTHER, valid), ['404 E005 Object Not Present'], undefined, undefined, [stored]],
    ['PUT an invalid body to an unknown id: the body first, then not found', put(OTHER, { name: 'x' }), [INVALID], ['404 E005 Object Not Present'], undefined, [stored]],
    ['POST a name taken in the folder', post(valid), ['409 E006 Name Not Unique'], [], 'must', [stored]],
    ['POST a name taken in a snippet of the same value', post(valid), [OK], undefined, undefined, [{ id: ID, name: 'n1', mfa_cert_profile: 'cp', snippet: 'F' }]],
    ['POST a name in another case (open)', post({ ...valid, name: 'N1' }), [OK, '409 E006 Name Not Unique'], undefined, undefined, [stored]],
    ['POST a name taken in the folder\'s other name (open)', post({ ...valid, folder: 'Shared' }), [OK, '409 E006 Name Not Unique'], undefined, undefined, [{ ...stored, folder: 'Prisma Access' }]],
    ['POST a name in another case in the folder\'s other name (open)', post({ ...valid, name: 'N1', folder: 'All' }), [OK, '409 E006 Name Not Unique'], undefined, undefined, [{ ...stored, folder: 'Global' }]],
    ['POST in an ordinary folder has no other name', post({ ...valid, folder: 'G' }), [OK], undefined, undefined, [stored]],
    ['POST beside an object whose name is no string', post(valid), [OK], undefined, undefined, [{ ...stored, name: 1 as unknown as string }]],
    ['DELETE a known id', { method: 'DELETE', path: `/mfa-servers/${ID}`, headers: RW }, [OK], [], 'must', [stored]],
    ['DELETE an unknown id', { method: 'DELETE', path: `/mfa-servers/${OTHER}`, headers: RW }, ['404 E005 Object Not Present'], undefined, undefined, [stored]],
  ];
  it.each(rows)('%s', (...r) => check(r));
  it('the success bodies: POST the stored object, PUT with the id, GET the object held, DELETE none', () => {
    const one = (r: ApiRequest, state: StoredObject[] = []): Outcome => flat(predict(r, state).expected)[0]!;
    expect(one(post(valid))).toMatchObject({ rule: 'create.success', object: valid });
    expect(one(post(valid)).object).not.toHaveProperty('id');
    expect(one(put(ID, valid), [stored])).toMatchObject({ rule: 'update.success', object: { id: ID, ...valid } });
    expect(one(get(`/mfa-servers/${ID}`), [stored])).toMatchObject({ rule: 'get.success', object: stored });
    expect(one(get(`/mfa-servers/${ID}`), [stored]).object).not.toBe(stored);
    const del = one({ method: 'DELETE', path: `/mfa-servers/${ID}`, headers: RW }, [stored]);
    expect(del.rule).toBe('delete.success');
    expect(del.object).toBeUndefined();
    expect(one(post({ ...valid, x: 1 })).dropped).toStrictEqual(['x']);
    expect(one(post(valid))).not.toHaveProperty('dropped');
  });
  it('the success of a claimed open point is counted under it', () => {
    const o = flat(predict(post({ ...valid, name: 'N1' }), [stored]).expected).find((x) => x.status === 200)!;
    expect(o.rule).toBe('uniqueness.case');
    expect(o.object).toStrictEqual({ ...valid, name: 'N1' });
  });
  it('a should point accepted caps the success: a miss only warns', () => {
    expect(predict(post({ ...valid, x: 1 })).miss).toBe('should');
    expect(predict(post(valid)).miss).toBe('must');
  });
});

describe('lists', () => {
  const a: StoredObject = { id: 'a', name: 'x', mfa_cert_profile: 'c', folder: 'F' };
  const b: StoredObject = { id: 'b', name: 'X', mfa_cert_profile: 'c', folder: 'F' };
  const s: StoredObject = { id: 's', name: 'x', mfa_cert_profile: 'c', folder: 'Shared' };
  const pa: StoredObject = { id: 'p', name: 'x', mfa_cert_profile: 'c', folder: 'Prisma Access' };
  const state = [a, b, s, pa];
  const l = (q: string): ApiRequest => get(`/mfa-servers?${q}`);
  const page = '200 - -';
  const bad = (m: string): string => `400 E003 Invalid Query Parameter: ${m}`;
  const rows: Row[] = [
    ['folder and position', l('folder=F&position=pre'), [page], [], 'must', state],
    ['position=post (should: ignored)', l('folder=F&position=post'), [page], ['400 E003 -'], 'should', state],
    ['position empty (should: ignored)', l('folder=F&position='), [page], ['400 E003 -'], 'should', state],
    ['no container', l('position=pre'), ['400 E003 Missing Query Parameter: folder'], []],
    ['no container, no position', l(''), ['400 E003 Missing Query Parameter: folder', '400 E003 Missing Query Parameter: position']],
    ['limit 1', l('folder=F&limit=1&position=pre'), [page], [], 'must', state],
    ['limit 5000', l('folder=F&limit=5000&position=pre'), [page], [], 'must', state],
    ['limit 5001 (open)', l('folder=F&limit=5001&position=pre'), [page, '400 E003 -'], undefined, undefined, state],
    ['limit -1 (should)', l('folder=F&limit=-1&position=pre'), [bad('limit=-1')], [page], 'should'],
    ['limit abc (should)', l('folder=F&limit=abc&position=pre'), [bad('limit=abc')], [page]],
    ['offset -1 (should)', l('folder=F&offset=-1&position=pre'), ['400 E003 Invalid Query Parameter: offset=-1'], [page]],
    ['limit +1 (open: oddly written)', l('folder=F&limit=%2B1&position=pre'), [page, bad('limit=+1')]],
    ['limit 1e2 (open)', l('folder=F&limit=1e2&position=pre'), [page, bad('limit=1e2')]],
    ['limit 0x10 (open)', l('folder=F&limit=0x10&position=pre'), [page, bad('limit=0x10')]],
    ['limit empty (open)', l('folder=F&limit=&position=pre'), [page, bad('limit=')]],
    ['offset " 1" (open)', l('folder=F&offset=%201&position=pre'), [page, bad('offset= 1')]],
    ['limit 1.5 (should)', l('folder=F&limit=1.5&position=pre'), [bad('limit=1.5')], [page]],
    ['limit 1e (should)', l('folder=F&limit=1e&position=pre'), [bad('limit=1e')], [page]],
    ['two bad values: either first (open)', l('folder=F&limit=-1&offset=-1&position=pre'), [bad('limit=-1'), '400 E003 Invalid Query Parameter: offset=-1']],
    ['folder and snippet (open)', l('folder=F&snippet=S&position=pre'), [page, bad('snippet=S')], undefined, undefined, state],
    ['an invalid folder (open)', l('folder=a%2Fb&position=pre'), [page, bad('folder=a/b')]],
    ['a folder of 65 (open)', l(`folder=${'f'.repeat(65)}&position=pre`), [page, bad(`folder=${'f'.repeat(65)}`)]],
    ['a folder of 64', l(`folder=${'f'.repeat(64)}&position=pre`), [page], [], 'must'],
    ['a folder of 64 code points in two units each is invalid anyway', l(`folder=${encodeURIComponent('😀'.repeat(32))}&position=pre`), [page, bad(`folder=${'😀'.repeat(32)}`)]],
    ['an earlier rule broken: no page', get('/mfa-servers?folder=F&position=pre', { ...RW, accept: 'text/html' }), ['400 E003 Output Format Mismatch: output-format=json Accept=html'], [page]],
    ['a name that matches (open: bare or a page)', l('folder=F&name=x&position=pre'), [page], undefined, undefined, state],
    ['a name that matches none (open: a page or 404)', l('folder=F&name=none&position=pre'), [page, '404 E005 Object Not Present'], undefined, undefined, state],
  ];
  it.each(rows)('%s', (...r) => check(r));
  const list = (q: string, st: StoredObject[] = state) => { const p = predict(l(q), st); return [...flat(p.expected), ...p.tolerated].find((o) => o.list)!.list!; };
  it('a page holds the container\'s objects, a name filters them exactly, another case may be listed', () => {
    expect(list('folder=F&position=pre')).toStrictEqual({ filter: { key: 'folder', value: 'F' }, all: [a, b], maybe: [], limits: [200], offset: 0 });
    expect(list('folder=F&name=x&position=pre')).toStrictEqual({ filter: { key: 'folder', value: 'F', name: 'x' }, all: [a], maybe: [b], limits: [200], offset: 0 });
    expect(list('folder=F&name=X&position=pre')).toMatchObject({ all: [b], maybe: [a] });
    expect(list('folder=F&name=y&position=pre')).toMatchObject({ all: [], maybe: [] });
  });
  it('a built-in folder lists its other name\'s objects as maybe', () => {
    expect(list('folder=Shared&position=pre')).toMatchObject({ all: [s], maybe: [pa] });
    expect(list('folder=Prisma%20Access&position=pre')).toMatchObject({ all: [pa], maybe: [s] });
    expect(list('folder=Shared&name=X&position=pre')).toMatchObject({ all: [], maybe: [s, pa] });
    expect(list('snippet=Shared&position=pre')).toMatchObject({ all: [], maybe: [] });
  });
  it('paging: limit, offset, limit 0, a large limit, an oddly written one', () => {
    expect(list('folder=F&limit=7&offset=3&position=pre')).toMatchObject({ limits: [7], offset: 3 });
    expect(list('folder=F&limit=7&offset=3&position=pre')).not.toHaveProperty('anyPage');
    expect(list('folder=F&limit=0&position=pre')).toMatchObject({ limits: [0, 200] });
    expect(list('folder=F&limit=6000&position=pre')).toMatchObject({ limits: [6000], anyPage: true });
    expect(list('folder=F&limit=%2B1&position=pre')).toMatchObject({ limits: [200], anyPage: true });
    expect(list('folder=F&limit=-1&position=pre')).toMatchObject({ anyPage: true });
    expect(list('folder=F&offset=x&position=pre')).toMatchObject({ offset: 0, anyPage: true });
  });
  it('two containers or an invalid value matched: an empty page', () => {
    expect(list('folder=F&snippet=S&position=pre')).toMatchObject({ all: [], maybe: [] });
    expect(list('folder=a%2Fb&position=pre', [{ ...a, folder: 'a/b' }])).toMatchObject({ all: [], maybe: [] });
  });
  it('a name lookup answered bare: the object itself, 404 when none, either for another case', () => {
    const answers = (q: string) => flat(predict(l(q), state).expected);
    expect(answers('folder=F&name=x&position=pre').find((o) => o.object)).toMatchObject({ status: 200, object: a, noContract: true, reading: 'list.name-lookup:bare' });
    const none = answers('folder=F&name=none&position=pre').find((o) => o.status === 404)!;
    expect(none).toMatchObject({ code: 'E005', messageStrength: 'should', reading: 'list.name-lookup:bare' });
    const inCase = predict(l('folder=F&name=Y&position=pre'), [a, { ...b, name: 'y' }]);
    expect(set(flat(inCase.expected))).toStrictEqual([page, '404 E005 Object Not Present']);
    expect(flat(inCase.expected).filter((o) => o.object).map((o) => o.object!['id'])).toStrictEqual(['b']);
    // Two objects would answer: the page is the answer.
    expect(flat(predict(l('folder=Shared&name=x&position=pre'), [s, { ...pa, name: 'X' }, { ...s, id: 's2', name: 'X' }]).expected).some((o) => o.object)).toBe(true);
    expect(flat(predict(l('folder=F&name=z&position=pre'), [{ ...a, name: 'Z' }, { ...b, name: 'Z' }]).expected).every((o) => o.list)).toBe(true);
  });
  it('the rule a page is counted under: the first open point met', () => {
    expect(flat(predict(l('folder=F&limit=0&position=pre'), state).expected)[0]!.rule).toBe('list.limit-zero');
    expect(flat(predict(l('folder=F'), state).expected).find((o) => o.list)!.rule).toBe('list.position');
    expect(flat(predict(l('folder=F&position=pre'), state).expected)[0]!.rule).toBe('list.success');
  });
});

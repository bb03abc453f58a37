// The prediction at every open point of semantics.md ("Open points") is
// exactly the set it allows: each listed answer is expected (passes in every
// mode), each answer a should line names as a warning is tolerated, nothing
// more. An anyOf that allows more is as wrong as one that allows less.
import { describe, expect, it } from 'vitest';
import type { ApiRequest, Outcome, StoredObject } from '../spec/types.ts';
import { flat, predict } from './predict.ts';

const RW = { authorization: 'Bearer dev-token' };
const JSONH = { ...RW, 'content-type': 'application/json' };
const OKTA = { okta_api_host: 'okta.example.com', okta_token: 'tttttttt', okta_org: 'org', okta_timeout: 30, okta_baseuri: '/api/v1' };
const valid = { name: 'n1', mfa_cert_profile: 'cp', folder: 'F', mfa_vendor_type: { okta_adaptive_v1: OKTA } };
const post = (body: unknown, headers: Record<string, string> = JSONH): ApiRequest => ({ method: 'POST', path: '/mfa-servers', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
const get = (path: string, headers: Record<string, string> = RW): ApiRequest => ({ method: 'GET', path, headers });
const ID = '123e4567-e89b-42d3-a456-426655440000';
const stored: StoredObject = { id: ID, name: 'n1', mfa_cert_profile: 'cp', folder: 'F' };

/** An answer as a set member: status (or range), code, message. */
const key = (o: Outcome): string => [o.statusMax !== undefined ? `${o.status}-${o.statusMax}` : o.status, o.code ?? '-', o.message ?? '-'].join(' ');
const set = (os: Outcome[]): string[] => [...new Set(os.map(key))].sort();
const expected = (r: ApiRequest, state: StoredObject[] = []): string[] => set(flat(predict(r, state).expected));
const tolerated = (r: ApiRequest, state: StoredObject[] = []): string[] => set(predict(r, state).tolerated);

describe('open points: every listed answer passes, nothing else', () => {
  it('a leading UTF-8 BOM: Malformed Command, or the JSON after it processed', () => {
    expect(expected(post(`\uFEFF${JSON.stringify(valid)}`))).toEqual(['200 - -', '400 E003 Malformed Command']);
  });
  it('data after a complete value: should be Malformed Command; processing the first value warns', () => {
    const r = post(`${JSON.stringify(valid)}}`);
    expect(expected(r)).toEqual(['400 E003 Malformed Command']);
    expect(tolerated(r)).toEqual(['200 - -']);
    expect(predict(r).miss).toBe('should');
  });
  it('a JSON body without Content-Type: Input Format Mismatch, or processed as JSON', () => {
    expect(expected(post(valid, RW))).toEqual(['200 - -', '400 E003 Input Format Mismatch: input-format=json']);
  });
  it('Accept on GET and DELETE is a should; on POST a must; application/json;q=0 either', () => {
    const read = get('/mfa-servers?folder=F&position=pre', { ...RW, accept: 'application/xml' });
    expect(expected(read)).toEqual(['400 E003 Output Format Mismatch: output-format=json Accept=xml']);
    expect(tolerated(read)).toEqual(['200 - -']);
    expect(predict({ method: 'DELETE', path: `/mfa-servers/${ID}`, headers: { ...RW, accept: 'text/html' } }, [stored]).tolerated.map(key)).toEqual(['200 - -']);
    const write = post(valid, { ...JSONH, accept: 'application/xml' });
    expect(expected(write)).toEqual(['400 E003 Output Format Mismatch: output-format=json Accept=xml']);
    expect(tolerated(write)).toEqual([]);
    expect(expected(post(valid, { ...JSONH, accept: 'application/json;q=0' }))).toEqual(['200 - -', '400 E003 Output Format Mismatch: output-format=json Accept=json']);
  });
  it('body size: up to 64 KiB processed; between, either; over 1 MiB 413 (should), 400 or processing warn', () => {
    const pad = (n: number): ApiRequest => post(JSON.stringify(valid).padEnd(n, ' '));
    expect(expected(pad(65_536))).toEqual(['200 - -']);
    expect(expected(pad(65_537))).toEqual(['200 - -', '413 E003 -']);
    expect(expected(pad(1_048_576))).toEqual(['200 - -', '413 E003 -']);
    expect(expected(pad(1_048_577))).toEqual(['413 E003 -']);
    expect(tolerated(pad(1_048_577))).toEqual(['200 - -', '400 - -', '413 - -']);
  });
  it('timeouts written 30.0 or 3e1: 200 or 400 Invalid Object', () => {
    for (const lexeme of ['30.0', '3e1', '300e-1']) {
      expect(expected(post(JSON.stringify(valid).replace('"okta_timeout":30', `"okta_timeout":${lexeme}`)))).toEqual(['200 - -', '400 E003 Invalid Object']);
    }
    // 30.5 is no integer: must.
    expect(expected(post(JSON.stringify(valid).replace('"okta_timeout":30', '"okta_timeout":30.5')))).toEqual(['400 E003 Invalid Object']);
  });
  it('okta_timeout as a numeric string: 200 or 400; other timeouts stay integer-only (must)', () => {
    expect(expected(post({ ...valid, mfa_vendor_type: { okta_adaptive_v1: { ...OKTA, okta_timeout: '30' } } }))).toEqual(['200 - -', '400 E003 Invalid Object']);
    expect(expected(post({ ...valid, mfa_vendor_type: { okta_adaptive_v1: { ...OKTA, okta_timeout: '601' } } }))).toEqual(['400 E003 Invalid Object']);
    expect(expected(post({ ...valid, mfa_vendor_type: { rsa_securid_access_v1: { rsa_timeout: '30' } } }))).toEqual(['400 E003 Invalid Object']);
  });
  it('default profile: a spec-required vendor field missing, or a non-hostname host: 200 or 400', () => {
    const { okta_token: _t, ...noToken } = OKTA;
    expect(expected(post({ ...valid, mfa_vendor_type: { okta_adaptive_v1: noToken } }))).toEqual(['200 - -', '400 E003 Invalid Object']);
    expect(expected(post({ ...valid, mfa_vendor_type: { okta_adaptive_v1: { ...OKTA, okta_api_host: 'not a hostname' } } }))).toEqual(['200 - -', '400 E003 Invalid Object']);
    // Under the strict profile both are must.
    expect(set(flat(predict(post({ ...valid, mfa_vendor_type: { okta_adaptive_v1: noToken } }), [], { tokens: ['dev-token'], readOnlyTokens: [], expiredTokens: [], profile: 'openapi' }).expected))).toEqual(['400 E003 Invalid Object']);
  });
  it('unknown keys and a client id: accepted and dropped (should); 400 Invalid Object warns', () => {
    for (const extra of [{ id: 'mine' }, { description: 'x' }]) {
      const r = post({ ...valid, ...extra });
      expect(expected(r)).toEqual(['200 - -']);
      expect(tolerated(r)).toEqual(['400 E003 Invalid Object']);
    }
  });
  it('name "" and mfa_cert_profile "": either', () => {
    expect(expected(post({ ...valid, name: '' }))).toEqual(['200 - -', '400 E003 Invalid Object']);
    expect(expected(post({ ...valid, mfa_cert_profile: '' }))).toEqual(['200 - -', '400 E003 Invalid Object']);
  });
  it('Bearer with an empty token: Not Authenticated or Invalid Credential', () => {
    for (const h of ['Bearer', 'Bearer    ']) expect(expected(post(valid, { ...JSONH, authorization: h }))).toEqual(['401 E016 Invalid Credential', '401 E016 Not Authenticated']);
  });
  it('a token near or over 8192 characters: the threshold is a should; 400 or 431 warn', () => {
    const over = post(valid, { ...JSONH, authorization: `Bearer ${'k'.repeat(8193)}` });
    expect(expected(over)).toEqual(['401 E016 Key Too Long']);
    expect(tolerated(over)).toEqual(['400 - -', '401 E016 Invalid Credential', '431 - -']);
    const near = post(valid, { ...JSONH, authorization: `Bearer ${'k'.repeat(8000)}` });
    expect(expected(near)).toEqual(['401 E016 Invalid Credential']);
    expect(tolerated(near)).toEqual(['400 - -', '401 E016 Key Too Long', '431 - -']);
  });
  it('names that differ only in case, one container: 200 or 409', () => {
    expect(expected(post({ ...valid, name: 'N1' }), [stored])).toEqual(['200 - -', '409 E006 Name Not Unique']);
  });
  it('a built-in folder by its other name: the same name clashes or not', () => {
    const shared: StoredObject = { ...stored, folder: 'Shared' };
    expect(expected(post({ ...valid, folder: 'Prisma Access' }), [shared])).toEqual(['200 - -', '409 E006 Name Not Unique']);
  });
  it('a PUT that moves an object to another container: 200 or 400 Invalid Object', () => {
    expect(expected({ method: 'PUT', path: `/mfa-servers/${ID}`, headers: JSONH, body: JSON.stringify({ ...valid, folder: 'G' }) }, [stored])).toEqual(['200 - -', '400 E003 Invalid Object']);
  });
  it('an id in upper case, or a UUID of another version: 404 E005 or 400 E003', () => {
    for (const id of ['123E4567-E89B-42D3-A456-426655440000', '123e4567-e89b-12d3-a456-426655440000']) {
      expect(expected(get(`/mfa-servers/${id}`), [stored])).toEqual(['400 E003 -', '404 E005 Object Not Present']);
    }
    expect(expected(get('/mfa-servers/00000000-0000-4000-8000-000000000000'))).toEqual(['404 E005 Object Not Present']);
  });
  it('the trailing slash: 404 E005, 400 E003, 405 E012, a redirect, or the collection', () => {
    expect(expected(get('/mfa-servers/?folder=F&position=pre'))).toEqual(['200 - -', '301-308 - -', '400 E003 -', '404 E005 -', '404 E005 Object Not Present', '405 E012 -']);
  });
  it('lists: name lookups bare or 404; position optional or required; two containers; bad values; limit 0 and above 5000', () => {
    expect(expected(get('/mfa-servers?folder=F&name=n1&position=pre'), [stored])).toEqual(['200 - -']);
    expect(predict(get('/mfa-servers?folder=F&name=n1&position=pre'), [stored]).expected).toMatchObject({ anyOf: [{ list: {} }, { object: stored }] });
    expect(expected(get('/mfa-servers?folder=F&name=none&position=pre'), [stored])).toEqual(['200 - -', '404 E005 Object Not Present']);
    expect(expected(get('/mfa-servers?folder=F'))).toEqual(['200 - -', '400 E003 Missing Query Parameter: position']);
    expect(expected(get('/mfa-servers?folder=F&snippet=S&position=pre'))).toEqual(['200 - -', '400 E003 Invalid Query Parameter: snippet=S']);
    expect(expected(get('/mfa-servers?folder=a%2Fb&position=pre'))).toEqual(['200 - -', '400 E003 Invalid Query Parameter: folder=a/b']);
    expect(expected(get('/mfa-servers?folder=&position=pre'))).toEqual(['200 - -', '400 E003 Invalid Query Parameter: folder=']);
    expect(predict(get('/mfa-servers?folder=F&limit=0&position=pre'), [stored]).expected).toMatchObject({ status: 200, list: { limits: [0, 200] } });
    expect(expected(get('/mfa-servers?folder=F&limit=5001&position=pre'))).toEqual(['200 - -', '400 E003 -']);
    expect(predict(get('/mfa-servers?folder=F&position=post'), [stored]).tolerated.map(key)).toEqual(['400 E003 -']);
  });
  it('the body of a should answer is held at should: 405, 404 of an unknown path, 413', () => {
    for (const r of [{ method: 'PATCH', path: '/mfa-servers', headers: RW }, get('/nowhere'), post(JSON.stringify(valid).padEnd(1_048_577, ' '))]) {
      expect(flat(predict(r).expected).every((o) => o.strength === 'should')).toBe(true);
      expect(predict(r).miss).toBe('should');
    }
  });
});

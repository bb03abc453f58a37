// Tests added while judging the survivors of the full mutation run of
// src/oracle (npm run mutate; mutation-survivors.md lists the equivalent
// ones): each row pins a behaviour a surviving mutant changed (names that
// match in one case only, text after a first value, a root-anchored route,
// the trailing slash's answers, paths folded once, odd paging values, the
// two-container refusal's message pattern, alias and lookup candidates).
import { describe, expect, it } from 'vitest';
import type { ApiRequest, Outcome, StoredObject } from '../spec/types.ts';
import { firstValue, oddlyWrittenNumbers } from './jsonText.ts';
import { sameIgnoringCase } from './names.ts';
import { flat, predict } from './predict.ts';
import { indexState } from './stateView.ts';

const RW = { authorization: 'Bearer dev-token' };
const RO = { authorization: 'Bearer dev-read-only-token' };
const JSONH = { ...RW, 'content-type': 'application/json' };
const get = (path: string, headers: Record<string, string> = RW): ApiRequest => ({ method: 'GET', path, headers });
const post = (body: unknown, headers: Record<string, string> = JSONH): ApiRequest => ({ method: 'POST', path: '/mfa-servers', headers, body: JSON.stringify(body) });
const put = (id: string, body: unknown): ApiRequest => ({ method: 'PUT', path: `/mfa-servers/${id}`, headers: JSONH, body: JSON.stringify(body) });
const obj = (id: string, name: string, container: Record<string, string> = { folder: 'F' }): StoredObject => ({ id, name, mfa_cert_profile: 'cp', ...container });
const expected = (req: ApiRequest, objects: StoredObject[] = []): Outcome[] => flat(predict(req, objects).expected);
const tolerated = (req: ApiRequest, objects: StoredObject[] = []): Outcome[] => predict(req, objects).tolerated;
const ID = '3f0c8a4e-1b2d-4c5e-8f9a-0b1c2d3e4f5a';

describe('names in another case (names.ts)', () => {
  it.each([
    // Lower cases alike, upper cases not: KELVIN SIGN lowers to k and uppers to itself.
    ['\u212A', 'k', true],
    // Upper cases alike, lower cases not: ß uppers to SS.
    ['ß', 'ss', true],
    ['Abc', 'aBC', true],
    ['abc', 'abd', false],
  ])('%s and %s: %s', (a, b, same) => {
    expect(sameIgnoringCase(a, b)).toBe(same);
    expect(sameIgnoringCase(b, a)).toBe(same);
  });
});

describe('JSON text readings (jsonText.ts)', () => {
  it('a scalar after white space, then data: the scalar is the first value', () => {
    expect(firstValue(' 1 x')).toStrictEqual({ kind: 'trailing', value: 1, end: 2 });
  });
  it('data after the first value that only trim() reads as white space is trailing data (an open point), not malformed', () => {
    for (const tail of ['\u00a0', '\ufeff', '\u2028', '\v']) expect(firstValue(`{"a":1}${tail}`)).toMatchObject({ kind: 'trailing', end: 7 });
  });
  it('brackets that close on a value that does not parse: malformed', () => {
    expect(firstValue('{"a":}x')).toStrictEqual({ kind: 'malformed' });
  });
  it('the same path outside mfa_vendor_type, later, does not undo an odd number under it', () => {
    expect([...oddlyWrittenNumbers('{"mfa_vendor_type":{"okta_adaptive_v1":{"okta_timeout":30.0}},"x":{"okta_adaptive_v1":{"okta_timeout":1}}}')]).toStrictEqual(['okta_adaptive_v1.okta_timeout']);
  });
  it('an object inside an array is not the top level', () => {
    expect([...oddlyWrittenNumbers('{"a":[{"mfa_vendor_type":{"okta_adaptive_v1":{"okta_timeout":1.5}}}]}')]).toStrictEqual([]);
  });
});

describe('routes (parseRequest.ts, routeRules.ts)', () => {
  it('the item path only at the root: /x/mfa-servers/ID is an unknown path', () => {
    expect(expected(get(`/x/mfa-servers/${ID}`)).map((o) => o.rule)).toStrictEqual(['route.unknown-path']);
  });
  it('the trailing slash: 400 E003, 405 E012 and a redirect outside the contract are among its answers', () => {
    const answers = expected(get('/mfa-servers/'));
    expect(answers).toContainEqual(expect.objectContaining({ status: 400, code: 'E003', rule: 'route.trailing-slash' }));
    expect(answers).toContainEqual(expect.objectContaining({ status: 405, code: 'E012', rule: 'route.trailing-slash' }));
    expect(answers.find((o) => o.status === 301)).toMatchObject({ statusMax: 308, noContract: true, reading: 'route.trailing-slash:redirect' });
  });
  it('an unknown path or method ends the chain: no later rule is tolerated after it', () => {
    expect(tolerated({ method: 'POST', path: '/nowhere', headers: { ...RO, 'content-type': 'text/plain' }, body: 'x' })).toStrictEqual([]);
    expect(tolerated({ method: 'DELETE', path: '/mfa-servers', headers: RO })).toStrictEqual([]);
  });
});

describe('state index (stateView.ts)', () => {
  it('containers that are not strings (a faulty target\'s) are told apart, and never meet a string', () => {
    const s = indexState([{ id: '1', folder: { a: 1 } } as unknown as StoredObject, { id: '2', folder: { b: 2 } } as unknown as StoredObject, obj('3', 'n')]);
    expect(s.inContainer('folder', { a: 1 }).map((o) => o.id)).toStrictEqual(['1']);
    expect(s.inContainer('folder', { b: 2 }).map((o) => o.id)).toStrictEqual(['2']);
    expect(s.inContainer('folder', 'F').map((o) => o.id)).toStrictEqual(['3']);
  });
});

describe('predict folds the paths (predict.ts)', () => {
  it('a head shared by two paths is expected once', () => {
    // No container and a limit that is no integer: the missing container heads the path that ignores the limit and
    // one order of the path that refuses it.
    const answers = expected(get('/mfa-servers?position=pre&limit=abc'));
    const keys = answers.map((o) => `${o.status} ${o.code} ${o.rule} ${o.message}`);
    expect(keys.length).toBeGreaterThan(1);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('lists (listRules.ts)', () => {
  it('two containers: 400 E003 naming one (a message pattern naming either), or a page of nothing', () => {
    const answers = expected(get('/mfa-servers?folder=F&snippet=S&position=pre'));
    const refusal = answers.find((o) => o.status === 400)!;
    expect(refusal).toMatchObject({ code: 'E003', rule: 'list.multiple-containers' });
    expect(refusal.message).toContain('snippet');
    expect(refusal.message).not.toMatch(/\{\w+\}/);
    const also = new RegExp(`^${refusal.messageAlso!}$`);
    expect(['folder', 'snippet'].map((k) => also.test(k))).toStrictEqual([true, true]);
    expect(also.test('foldersnippet')).toBe(false);
    expect(answers.find((o) => o.status === 200)?.list).toMatchObject({ all: [], maybe: [] });
  });
  it.each(['+12', '12e1', '1e12', ' 12 '])('limit=%s, an integer written oddly: the open point, not the should', (limit) => {
    const rules = new Set(expected(get(`/mfa-servers?folder=F&position=pre&limit=${encodeURIComponent(limit)}`)).map((o) => o.rule));
    expect(rules).toContain('list.odd-paging');
    expect(rules).not.toContain('list.invalid-limit');
  });
  it('a list that broke an earlier rule gets no page, not even tolerated', () => {
    const p = predict(get('/mfa-servers?folder=F&position=pre', {}));
    expect(flat(p.expected).map((o) => o.status)).toStrictEqual([401]);
    expect(p.tolerated.filter((o) => o.status < 300)).toStrictEqual([]);
  });
  it('a name lookup: a bare answer is outside the contract; none found: 404 only, never a bare nothing', () => {
    const a = obj('a', 'n1');
    expect(expected(get('/mfa-servers?folder=F&name=n1&position=pre'), [a]).find((o) => o.object)).toMatchObject({ noContract: true });
    const none = expected(get('/mfa-servers?folder=F&name=zz&position=pre'), [a]).filter((o) => o.reading === 'list.name-lookup:bare');
    expect(none.map((o) => o.status)).toStrictEqual([404]);
  });
  it('a name lookup in a built-in folder: the other name\'s objects of another name are not candidates', () => {
    const other = obj('b', 'other', { folder: 'Prisma Access' });
    const bare = expected(get('/mfa-servers?folder=Shared&name=n1&position=pre'), [other]).filter((o) => o.reading === 'list.name-lookup:bare');
    expect(bare.map((o) => o.status)).toStrictEqual([404]);
  });
  it('two stored objects of one name (a faulty store): no bare answer can hold both, the page is the answer', () => {
    const answers = expected(get('/mfa-servers?folder=F&name=n1&position=pre'), [obj('a', 'n1'), obj('b', 'n1')]);
    // The page, counted under the lookup's open point (claimed).
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatchObject({ status: 200, rule: 'list.name-lookup' });
    expect(answers[0]!.list?.all.map((o) => o.id)).toStrictEqual(['a', 'b']);
    expect(answers[0]!.object).toBeUndefined();
  });
});

describe('resources (resourceSteps.ts)', () => {
  const valid = { name: 'n1', mfa_cert_profile: 'cp', folder: 'F' };
  it('not found ends the chain: a name clash in the body is not tolerated after it', () => {
    expect(tolerated(put(ID, valid), [obj('a', 'n1')])).toStrictEqual([]);
  });
  it('an invalid body gets no success, not even tolerated', () => {
    const p = predict(post({ name: 'n1', folder: 'F' }));
    expect(flat(p.expected).every((o) => o.status === 400)).toBe(true);
    expect(p.tolerated.filter((o) => o.status < 300)).toStrictEqual([]);
  });
  it('an exact name clash ends the chain: no clash in case is tolerated after it', () => {
    expect(tolerated(post(valid), [obj('a', 'n1')])).toStrictEqual([]);
  });
  it('a built-in folder\'s other name counts in folders only: a snippet named Shared has no alias', () => {
    const answers = expected(post({ ...valid, folder: undefined, snippet: 'Shared' }), [obj('a', 'n1', { folder: 'Prisma Access' })]);
    expect(answers.map((o) => `${o.status} ${o.rule}`)).toStrictEqual(['200 create.success']);
  });
});

// The oracle's small readers, one table each: where a JSON text's first value
// ends and how its timeouts were written (jsonText.ts), code points, id
// forms, names in another case, the state index, the stored object of a
// valid body, outcomes built from the rule catalogue, and the enumeration of
// every path through the open and should points.
import { describe, expect, it } from 'vitest';
import { spec } from '../spec/model.ts';
import type { StoredObject } from '../spec/types.ts';
import { enumerate, type Chooser } from './choices.ts';
import { codePoints } from './codePoints.ts';
import { idForm } from './ids.ts';
import { firstValue, oddlyWrittenNumbers } from './jsonText.ts';
import { sameIgnoringCase } from './names.ts';
import { outcomeOf } from './outcome.ts';
import { parseRequest } from './parseRequest.ts';
import { containerIndexKey, indexState, isStateView } from './stateView.ts';
import { containerOf, storedObject } from './storedObject.ts';

describe('firstValue', () => {
  it.each([
    ['an object', '{"a":1}', { kind: 'whole', value: { a: 1 } }],
    ['whitespace around', ' \n{"a":1}\t ', { kind: 'whole', value: { a: 1 } }],
    ['a scalar', '30', { kind: 'whole', value: 30 }],
    ['a closing brace after', '{"a":1}}', { kind: 'trailing', value: { a: 1 }, end: 7 }],
    ['a second value', '{"a":1} {"b":2}', { kind: 'trailing', value: { a: 1 }, end: 7 }],
    ['leading whitespace counted in end', '  {"a":1} x', { kind: 'trailing', value: { a: 1 }, end: 9 }],
    ['tabs and newlines before', '\t\r\n[1] x', { kind: 'trailing', value: [1], end: 6 }],
    ['an array then data', '[1,[2]]]', { kind: 'trailing', value: [1, [2]], end: 7 }],
    ['brackets inside strings', '{"a":"}]"} x', { kind: 'trailing', value: { a: '}]' }, end: 10 }],
    ['an escaped quote inside a string', '{"a":"\\"}"} x', { kind: 'trailing', value: { a: '"}' }, end: 11 }],
    ['an escaped backslash before the closing quote', '{"a":"\\\\"} x', { kind: 'trailing', value: { a: '\\' }, end: 10 }],
    ['a string then data', '"s" x', { kind: 'trailing', value: 's', end: 3 }],
    ['an escaped quote in a top-level string', '"a\\"b" x', { kind: 'trailing', value: 'a"b', end: 6 }],
    ['a number then data', '-1.5e+3 x', { kind: 'trailing', value: -1500, end: 7 }],
    ['a number with an exponent in capitals', '2E2,', { kind: 'trailing', value: 200, end: 3 }],
    ['0 then a digit', '01', { kind: 'trailing', value: 0, end: 1 }],
    ['a long number', `${'1'.repeat(20)} x`, { kind: 'trailing', value: Number('1'.repeat(20)), end: 20 }],
    ['true then data', 'true x', { kind: 'trailing', value: true, end: 4 }],
    ['false then data', 'false,', { kind: 'trailing', value: false, end: 5 }],
    ['null then data', 'null null', { kind: 'trailing', value: null, end: 4 }],
    ['nested objects', '{"a":{"b":[{}]}}]', { kind: 'trailing', value: { a: { b: [{}] } }, end: 16 }],
    ['unclosed object', '{"a":1', { kind: 'malformed' }],
    ['unclosed string in an object', '{"a":"b} x', { kind: 'malformed' }],
    ['unclosed top-level string', '"abc', { kind: 'malformed' }],
    ['a string ending in a backslash', '"abc\\', { kind: 'malformed' }],
    ['mismatched brackets', '[} x', { kind: 'malformed' }],
    ['not JSON', 'hello', { kind: 'malformed' }],
    ['a minus alone', '- 1', { kind: 'malformed' }],
    ['empty', '', { kind: 'malformed' }],
    ['only whitespace', '   ', { kind: 'malformed' }],
    ['a broken first value and more', '{"a":} x', { kind: 'malformed' }],
    ['a first value followed by whitespace only is whole', '[1]  ', { kind: 'whole', value: [1] }],
  ])('%s', (_name, text, want) => expect(firstValue(text)).toStrictEqual(want));
});

describe('oddlyWrittenNumbers', () => {
  const body = (timeout: string, vendor = 'okta_adaptive_v1', field = 'okta_timeout'): string => `{"name":"n","mfa_vendor_type":{"${vendor}":{"${field}":${timeout}}}}`;
  it.each([
    ['30', body('30'), []],
    ['30.0', body('30.0'), ['okta_adaptive_v1.okta_timeout']],
    ['3e1', body('3e1'), ['okta_adaptive_v1.okta_timeout']],
    ['3E1', body('3E1'), ['okta_adaptive_v1.okta_timeout']],
    ['300e-1', body('300e-1'), ['okta_adaptive_v1.okta_timeout']],
    ['-30.0', body('-30.0'), ['okta_adaptive_v1.okta_timeout']],
    ['another vendor', body('30.0', 'duo_security_v2', 'duo_timeout'), ['duo_security_v2.duo_timeout']],
    ['a string', body('"30.0"'), []],
    ['in an array', body('[30.0]'), []],
    ['two levels down only', '{"mfa_vendor_type":{"rsa_timeout":30.0}}', []],
    ['four levels down', body('{"x":30.0}'), []],
    ['not under mfa_vendor_type', '{"other":{"okta_adaptive_v1":{"okta_timeout":30.0}}}', []],
    ['top level', '{"okta_timeout":30.0}', []],
    ['whitespace everywhere', ' { "mfa_vendor_type" : { "okta_adaptive_v1" : { "okta_timeout" : 30.0 } } } ', ['okta_adaptive_v1.okta_timeout']],
    ['the last duplicate wins (plain)', '{"mfa_vendor_type":{"okta_adaptive_v1":{"okta_timeout":30.0,"okta_timeout":30}}}', []],
    ['the last duplicate wins (odd)', '{"mfa_vendor_type":{"okta_adaptive_v1":{"okta_timeout":30,"okta_timeout":3e1}}}', ['okta_adaptive_v1.okta_timeout']],
    ['a key written with \\u escapes', '{"mfa_vendor_type":{"okta_adaptive_v1":{"okta\\u005ftimeout":30.0}}}', ['okta_adaptive_v1.okta_timeout']],
    ['an odd field beside others', '{"mfa_vendor_type":{"okta_adaptive_v1":{"okta_org":"o","x":[1,{"y":true}],"b":null,"okta_timeout":3e1,"z":"s"}},"folder":"F"}', ['okta_adaptive_v1.okta_timeout']],
    ['an odd non-timeout number (\\u elsewhere forces the walk)', '{"name":"\\u0041","mfa_vendor_type":{"okta_adaptive_v1":{"okta_org":1.5}}}', ['okta_adaptive_v1.okta_org']],
    ['two fields', '{"mfa_vendor_type":{"duo_security_v2":{"duo_timeout":30.0},"okta_adaptive_v1":{"okta_timeout":3e1}}}', ['duo_security_v2.duo_timeout', 'okta_adaptive_v1.okta_timeout']],
    ['_timeout with a fraction but spaced', '{"mfa_vendor_type":{"okta_adaptive_v1":{"okta_timeout" :  30.5}}}', ['okta_adaptive_v1.okta_timeout']],
    ['no timeout and no escape: not walked', '{"mfa_vendor_type":{"okta_adaptive_v1":{"okta_org":1.5}}}', []],
  ])('%s', (_name, text, want) => expect([...oddlyWrittenNumbers(text)].sort()).toStrictEqual(want));
});

describe('codePoints', () => {
  it.each([
    ['', 0], ['abc', 3], ['😀', 1], ['😀😀', 2], ['x😀', 2], ['😀x', 2], ['a😀b😀c', 5],
    ['\ud800', 1], ['\ud800a', 2], ['a\ud800', 2], ['\udc00', 1], ['\udc00\ud800', 2],
    ['\udbff\udfff', 1], ['\ud800\udc00', 1], ['\ud7ff\udc00', 2], ['\ue000\udc00', 2],
    ['\ud800\ue000', 2], ['\ud800\udbff', 2], ['\ud800\ud800\udc00', 2],
  ])('%j → %d', (s, n) => expect(codePoints(s)).toBe(n));
});

describe('idForm', () => {
  it.each([
    ['123e4567-e89b-42d3-a456-426655440000', 'v4'],
    ['123e4567-e89b-42d3-8456-426655440000', 'v4'],
    ['123e4567-e89b-42d3-9456-426655440000', 'v4'],
    ['123e4567-e89b-42d3-b456-426655440000', 'v4'],
    ['123e4567-e89b-42d3-c456-426655440000', 'other-uuid'],
    ['123e4567-e89b-42d3-7456-426655440000', 'other-uuid'],
    ['123e4567-e89b-12d3-a456-426655440000', 'other-uuid'],
    ['123E4567-E89B-42D3-A456-426655440000', 'other-uuid'],
    ['123e4567-e89b-42d3-A456-426655440000', 'other-uuid'],
    ['x123e4567-e89b-42d3-a456-426655440000', 'malformed'],
    ['123e4567-e89b-42d3-a456-426655440000x', 'malformed'],
    ['123e4567-e89b-42d3-a456-42665544000', 'malformed'],
    ['123e4567-e89b-42d3-a456-4266554400000', 'malformed'],
    ['123e456-e89b-42d3-a456-426655440000', 'malformed'],
    ['123e4567-e89-42d3-a456-426655440000', 'malformed'],
    ['123e4567-e89b-42d-a456-426655440000', 'malformed'],
    ['123e4567-e89b-42d3-a45-426655440000', 'malformed'],
    ['g23e4567-e89b-42d3-a456-426655440000', 'malformed'],
    ['123e4567e89b42d3a456426655440000', 'malformed'],
    ['not-a-uuid', 'malformed'],
    ['', 'malformed'],
  ])('%s → %s', (id, want) => expect(idForm(id)).toBe(want));
});

describe('sameIgnoringCase', () => {
  it.each([
    ['a', 'a', true], ['a', 'A', true], ['Name', 'nAME', true], ['ß', 'SS', true], ['SS', 'ß', true], ['ß', 'ss', true],
    ['a', 'b', false], ['a', 'a ', false], ['', '', true], ['', 'a', false],
  ])('%j, %j → %s', (a, b, want) => expect(sameIgnoringCase(a, b)).toBe(want));
});

describe('indexState', () => {
  const a: StoredObject = { id: 'a', name: 'x', mfa_cert_profile: 'c', folder: 'F' };
  const b: StoredObject = { id: 'b', name: 'y', mfa_cert_profile: 'c', folder: 'F' };
  const c: StoredObject = { id: 'c', name: 'x', mfa_cert_profile: 'c', snippet: 'F' };
  const d: StoredObject = { id: 'd', name: 'x', mfa_cert_profile: 'c', device: 1 as unknown as string };
  const s = indexState([a, b, c, d]);
  it('by id', () => {
    expect(s.byId('a')).toBe(a);
    expect(s.byId('c')).toBe(c);
    expect(s.byId('z')).toBeUndefined();
  });
  it('by container key and value, in creation order', () => {
    expect(s.inContainer('folder', 'F')).toStrictEqual([a, b]);
    expect(s.inContainer('snippet', 'F')).toStrictEqual([c]);
    expect(s.inContainer('device', 'F')).toStrictEqual([]);
    expect(s.inContainer('folder', 'G')).toStrictEqual([]);
  });
  it('a non-string value never meets a string', () => {
    expect(s.inContainer('device', 1)).toStrictEqual([d]);
    expect(s.inContainer('device', '1')).toStrictEqual([]);
    expect(containerIndexKey('device', 1)).not.toBe(containerIndexKey('device', '1'));
    expect(containerIndexKey('folder', 'F')).not.toBe(containerIndexKey('snippet', 'F'));
  });
  it('no idTaken on an index of an array', () => expect(s.idTaken).toBeUndefined());
  it('isStateView: an array is not one', () => {
    expect(isStateView([a])).toBe(false);
    expect(isStateView(s)).toBe(true);
  });
});

describe('storedObject', () => {
  it('name, cert profile, the container; unknown keys and an id dropped', () => {
    expect(storedObject({ id: 'x', name: 'n', mfa_cert_profile: 'c', snippet: 'S', extra: 1 })).toStrictEqual({ name: 'n', mfa_cert_profile: 'c', snippet: 'S' });
  });
  it('the vendor\'s fields as sent, its defaults filled, unknown fields dropped', () => {
    const okta = spec.vendors.find((v) => v.name === 'okta_adaptive_v1')!;
    const defaults = Object.fromEntries(okta.fields.filter((f) => f.default !== undefined).map((f) => [f.name, f.default]));
    expect(storedObject({ name: 'n', mfa_cert_profile: 'c', folder: 'F', mfa_vendor_type: { okta_adaptive_v1: { okta_org: 'o', okta_timeout: 60, junk: 1 } } })).toStrictEqual({
      name: 'n', mfa_cert_profile: 'c', folder: 'F', mfa_vendor_type: { okta_adaptive_v1: { ...defaults, okta_org: 'o', okta_timeout: 60 } },
    });
  });
  it('a field sent as null is kept', () => {
    const o = storedObject({ name: 'n', mfa_cert_profile: 'c', folder: 'F', mfa_vendor_type: { rsa_securid_access_v1: { rsa_api_host: null } } });
    expect((o['mfa_vendor_type'] as Record<string, Record<string, unknown>>)['rsa_securid_access_v1']!['rsa_api_host']).toBeNull();
  });
  it('containerOf', () => {
    expect(containerOf({ device: 'D' })).toStrictEqual(['device', 'D']);
    expect(containerOf({ folder: 'F', snippet: 'S' })).toStrictEqual(['folder', 'F']);
    expect(containerOf({ name: 'n' })).toBeUndefined();
  });
});

describe('outcomeOf', () => {
  it('from the catalogue: status, code, message, strength, basis, source', () => {
    const r = spec.rules.get('format.content-type')!;
    expect(outcomeOf('format.content-type')).toStrictEqual({ status: r.status, rule: r.id, strength: r.strength, basis: r.basis, source: r.source, code: r.code, message: r.message });
  });
  it('a plain outcome is built once and frozen', () => {
    expect(outcomeOf('auth.key-expired')).toBe(outcomeOf('auth.key-expired'));
    expect(outcomeOf('auth.key-expired', {})).toBe(outcomeOf('auth.key-expired'));
    expect(Object.isFrozen(outcomeOf('auth.key-expired'))).toBe(true);
  });
  it('an open rule\'s answer is held at must', () => expect(outcomeOf('format.no-content-type').strength).toBe('must'));
  it('variables fill the message; an unknown one stays', () => {
    expect(outcomeOf('list.invalid-limit', { value: '-1' }).message).toBe('Invalid Query Parameter: limit=-1');
    expect(outcomeOf('list.multiple-containers', { param: 'device' }).message).toBe('Invalid Query Parameter: device={value}');
  });
  it('the message\'s own strength when it differs; none when unchecked', () => {
    expect(outcomeOf('format.bom').messageStrength).toBe('should');
    expect(outcomeOf('uniqueness.case')).not.toHaveProperty('messageStrength');
    expect(outcomeOf('format.payload-too-large')).not.toHaveProperty('message');
    expect(outcomeOf('format.payload-too-large')).not.toHaveProperty('messageStrength');
    expect(outcomeOf('format.accept', { accept: 'xml' }).messageMust).toBe('^Output Format Mismatch: output-format=json');
    expect(outcomeOf('auth.key-expired')).not.toHaveProperty('messageMust');
  });
  it('extras override; an extra set to undefined removes the field; the shared outcome is untouched', () => {
    const o = outcomeOf('format.content-type', undefined, { status: 415, code: undefined });
    expect(o.status).toBe(415);
    expect(o).not.toHaveProperty('code');
    expect(outcomeOf('format.content-type').code).toBe('E003');
    const v = outcomeOf('list.invalid-limit', { value: 'x' }, { code: undefined });
    expect(v).not.toHaveProperty('code');
    expect(v.message).toBe('Invalid Query Parameter: limit=x');
  });
});

describe('parseRequest', () => {
  it('route, method, query and the first of duplicate headers, any case', () => {
    const p = parseRequest({ method: 'get', path: '/mfa-servers?folder=F&limit=1', headers: { Accept: 'a', accept: 'b', 'X-Y': 'z' } });
    expect(p.method).toBe('GET');
    expect(p.route).toStrictEqual({ kind: 'collection' });
    expect(p.query.get('folder')).toBe('F');
    expect(p.header('accept')).toBe('a');
    expect(p.header('X-Y')).toBe('z');
    expect(p.body).toBeUndefined();
  });
  it.each([
    ['/mfa-servers', { kind: 'collection' }],
    ['/mfa-servers?x=1', { kind: 'collection' }],
    ['/mfa-servers/abc', { kind: 'item', id: 'abc' }],
    ['/mfa-servers/a%20b', { kind: 'item', id: 'a b' }],
    ['/mfa-servers/%zz', { kind: 'item', id: '%zz' }],
    ['/mfa-servers/', { kind: 'item', id: '' }],
    ['/mfa-servers/a/b', { kind: 'unknown' }],
    ['/mfa-serversx', { kind: 'unknown' }],
    ['/x/mfa-servers', { kind: 'unknown' }],
    ['/', { kind: 'unknown' }],
  ])('%s', (path, route) => expect(parseRequest({ method: 'GET', path, headers: {} }).route).toStrictEqual(route));
  it('body bytes and text', () => {
    expect(parseRequest({ method: 'POST', path: '/', headers: {}, body: 'ü' }).body).toStrictEqual({ bytes: 2, text: 'ü' });
    expect(parseRequest({ method: 'POST', path: '/', headers: {}, body: '\ud800' }).body).toStrictEqual({ bytes: 3, text: '\ufffd' });
    expect(parseRequest({ method: 'POST', path: '/', headers: {}, body: new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]) }).body).toStrictEqual({ bytes: 5, text: '\ufeff{}' });
    expect(parseRequest({ method: 'POST', path: '/', headers: {}, body: new Uint8Array([0xff]) }).body).toStrictEqual({ bytes: 1, text: undefined });
    expect(parseRequest({ method: 'POST', path: '/', headers: {}, body: '' }).body).toStrictEqual({ bytes: 0, text: '' });
  });
});

describe('enumerate', () => {
  const pick = (c: Chooser, spec_: Array<['open' | 'should', string[]]>): string => spec_.map(([kind, options], i) => c.choose(`p${i}`, kind, options)).join(',');
  it('no point: one path, not deviated', () => {
    expect(enumerate(() => 'x')).toStrictEqual([{ value: 'x', deviated: false }]);
  });
  it('every combination once, depth first; option 0 first', () => {
    const paths = enumerate((c) => pick(c, [['open', ['a', 'b']], ['open', ['x', 'y', 'z']]]));
    expect(paths.map((p) => p.value)).toStrictEqual(['a,x', 'b,x', 'b,y', 'b,z', 'a,y', 'a,z']);
    expect(paths[0]).toStrictEqual({ value: 'a,x', deviated: false });
    expect(paths.every((p) => !p.deviated)).toBe(true);
  });
  it('a should point: every option but the first deviates', () => {
    const paths = enumerate((c) => pick(c, [['should', ['ok', 'dev1', 'dev2']], ['open', ['a', 'b']]]));
    expect(paths.length).toBe(6);
    for (const p of paths) expect(p.deviated).toBe(!p.value.startsWith('ok'));
  });
  it('points met only on some paths', () => {
    const paths = enumerate((c) => (c.choose('a', 'open', ['stop', 'go']) === 'stop' ? 'stop' : `go:${c.choose('b', 'should', ['x', 'y'])}`));
    expect(paths.map((p) => [p.value, p.deviated]).sort()).toStrictEqual([['go:x', false], ['go:y', true], ['stop', false]]);
  });
  it('at most 256 paths', () => {
    const paths = enumerate((c) => pick(c, Array.from({ length: 10 }, () => ['open', ['0', '1']] as ['open', string[]])));
    expect(paths.length).toBe(256);
    expect(new Set(paths.map((p) => p.value)).size).toBe(256);
  });
});

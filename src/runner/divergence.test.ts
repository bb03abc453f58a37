// Pairing two runs' answers by place: a difference where one side fails the
// oracle is a divergence, where both pass a note; ids, prefixes, secrets and
// _request_id never make a difference.
import { describe, expect, it } from 'vitest';
import { answerOf, compare, shapeOf, type Answer } from './divergence.ts';
import type { Exchange } from './results.ts';

const ex = (status: number, body: unknown, path = '/mfa-servers'): Exchange => ({
  request: { method: 'GET', path, headers: {} }, ms: 1, response: { status, headers: {}, body: JSON.stringify(body) },
} as Exchange);
const fail = [{ check: 'outcome', rule: 'r', strength: 'must' as const, severity: 'failure' as const, summary: 'wrong' }];
const A = { prefix: 'mfa-conf-1a-', secrets: ['sekret-a'] };
const B = { prefix: 'mfa-conf-1b-', secrets: ['sekret-b'] };
const one = (key: string, x: Answer): Map<string, Answer> => new Map([[key, x]]);

describe('divergence', () => {
  it('ids, the run prefixes, secrets and _request_id are not differences', () => {
    const a = answerOf(ex(200, { id: '0d2c5a7e-1111-4aaa-8bbb-123456789abc', name: 'mfa-conf-1a-x', okta_token: 'sekret-a', _request_id: 'r1' }, '/mfa-servers/0d2c5a7e-1111-4aaa-8bbb-123456789abc'), [], 'get.success', 'k', { id: '0d2c5a7e-1111-4aaa-8bbb-123456789abc', name: 'mfa-conf-1a-x', _request_id: 'r1' }, A);
    const b = answerOf(ex(200, {}, '/mfa-servers/9f9f9f9f-2222-4ccc-9ddd-abcdefabcdef'), [], 'get.success', 'k', { id: '9f9f9f9f-2222-4ccc-9ddd-abcdefabcdef', name: 'mfa-conf-1b-x', _request_id: 'r2', okta_token: null }, B);
    expect(a.request).toBe('GET /mfa-servers/{id}');
    const c = compare(one('k', a), one('k', b));
    expect(c).toMatchObject({ compared: 1, divergences: [], notes: [] });
  });

  it.each([
    ['a status that differs, one side failing', [400, false], [200, true], 'divergences', ['status', 'code', 'message', 'shape']],
    ['a status that differs, both allowed', [400, false], [200, false], 'notes', ['status', 'code', 'message', 'shape']],
    ['a message that differs, one side failing', [409, true, 'Name Not Unique'], [409, false, 'Conflict'], 'divergences', ['message']],
  ] as const)('%s', (_, [sa, fa, ma], [sb, fb, mb], list, differs) => {
    const body = (s: number, m?: string) => (s >= 400 ? { _errors: [{ code: 'E003', message: m ?? 'Invalid Object' }] } : { name: 'n' });
    const a = answerOf(ex(sa, body(sa, ma)), fa ? fail : [], 'r', 'k', body(sa, ma), A);
    const b = answerOf(ex(sb, body(sb, mb)), fb ? fail : [], 'r', 'k', body(sb, mb), B);
    const c = compare(one('k', a), one('k', b));
    expect(c[list]).toHaveLength(1);
    expect(c[list][0]!.differs).toEqual(differs);
    expect(c[list === 'notes' ? 'divergences' : 'notes']).toEqual([]);
  });

  it('places only one side reached are counted apart; requests that differ at one place are not compared', () => {
    const x = answerOf(ex(200, {}), [], 'r', 'k', {}, A);
    const y = answerOf(ex(404, {}, '/mfa-servers/other'), [], 'r', 'k', {}, B);
    const c = compare(new Map([['k', x], ['only-a', x]]), new Map([['k', y], ['only-b', y], ['only-b2', y]]));
    expect(c).toMatchObject({ compared: 0, unpaired: 1, onlyA: { count: 1, keys: ['only-a'] }, onlyB: { count: 2 } });
  });

  it('shapes: keys sorted with JSON types, arrays as the set of their items\' shapes, secret fields left out', () => {
    expect(shapeOf({ b: 1, a: ['x', 'y', 2], duo_secret_key: 's' })).toBe('{a:[number|string],b:number}');
    expect(shapeOf(null)).toBe('null');
  });
});

// answerOf / expectationOf: an acceptable answer as a finding carries it
// (the Outcome without its source line, a list page's objects counted), and
// the expectation of a check's input.
import { describe, expect, it } from 'vitest';
import { answerOf, expectationOf } from './expectation.ts';
import { outcome, prediction } from './testing/checkInput.ts';

describe('answerOf', () => {
  it('a bare answer: status, rule, strength and basis only', () => {
    expect(answerOf(outcome({ status: 404, rule: 'resource.not-found', strength: 'should', basis: 'semantics' }))).toStrictEqual({ status: 404, rule: 'resource.not-found', strength: 'should', basis: 'semantics' });
  });
  it('every optional field it has, copied', () => {
    const o = outcome({
      status: 400, statusMax: 499, code: 'E003', message: 'M', messageAlso: 'a|b', messageMust: '^M', messageStrength: 'should',
      reading: 'format.bom:strip', noContract: true, dropped: ['x'],
    });
    expect(answerOf(o)).toStrictEqual({
      status: 400, statusMax: 499, code: 'E003', message: 'M', messageAlso: 'a|b', messageMust: '^M', messageStrength: 'should',
      rule: 'create.success', strength: 'must', basis: 'seed', reading: 'format.bom:strip', noContract: true, dropped: ['x'],
    });
  });
  it('noContract false and no dropped keys are left out', () => {
    expect(answerOf(outcome({ noContract: false, dropped: [] }))).toStrictEqual({ status: 200, rule: 'create.success', strength: 'must', basis: 'seed' });
  });
  it('the stored object and the dropped keys are copies', () => {
    const object = { name: 'n', mfa_vendor_type: { okta_adaptive_v1: { okta_org: 'o' } } };
    const dropped = ['x'];
    const a = answerOf(outcome({ object, dropped }));
    expect(a.object).toStrictEqual(object);
    expect(a.object).not.toBe(object);
    expect((a.object as typeof object).mfa_vendor_type).not.toBe(object.mfa_vendor_type);
    expect(a.dropped).toStrictEqual(dropped);
    expect(a.dropped).not.toBe(dropped);
  });
  it('a list page: its objects counted, its filter and limits copied', () => {
    const filter = { key: 'folder', value: 'F', name: 'n' };
    const limits = [0, 200];
    const a = answerOf(outcome({ list: { filter, all: [{ id: 'a' }, { id: 'b' }], maybe: [{ id: 'c' }], limits, offset: 3 } }));
    expect(a.list).toStrictEqual({ filter, objects: 2, maybe: 1, limits, offset: 3 });
    expect(a.list!.filter).not.toBe(filter);
    expect(a.list!.limits).not.toBe(limits);
    expect(answerOf(outcome({ list: { filter, all: [], maybe: [], limits: [5000], offset: 0, anyPage: true } })).list).toStrictEqual({ filter, objects: 0, maybe: 0, limits: [5000], offset: 0, anyPage: true });
    expect(answerOf(outcome({ list: { filter, all: [], maybe: [], limits: [1], offset: 0, anyPage: false } })).list).toStrictEqual({ filter, objects: 0, maybe: 0, limits: [1], offset: 0 });
  });
});

describe('expectationOf', () => {
  const a = outcome({ status: 400, code: 'E003', rule: 'format.bom' });
  const b = outcome({ status: 200, rule: 'create.success' });
  it('every acceptable answer in order, no answer held to when none matched', () => {
    expect(expectationOf({ prediction: prediction([a, b]) }, { kind: 'outcome' })).toStrictEqual({ anyOf: [answerOf(a), answerOf(b)], assert: { kind: 'outcome' } });
  });
  it('the answer held to', () => {
    expect(expectationOf({ prediction: prediction(b), matched: b }, { kind: 'message' })).toStrictEqual({ anyOf: [answerOf(b)], heldTo: answerOf(b), assert: { kind: 'message' } });
    expect(expectationOf({ prediction: prediction(b), matched: b, matchedTolerated: false }, { kind: 'message' }).heldTo).toStrictEqual(answerOf(b));
  });
  it('a tolerated answer held to is marked', () => {
    expect(expectationOf({ prediction: prediction(b), matched: a, matchedTolerated: true }, { kind: 'precedence' }).heldTo).toStrictEqual({ ...answerOf(a), tolerated: true });
  });
});

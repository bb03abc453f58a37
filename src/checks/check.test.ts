// The helpers every check grades with: severity, the strength an answer's
// shape is held at, the weaker of two strengths, the verdict, the rule a case
// is counted under and how an answer is written in a summary.
import { describe, expect, it } from 'vitest';
import type { Strength } from '../spec/types.ts';
import { describeOutcome, ruleOf, severityOf, shapeStrength, verdict, weaker } from './check.ts';
import { outcome, prediction } from './testing/checkInput.ts';

describe('severityOf', () => {
  it.each([
    ['must', false, 'failure'],
    ['must', true, 'failure'],
    ['should', false, 'warning'],
    ['should', true, 'failure'],
  ] as const)('%s (strict %s) → %s', (strength, strict, want) => {
    expect(severityOf(strength, strict)).toBe(want);
  });
});

describe('shapeStrength', () => {
  const p = (miss: 'must' | 'should') => prediction(outcome(), [], miss);
  it.each([
    ['no match: the miss strength (must)', undefined, undefined, 'must', 'must'],
    ['no match: the miss strength (should)', undefined, undefined, 'should', 'should'],
    ['no match, tolerated flag ignored', undefined, true, 'should', 'should'],
    ['expected must answer', 'must', false, 'should', 'must'],
    ['expected must answer, flag absent', 'must', undefined, 'should', 'must'],
    ['expected should answer', 'should', false, 'must', 'should'],
    ['expected open answer', 'open', false, 'must', 'open'],
    ['tolerated must answer: should', 'must', true, 'must', 'should'],
    ['tolerated should answer', 'should', true, 'must', 'should'],
    ['tolerated open answer: open', 'open', true, 'must', 'open'],
  ] as const)('%s', (_name, matched, tolerated, miss, want) => {
    expect(shapeStrength({
      prediction: p(miss),
      ...(matched && { matched: outcome({ strength: matched }) }),
      ...(tolerated !== undefined && { matchedTolerated: tolerated }),
    })).toBe(want);
  });
});

describe('weaker', () => {
  const all: Strength[] = ['open', 'should', 'must'];
  const rank = (s: Strength): number => all.indexOf(s);
  for (const a of all) {
    for (const b of all) {
      const want = rank(a) <= rank(b) ? a : b;
      it(`weaker(${a}, ${b}) = ${want}`, () => expect(weaker(a, b)).toBe(want));
    }
  }
});

describe('verdict', () => {
  it('open: none', () => expect(verdict('c', 'r', 'open', true, 's')).toBeUndefined());
  it.each([
    ['must', false, 'failure'],
    ['should', false, 'warning'],
    ['should', true, 'failure'],
  ] as const)('%s (strict %s): %s', (strength, strict, severity) => {
    const v = verdict('content-type', 'format.content-type', strength, strict, 'a summary')!;
    expect(v.check).toBe('content-type');
    expect(v.rule).toBe('format.content-type');
    expect(v.strength).toBe(strength);
    expect(v.severity).toBe(severity);
    expect(v.summary).toBe('a summary');
  });
});

describe('ruleOf', () => {
  it('one answer: its rule', () => expect(ruleOf({ prediction: prediction(outcome({ rule: 'get.success' })) })).toBe('get.success'));
  it('anyOf: the first answer\'s rule', () => {
    expect(ruleOf({ prediction: prediction([outcome({ rule: 'format.bom' }), outcome({ rule: 'create.success' })]) })).toBe('format.bom');
  });
});

describe('describeOutcome', () => {
  it.each([
    [{ status: 200 }, '200'],
    [{ status: 400, code: 'E003' }, '400 E003'],
    [{ status: 400, code: 'E003', message: 'Invalid Object' }, '400 E003 (Invalid Object)'],
    [{ status: 404, message: 'Not Found' }, '404 (Not Found)'],
    [{ status: 400, statusMax: 499 }, '400-499'],
    [{ status: 300, statusMax: 399, code: 'X' }, '300-399 X'],
    [{ status: 400, code: '', message: '' }, '400'],
  ])('%j → %s', (o, want) => expect(describeOutcome(o)).toBe(want));
});

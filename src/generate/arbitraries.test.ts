// The small building blocks keep their own promises (seed:15-23 class and
// length; code-point lengths; the name prefix; the 1 MiB padding).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codePointLength, freeText } from './freeText.ts';
import { containerValue, fixedContainerValue } from './containerValue.ts';
import { objectName, boundaryNamer } from './objectName.ts';
import { padTo } from './mutations/bodyFormatMutation.ts';
import { recase } from './requests/uniquenessCases.ts';
import { seededString, seededStringArb } from './seededString.ts';
import { FULL_CTX } from './testing/testContext.ts';

const CLASS = /^[A-Za-z0-9_. -]+$/;

describe('building blocks', () => {
  it('containerValue: 1..64 characters of the class, and so is every shrink', () => {
    fc.assert(fc.property(containerValue(), (v) => CLASS.test(v) && v.length <= 64), { seed: 1, numRuns: 500 });
    for (const n of [1, 2, 3, 64, 65]) expect([fixedContainerValue(n).length, CLASS.test(fixedContainerValue(n))]).toEqual([n, true]);
  });

  it('freeText counts code points, emoji included', () => {
    fc.assert(fc.property(freeText({ minLength: 8, maxLength: 10 }), (s) => codePointLength(s) >= 8 && codePointLength(s) <= 10), { seed: 2, numRuns: 500 });
    const sample = fc.sample(freeText({ minLength: 16, maxLength: 16 }), { seed: 3, numRuns: 300 });
    expect(sample.some((s) => /[^\x20-\x7e]/.test(s))).toBe(true);
    expect(sample.some((s) => /^[\x20-\x7e]+$/.test(s))).toBe(true);
  });

  it('objectName: the prefix, then >= 8 code points; boundary names never look random', () => {
    fc.assert(fc.property(objectName(FULL_CTX), (n) => n.startsWith(FULL_CTX.namePrefix) && codePointLength(n) >= FULL_CTX.namePrefix.length + 8), { seed: 4, numRuns: 500 });
    const next = boundaryNamer(FULL_CTX);
    expect([next(), next()]).toEqual([`${FULL_CTX.namePrefix}B0000001`, `${FULL_CTX.namePrefix}B0000002`]);
  });

  it('seededStringArb: a failure that needs a length of n shrinks to exactly n, seed 0, first alphabet', () => {
    const arb = seededStringArb([['a', 'b'], ['x', 'y', 'z']], 3, 40, [2, 1]);
    for (const n of [4, 17, 40]) {
      const r = fc.check(fc.property(arb, (s) => s.length < n), { seed: n, numRuns: 2000 });
      expect(r.failed).toBe(true);
      expect(r.counterexample![0]).toBe(seededString(['a', 'b'], n, 0));
    }
    // Both alphabets appear, about 2:1.
    const sample = fc.sample(fc.noBias(arb), { seed: 5, numRuns: 600 });
    const second = sample.filter((s) => /[xyz]/.test(s)).length;
    expect(second).toBeGreaterThan(120);
    expect(second).toBeLessThan(280);
  });

  it('padTo reaches an exact UTF-8 byte count and stays the same JSON', () => {
    const json = JSON.stringify({ name: 'Grüße 🚀' });
    const padded = padTo(json, 1000);
    expect(Buffer.byteLength(padded)).toBe(1000);
    expect(JSON.parse(padded)).toEqual(JSON.parse(json));
  });

  it('recase changes only the suffix', () => {
    expect(recase('mfa-conf-test-B0000001', 'mfa-conf-test-')).toBe('mfa-conf-test-b0000001');
    expect(recase('mfa-conf-test-12345678', 'mfa-conf-test-')).toBe('mfa-conf-test-12345678X');
  });
});

// Shrinking keeps the label: every value the shrinker tries, and the
// counterexample fast-check reports, still breaks (or, for 'valid', still
// obeys) the rule its label names according to the oracle.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GenCase } from './genCase.ts';
import { randomCase, randomCaseFamilies } from './randomCase.ts';
import { labelVerdict } from './testing/labelVerdict.ts';
import { FULL_CTX } from './testing/testContext.ts';

const size = (c: GenCase): number => (typeof c.request.body === 'string' ? c.request.body.length : c.request.body?.length ?? 0) + c.request.path.length;

/** Fails on every case bigger than 40, so the shrinker works hard; records every case it is shown. */
function shrinkRun(arb: fc.Arbitrary<GenCase>, seed: number): { details: fc.RunDetails<[GenCase]>; disagreements: string[]; tried: number } {
  const disagreements: string[] = [];
  let tried = 0;
  const details = fc.check(fc.property(arb, (c) => {
    tried++;
    const v = labelVerdict(c, FULL_CTX);
    if (v !== undefined) disagreements.push(`${v}: ${JSON.stringify(c.request).slice(0, 300)}`);
    return size(c) < 40;
  }), { seed, numRuns: 100 });
  return { details, disagreements, tried };
}

describe('shrinking keeps the label', () => {
  for (const [family, arb] of Object.entries(randomCaseFamilies(FULL_CTX))) {
    it(family, () => {
      const { details, disagreements, tried } = shrinkRun(arb, 1234);
      expect(details.failed).toBe(true);
      expect(details.numShrinks).toBeGreaterThan(0);
      expect(tried).toBeGreaterThan(details.numRuns);
      const shrunk = details.counterexample![0];
      expect(labelVerdict(shrunk, FULL_CTX)).toBeUndefined();
      expect(disagreements).toEqual([]);
    });
  }

  it('the mixed arbitrary: fc.assert reports a shrunk counterexample that keeps its label', () => {
    let reported: GenCase | undefined;
    expect(() => fc.assert(fc.property(randomCase(FULL_CTX), (c) => { reported = c; return size(c) < 40; }), { seed: 99, numRuns: 100 })).toThrow(/Counterexample/);
    // The last case the predicate saw is the reported (fully shrunk) counterexample.
    expect(reported).toBeDefined();
    expect(labelVerdict(reported!, FULL_CTX)).toBeUndefined();
  });
});

// Random cases by family (fast-check properties with shrinking): each
// property holds when no case of the family gets a must-level finding.
import fc from 'fast-check';
import * as allure from 'allure-js-commons';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { randomCaseFamilies } from '../src/generate/index.ts';
import { openTarget, type Target } from './target.ts';

const RUNS = Number(process.env['MFA_PROPERTY_RUNS'] ?? 100);
let target: Target;
beforeAll(async () => { target = await openTarget('random'); });
afterAll(async () => { await target.close(); });

const families = Object.keys(randomCaseFamilies({ token: 'x', readOnlyToken: 'x', expiredToken: 'x', namePrefix: 'f-' }));

describe('random cases by family', () => {
  it.each(families)('%s', async (family) => {
    await allure.feature(family);
    await allure.parameter('seed', String(target.seed));
    const arb = randomCaseFamilies(target.session.ctx)[family];
    if (!arb) return; // a family the target's tokens cannot exercise
    await fc.assert(fc.asyncProperty(arb, async (c) => {
      const { verdicts } = await target.session.runCase(c);
      const bad = verdicts.find((v) => v.severity === 'failure');
      if (bad) throw new Error(`${bad.rule} [${bad.check}] ${bad.summary}`);
    }), { seed: target.seed, numRuns: RUNS });
  });
});

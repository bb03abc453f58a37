// Random cases by family (fast-check properties with shrinking): each
// property holds when no case of the family gets a must-level finding.
import fc from 'fast-check';
import * as allure from 'allure-js-commons';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { randomCaseFamilies } from '../src/generate/index.ts';
import { atLeastOneCase, openTarget, skipUnless, whyUntestable, type Target } from './target.ts';

const RUNS = Number(process.env['MFA_PROPERTY_RUNS'] ?? 100);
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error(`MFA_PROPERTY_RUNS must be a positive integer, not ${process.env['MFA_PROPERTY_RUNS']}`);
let target: Target;
beforeAll(async () => { target = await openTarget('random'); });
afterAll(async () => { await target.close(); });

const ALL_TOKENS = { token: 'x', readOnlyToken: 'x', expiredToken: 'x', namePrefix: 'f-' };
const families = Object.keys(randomCaseFamilies(ALL_TOKENS));

describe('random cases by family', () => {
  it.for(families)('%s', async (family, { skip }) => {
    await allure.feature(family);
    await allure.parameter('seed', String(target.seed));
    const arb = randomCaseFamilies(target.session.ctx)[family];
    // A family the target's tokens cannot exercise: skipped, with the token it needs.
    const labels = [...new Set(fc.sample(randomCaseFamilies(ALL_TOKENS)[family]!, { seed: 1, numRuns: 50 }).map((c) => c.label))];
    const why = whyUntestable(target.session.ctx, labels);
    if (!arb) skipUnless('random', family, why ?? 'needs a token this target was not given', skip);
    else if (why !== undefined) console.warn(`[random] ${family}: runs without some of its cases: ${why}`);
    let cases = 0;
    await fc.assert(fc.asyncProperty(arb!, async (c) => {
      cases++;
      const { verdicts } = await target.session.runCase(c);
      const bad = verdicts.find((v) => v.severity === 'failure');
      if (bad) throw new Error(`${bad.rule} [${bad.check}] ${bad.summary}`);
    }), { seed: target.seed, numRuns: RUNS });
    atLeastOneCase(family, cases);
  });
});

// Every rule's exact boundary cases against the target, one test per rule
// (Allure: epic = operation, feature = rule kind, story = rule id, severity
// from strength). The cases are deterministic; the oracle decides each answer.
import * as allure from 'allure-js-commons';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundaryCases, type GenCase } from '../src/generate/index.ts';
import { spec } from '../src/spec/model.ts';
import { atLeastOneCase, describeFailures, openTarget, skipUnless, whyUntestable, type Target } from './target.ts';

let target: Target;
beforeAll(async () => { target = await openTarget('boundary'); });
afterAll(async () => { await target.close(); });

// Cases are grouped by the rule they mean to break; valid ones by their vendor.
const ctxForGrouping = { token: 'x', readOnlyToken: 'x', expiredToken: 'x', namePrefix: 'group-' };
const labels = [...new Set(boundaryCases(ctxForGrouping).map((c) => c.label))];

describe('boundary cases by rule', () => {
  it.for(labels)('%s', async (label, { skip }) => {
    skipUnless('boundary', label, whyUntestable(target.session.ctx, [label]), skip);
    const r = spec.rules.get(label);
    const ops = r ? (r.operations === 'all' ? ['all operations'] : r.operations) : ['create'];
    await allure.epic(ops.join(', '));
    await allure.feature(r?.kind ?? 'success');
    await allure.story(label);
    await allure.severity(r?.strength === 'should' ? 'normal' : 'critical');
    await allure.parameter('seed', String(target.seed));
    const cases: GenCase[] = boundaryCases(target.session.ctx).filter((c) => c.label === label);
    atLeastOneCase(label, cases.length);
    const before = target.session.findings.length;
    for (const c of cases) await target.session.runCase(c);
    const failures = describeFailures(target.session, before);
    if (failures.length > 0) await allure.attachment('failures (redacted)', failures.join('\n\n'), 'text/plain');
    expect(failures, `${label}: ${cases.length} boundary cases`).toEqual([]);
  });
});

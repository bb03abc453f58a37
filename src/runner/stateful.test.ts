// The stateful phase against the reference server: every sequence conforms
// on the correct one; on one with a fault only a sequence shows, the run
// fails with a shrunk sequence as its counterexample, numbered steps with the
// request, the expected and the received answer, and the same seed gives the
// same sequence.
import { describe, expect, it } from 'vitest';
import { runAgainstFaults } from '../selftest/selfTest.ts';
import { laneRuns } from './stateful.ts';

const opts = { runs: 0, statefulRuns: 16, shrinkBudgetMs: 2_000 };

describe('stateful phase', () => {
  it('shares sequences between the lanes, the paging lane from 8 on', () => {
    for (const n of [0, 1, 4, 7, 8, 16, 80, 1000]) {
      const lanes = laneRuns(n);
      expect(lanes.reduce((a, b) => a + b, 0)).toBe(n);
      expect(lanes.at(-1)).toBe(n >= 8 ? Math.max(1, Math.floor(n / 32)) : 0);
    }
  });

  it('every sequence conforms on the correct reference server', async () => {
    const { report } = await runAgainstFaults([], { seed: 3, ...opts, strict: true });
    expect(report.stateful).toEqual({ sequences: 16, failed: 0 });
    expect(report.rules.filter((r) => r.failed + r.warnings > 0).map((r) => r.rule)).toEqual([]);
    expect(report.exitCode).toBe(0);
  });

  it('a GET cached across a PUT fails the run through a short sequence of numbered steps, the same for the same seed', async () => {
    // A budget shrinking never reaches: shrunk to the end, the same seed gives the same sequence whatever the machine's load.
    const run = () => runAgainstFaults(['get-cached-across-put'], { seed: 7, ...opts, shrinkBudgetMs: 60_000 });
    const { report } = await run();
    expect(report.exitCode).toBe(1);
    expect(report.stateful!.failed).toBeGreaterThan(0);
    const f = report.rules.flatMap((r) => r.counterexamples).find((x) => x.sequence)!;
    expect(f.rule).toBe('get.success');
    const steps = f.sequence!.steps;
    expect(steps.map((s) => s.n)).toEqual(steps.map((_, i) => i + 1));
    // The prelude's three creates, a PUT and the GET that answers the object as it was, give or take a step.
    expect(steps.length).toBeLessThanOrEqual(7);
    expect(steps.some((s) => s.request.method === 'PUT')).toBe(true);
    const last = steps.at(-1)!;
    expect(last.failed).toBe(true);
    expect(last.request.method).toBe('GET');
    expect(last.expected).toBe('200');
    expect(last.received).toBe('200');
    expect(f.summary).toMatch(/differs/);
    expect(f.replay).toMatch(/^npx mfa-conformance replay reports\/sequences\/get\.success-7-\d\.json$/);
    const again = (await run()).report.rules.flatMap((r) => r.counterexamples).find((x) => x.sequence)!;
    expect(again.sequence!.steps.map((s) => s.command)).toEqual(steps.map((s) => s.command));
  });
});

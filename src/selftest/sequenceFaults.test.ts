// The stateful phase's self-test (issue "Stateful testing", item 6): faulty
// variants of the reference server that only a sequence of two or more writes
// shows (server/faults/sequence.ts). Each survives the other phases alone
// (boundary and random cases and the fixed lifecycles: --stateful-runs 0), and
// fails a run with the stateful phase, through a sequence: so the stateful
// phase is what kills it. The counterexample is that sequence, shrunk.
import { describe, expect, it } from 'vitest';
import { FAULTS } from '../server/faults/catalogue.ts';
import { runAgainstFaults } from './selfTest.ts';

const SEED = 7;
/** Random cases per run, as in the fault matrix (faultyServers.test.ts). */
const RUNS = 300;
/** Shrinking only shortens counterexamples; a second is plenty for these. */
const SHRINK_BUDGET_MS = 1_000;

const SEQUENCE_FAULTS = Object.entries(FAULTS).filter(([, f]) => f.kind === 'sequence').map(([name]) => name);

describe('self-test: faults only a sequence shows', () => {
  it('are at least eight', () => {
    expect(SEQUENCE_FAULTS.length).toBeGreaterThanOrEqual(8);
  });

  it.each(SEQUENCE_FAULTS)('%s: survives the other phases, fails the stateful one', async (fault) => {
    const without = await runAgainstFaults([fault], { seed: SEED, runs: RUNS, statefulRuns: 0, shrinkBudgetMs: SHRINK_BUDGET_MS });
    const caught = without.report.rules.filter((r) => r.failed > 0).map((r) => `${r.rule}: ${r.counterexamples[0]?.summary}`);
    expect(caught, 'caught without the stateful phase').toEqual([]);
    expect(without.report.exitCode).toBe(0);

    const { report } = await runAgainstFaults([fault], { seed: SEED, runs: RUNS, shrinkBudgetMs: SHRINK_BUDGET_MS });
    expect(report.exitCode, `no failing rule for ${fault}`).toBe(1);
    const sequences = report.rules.flatMap((r) => r.counterexamples).filter((f) => f.sequence);
    expect(sequences.length, 'a counterexample that is a sequence').toBeGreaterThan(0);
    // Shrunk: the three-create prelude plus the few writes and the read that show the bug (a fill counts as one
    // command but sends its 200 creates as steps, so it is counted by command).
    const commands = Math.min(...sequences.map((f) => new Set(f.sequence!.steps.map((s) => s.command.replace(/:.*$/, ''))).size));
    expect(commands).toBeLessThanOrEqual(10);
  });
});

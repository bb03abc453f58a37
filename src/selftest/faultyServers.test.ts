// The harness's self-test: `run` must fail on every deliberately faulty
// variant of the reference server and pass on the correct one. Must-rule
// faults fail a default run; should-rule faults give warnings, and fail
// only under --strict (semantics.md preamble).
import { describe, expect, it } from 'vitest';
import { FAULTS } from '../server/faults/catalogue.ts';
import { FAULT_KINDS } from '../server/faults/types.ts';
import { runAgainstFaults } from './selfTest.ts';

const SEED = 7;
const RUNS = 300;
/** Sequences per run: these faults are single-request ones (sequence faults: sequenceFaults.test.ts). */
const STATEFUL_RUNS = 4;

/** Faults that break only a should rule (semantics.md / contracts/decisions.md strength). */
const SHOULD_FAULTS = new Set([
  'key-too-long-not-checked', 'bearer-case-sensitive', 'malformed-json-wrong-message', 'payload-limit-2mib', 'method-405-returns-404',
  'list-missing-folder-accepted', 'list-negative-limit-accepted', 'vendor-extra-key-accepted',
]);
/** Not a rule of semantics.md: a nicety of the reference server the harness does not assert. */
const NOT_ASSERTED = new Set(['no-www-authenticate']);

describe('self-test: the correct reference server', () => {
  it('passes a default run with no warning, even under --strict', async () => {
    const { report } = await runAgainstFaults([], { seed: SEED, runs: RUNS, strict: true, statefulRuns: STATEFUL_RUNS });
    const bad = report.rules.filter((r) => r.failed + r.warnings > 0).map((r) => `${r.rule}: ${r.counterexamples[0]?.summary}`);
    expect(bad).toEqual([]);
    expect(report.exitCode).toBe(0);
  });
});

describe('self-test: every must-rule fault fails the run (exit 1)', () => {
  const must = Object.keys(FAULTS).filter((f) => FAULTS[f]!.kind !== 'sequence' && !SHOULD_FAULTS.has(f) && !NOT_ASSERTED.has(f));
  it('covers at least 25 faults and every rule kind', () => {
    expect(must.length).toBeGreaterThanOrEqual(25);
    expect(new Set(Object.values(FAULTS).map((f) => f.kind))).toEqual(new Set(FAULT_KINDS));
  });
  it.each(must)('%s', async (fault) => {
    const { report } = await runAgainstFaults([fault], { seed: SEED, runs: RUNS, statefulRuns: STATEFUL_RUNS });
    expect(report.exitCode, `no failing rule for ${fault}`).toBe(1);
  });
});

describe('self-test: should-rule faults warn by default and fail under --strict', () => {
  it.each([...SHOULD_FAULTS])('%s', async (fault) => {
    const lenient = await runAgainstFaults([fault], { seed: SEED, runs: RUNS, statefulRuns: STATEFUL_RUNS });
    expect(lenient.report.exitCode).toBe(0);
    expect(lenient.report.totals.warnings).toBeGreaterThan(0);
    const strict = await runAgainstFaults([fault], { seed: SEED, runs: RUNS, strict: true, statefulRuns: STATEFUL_RUNS });
    expect(strict.report.exitCode).toBe(1);
  });
});

// Runs the conformance suite in-process against a reference server started
// with the given faults or readings: the harness's own self-test, the fault
// matrix (a fault must be caught) and the reading matrix (a reading must pass).
import { runConformance, type RunOutcome } from '../runner/run.ts';
import { startServer } from '../server/startServer.ts';
import { Transport } from '../transport/transport.ts';

export interface SelfTestRun {
  seed: number;
  runs: number;
  strict?: boolean;
  /** Time for shrinking counterexamples (the runner's default when absent). */
  shrinkBudgetMs?: number;
  /** Command sequences of the stateful phase (the runner's default when absent). */
  statefulRuns?: number;
}

/** One run against a fresh reference server with `variant`'s faults and readings. */
export async function runAgainstServer(variant: { faults?: string[]; readings?: string[] }, opts: SelfTestRun): Promise<RunOutcome> {
  const faults = variant.faults ?? [];
  const readings = variant.readings ?? [];
  const server = await startServer({ tokens: ['st-rw'], readOnlyTokens: ['st-ro'], expiredTokens: ['st-old'], faults, readings });
  const transport = new Transport({ baseUrl: server.url, connections: 8, timeoutMs: 5_000 });
  const named = [...faults, ...readings.map((r) => `--reading ${r}`)].join(',');
  try {
    return await runConformance({
      send: (r) => transport.send(r), urlOf: (r) => transport.urlOf(r),
      target: server.url, embedded: true, seed: opts.seed, runs: opts.runs, strict: opts.strict ?? false, concurrency: 8,
      ...(opts.shrinkBudgetMs !== undefined && { shrinkBudgetMs: opts.shrinkBudgetMs }),
      ...(opts.statefulRuns !== undefined && { statefulRuns: opts.statefulRuns }),
      token: 'st-rw', readOnlyToken: 'st-ro', expiredToken: 'st-old', command: `self-test ${named}`, version: 'self-test',
    });
  } finally {
    await transport.close();
    await server.close();
  }
}

export function runAgainstFaults(faults: string[], opts: SelfTestRun): Promise<RunOutcome> {
  return runAgainstServer({ faults }, opts);
}

export function runAgainstReadings(readings: string[], opts: SelfTestRun): Promise<RunOutcome> {
  return runAgainstServer({ readings }, opts);
}

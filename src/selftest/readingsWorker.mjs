// A worker thread of the reading self-test (readings.test.ts): runs one
// conformance run at a time against a reference server started with the
// readings it is sent, and answers a summary of the report. JavaScript so it
// can register tsx's loader before it imports the TypeScript modules; the
// test runs two of these to use both cores of a small machine.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { runAgainstReadings } = await import('./selfTest.ts');

parentPort?.on('message', async (job) => {
  try {
    const { report } = await runAgainstReadings(job.readings, { seed: job.seed, runs: job.runs, strict: job.strict, shrinkBudgetMs: job.shrinkBudgetMs, statefulRuns: job.statefulRuns });
    parentPort?.postMessage({
      id: job.id,
      summary: {
        exitCode: report.exitCode,
        totals: report.totals,
        cases: Object.fromEntries(report.rules.map((r) => [r.rule, r.cases])),
        bad: report.rules
          .filter((r) => r.failed + r.warnings > 0)
          .map((r) => `${r.rule} (${r.strength}, ${r.failed} failed, ${r.warnings} warnings): ${r.counterexamples[0]?.summary ?? ''}`),
      },
    });
  } catch (e) {
    parentPort?.postMessage({ id: job.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
parentPort?.postMessage({ ready: true });

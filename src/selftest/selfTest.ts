// Runs the conformance suite in-process against a reference server started
// with the given faults: the harness's own self-test and the fault matrix.
import { runConformance, type RunOutcome } from '../runner/run.ts';
import { startServer } from '../server/startServer.ts';
import { Transport } from '../transport/transport.ts';

export async function runAgainstFaults(faults: string[], opts: { seed: number; runs: number; strict?: boolean }): Promise<RunOutcome> {
  const server = await startServer({ tokens: ['st-rw'], readOnlyTokens: ['st-ro'], expiredTokens: ['st-old'], faults });
  const transport = new Transport({ baseUrl: server.url, connections: 8, timeoutMs: 5_000 });
  try {
    return await runConformance({
      send: (r) => transport.send(r), urlOf: (r) => transport.urlOf(r),
      target: server.url, embedded: true, seed: opts.seed, runs: opts.runs, strict: opts.strict ?? false, concurrency: 8,
      token: 'st-rw', readOnlyToken: 'st-ro', expiredToken: 'st-old', command: `self-test ${faults.join(',')}`, version: 'self-test',
    });
  } finally {
    await transport.close();
    await server.close();
  }
}

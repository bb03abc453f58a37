// `npm run bench`: speed as ratios against baselines measured in the same
// process tree, never as timed tests (README "Standards").
//   1. checked cases/s of a default run vs autocannon's requests/s on the
//      same server with the run's own request mix (same requests, no checks);
//   2. the reference server vs a bare node:http JSON echo, same valid POST.
// Servers run in child processes (one core each side); the harness and
// autocannon run here, one after the other.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import fc from 'fast-check';
import { boundaryCases, randomCase } from '../generate/index.ts';
import { startEmbeddedServer, type EmbeddedServer } from '../cli/embeddedServer.ts';
import { runConformance } from '../runner/run.ts';
import { Transport } from '../transport/transport.ts';
import type { ApiRequest } from '../spec/types.ts';

process.env['PACT_DO_NOT_TRACK'] = 'true';
const TOKENS = ['--token', 'bench-rw', '--read-only-token', 'bench-ro', '--expired-token', 'bench-old'];
const ctx = { token: 'bench-rw', readOnlyToken: 'bench-ro', expiredToken: 'bench-old', namePrefix: 'mfa-conf-bench-' };
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 5);

type AcRequest = { method: string; path: string; headers: Record<string, string>; body?: string };

async function cannon(url: string, requests: AcRequest[], seconds: number): Promise<number> {
  const base = new URL(url);
  const result = await autocannon({
    url: base.origin, connections: 10, duration: seconds,
    requests: requests.map((r) => ({ ...r, method: r.method as never, path: base.pathname + r.path })),
  });
  return result.requests.average;
}

async function harness(server: EmbeddedServer, seed: number): Promise<{ cases: number; seconds: number }> {
  const transport = new Transport({ baseUrl: server.url, connections: 16 });
  try {
    const { report } = await runConformance({
      send: (r) => transport.send(r), urlOf: (r) => transport.urlOf(r), target: server.url, embedded: true,
      seed, runs: 2000, strict: false, concurrency: 16, token: ctx.token, readOnlyToken: ctx.readOnlyToken, expiredToken: ctx.expiredToken,
      command: 'bench', version: 'bench',
    });
    if (report.exitCode !== 0) throw new Error('bench: the reference server failed its own run');
    return { cases: report.totals.cases, seconds: report.durationMs / 1000 };
  } finally {
    await transport.close();
  }
}

async function echoServer(): Promise<EmbeddedServer> {
  const file = fileURLToPath(new URL('./echoServer.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', file], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve) => child.stdout!.on('data', (d: Buffer) => { const m = /listening (\S+)/.exec(d.toString()); if (m) resolve(m[1]!); }));
  return { url, close: async () => { child.kill('SIGTERM'); } };
}

const line = (label: string, value: string): void => { process.stdout.write(`${label.padEnd(58)} ${value}\n`); };

async function main(): Promise<void> {
  const server = await startEmbeddedServer(TOKENS);
  try {
    // The run's own request mix: boundary cases (less the two 1 MiB bodies) and the random cases of seed 1.
    const mix: AcRequest[] = [...boundaryCases(ctx).map((c) => c.request), ...fc.sample(randomCase(ctx), { seed: 1, numRuns: 2000 }).map((c) => c.request)]
      .filter((r): r is ApiRequest & { body?: string } => typeof r.body !== 'object' && (r.body?.length ?? 0) < 65_536)
      .map((r) => ({ method: r.method, path: r.path, headers: r.headers, ...(r.body !== undefined && { body: r.body }) }));
    process.stdout.write(`bench: ${mix.length} requests in the mix, ${SECONDS} s per autocannon measurement, 10 connections\n`);
    await cannon(server.url, mix, 2); // warm the server's JIT
    const cold = await harness(server, 101); // first run in this process: JIT warm-up of the harness
    const ac = await cannon(server.url, mix, SECONDS);
    const warm = await harness(server, 102);
    line('autocannon, run mix, reference server (req/s)', ac.toFixed(0));
    line('harness default run, first in process (checked cases/s)', `${(cold.cases / cold.seconds).toFixed(0)}  (${cold.cases} cases in ${cold.seconds.toFixed(2)} s)`);
    line('harness default run, warm (checked cases/s)', `${(warm.cases / warm.seconds).toFixed(0)}  (${warm.cases} cases in ${warm.seconds.toFixed(2)} s)`);
    line('ratio harness/autocannon (first run)', (cold.cases / cold.seconds / ac).toFixed(2));
    line('ratio harness/autocannon (warm)', (warm.cases / warm.seconds / ac).toFixed(2));

    const valid: AcRequest = { method: 'POST', path: '/mfa-servers', headers: { authorization: 'Bearer bench-rw', 'content-type': 'application/json' }, body: JSON.stringify({ name: 'bench', mfa_cert_profile: 'c', folder: 'bench', mfa_vendor_type: { duo_security_v2: { duo_timeout: 30 } } }) };
    const refRate = await cannon(server.url, [valid], SECONDS);
    const echo = await echoServer();
    try {
      await cannon(echo.url, [valid], 1);
      const echoRate = await cannon(echo.url, [valid], SECONDS);
      line('reference server, one valid POST (409 after the first) (req/s)', refRate.toFixed(0));
      line('bare node:http JSON echo, same POST (req/s)', echoRate.toFixed(0));
      line('ratio reference server/echo', (refRate / echoRate).toFixed(2));
    } finally {
      await echo.close();
    }
  } finally {
    await server.close();
  }
}

await main();

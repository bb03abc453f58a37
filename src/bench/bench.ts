// `npm run bench`: speed as ratios against baselines measured in the same
// process tree, never as timed tests (README "Speed").
//
// 1. Harness vs autocannon, like for like: the requests of a default run
//    (its boundary and random cases for one seed) are sent by autocannon,
//    each exactly once, over 16 connections, and a default run with the
//    same seed checks the same cases. Each side gets a fresh reference
//    server, warmed the same way (two harness runs of other seeds); the
//    sides take turns run by run.
//    The harness side is runConformance as `run` calls it, less the Pact
//    contract check (a fixed ~1.4 s after the cases, ARCHITECTURE.md "Speed
//    and Pact") and the clean-up (an embedded server is thrown away).
// 2. The reference server vs a bare node:http JSON echo on one valid POST,
//    the same request over the same 10 connections to both: the two take
//    turns (SERVER_TRIALS pairs, the first side alternating), median ratio.
// Servers run in child processes (their own core); the harness and
// autocannon run here, taking turns. Median of seven trials.
// BENCH_ONLY=harness or BENCH_ONLY=server runs one part alone.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import fc from 'fast-check';
import { boundaryCases, randomCase } from '../generate/index.ts';
import { startEmbeddedServer, type EmbeddedServer } from '../cli/embeddedServer.ts';
import { runConformance } from '../runner/run.ts';
import { Transport } from '../transport/transport.ts';

process.env['PACT_DO_NOT_TRACK'] = 'true';
const TOKENS = ['--token', 'bench-rw', '--read-only-token', 'bench-ro', '--expired-token', 'bench-old'];
const CONNECTIONS = 16;
const RUNS = 2000;
const TRIALS = Number(process.env['BENCH_TRIALS'] ?? 7);

type AcRequest = { method: string; path: string; headers: Record<string, string>; body?: string | Buffer };

/**
 * autocannon: `requests` sent once each, in order, over `CONNECTIONS`
 * connections: one request template whose setupRequest hands every
 * connection the next request of the shared list (autocannon would otherwise
 * replay the whole list on every connection). Returns req/s.
 */
async function cannonOnce(url: string, requests: AcRequest[]): Promise<number> {
  const base = new URL(url);
  let next = 0;
  let done = 0;
  let last = 0;
  const template = {
    method: 'GET' as const, path: base.pathname,
    setupRequest: (req: Record<string, unknown>) => {
      const r = requests[next++ % requests.length]!;
      return { ...req, method: r.method, path: base.pathname + r.path, headers: r.headers, body: r.body };
    },
    // autocannon ends on its 1 s sampling tick; the time of the last answer is the honest end.
    onResponse: () => { done++; last = performance.now(); },
  };
  const started = performance.now();
  await autocannon({ url: base.origin, connections: CONNECTIONS, amount: requests.length, requests: [template as never] });
  if (done !== requests.length) throw new Error(`bench: autocannon got ${done} answers to ${requests.length} requests`);
  return done / ((last - started) / 1000);
}

/** autocannon for a duration on a fixed list (every connection replays it); returns req/s. */
async function cannonFor(url: string, requests: AcRequest[], seconds: number): Promise<number> {
  const base = new URL(url);
  const r = await autocannon({ url: base.origin, connections: 10, duration: seconds, requests: requests.map((x) => ({ ...x, method: x.method as never, path: base.pathname + x.path })) });
  return r.requests.average;
}

/** The requests of a default run for `seed`, all of them: the 1 MiB bodies and the non-UTF-8 byte bodies too (as Buffers). */
function runRequests(seed: number): AcRequest[] {
  const ctx = { token: 'bench-rw', readOnlyToken: 'bench-ro', expiredToken: 'bench-old', namePrefix: `mfa-conf-${seed}-` };
  const cases = [...boundaryCases(ctx), ...fc.sample(randomCase(ctx), { seed, numRuns: RUNS })];
  const out: AcRequest[] = [];
  for (const c of cases) {
    for (const e of c.needs && typeof c.needs === 'object' ? c.needs.existing : []) {
      out.push({ method: 'POST', path: '/mfa-servers', headers: { authorization: 'Bearer bench-rw', 'content-type': 'application/json' }, body: JSON.stringify(e) });
    }
    const r = c.request;
    out.push({ method: r.method, path: r.path, headers: r.headers, ...(r.body !== undefined && { body: typeof r.body === 'string' ? r.body : Buffer.from(r.body) }) });
  }
  return out;
}

async function harness(url: string, seed: number): Promise<{ cases: number; seconds: number }> {
  const transport = new Transport({ baseUrl: url, connections: CONNECTIONS });
  try {
    const { report } = await runConformance({
      send: (r) => transport.send(r), urlOf: (r) => transport.urlOf(r), target: url, embedded: true,
      seed, runs: RUNS, strict: false, concurrency: CONNECTIONS, token: 'bench-rw', readOnlyToken: 'bench-ro', expiredToken: 'bench-old',
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

/** A fresh reference server, warmed by two harness runs of other seeds (JIT of both sides). */
async function freshServer(): Promise<EmbeddedServer> {
  const server = await startEmbeddedServer(TOKENS);
  await harness(server.url, 998);
  await harness(server.url, 999);
  return server;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const line = (label: string, value: string): void => { process.stdout.write(`${label.padEnd(62)} ${value}\n`); };

/** Default runs per trial: one run is ~1 s here, too short for a steady figure on its own. */
const RUNS_PER_TRIAL = Number(process.env['BENCH_RUNS_PER_TRIAL'] ?? 3);

/** Harness vs autocannon (part 1). */
async function harnessPart(): Promise<void> {
  const ratios: number[] = [];
  const acRates: number[] = [];
  const harnessRates: number[] = [];
  // autocannon's own code warmed too before the first trial (each trial's
  // servers warm the harness's): two runs' requests against a throwaway server.
  const warm = await freshServer();
  try {
    for (const seed of [996, 997]) await cannonOnce(warm.url, runRequests(seed));
  } finally {
    await warm.close();
  }
  for (let t = 0; t < TRIALS; t++) {
    const seeds = Array.from({ length: RUNS_PER_TRIAL }, (_, i) => 1000 + t * RUNS_PER_TRIAL + i);
    const requests = seeds.map(runRequests);
    const sent = requests.reduce((n, r) => n + r.length, 0);
    // One fresh, equally warmed server per side; the two sides take turns
    // run by run (this VM's speed drifts by tens of percent within seconds,
    // so measuring one side after the other paired unlike conditions).
    const acServer = await freshServer();
    const hServer = await freshServer();
    let acSeconds = 0;
    let cases = 0;
    let seconds = 0;
    try {
      for (const [i, seed] of seeds.entries()) {
        const cannon = async (): Promise<void> => { acSeconds += requests[i]!.length / (await cannonOnce(acServer.url, requests[i]!)); };
        const check = async (): Promise<void> => { const x = await harness(hServer.url, seed); cases += x.cases; seconds += x.seconds; };
        if (i % 2 === 0) { await cannon(); await check(); } else { await check(); await cannon(); }
      }
    } finally {
      await acServer.close();
      await hServer.close();
    }
    acRates.push(sent / acSeconds);
    harnessRates.push(cases / seconds);
    ratios.push(harnessRates.at(-1)! / acRates.at(-1)!);
    process.stdout.write(`trial ${t + 1}: autocannon ${acRates.at(-1)!.toFixed(0)} req/s (${sent} requests); harness ${harnessRates.at(-1)!.toFixed(0)} checked cases/s (${cases} cases in ${seconds.toFixed(2)} s); ratio ${ratios.at(-1)!.toFixed(2)}\n`);
  }
  line(`autocannon, ${RUNS_PER_TRIAL} default runs' requests once each (req/s, median)`, median(acRates).toFixed(0));
  line(`harness, ${RUNS_PER_TRIAL} default runs, same seeds (checked cases/s, median)`, median(harnessRates).toFixed(0));
  line('ratio harness/autocannon (median of paired trials)', median(ratios).toFixed(2));
}

/** Pairs of reference-server and echo measurements (part 2); one pair was too few to read through this VM's drift. */
const SERVER_TRIALS = Number(process.env['BENCH_SERVER_TRIALS'] ?? 5);
const SERVER_SECONDS = 3;

/** The reference server vs the echo (part 2). */
async function serverPart(): Promise<void> {
  const valid: AcRequest = { method: 'POST', path: '/mfa-servers', headers: { authorization: 'Bearer bench-rw', 'content-type': 'application/json' }, body: JSON.stringify({ name: 'bench', mfa_cert_profile: 'c', folder: 'bench', mfa_vendor_type: { duo_security_v2: { duo_timeout: 30 } } }) };
  const ref = await startEmbeddedServer(TOKENS);
  const echo = await echoServer();
  try {
    await cannonFor(ref.url, [valid], 1);
    await cannonFor(echo.url, [valid], 1);
    const refRates: number[] = [];
    const echoRates: number[] = [];
    const pairRatios: number[] = [];
    for (let t = 0; t < SERVER_TRIALS; t++) {
      // Turns alternate which side goes first, so that a drift falls on both.
      const first = t % 2 === 0 ? ref : echo;
      const a = await cannonFor(first.url, [valid], SERVER_SECONDS);
      const b = await cannonFor((first === ref ? echo : ref).url, [valid], SERVER_SECONDS);
      const [r, e] = first === ref ? [a, b] : [b, a];
      refRates.push(r);
      echoRates.push(e);
      pairRatios.push(r / e);
      process.stdout.write(`server trial ${t + 1}: reference ${r.toFixed(0)} req/s, echo ${e.toFixed(0)} req/s, ratio ${(r / e).toFixed(2)}\n`);
    }
    line('reference server, one valid POST, 409 after the first (req/s, median)', median(refRates).toFixed(0));
    line('bare node:http JSON echo, same POST (req/s, median)', median(echoRates).toFixed(0));
    line('ratio reference server/echo (median of paired trials)', median(pairRatios).toFixed(2));
  } finally {
    await echo.close();
    await ref.close();
  }
}

async function main(): Promise<void> {
  const only = process.env['BENCH_ONLY'];
  if (only !== undefined && only !== 'harness' && only !== 'server') throw new Error(`BENCH_ONLY must be harness or server, got ${only}`);
  if (only !== 'server') await harnessPart();
  if (only !== 'harness') await serverPart();
}

await main();

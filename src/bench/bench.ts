// `npm run bench`: speed as ratios against baselines measured in the same
// process tree, never as timed tests (README "Speed").
//
// 1. Harness vs autocannon, like for like, with the harness's transport
//    alone between them (what HTTP costs, apart from checking): the
//    requests of a default run for one seed (its boundary cases, its random
//    cases drawn chunk by chunk as runConformance draws them, the objects
//    those make first, and the lifecycle steps) are sent by autocannon and
//    by the transport, each exactly once, over 16 connections, and a default
//    run with the same seed checks the same requests. Each side gets a
//    fresh reference server, warmed the same way (two harness runs of other
//    seeds); the sides take turns run by run, their order rotating.
//    The harness side is runConformance as `run` calls it, less the stateful
//    phase (sequences of dependent requests, one at a time each: autocannon
//    has no way to send those, and the phase's ~2,000 requests made the
//    harness side of one run twice as long), the Pact contract check (a
//    fixed ~1.4 s after the cases, ARCHITECTURE.md "Speed and Pact") and the
//    clean-up (an embedded server is thrown away). What autocannon and the
//    transport alone cannot know is the ids: a request to an object made
//    first names an id that names nothing (404), where the harness names the
//    object (a 200 or 400).
// 2. The reference server vs a bare node:http JSON echo on one valid POST,
//    the same request over the same 10 connections to both: the two take
//    turns (SERVER_TRIALS pairs, the first side alternating), median ratio.
// 3. `--soak N [--every K]` instead (issue 13): three default-size runs
//    (their median), then a run of N random cases, each side on its own
//    embedded server, all with --stateful-runs 0 and no contract check:
//    cases/s, this process's CPU per case (the harness's; steadier than cases/s on a shared machine) and
//    RSS (harness and server) every K cases (default 100,000), the ratio of
//    the first figure to the last, and the long run's over the default's.
// Servers run in child processes (their own core); the harness, the
// transport and autocannon run here, taking turns. Median of seven trials.
// BENCH_ONLY=harness or BENCH_ONLY=server runs one part alone.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import autocannon from 'autocannon';
import fc from 'fast-check';
import { boundaryCases, randomCase, resolveRequest } from '../generate/index.ts';
import { startEmbeddedServer, type EmbeddedServer } from '../cli/embeddedServer.ts';
import { runScenario, scenarios } from '../runner/lifecycle.ts';
import { chunkSeed, RANDOM_CHUNK, runConformance } from '../runner/run.ts';
import type { ApiRequest } from '../spec/types.ts';
import { Transport } from '../transport/transport.ts';

process.env['PACT_DO_NOT_TRACK'] = 'true';
// As src/cli/bin.mjs sets it for `run` (its comment says why): the harness here is measured as run runs it.
setFlagsFromString('--heap-growing-percent=100');
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

/**
 * The harness's own transport alone (undici, as `run` sends): `requests`
 * sent once each, in order, `CONNECTIONS` at a time, nothing predicted or
 * checked. Between autocannon and the harness: what the HTTP client costs,
 * apart from what generating, predicting and checking a case costs.
 */
async function transportOnce(url: string, requests: AcRequest[]): Promise<number> {
  const transport = new Transport({ baseUrl: url, connections: CONNECTIONS });
  let next = 0;
  let done = 0;
  const started = performance.now();
  try {
    await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
      while (next < requests.length) {
        const r = requests[next++]!;
        const ex = await transport.send({ method: r.method, path: r.path, headers: r.headers, ...(r.body !== undefined && { body: typeof r.body === 'string' ? r.body : new Uint8Array(r.body) }) });
        // Every exchange counts, a refused one too: the run's deliberate length mismatches end in undici's own refusal, in the harness as here.
        if (ex.response || ex.transportError) done++;
      }
    }));
  } finally {
    await transport.close();
  }
  if (done !== requests.length) throw new Error(`bench: the transport got ${done} answers to ${requests.length} requests`);
  return done / ((performance.now() - started) / 1000);
}

const acRequest = (r: ApiRequest): AcRequest => ({ method: r.method, path: r.path, headers: r.headers, ...(r.body !== undefined && { body: typeof r.body === 'string' ? r.body : Buffer.from(r.body) }) });

/**
 * The requests of a default run for `seed` (less the stateful phase), all of
 * them: the 1 MiB bodies and the non-UTF-8 byte bodies too (as Buffers).
 * The random cases are drawn as runConformance draws them (chunk k from
 * chunkSeed(seed, k)); the lifecycle steps are the scenarios' own, with the
 * ids a failed create leaves them (lifecycle.ts idOf).
 */
async function runRequests(seed: number): Promise<AcRequest[]> {
  const ctx = { token: 'bench-rw', readOnlyToken: 'bench-ro', expiredToken: 'bench-old', namePrefix: `mfa-conf-${seed}-` };
  const arbitrary = randomCase(ctx);
  const cases = boundaryCases(ctx);
  for (let k = 0; k * RANDOM_CHUNK < RUNS; k++) cases.push(...fc.sample(arbitrary, { seed: chunkSeed(seed, k), numRuns: Math.min(RANDOM_CHUNK, RUNS - k * RANDOM_CHUNK) }));
  const out: AcRequest[] = [];
  for (const c of cases) {
    for (const e of c.needs && typeof c.needs === 'object' ? c.needs.existing : []) {
      out.push({ method: 'POST', path: '/mfa-servers', headers: { authorization: 'Bearer bench-rw', 'content-type': 'application/json' }, body: JSON.stringify(e) });
    }
    out.push(acRequest(resolveRequest(c, [])));
  }
  for (const s of scenarios(ctx.namePrefix)) {
    await runScenario(s, ctx.namePrefix, { authorization: 'Bearer bench-rw' }, async (req) => { out.push(acRequest(req)); return { request: req, ms: 0 }; });
  }
  return out;
}

/** A default run as the bench measures it (no stateful phase, no contract check, no clean-up): cases checked, seconds, requests sent. */
async function harness(url: string, seed: number, runs = RUNS, onProgress?: (done: number) => void): Promise<{ cases: number; seconds: number; sent: number; done: number }> {
  const transport = new Transport({ baseUrl: url, connections: CONNECTIONS });
  let sent = 0;
  let done = 0;
  try {
    const { report } = await runConformance({
      send: (r) => { sent++; return transport.send(r); }, urlOf: (r) => transport.urlOf(r), target: url, embedded: true,
      seed, runs, statefulRuns: 0, strict: false, concurrency: CONNECTIONS, token: 'bench-rw', readOnlyToken: 'bench-ro', expiredToken: 'bench-old',
      command: 'bench', version: 'bench',
      onProgress: (d) => { done = d; onProgress?.(d); },
    });
    if (report.exitCode !== 0) throw new Error(`bench: the reference server failed its own run (${report.rules.filter((r) => r.failed > 0).map((r) => r.rule).join(', ')})`);
    return { cases: report.totals.cases, seconds: report.durationMs / 1000, sent, done };
  } finally {
    await transport.close();
  }
}

async function echoServer(): Promise<EmbeddedServer> {
  const file = fileURLToPath(new URL('./echoServer.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', file], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
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

interface Meter { own: number; server: number | undefined; requests: number }
const newMeter = (): Meter => ({ own: 0, server: 0, requests: 0 });

/** `work`, its CPU (this process's and `server`'s) and its requests added to `m`. */
async function metered<T>(m: Meter, server: EmbeddedServer, requests: number, work: () => Promise<T>): Promise<T> {
  const own = process.cpuUsage();
  const before = cpuOfPid(server.pid);
  const out = await work();
  const after = cpuOfPid(server.pid);
  m.own += cpuMicros(process.cpuUsage(own));
  m.server = before === undefined || after === undefined || m.server === undefined ? undefined : m.server + after - before;
  m.requests += requests;
  return out;
}

/** Harness vs autocannon (part 1), with the transport alone between them. */
async function harnessPart(): Promise<void> {
  const ratios: number[] = [];
  const transportRatios: number[] = [];
  const acRates: number[] = [];
  const transportRates: number[] = [];
  const harnessRates: number[] = [];
  // autocannon's own code and the bare transport warmed too before the first
  // trial (each trial's servers warm the harness's): two runs' requests each
  // against a throwaway server.
  const warm = await freshServer();
  try {
    for (const seed of [996, 997]) { const r = await runRequests(seed); await cannonOnce(warm.url, r); await transportOnce(warm.url, r); }
  } finally {
    await warm.close();
  }
  // CPU a request of each side, this process's (autocannon's, the
  // transport's, the harness's own work) and its server's: on a machine of
  // few cores, where the two share them, what bounds the ratio.
  const cpu = { autocannon: newMeter(), transport: newMeter(), harness: newMeter() };
  for (let t = 0; t < TRIALS; t++) {
    const seeds = Array.from({ length: RUNS_PER_TRIAL }, (_, i) => 1000 + t * RUNS_PER_TRIAL + i);
    const requests = await Promise.all(seeds.map(runRequests));
    const sent = requests.reduce((n, r) => n + r.length, 0);
    // One fresh, equally warmed server per side; the sides take turns run by
    // run, the order rotating (this VM's speed drifts by tens of percent
    // within seconds, so measuring one side after the other paired unlike
    // conditions).
    const acServer = await freshServer();
    const tServer = await freshServer();
    const hServer = await freshServer();
    let acSeconds = 0;
    let tSeconds = 0;
    let cases = 0;
    let seconds = 0;
    let harnessSent = 0;
    try {
      for (const [i, seed] of seeds.entries()) {
        const sides = [
          async (): Promise<void> => { acSeconds += requests[i]!.length / (await metered(cpu.autocannon, acServer, requests[i]!.length, () => cannonOnce(acServer.url, requests[i]!))); },
          async (): Promise<void> => { tSeconds += requests[i]!.length / (await metered(cpu.transport, tServer, requests[i]!.length, () => transportOnce(tServer.url, requests[i]!))); },
          async (): Promise<void> => { const x = await metered(cpu.harness, hServer, requests[i]!.length, () => harness(hServer.url, seed)); cases += x.cases; seconds += x.seconds; harnessSent += x.sent; },
        ];
        for (let k = 0; k < sides.length; k++) await sides[(i + t + k) % sides.length]!();
      }
    } finally {
      await acServer.close();
      await tServer.close();
      await hServer.close();
    }
    acRates.push(sent / acSeconds);
    transportRates.push(sent / tSeconds);
    harnessRates.push(cases / seconds);
    ratios.push(harnessRates.at(-1)! / acRates.at(-1)!);
    transportRatios.push(transportRates.at(-1)! / acRates.at(-1)!);
    process.stdout.write(`trial ${t + 1}: autocannon ${acRates.at(-1)!.toFixed(0)} req/s (${sent} requests); transport alone ${transportRates.at(-1)!.toFixed(0)} req/s; harness ${harnessRates.at(-1)!.toFixed(0)} checked cases/s (${cases} cases, ${harnessSent} requests, in ${seconds.toFixed(2)} s); ratio ${ratios.at(-1)!.toFixed(2)}\n`);
  }
  line(`autocannon, ${RUNS_PER_TRIAL} default runs' requests once each (req/s, median)`, median(acRates).toFixed(0));
  line('transport alone (undici, as run sends), same requests (req/s, median)', median(transportRates).toFixed(0));
  line(`harness, ${RUNS_PER_TRIAL} default runs, same seeds (checked cases/s, median)`, median(harnessRates).toFixed(0));
  for (const [side, m] of Object.entries(cpu)) line(`CPU a request, ${side}: this process / its server (µs)`, `${(m.own / m.requests).toFixed(0)} / ${m.server === undefined ? '-' : (m.server / m.requests).toFixed(0)}`);
  line('cores this machine offers (os.availableParallelism)', String(availableParallelism()));
  line('ratio transport alone/autocannon (median of paired trials)', median(transportRatios).toFixed(2));
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

/** Resident set size of a process, MiB, from /proc (Linux); undefined where it cannot be read. */
function rssOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}
/** CPU a process has used, µs (user + system, all its threads), from /proc (Linux: USER_HZ is 100); undefined where it cannot be read. */
function cpuOfPid(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    // The fields after the command name (which may hold spaces) start at state, field 3: utime is 14, stime 15.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * 10_000;
  } catch {
    return undefined;
  }
}
const mib = (x: number | undefined): string => (x === undefined ? '-' : x.toFixed(0));
const cpuMicros = (u: NodeJS.CpuUsage): number => u.user + u.system;

/**
 * The soak (part 3): three default-size runs and a run of `n` random cases,
 * each on a fresh server after two warm-up runs of other seeds; a row every
 * `every` cases of the long one.
 */
async function soakPart(n: number, every: number, seed: number): Promise<void> {
  // Two warm-up runs of other seeds on each server, as part 1 warms: with
  // one, the default-size run still paid for JIT that the long run spreads
  // over its million cases, which flattered the long run's ratio (1.48).
  const fresh = async (): Promise<EmbeddedServer> => {
    const server = await startEmbeddedServer(TOKENS);
    await harness(server.url, seed + 1);
    await harness(server.url, seed + 2);
    return server;
  };
  // Three default-size runs (this seed and two others, one server), their
  // median: one such run lasts about a second, and this VM's speed drifts by
  // tens of percent within seconds (one run read 4,004 cases/s, the long
  // run's rows 3,000-3,700).
  let server = await fresh();
  const bases: Array<{ rate: number; cpu: number; done: number; seconds: number }> = [];
  try {
    for (const s of [seed, seed + 3, seed + 4]) {
      const cpu0 = process.cpuUsage();
      const b = await harness(server.url, s);
      bases.push({ rate: b.done / b.seconds, cpu: cpuMicros(process.cpuUsage(cpu0)) / b.done, done: b.done, seconds: b.seconds });
      process.stdout.write(`default-size run, seed ${s} (--runs ${RUNS} --stateful-runs 0): ${b.done} cases in ${b.seconds.toFixed(1)} s, ${bases.at(-1)!.rate.toFixed(0)} cases/s, ${bases.at(-1)!.cpu.toFixed(0)} µs of this process's CPU a case\n`);
    }
  } finally {
    await server.close();
  }
  const baseRate = median(bases.map((b) => b.rate));
  const baseCpu = median(bases.map((b) => b.cpu));
  line('default-size runs, median (cases/s; CPU a case, µs)', `${baseRate.toFixed(0)}; ${baseCpu.toFixed(0)}`);
  server = await fresh();
  const rows: Array<{ cases: number; rate: number; cpu: number; rss: number; serverRss: number | undefined }> = [];
  const head = `${'cases'.padStart(10)} ${'cases/s'.padStart(8)} ${'CPU µs/case'.padStart(11)} ${'RSS MiB'.padStart(8)} ${'server MiB'.padStart(10)}`;
  process.stdout.write(`soak: --runs ${n} --stateful-runs 0, seed ${seed}, a row every ${every} cases\n${head}\n`);
  let mark = every;
  let last = { at: performance.now(), done: 0, cpu: process.cpuUsage() };
  let peak = 0;
  let serverPeak: number | undefined;
  const row = (done: number): void => {
    const now = performance.now();
    const cpu = process.cpuUsage();
    const r = { cases: done, rate: (done - last.done) / ((now - last.at) / 1000), cpu: cpuMicros(process.cpuUsage(last.cpu)) / (done - last.done), rss: process.memoryUsage.rss() / 2 ** 20, serverRss: rssOf(server.pid) };
    rows.push(r);
    last = { at: now, done, cpu };
    process.stdout.write(`${String(r.cases).padStart(10)} ${r.rate.toFixed(0).padStart(8)} ${r.cpu.toFixed(0).padStart(11)} ${mib(r.rss).padStart(8)} ${mib(r.serverRss).padStart(10)}\n`);
  };
  let long: Awaited<ReturnType<typeof harness>>;
  let longCpuPerCase = 0;
  try {
    const longCpu = process.cpuUsage();
    last = { at: performance.now(), done: 0, cpu: longCpu };
    long = await harness(server.url, seed, n, (done) => {
      if (done < mark) return;
      mark += every;
      row(done);
      peak = Math.max(peak, rows.at(-1)!.rss);
      const s = rows.at(-1)!.serverRss;
      if (s !== undefined) serverPeak = Math.max(serverPeak ?? 0, s);
    });
    if (rows.length === 0) row(long.done);
    longCpuPerCase = cpuMicros(process.cpuUsage(longCpu)) / long.done;
  } finally {
    await server.close();
  }
  const first = rows[0]!;
  const end = rows.at(-1)!;
  const longRate = long.done / long.seconds;
  line('long run (cases/s over the whole run)', `${longRate.toFixed(0)} (${long.done} cases in ${long.seconds.toFixed(0)} s)`);
  line('ratio long run/default-size run (cases/s)', (longRate / baseRate).toFixed(2));
  line(`ratio default-size/long run (CPU a case: ${baseCpu.toFixed(0)} / ${longCpuPerCase.toFixed(0)} µs)`, (baseCpu / longCpuPerCase).toFixed(2));
  line(`ratio first/last row (cases/s: ${first.rate.toFixed(0)} / ${end.rate.toFixed(0)})`, (first.rate / end.rate).toFixed(2));
  line(`ratio first/last row (CPU a case: ${first.cpu.toFixed(0)} / ${end.cpu.toFixed(0)} µs)`, (first.cpu / end.cpu).toFixed(2));
  line(`ratio first/last row (harness RSS: ${mib(first.rss)} / ${mib(end.rss)} MiB)`, (first.rss / end.rss).toFixed(2));
  if (first.serverRss !== undefined && end.serverRss !== undefined) line(`ratio first/last row (server RSS: ${mib(first.serverRss)} / ${mib(end.serverRss)} MiB)`, (first.serverRss / end.serverRss).toFixed(2));
  line('peak RSS at the rows, harness / server (MiB)', `${mib(peak)} / ${mib(serverPeak)}`);
  line('peak RSS of this process, whole bench (MiB)', mib(process.resourceUsage().maxRSS / 1024));
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { soak: { type: 'string' }, every: { type: 'string' }, seed: { type: 'string' } }, strict: true });
  const count = (flag: string, v: string | undefined, fallback: number): number => {
    if (v === undefined) return fallback;
    if (!/^\d+$/.test(v) || Number(v) < 1) throw new Error(`bench: --${flag} takes a positive whole number, not '${v}'`);
    return Number(v);
  };
  if (values.soak !== undefined) {
    await soakPart(count('soak', values.soak, 0), count('every', values.every, 100_000), count('seed', values.seed, 1));
    return;
  }
  if (values.every !== undefined || values.seed !== undefined) throw new Error('bench: --every and --seed go with --soak N');
  const only = process.env['BENCH_ONLY'];
  if (only !== undefined && only !== 'harness' && only !== 'server') throw new Error(`BENCH_ONLY must be harness or server, got ${only}`);
  if (only !== 'server') await harnessPart();
  if (only !== 'harness') await serverPart();
}

await main();

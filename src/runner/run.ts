// Drives a whole conformance run: boundary cases first (deterministic), then
// random cases from the seed, then the lifecycle scenarios; checks every
// exchange against the oracle; shrinks the first failure of each rule with
// fast-check; deletes what it created. Pure of I/O except through `send`.
//
// Concurrency: cases are sampled with fc.sample (the same stream fc.check
// walks for the same seed), sent through a KeyedScheduler (same container in
// order, others in parallel), and a failing random case i is shrunk by
// fc.check(..., { seed, path: String(i) }), which replays case i and shrinks it.
import fc from 'fast-check';
import { boundaryCases, randomCase, skippedLabels, type GenCase, type GenContext } from '../generate/index.ts';
import type { ApiRequest, Strength } from '../spec/types.ts';
import type { Verdict } from '../checks/index.ts';
import { forTenant, type Tenant } from '../generate/tenant.ts';
import { runScenario, scenarios } from './lifecycle.ts';
import type { Exchange, Finding, RunReport } from './results.ts';
import { containerKeys, KeyedScheduler, objectContainerKeys } from './scheduler.ts';
import { ContractSample } from './contractSample.ts';
import { Session } from './session.ts';
import { RunStopped, Stopper, type StopperOptions } from './stopper.ts';
import { statefulPhase } from './stateful.ts';

/** Sequences of a default run: measured to add under 2 s against the embedded server (README "Speed"). */
export const DEFAULT_STATEFUL_RUNS = 120;

export interface RunOptions {
  send(req: ApiRequest): Promise<Exchange>;
  urlOf(req: ApiRequest): string;
  target: string;
  embedded: boolean;
  /** Time for shrinking counterexamples, all rules together (default 8 s). */
  shrinkBudgetMs?: number;
  /** Delete what the run created (default: unless `embedded`). */
  cleanup?: boolean;
  /** Names the run's objects (`mfa-conf-<runId>-`; letters and digits); default: the seed. */
  runId?: string;
  seed: number;
  runs: number;
  strict: boolean;
  profile?: 'default' | 'openapi';
  concurrency: number;
  token: string;
  readOnlyToken?: string;
  expiredToken?: string;
  command: string;
  version: string;
  /**
   * A tenant's own containers and certificate profile (`run --folder ...`):
   * valid objects are created only there (generate/tenant.ts), and the
   * lifecycles run in them one request at a time per container.
   */
  tenant?: Tenant;
  /** Command sequences of the stateful phase (runner/stateful.ts; DEFAULT_STATEFUL_RUNS; 0: none). */
  statefulRuns?: number;
  /** The replay line of a sequence's file (relative to the reports folder), for its counterexample. */
  sequenceReplay?(file: string): string;
  /** When to stop early (an interrupt, a deadline, a budget, a target that stops answering): runner/stopper.ts. */
  stop?: StopperOptions;
  /**
   * This run is shard `index` (1-based) of `count`: it runs every count-th
   * boundary case, random case, lifecycle and command sequence, so `count`
   * runs of one seed together run exactly the cases of the unsharded run.
   */
  shard?: { index: number; count: number };
  /**
   * A time budget for the random cases instead of a count: they are drawn
   * from the seed's stream (`runs` at most) until it passes, so the same seed
   * gives the same cases up to where a run stopped.
   */
  durationMs?: number;
  /** Called after every case: cases done, cases planned, cases with a failure so far. */
  onProgress?(done: number, total: number, failingCases: number): void;
  /** Every exchange, as it is checked; `key` is its place in the run (session.ts CaseMeta.key). */
  onExchange?(ex: Exchange, verdicts: Verdict[], ruleId: string, shape: Strength, key?: string): void;
  /**
   * A check of the run's responses after the run (the Pact contract check, an
   * edge the core does not import). Its findings count against their rules.
   */
  contractCheck?(exchanges: Exchange[], hooks: ContractHooks): Promise<Finding[]>;
}

export interface ContractHooks {
  ruleFor(ex: Exchange): string | undefined;
  /** The strength of the answer an exchange was held to: a Pact mismatch of a should answer warns, of an open one is not checked. */
  strengthFor(ex: Exchange): Strength;
  replayFor(ex: Exchange): string;
  /** What `--export-pact` needs of an exchange beyond its redacted request. */
  replayFacts?(ex: Exchange): ReturnType<Session['replayFacts']>;
  secrets: string[];
  strict: boolean;
}

export interface RunOutcome {
  report: RunReport;
  findings: Finding[];
  /** Tokens and the secret field values of the findings' exchanges: writers redact them all. */
  secrets: string[];
}

/** Random cases per generation chunk. */
export const RANDOM_CHUNK = 256;
/** Cases admitted at a time, and how many admitted cases may wait for a slot before more are admitted. */
const SLICE = 32;
const AHEAD = 96;

/** A scenario cut short by a stopped run is skipped, not a failure. */
const skipIfStopped = (error: unknown): void => {
  if (!(error instanceof RunStopped)) throw error;
};

/** The seed of random chunk `k` of a run: a fixed function of the run's seed. */
export const chunkSeed = (seed: number, k: number): number => (seed + k * 7919) % 2 ** 31;

export async function runConformance(o: RunOptions): Promise<RunOutcome> {
  const started = Date.now();
  const sample = new ContractSample();
  const stopper = new Stopper(o.stop);
  const session = new Session({
    ...o,
    beforeSend: () => stopper.guard(),
    afterSend: (ex, expected) => stopper.record(ex, expected),
    onExchange: (ex, verdicts, rule, shape, key) => {
      o.onExchange?.(ex, verdicts, rule, shape, key);
      if (o.contractCheck) sample.offer(ex, rule, shape);
    },
  });
  const { ctx, stats } = session;
  // A throwaway target (the embedded server, killed after the run) needs no
  // clean-up; any other target gets every created object deleted.
  const cleanup = o.cleanup ?? !o.embedded;
  // 1. Boundary cases, random cases and the lifecycle.
  const tenant = o.tenant;
  const prep = (c: GenCase): GenCase => (tenant ? forTenant(tenant, c) : c);
  // A shard keeps the cases whose place in the run is its own (index - 1 modulo count).
  const shard = o.shard ?? { index: 1, count: 1 };
  const mine = (i: number): boolean => i % shard.count === shard.index - 1;
  const boundary = boundaryCases(ctx).map((c, i) => [prep(c), i] as const).filter(([, i]) => mine(i));
  const arbitrary = randomCase(ctx);
  const lifecycles = scenarios(ctx.namePrefix, tenant).map((s, i) => [s, i] as const).filter(([, i]) => mine(i));
  const statefulRuns = o.statefulRuns ?? DEFAULT_STATEFUL_RUNS;
  const share = (n: number): number => Math.floor(n / shard.count) + (shard.index - 1 < n % shard.count ? 1 : 0);
  const randomPlanned = share(o.runs);
  const sequencesPlanned = share(statefulRuns);
  const total = boundary.length + randomPlanned + lifecycles.length + sequencesPlanned;
  const randomUntil = o.durationMs !== undefined ? started + o.durationMs : Infinity;
  let randomRun = 0;
  // Under a time budget the random cases planned are those drawn so far.
  const plannedNow = (): number => (o.durationMs !== undefined ? total - randomPlanned + randomRun : total);
  let done = 0;
  const scheduler = new KeyedScheduler(o.concurrency);
  let failingCases = 0;
  const tick = (failedCase: unknown = false): void => {
    done++;
    if (failedCase === true) failingCases++;
    o.onProgress?.(done, plannedNow(), failingCases);
  };
  const anyFailure = (r: { verdicts: Verdict[] }): boolean => r.verdicts.some((v) => v.severity === 'failure');
  // A case is ordered after every earlier case touching a container it or its setup names.
  const keyOf = (c: GenCase): string[] => {
    const keys = containerKeys(c.request);
    if (c.needs && typeof c.needs === 'object') for (const e of c.needs.existing) keys.push(...objectContainerKeys(e));
    return keys;
  };
  // Lifecycle scenarios (latency-bound chains on containers of their own)
  // start first and run beside the cases; boundary cases are scheduled before
  // random ones, and the scheduler keeps that order within a container.
  const headers = { authorization: `Bearer ${o.token}` };
  const lifecycleDone = Promise.all(lifecycles.map(([s, i]) => {
    let failedStep = false;
    let step = 0;
    return runScenario(s, ctx.namePrefix, headers, async (req, m) => {
      const meta = { boundary: false, ...m, key: `l${i}.${step++}` };
      // On a tenant the scenarios share the user's containers with the cases: each step (a GET, PUT or
      // DELETE by id too, which names no container) takes its turn in the scenario's container.
      const r = tenant
        ? await scheduler.schedule([...objectContainerKeys({ [s.container]: s.value }), ...containerKeys(req)], () => session.exec(req, meta))
        : await session.exec(req, meta);
      failedStep ||= anyFailure(r);
      return r.ex;
    }).then(() => tick(failedStep), skipIfStopped);
  }));
  lifecycleDone.catch(() => undefined); // awaited after the cases; handled meanwhile
  // The stateful phase runs beside the cases too: its sequences work in containers of their own.
  const tenantContainers = tenant ? Object.entries(tenant.containers).flatMap(([k, vs]) => (vs ?? []).map((v) => [k, v] as const)) : [];
  const statefulDone = statefulRuns <= 0 ? Promise.resolve(undefined) : statefulPhase(session, {
    runs: statefulRuns, seed: o.seed, ...(tenant && { tenantContainers }), shard,
    replayLine: o.sequenceReplay ?? ((file) => `npx mfa-conformance replay reports/${file}`),
    stopped: () => stopper.stopped, onSequence: (failedSequence) => tick(failedSequence),
  });
  statefulDone.catch(() => undefined);
  // Admitted cases are counted, not kept: an array of 3,000 case promises
  // held every case (request, body, verdicts) until the end of the run, so
  // each scavenge promoted them and the old generation had to mark them.
  let outstanding = 0;
  let admitting = true;
  let failed: { error: unknown } | undefined;
  let wake: (() => void) | undefined;
  let drained: (() => void) | undefined;
  const allSettled = new Promise<void>((resolve) => { drained = resolve; });
  const settled = (): void => {
    outstanding--;
    if (wake && outstanding < AHEAD) { const w = wake; wake = undefined; w(); }
    if (!admitting && outstanding === 0) drained!();
  };
  const admit = async (): Promise<void> => {
    if (outstanding >= AHEAD) await new Promise<void>((resolve) => { wake = resolve; });
  };
  // Cases are admitted a slice at a time, and only while fewer than AHEAD
  // admitted cases wait for a slot: scheduling the 845 boundary cases and
  // generating the 2,000 random ones up front held the event loop for its
  // first ~150 ms in ~10 ms blocks, so the target got one batch of requests
  // per block and the harness idled for a quarter of the run.
  const failedWith = (error: unknown): void => {
    if (!(error instanceof RunStopped)) failed ??= { error };
    settled();
  };
  const completed = (failedCase: unknown): void => {
    try { tick(failedCase); } catch (error) { failed ??= { error }; }
    settled();
  };
  const enqueue = (c: GenCase, task: () => Promise<unknown>): void => {
    outstanding++;
    scheduler.schedule(keyOf(c), task).then(completed, failedWith);
  };
  for (let i = 0; i < boundary.length && !stopper.stopped; i += SLICE) {
    await admit();
    for (const [c, j] of boundary.slice(i, i + SLICE)) enqueue(c, async () => anyFailure(await session.runCase(c, true, `b${j}`)));
  }
  // Random cases come in chunks, each drawn from its own seed derived from the
  // run's; (chunk seed, index) is fast-check's own replay pair. fc.sample with
  // `path: start` yields exactly cases start.. of a chunk's stream, so a chunk
  // is drawn a slice at a time with the same cases as drawn whole.
  const firstFailure = new Map<string, { seed: number; index: number; order: number }>();
  const inTime = (): boolean => Date.now() < randomUntil;
  for (let k = 0; k * RANDOM_CHUNK < o.runs && !stopper.stopped && inTime(); k++) {
    const seed = chunkSeed(o.seed, k);
    const size = Math.min(RANDOM_CHUNK, o.runs - k * RANDOM_CHUNK);
    for (let start = 0; start < size && !stopper.stopped && inTime(); start += SLICE) {
      await admit();
      const cases = fc.sample(arbitrary, { seed, path: String(start), numRuns: Math.min(SLICE, size - start) });
      cases.forEach((raw, j) => {
        const index = start + j;
        const order = k * RANDOM_CHUNK + index;
        if (!mine(order)) return;
        randomRun++;
        const c = prep(raw);
        enqueue(c, async () => {
          const { verdicts } = await session.runCase(c, true, `r${order}`);
          // A transport failure (a reset, a timeout, a body over the cap) is the target's, not the case's: nothing to shrink.
          const bad = verdicts.some((v) => v.check === 'transport') ? undefined : verdicts.find((v) => v.severity === 'failure');
          if (bad && order < (firstFailure.get(bad.rule)?.order ?? Infinity)) firstFailure.set(bad.rule, { seed, index, order });
          return verdicts.some((v) => v.severity === 'failure');
        });
      });
    }
  }
  admitting = false;
  if (outstanding > 0) await allSettled;
  await lifecycleDone;
  const stateful = await statefulDone;
  if (failed) throw failed.error;
  // Shortest first in the list; a shrunk counterexample is put in front, so the shortest goes in last.
  for (const f of [...(stateful?.counterexamples ?? [])].reverse()) {
    stats.addCounterexample(f.rule, f, true);
    session.findings.push(f);
  }

  // 2. Shrink the first failing random case of each rule (sequentially: shrink
  // steps depend on state), within a time budget: a target failing many rules,
  // or a slow one, keeps its unshrunk counterexamples past it.
  const shrinkUntil = Date.now() + (o.shrinkBudgetMs ?? 8_000);
  for (const [ruleId, first] of [...firstFailure.entries()].sort((a, b) => a[1].order - b[1].order)) {
    const budget = shrinkUntil - Date.now();
    if (budget <= 0 || stopper.stopped) break;
    let last: { ex: Exchange; verdict: Verdict } | undefined;
    const details = await fc.check(fc.asyncProperty(arbitrary, async (c) => {
      const r = await session.runCase(prep({ ...c, boundary: false }), false);
      const v = r.verdicts.find((x) => x.severity === 'failure' && x.rule === ruleId);
      if (v) last = { ex: r.ex, verdict: v };
      return v === undefined;
    }), { seed: first.seed, path: String(first.index), endOnFailure: false, interruptAfterTimeLimit: budget });
    if (details.failed && last) {
      stats.addCounterexample(ruleId, session.finding(last.verdict, last.ex, details.counterexamplePath ?? String(first.index), first.seed), true);
    }
  }

  // 3. The contract check over a sample of the run's responses (not when the run was stopped).
  if (o.contractCheck && !stopper.stopped) {
    const found = await o.contractCheck(sample.exchanges(), {
      ruleFor: (ex) => sample.get(ex)?.rule, strengthFor: (ex) => sample.get(ex)?.shape ?? 'must',
      replayFor: (ex) => session.replay(ex), replayFacts: (ex) => session.replayFacts(ex), secrets: session.secretsFor([]), strict: o.strict,
    });
    for (const f of found) {
      stats.markFinding(f.rule, f);
      session.findings.push(f);
    }
  }

  // 4. Leave nothing behind (a stopped run too: clean-up is not a case, it bypasses the stopper).
  stopper.close();
  const cleaned = cleanup ? await session.cleanup(tenantContainers) : undefined;

  const rules = stats.results();
  const sum = (k: 'cases' | 'passed' | 'failed' | 'warnings'): number => rules.reduce((n, r) => n + r[k], 0);
  const report: RunReport = {
    tool: { name: 'scm-mfa-conformance', version: o.version },
    target: o.target, embedded: o.embedded, seed: o.seed, runs: o.runs, strict: o.strict, profile: o.profile ?? 'default',
    startedAt: new Date(started).toISOString(), durationMs: Date.now() - started, command: o.command,
    rules, skipped: skippedLabels(ctx).map((label) => ({ name: label, reason: skipReason(label, ctx) })),
    totals: { cases: sum('cases'), passed: sum('passed'), failed: sum('failed'), warnings: sum('warnings') },
    exitCode: sum('failed') > 0 ? 1 : 0,
    planned: plannedNow(), failingCases,
    ...(o.shard && { shard: o.shard }),
    ...(o.durationMs !== undefined && { duration: { budgetMs: o.durationMs, randomCases: randomRun } }),
    ...(stateful && { stateful: { sequences: stateful.sequences, failed: stateful.failed } }),
    ...(stopper.reason && { stopped: { ...stopper.reason, cases: done } }),
    ...(cleaned && { cleanup: { prefix: ctx.namePrefix, deleted: cleaned.deleted, left: cleaned.left.slice(0, 50), leftCount: cleaned.left.length } }),
  };
  return { report, findings: session.findings, secrets: session.secretsFor(rules.flatMap((r) => r.counterexamples)) };
}

function skipReason(label: string, ctx: GenContext): string {
  if (!ctx.readOnlyToken && label.startsWith('permission')) return 'needs --read-only-token';
  if (!ctx.expiredToken && label.includes('expired')) return 'needs --expired-token';
  return 'needs a token the run was not given';
}

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
import type { ApiRequest } from '../spec/types.ts';
import type { Verdict } from '../checks/index.ts';
import { runScenario, scenarios } from './lifecycle.ts';
import type { Exchange, Finding, RunReport } from './results.ts';
import { containerKeys, KeyedScheduler } from './scheduler.ts';
import { Session } from './session.ts';

export interface RunOptions {
  send(req: ApiRequest): Promise<Exchange>;
  urlOf(req: ApiRequest): string;
  target: string;
  embedded: boolean;
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
  /** Called after every case: done, total, failures so far. */
  onProgress?(done: number, total: number, failures: number): void;
  /** Every exchange, as it is checked. */
  onExchange?(ex: Exchange, verdicts: Verdict[], ruleId: string): void;
  /**
   * A check of the run's responses after the run (the Pact contract check, an
   * edge the core does not import). Its findings count against their rules.
   */
  contractCheck?(exchanges: Exchange[], hooks: { ruleFor(ex: Exchange): string | undefined; replayFor(ex: Exchange): string }): Promise<Finding[]>;
}

export interface RunOutcome { report: RunReport; findings: Finding[] }

export async function runConformance(o: RunOptions): Promise<RunOutcome> {
  const started = Date.now();
  const recorded = new Map<Exchange, string>();
  const session = new Session({
    ...o,
    onExchange: (ex, verdicts, rule) => {
      o.onExchange?.(ex, verdicts, rule);
      if (o.contractCheck && ex.response) recorded.set(ex, rule);
    },
  });
  const { ctx, stats } = session;
  // 1. Boundary cases, random cases and the lifecycle.
  const boundary = boundaryCases(ctx);
  const random = fc.sample(randomCase(ctx), { seed: o.seed, numRuns: o.runs });
  const lifecycles = scenarios(ctx.namePrefix);
  const total = boundary.length + random.length + lifecycles.length;
  let done = 0;
  const scheduler = new KeyedScheduler(o.concurrency);
  const tick = (): void => { done++; o.onProgress?.(done, total, session.failures); };
  // A case is ordered after every earlier case touching a container it or its setup names.
  const keyOf = (c: GenCase): string[] => [
    ...containerKeys(c.request),
    ...(c.needs && typeof c.needs === 'object' ? c.needs.existing.flatMap((e) => containerKeys({ method: 'POST', path: '', body: JSON.stringify(e) })) : []),
  ];
  // Lifecycle scenarios (latency-bound chains on containers of their own)
  // start first and run beside the cases; boundary cases are scheduled before
  // random ones, and the scheduler keeps that order within a container.
  const headers = { authorization: `Bearer ${o.token}` };
  const lifecycleDone = Promise.all(lifecycles.map((s) =>
    runScenario(s, ctx.namePrefix, headers, async (req, meta) => (await session.exec(req, { boundary: false, ...meta })).ex).then(tick)));
  const firstFailure = new Map<string, number>();
  await Promise.all([
    lifecycleDone,
    ...boundary.map((c) => scheduler.schedule(keyOf(c), () => session.runCase(c)).then(tick)),
    ...random.map((c, i) => scheduler.schedule(keyOf(c), async () => {
      const { verdicts } = await session.runCase(c);
      const bad = verdicts.find((v) => v.severity === 'failure');
      if (bad) {
        const prev = firstFailure.get(bad.rule);
        if (prev === undefined || i < prev) firstFailure.set(bad.rule, i);
      }
    }).then(tick)),
  ]);

  // 2. Shrink the first failing random case of each rule (sequentially: shrink steps depend on state).
  for (const [ruleId, index] of [...firstFailure.entries()].sort((a, b) => a[1] - b[1])) {
    let last: { ex: Exchange; verdict: Verdict } | undefined;
    const details = await fc.check(fc.asyncProperty(randomCase(ctx), async (c) => {
      const r = await session.runCase({ ...c, boundary: false }, false);
      const v = r.verdicts.find((x) => x.severity === 'failure' && x.rule === ruleId);
      if (v) last = { ex: r.ex, verdict: v };
      return v === undefined;
    }), { seed: o.seed, path: String(index), endOnFailure: false });
    if (details.failed && last) stats.addCounterexample(ruleId, session.finding(last.verdict, last.ex, details.counterexamplePath ?? String(index)), true);
  }

  // 3. The contract check over every response of the run.
  if (o.contractCheck) {
    const found = await o.contractCheck([...recorded.keys()], { ruleFor: (ex) => recorded.get(ex), replayFor: (ex) => session.replay(ex) });
    for (const f of found) {
      stats.markFailed(f.rule, f);
      session.findings.push(f);
    }
  }

  // 4. Leave nothing behind.
  await session.cleanup();

  const rules = stats.results();
  const sum = (k: 'cases' | 'passed' | 'failed' | 'warnings'): number => rules.reduce((n, r) => n + r[k], 0);
  const report: RunReport = {
    tool: { name: 'scm-mfa-conformance', version: o.version },
    target: o.target, embedded: o.embedded, seed: o.seed, runs: o.runs, strict: o.strict, profile: o.profile ?? 'default',
    startedAt: new Date(started).toISOString(), durationMs: Date.now() - started, command: o.command,
    rules, skipped: skippedLabels(ctx).map((label) => ({ name: label, reason: skipReason(label, ctx) })),
    totals: { cases: sum('cases'), passed: sum('passed'), failed: sum('failed'), warnings: sum('warnings') },
    exitCode: sum('failed') > 0 ? 1 : 0,
  };
  return { report, findings: session.findings };
}

function skipReason(label: string, ctx: GenContext): string {
  if (!ctx.readOnlyToken && label.startsWith('permission')) return 'needs --read-only-token';
  if (!ctx.expiredToken && label.includes('expired')) return 'needs --expired-token';
  return 'needs a token the run was not given';
}

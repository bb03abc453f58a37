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
import { flat, predict } from '../oracle/predict.ts';
import type { OracleConfig } from '../oracle/config.ts';
import { redactBody, redactRequest } from '../spec/redact.ts';
import type { ApiRequest } from '../spec/types.ts';
import type { Verdict } from '../checks/index.ts';
import { evaluateExchange } from './evaluateExchange.ts';
import { runScenario, scenarios } from './lifecycle.ts';
import { replayLine } from './replayLine.ts';
import type { Exchange, Finding, RunReport } from './results.ts';
import { RuleStats } from './ruleStats.ts';
import { containerKeys, KeyedScheduler } from './scheduler.ts';
import { StateTracker } from './stateTracker.ts';

export interface RunOptions {
  send(req: ApiRequest): Promise<Exchange>;
  urlOf(req: ApiRequest): string;
  target: string;
  embedded: boolean;
  seed: number;
  runs: number;
  strict: boolean;
  concurrency: number;
  token: string;
  readOnlyToken?: string;
  expiredToken?: string;
  command: string;
  version: string;
  /** Called after every case: done, total, failures so far. */
  onProgress?(done: number, total: number, failures: number): void;
  /** Every exchange, for the contract check (Pact) after the run. */
  onExchange?(ex: Exchange, verdicts: Verdict[], ruleId: string): void;
}

export interface RunOutcome { report: RunReport; findings: Finding[] }

export async function runConformance(o: RunOptions): Promise<RunOutcome> {
  const started = Date.now();
  const ctx: GenContext = {
    token: o.token, namePrefix: `mfa-conf-${o.seed}-`,
    ...(o.readOnlyToken !== undefined && { readOnlyToken: o.readOnlyToken }),
    ...(o.expiredToken !== undefined && { expiredToken: o.expiredToken }),
  };
  const cfg: OracleConfig = {
    tokens: [o.token], readOnlyTokens: o.readOnlyToken ? [o.readOnlyToken] : [], expiredTokens: o.expiredToken ? [o.expiredToken] : [], profile: 'default',
  };
  const secrets = [o.token, o.readOnlyToken, o.expiredToken].filter((s): s is string => !!s);
  const tokens = { token: o.token, ...(o.readOnlyToken && { readOnlyToken: o.readOnlyToken }), ...(o.expiredToken && { expiredToken: o.expiredToken }) };
  const state = new StateTracker();
  const stats = new RuleStats();
  const findings: Finding[] = [];
  let failures = 0;

  const finding = (v: Verdict, ex: Exchange, path?: string): Finding => {
    const f: Finding = {
      check: v.check, rule: v.rule, strength: v.strength, severity: v.severity, summary: v.summary,
      request: redactRequest(ex.request, secrets), seed: o.seed, replay: replayLine(o.urlOf(ex.request), ex.request, tokens),
    };
    if (ex.response) f.response = { ...ex.response, body: redactBody(ex.response.body, secrets) };
    if (path !== undefined) f.path = path;
    return f;
  };

  /** Sends one request, checks it against the oracle's prediction for the current state. */
  const exec = async (req: ApiRequest, meta: { boundary: boolean; vendor?: string; container?: string }, record = true): Promise<{ ex: Exchange; verdicts: Verdict[]; rule: string }> => {
    const prediction = predict(req, state.snapshot(), cfg);
    const ex = await o.send(req);
    state.apply(ex);
    const verdicts = evaluateExchange(ex, prediction, o.strict);
    const ruleId = flat(prediction.expected)[0]!.rule;
    if (record) {
      stats.record(ruleId, verdicts, meta);
      o.onExchange?.(ex, verdicts, ruleId);
      const bad = verdicts.find((v) => v.severity === 'failure') ?? verdicts[0];
      if (bad) {
        if (bad.severity === 'failure') failures++;
        const f = finding(bad, ex);
        findings.push(f);
        stats.addCounterexample(ruleId, f);
      }
    }
    return { ex, verdicts, rule: ruleId };
  };

  /** Creates the objects a case needs (uniqueness cases), checked like any create. */
  const setup = async (c: GenCase, record: boolean): Promise<void> => {
    if (!c.needs || typeof c.needs !== 'object') return;
    for (const existing of c.needs.existing) {
      const req = { method: 'POST', path: '/mfa-servers', headers: { authorization: `Bearer ${o.token}`, 'content-type': 'application/json' }, body: JSON.stringify(existing) };
      await exec(req, { boundary: false, ...(c.container && { container: c.container }) }, record);
    }
  };
  const runCase = async (c: GenCase): Promise<Verdict[]> => {
    await setup(c, true);
    return (await exec(c.request, { boundary: c.boundary, ...(c.vendor && { vendor: c.vendor }), ...(c.container && { container: c.container }) })).verdicts;
  };

  // 1. Boundary cases, then random cases, all through the scheduler.
  const boundary = boundaryCases(ctx);
  const random = fc.sample(randomCase(ctx), { seed: o.seed, numRuns: o.runs });
  const lifecycles = scenarios(ctx.namePrefix);
  const total = boundary.length + random.length + lifecycles.length;
  let done = 0;
  const scheduler = new KeyedScheduler(o.concurrency);
  const tick = (): void => { done++; o.onProgress?.(done, total, failures); };
  // A case is ordered after every earlier case touching a container it or its setup names.
  const keyOf = (c: GenCase): string[] => [
    ...containerKeys(c.request),
    ...(c.needs && typeof c.needs === 'object' ? c.needs.existing.flatMap((e) => containerKeys({ method: 'POST', path: '', body: JSON.stringify(e) })) : []),
  ];
  await Promise.all(boundary.map((c) => scheduler.schedule(keyOf(c), () => runCase(c)).then(tick)));
  const firstFailure = new Map<string, number>();
  await Promise.all(random.map((c, i) => scheduler.schedule(keyOf(c), async () => {
    const verdicts = await runCase(c);
    const bad = verdicts.find((v) => v.severity === 'failure');
    if (bad) {
      const prev = firstFailure.get(bad.rule);
      if (prev === undefined || i < prev) firstFailure.set(bad.rule, i);
    }
  }).then(tick)));
  const headers = { authorization: `Bearer ${o.token}` };
  await Promise.all(lifecycles.map((s) => scheduler.schedule([`lifecycle:${s.value}`], () =>
    runScenario(s, ctx.namePrefix, headers, async (req, meta) => (await exec(req, { boundary: false, ...meta })).ex)).then(tick)));

  // 2. Shrink the first failing random case of each rule (sequentially: shrink steps depend on state).
  for (const [ruleId, index] of [...firstFailure.entries()].sort((a, b) => a[1] - b[1])) {
    let last: { ex: Exchange; verdict: Verdict } | undefined;
    const details = await fc.check(fc.asyncProperty(randomCase(ctx), async (c) => {
      await setup(c, false);
      const r = await exec(c.request, { boundary: false }, false);
      const v = r.verdicts.find((x) => x.severity === 'failure' && x.rule === ruleId);
      if (v) last = { ex: r.ex, verdict: v };
      return v === undefined;
    }), { seed: o.seed, path: String(index), endOnFailure: false });
    if (details.failed && last) stats.addCounterexample(ruleId, finding(last.verdict, last.ex, details.counterexamplePath ?? String(index)), true);
  }

  // 3. Leave nothing behind: delete every object this run created.
  await Promise.all(state.ids().map((id) => scheduler.schedule([], () => o.send({ method: 'DELETE', path: `/mfa-servers/${encodeURIComponent(id)}`, headers }))));

  const rules = stats.results();
  const sum = (k: 'cases' | 'passed' | 'failed' | 'warnings'): number => rules.reduce((n, r) => n + r[k], 0);
  const report: RunReport = {
    tool: { name: 'scm-mfa-conformance', version: o.version },
    target: o.target, embedded: o.embedded, seed: o.seed, runs: o.runs, strict: o.strict,
    startedAt: new Date(started).toISOString(), durationMs: Date.now() - started, command: o.command,
    rules, skipped: skippedLabels(ctx).map((label) => ({ name: label, reason: skipReason(label, ctx) })),
    totals: { cases: sum('cases'), passed: sum('passed'), failed: sum('failed'), warnings: sum('warnings') },
    exitCode: sum('failed') > 0 ? 1 : 0,
  };
  return { report, findings };
}

function skipReason(label: string, ctx: GenContext): string {
  if (!ctx.readOnlyToken && label.startsWith('permission')) return 'needs --read-only-token';
  if (!ctx.expiredToken && label.includes('expired')) return 'needs --expired-token';
  return 'needs a token the run was not given';
}

// `mfa-conformance run`: fuzz a target (default: the embedded reference
// server), print a summary, write reports/. The command is its options table
// (RUN) over runConformance(); every usage error is found before the run
// starts. Exit 0: no must failure; 1: findings; 2: misuse, a target that
// refuses the run or stops answering (one line; src/spec/errors.ts); 130/143:
// interrupted (reports written, marked partial).
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { formatSummary } from '../report/consoleSummary.ts';
import { writeReports } from '../report/writeReports.ts';
import { DEFAULT_STATEFUL_RUNS, runConformance } from '../runner/run.ts';
import type { Transport } from '../transport/transport.ts';
import type { Client } from '../transport/client.ts';
import type { Tenant } from '../generate/tenant.ts';
import { RunStopped } from '../runner/stopper.ts';
import type { Exchange } from '../runner/results.ts';
import { spec } from '../spec/model.ts';
import type { ApiRequest } from '../spec/types.ts';
import { ACCESS_OPTIONS, openTarget, resolveAccess } from './access.ts';
import { DEFAULT_TOKENS } from '../oracle/config.ts';
import { startEmbeddedServer, type EmbeddedServer } from './embeddedServer.ts';
import { HarnessError } from './harnessError.ts';
import { durationFlag, intFlag, parseOptions, type CommandSpec } from './options.ts';
import { preflight } from './preflight.ts';
import { progressLine } from './progressLine.ts';
import { VERSION } from './version.ts';

export const RUN = {
  name: 'run',
  summary: 'Fuzzes a target (by default the embedded reference server) and writes reports/.',
  about: [
    'Exit 0: no must failure (no should failure either under --strict); 1: findings;',
    '2: a usage error, or a target that refuses the run or stops answering; 130/143: interrupted.',
    'Against a tenant: name containers that exist (--folder...) and a certificate profile; every object',
    'the run creates is named mfa-conf-<seed>t<start>-... and deleted at the end (see cleanup).',
  ],
  options: {
    target: { type: 'string', value: 'URL', help: 'base URL with the API prefix, e.g. https://api.strata.paloaltonetworks.com/config/identity/v1 (default: start the reference server)', group: 'target' },
    ...ACCESS_OPTIONS,
    'expired-token': { type: 'string', value: 'T', help: 'an expired token (Key Expired cases; always static)', env: 'MFA_EXPIRED_TOKEN', group: 'target' },
    'no-preflight': { type: 'boolean', default: false, help: 'skip the probes that name a refused token or a wrong base URL before the run', group: 'target' },
    folder: { type: 'string', multiple: true, value: 'NAME', help: 'a folder that exists: valid objects are created only in the named containers', group: 'tenant' },
    snippet: { type: 'string', multiple: true, value: 'NAME', help: 'a snippet that exists', group: 'tenant' },
    device: { type: 'string', multiple: true, value: 'NAME', help: 'a device that exists', group: 'tenant' },
    'cert-profile': { type: 'string', value: 'NAME', help: 'a certificate profile that exists, for valid bodies', group: 'tenant' },
    'max-requests': { type: 'string', value: 'N', help: 'a request budget: stop sending after N (reports written, marked partial)', group: 'tenant' },
    'dry-run': { type: 'boolean', default: false, help: 'print the plan (cases by kind, requests, objects, containers) and send nothing', group: 'tenant' },
    seed: { type: 'string', value: 'N', help: 'seed of the random cases (default: a new one, printed)', group: 'cases' },
    runs: { type: 'string', value: 'N', help: 'random cases after the boundary cases (default 2000)', group: 'cases' },
    duration: { type: 'string', value: 'DURATION', help: 'a time budget for the random cases instead of --runs (90s, 10m, 1h): the seed\'s stream up to where it stops', group: 'cases' },
    shard: { type: 'string', value: 'I/N', help: 'run shard I of N (1-based): N runs of one seed together run exactly its cases (mfa-conformance merge joins their reports)', group: 'cases' },
    'stateful-runs': { type: 'string', value: 'N', default: String(DEFAULT_STATEFUL_RUNS), help: 'command sequences of the stateful phase (0: none)', group: 'cases' },
    profile: { type: 'string', value: 'default|openapi', default: 'default', help: 'openapi adds the published spec\'s vendor required lists and hostname formats', group: 'cases' },
    strict: { type: 'boolean', default: false, help: 'should rules fail the run too (open points never do)', group: 'verdict' },
    'require-coverage': { type: 'boolean', default: false, help: 'a must rule no case reached fails the run', group: 'verdict' },
    'no-contract': { type: 'boolean', default: false, help: 'skip the Pact contract check of a sample of the responses', group: 'verdict' },
    concurrency: { type: 'string', value: 'N', default: '16', help: 'requests in flight (fewer while the target answers 429)', group: 'limits' },
    timeout: { type: 'string', value: 'MS', default: '10000', help: 'per-request deadline (headers and body)', group: 'limits' },
    deadline: { type: 'string', value: 'DURATION', default: '15m', help: 'stop sending after this long (90s, 15m, 1h) and write partial reports', group: 'limits' },
    'reports-dir': { type: 'string', value: 'DIR', default: 'reports', help: 'where the reports go', group: 'output' },
    'export-pact': { type: 'string', value: 'FILE', help: 'write the failing cases as V4 pact interactions (and say which cannot be, and why)', group: 'output' },
  },
} as const satisfies CommandSpec;

const DEFAULT_RUNS = 2000;
const MAX_RUNS = 10_000_000;
/** The deadline a --duration run gets unless --deadline says otherwise: the budget plus this, for the boundary cases, sequences and clean-up. */
const DEADLINE_SLACK_MS = 5 * 60_000;

/** --shard I/N: 1 <= I <= N <= 1000. */
function shardFlag(raw: string): { index: number; count: number } {
  const m = /^(\d{1,4})\/(\d{1,4})$/.exec(raw.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || count > 1000 || index < 1 || index > count) throw new HarnessError('BAD_VALUE', `--shard must be I/N with 1 <= I <= N <= 1000, e.g. 2/3, not '${raw}'`);
  return { index, count };
}

/** Every flag checked before anything starts: a bad one names itself. */
function checkedOptions(argv: string[]) {
  const v = parseOptions(RUN, argv);
  const env = process.env;
  const target = v.target === undefined ? undefined : targetUrl(v.target);
  const profile = v.profile;
  if (profile !== 'default' && profile !== 'openapi') throw new HarnessError('BAD_VALUE', `--profile must be default or openapi, not '${profile}'`);
  const access = resolveAccess(v, env);
  const expired = v['expired-token'] ?? (env['MFA_EXPIRED_TOKEN'] || undefined);
  if (expired !== undefined && (expired === '' || /\s/.test(expired))) throw new HarnessError('BAD_VALUE', '--expired-token must be a non-empty token without spaces');
  if (expired) access.secrets.push(expired);
  const o = {
    target, access,
    expiredToken: expired,
    seed: v.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : intFlag('seed', v.seed, 0, 2 ** 31 - 1),
    runs: v.runs === undefined ? (v.duration === undefined ? DEFAULT_RUNS : MAX_RUNS) : intFlag('runs', v.runs, 0, MAX_RUNS),
    durationMs: v.duration === undefined ? undefined : durationFlag('duration', v.duration),
    shard: v.shard === undefined ? undefined : shardFlag(v.shard),
    statefulRuns: intFlag('stateful-runs', v['stateful-runs'], 0, 1_000_000),
    concurrency: intFlag('concurrency', v.concurrency, 1, 1024),
    timeoutMs: intFlag('timeout', v.timeout, 100, 600_000),
    deadlineMs: durationFlag('deadline', v.deadline),
    maxRequests: v['max-requests'] === undefined ? undefined : intFlag('max-requests', v['max-requests'], 1, 1_000_000_000),
    tenant: tenantOf(v),
    dryRun: v['dry-run'],
    profile: profile as 'default' | 'openapi',
    strict: v.strict, requireCoverage: v['require-coverage'], contract: !v['no-contract'], preflight: !v['no-preflight'],
    reportsDir: reportsDir(v['reports-dir']),
    exportPact: v['export-pact'],
  };
  if (o.shard && o.durationMs !== undefined) throw new HarnessError('BAD_FLAG', '--shard and --duration do not go together: shards of one seed must draw the same cases, a time budget draws as many as each shard has time for');
  // A time budget past the deadline would be cut by it: the deadline moves out to the budget plus the rest of the run, unless given.
  if (o.durationMs !== undefined && v.deadline === RUN.options.deadline.default && o.deadlineMs < o.durationMs + DEADLINE_SLACK_MS) o.deadlineMs = o.durationMs + DEADLINE_SLACK_MS;
  if (o.target && !o.access.token) throw new HarnessError('BAD_FLAG', '--target needs --token (or MFA_TOKEN), or --client-id and --client-secret (or SCM_CLIENT_ID and SCM_CLIENT_SECRET)');
  if (!o.target && (o.access.oauth || o.access.tls || o.tenant)) throw new HarnessError('BAD_FLAG', 'client credentials, TLS flags and tenant containers need --target (the embedded server knows its own tokens)');
  return o;
}

/** --folder/--snippet/--device/--cert-profile: the containers of a tenant (generate/tenant.ts). */
function tenantOf(v: { folder?: string[]; snippet?: string[]; device?: string[]; 'cert-profile'?: string }): Tenant | undefined {
  const containers: Tenant['containers'] = {};
  for (const key of ['folder', 'snippet', 'device'] as const) {
    const names = v[key];
    if (!names || names.length === 0) continue;
    for (const n of names) {
      // seed:15-22: the container regex and length; a name the API refuses cannot be a container that exists.
      if (!new RegExp(spec.containerPattern).test(n) || [...n].length > spec.containerMaxLength) throw new HarnessError('BAD_VALUE', `--${key} '${n}' is not a valid ${key} name (seed: ${spec.containerPattern}, at most ${spec.containerMaxLength} characters)`);
    }
    containers[key] = [...new Set(names)];
  }
  if (Object.keys(containers).length === 0) {
    if (v['cert-profile'] !== undefined) throw new HarnessError('BAD_FLAG', '--cert-profile needs the containers that exist (--folder, --snippet or --device)');
    return undefined;
  }
  if (v['cert-profile'] === '') throw new HarnessError('BAD_VALUE', '--cert-profile must not be empty');
  return { containers, ...(v['cert-profile'] !== undefined && { certProfile: v['cert-profile'] }) };
}

function targetUrl(raw: string): string {
  let u: URL;
  try { u = new URL(raw); } catch { throw new HarnessError('BAD_VALUE', `--target must be a base URL such as https://api.strata.paloaltonetworks.com/config/identity/v1, not '${raw}'`); }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new HarnessError('BAD_VALUE', `--target must be an http:// or https:// URL, not ${u.protocol}//...`);
  if (u.search || u.hash) throw new HarnessError('BAD_VALUE', '--target is a base URL: no query string or fragment');
  return raw;
}

function reportsDir(dir: string): string {
  try {
    if (!statSync(dir).isDirectory()) throw new HarnessError('UNREADABLE_FILE', `--reports-dir ${dir} is a file, not a folder`);
  } catch (e) {
    if (e instanceof HarnessError) throw e;
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new HarnessError('UNREADABLE_FILE', `--reports-dir ${dir}: ${(e as NodeJS.ErrnoException).code}`);
  }
  return dir;
}

export async function runCommand(argv: string[]): Promise<number> {
  const o = checkedOptions(argv);
  const { access } = o;
  let { token, readOnlyToken } = access;
  let expiredToken = o.expiredToken;
  // The run's objects are named after its seed and, against a target, its start (base 36 seconds):
  // two runs never clash, and `cleanup --older-than` reads a leftover's age from its name.
  const runId = o.target ? `${o.seed}t${Math.floor(Date.now() / 1000).toString(36)}` : String(o.seed);
  if (o.dryRun) {
    const { planRun, formatPlan } = await import('../runner/plan.ts');
    token ??= DEFAULT_TOKENS.tokens[0]!;
    const cfg = { tokens: [token], readOnlyTokens: readOnlyToken ? [readOnlyToken] : [], expiredTokens: expiredToken ? [expiredToken] : [], profile: o.profile };
    const ctx = { token, ...(readOnlyToken && { readOnlyToken }), ...(expiredToken && { expiredToken }), namePrefix: `mfa-conf-${runId}-` };
    const plan = await planRun({ ctx, cfg, seed: o.seed, runs: o.runs, ...(o.tenant && { tenant: o.tenant }) });
    process.stdout.write(`mfa-conformance run --dry-run: target ${o.target ?? '(embedded reference server)'}, seed ${o.seed}, ${o.runs} random cases\n${formatPlan(plan)}`);
    return 0;
  }
  let embedded: EmbeddedServer | undefined;
  let target = o.target;
  if (target === undefined) {
    // The embedded server knows its own tokens: every case can run.
    token ??= DEFAULT_TOKENS.tokens[0]!;
    readOnlyToken ??= DEFAULT_TOKENS.readOnlyTokens[0]!;
    expiredToken ??= DEFAULT_TOKENS.expiredTokens[0]!;
    embedded = await startEmbeddedServer(['--token', token, '--read-only-token', readOnlyToken, '--expired-token', expiredToken, '--profile', o.profile]);
    target = embedded.url;
  }
  const open = openTarget(target, access, { concurrency: o.concurrency, timeoutMs: o.timeoutMs });
  const { client, transport } = open;
  const interrupt = interrupts();
  try {
    // A token the endpoint refuses is exit 2 here, before any case.
    await open.authenticate();
    if (o.preflight) {
      await preflight(client, [{ label: access.oauth?.readWrite ? 'read-write client\'s token' : 'token', token: token! }, ...(readOnlyToken ? [{ label: access.oauth?.readOnly ? 'read-only client\'s token' : 'read-only token', token: readOnlyToken }] : [])], transport.basePath, o.tenant ? firstContainer(o.tenant) : undefined);
    } else {
      await assertReachable(client, transport);
    }
    const tenantFlags = o.tenant ? [...Object.entries(o.tenant.containers).flatMap(([k, vs]) => (vs ?? []).map((n) => `--${k} ${shellWord(n)}`)), ...(o.tenant.certProfile !== undefined ? [`--cert-profile ${shellWord(o.tenant.certProfile)}`] : [])] : [];
    const command = ['npx mfa-conformance run', o.target ? `--target ${o.target}` : '', ...(o.target ? access.replayFlags : []), expiredToken && o.target ? '--expired-token "$MFA_EXPIRED_TOKEN"' : '', ...tenantFlags, `--seed ${o.seed}`, o.durationMs !== undefined ? `--duration ${durationText(o.durationMs)}` : `--runs ${o.runs}`, o.shard ? `--shard ${o.shard.index}/${o.shard.count}` : '', o.statefulRuns !== DEFAULT_STATEFUL_RUNS ? `--stateful-runs ${o.statefulRuns}` : '', o.strict ? '--strict' : '', o.profile !== 'default' ? `--profile ${o.profile}` : ''].filter(Boolean).join(' ');
    process.stdout.write(`mfa-conformance run: target ${target}${embedded ? ' (embedded reference server)' : ''}, seed ${o.seed}, ${o.durationMs !== undefined ? `random cases for ${durationText(o.durationMs)}` : `${o.runs} random cases`}${o.shard ? `, shard ${o.shard.index}/${o.shard.count}` : ''}${o.target ? `, objects named mfa-conf-${runId}-...` : ''}\n`);
    const progress = progressLine(process.stderr);
    interrupt.onFirst = (signal) => {
      progress.done();
      process.stderr.write(`mfa-conformance: ${signal}: stopping, deleting the objects this run created, writing partial reports (${signal} again exits at once)\n`);
    };
    // A token that cannot be had, or a 429 that never ends, stops the run (exit 2, reports partial): neither is the target's conformance.
    const send = async (r: ApiRequest): Promise<Exchange> => {
      try {
        return await client.send(r);
      } catch (e) {
        if (e instanceof HarnessError && (e.code === 'AUTH_FAILED' || e.code === 'RATE_LIMITED')) {
          const reason = { kind: e.code === 'AUTH_FAILED' ? 'auth' : 'rate-limited', message: e.message } as const;
          interrupt.stopFor(reason);
          throw new RunStopped(reason);
        }
        throw e;
      }
    };
    const { report, findings, secrets: sent } = await runConformance({
      send, urlOf: (r) => client.urlOf(r),
      target, embedded: embedded !== undefined, seed: o.seed, runs: o.runs, strict: o.strict, profile: o.profile, concurrency: o.concurrency, token: token!,
      ...(readOnlyToken && { readOnlyToken }), ...(expiredToken && { expiredToken }),
      ...(o.target && { runId }), ...(o.tenant && { tenant: o.tenant }),
      statefulRuns: o.statefulRuns,
      ...(o.shard && { shard: o.shard }), ...(o.durationMs !== undefined && { durationMs: o.durationMs }),
      sequenceReplay: (file) => `npx mfa-conformance replay ${join(o.reportsDir, file)}${o.target ? ` --target ${o.target} ${access.replayFlags.join(' ')}` : ''}`,
      command, version: VERSION, onProgress: progress.update,
      stop: { signal: interrupt.signal, deadlineMs: o.deadlineMs, silenceMs: Math.max(30_000, 3 * o.timeoutMs), aliveAt: () => client.lastSignOfLife(), ...(o.maxRequests !== undefined && { maxRequests: o.maxRequests }) },
      ...(o.contract && { contractCheck: contractCheck(o.seed, progress) }),
    });
    progress.done();
    const stats = open.stats();
    report.transport = { retried: stats.retried, waitedMs: Math.round(stats.waitedMs), reauthenticated: stats.reauthenticated, refreshes: stats.refreshes, slowestConcurrency: stats.slowestConcurrency };
    // Issued tokens and client secrets too: a target may echo a token into a body.
    const secrets = [...new Set([...sent, ...open.secrets()])];
    // Every must rule with no case is a gap, a skipped one (a token not given) included.
    const gaps = report.rules.filter((r) => r.strength === 'must' && r.cases === 0);
    if (o.requireCoverage && gaps.length > 0 && !report.stopped) report.exitCode = 1;
    // runStartedAt: a set another run published after this process started is kept, not overwritten.
    const written = await writeReports(report, o.reportsDir, { secrets, runStartedAt: performance.timeOrigin });
    process.stdout.write(formatSummary(report, { secrets, color: process.stdout.isTTY === true }));
    if (o.requireCoverage && gaps.length > 0) process.stdout.write(`coverage: ${gaps.length} must rule(s) with no case: ${gaps.map((g) => g.rule).join(', ')}\n`);
    if (o.exportPact !== undefined) {
      const { exportPact, notWrittenLines } = await import('../pact/exportPact.ts');
      const failures = findings.filter((f) => f.severity === 'failure');
      const { written: n, notWritten } = exportPact(failures, o.exportPact, secrets);
      process.stdout.write(`export-pact: ${n} of ${failures.length} failing case(s) written as pact interactions to ${o.exportPact}\n`);
      for (const line of notWrittenLines(notWritten)) { process.stderr.write(`${line}\n`); process.stdout.write(`${line}\n`); }
    }
    for (const note of written.notes) process.stdout.write(`${note}\n`);
    process.stdout.write(`reports: ${written.paths.join(', ')} (run ${written.runId}${report.stopped ? ', partial' : ''})\n`);
    const replaced = await written.replacedNote();
    if (replaced !== undefined) process.stdout.write(`${replaced}\n`);
    if (report.stopped) throw stoppedError(report.stopped, interrupt.received);
    return report.exitCode;
  } finally {
    interrupt.dispose();
    await open.close();
    await embedded?.close();
  }
}

/** A duration in the flag's own notation (ms when it is not whole seconds). */
const durationText = (ms: number): string => (ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`);

function firstContainer(t: Tenant): readonly [string, string] {
  const [key, names] = Object.entries(t.containers).find(([, vs]) => (vs?.length ?? 0) > 0)!;
  return [key, names![0]!];
}

/** A container or profile name as one shell word in the replay command. */
const shellWord = (s: string): string => (/^[A-Za-z0-9._-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`);

/** A stopped run's error: the reports are written; the line says why it stopped. */
function stoppedError(s: NonNullable<Awaited<ReturnType<typeof runConformance>>['report']['stopped']>, signal: string | undefined): HarnessError {
  if (s.kind === 'interrupted') return new HarnessError(signal === 'SIGTERM' ? 'TERMINATED' : 'INTERRUPTED', `${signal ?? 'interrupted'}: stopped after ${s.cases} cases; the reports are partial`);
  const last = s.lastError ? `; last transport error: ${s.lastError.code} ${s.lastError.message}` : '';
  const code = ({ silent: 'TARGET_STOPPED', degenerate: 'TARGET_REFUSED', auth: 'AUTH_FAILED', 'rate-limited': 'RATE_LIMITED' } as const)[s.kind as 'silent'] ?? 'RUN_INCOMPLETE';
  return new HarnessError(code, `${s.message}${last}; the reports are partial`);
}

/**
 * SIGINT/SIGTERM: the first stops the run (the runner deletes what it
 * created and the reports are written, marked partial); a second exits at once.
 */
function interrupts(): { signal: AbortSignal; received: string | undefined; onFirst: (signal: string) => void; stopFor(reason: { kind: string; message: string }): void; dispose(): void } {
  const ac = new AbortController();
  const state = {
    signal: ac.signal,
    received: undefined as string | undefined,
    onFirst: (_signal: string): void => undefined,
    /** Stops the run for a reason of the harness's own (the stopper reads it from the signal). */
    stopFor: (reason: { kind: string; message: string }): void => { if (!ac.signal.aborted) ac.abort(reason); },
    dispose: (): void => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
  function onSignal(signal: NodeJS.Signals): void {
    if (state.received !== undefined) process.exit(signal === 'SIGTERM' ? 143 : 130);
    state.received = signal;
    state.onFirst(signal);
    ac.abort();
  }
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return state;
}

/** The Pact contract check of a sample of the responses (src/pact/contractCheck.ts), loaded only when used. */
function contractCheck(seed: number, progress: { done(): void }): NonNullable<Parameters<typeof runConformance>[0]['contractCheck']> {
  return async (exchanges, hooks) => {
    const { checkAgainstContract } = await import('../pact/contractCheck.ts');
    const r = await checkAgainstContract(exchanges, { seed, ...hooks });
    progress.done();
    const skipped = r.skippedClasses > 0 ? `; ${r.skippedClasses} class(es) the contract has no interaction for` : '';
    process.stdout.write(`contract check (Pact): ${r.checked} responses replayed through Pact's Verifier, one to three of each of the ${r.classes - r.skippedClasses} outcome classes the contract describes${skipped}: ${r.findings.length} mismatch(es), ${(r.ms / 1000).toFixed(1)} s\n`);
    return r.findings;
  };
}

/** One request before the run (with --no-preflight): a target that does not answer is a usage error (exit 2), not a finding. */
async function assertReachable(c: Client, t: Transport): Promise<void> {
  const ex = await c.send({ method: 'GET', path: '/mfa-servers?folder=mfa-conformance-probe&position=pre', headers: {} });
  if (ex.transportError) throw new HarnessError('UNREACHABLE_TARGET', `target ${t.origin}${t.basePath} is unreachable: ${ex.transportError.code} ${ex.transportError.message}`);
}

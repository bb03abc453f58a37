// `mfa-conformance run`: fuzz a target (default: the embedded reference
// server), print a summary, write reports/. The command is its options table
// (RUN) over runConformance(); every usage error is found before the run
// starts. Exit 0: no must failure; 1: findings; 2: misuse, a target that
// refuses the run or stops answering (one line; src/spec/errors.ts); 130/143:
// interrupted (reports written, marked partial).
import { statSync } from 'node:fs';
import { formatSummary } from '../report/consoleSummary.ts';
import { writeReports } from '../report/writeReports.ts';
import { runConformance } from '../runner/run.ts';
import { Transport } from '../transport/transport.ts';
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
  ],
  options: {
    target: { type: 'string', value: 'URL', help: 'base URL with the API prefix, e.g. https://api.strata.paloaltonetworks.com/config/identity/v1 (default: start the reference server)', group: 'target' },
    token: { type: 'string', value: 'T', help: 'read-write bearer token (needed with --target)', env: 'MFA_TOKEN', group: 'target' },
    'read-only-token': { type: 'string', value: 'T', help: 'read-only bearer token (permission cases)', env: 'MFA_READ_ONLY_TOKEN', group: 'target' },
    'expired-token': { type: 'string', value: 'T', help: 'an expired token (Key Expired cases)', env: 'MFA_EXPIRED_TOKEN', group: 'target' },
    'no-preflight': { type: 'boolean', default: false, help: 'skip the probes that name a refused token or a wrong base URL before the run', group: 'target' },
    seed: { type: 'string', value: 'N', help: 'seed of the random cases (default: a new one, printed)', group: 'cases' },
    runs: { type: 'string', value: 'N', default: '2000', help: 'random cases after the boundary cases', group: 'cases' },
    profile: { type: 'string', value: 'default|openapi', default: 'default', help: 'openapi adds the published spec\'s vendor required lists and hostname formats', group: 'cases' },
    strict: { type: 'boolean', default: false, help: 'should rules fail the run too (open points never do)', group: 'verdict' },
    'require-coverage': { type: 'boolean', default: false, help: 'a must rule no case reached fails the run', group: 'verdict' },
    'no-contract': { type: 'boolean', default: false, help: 'skip the Pact contract check of a sample of the responses', group: 'verdict' },
    concurrency: { type: 'string', value: 'N', default: '16', help: 'requests in flight', group: 'limits' },
    timeout: { type: 'string', value: 'MS', default: '10000', help: 'per-request deadline (headers and body)', group: 'limits' },
    deadline: { type: 'string', value: 'DURATION', default: '15m', help: 'stop sending after this long (90s, 15m, 1h) and write partial reports', group: 'limits' },
    'reports-dir': { type: 'string', value: 'DIR', default: 'reports', help: 'where the reports go', group: 'output' },
    'export-pact': { type: 'string', value: 'FILE', help: 'write the failing cases as V4 pact interactions', group: 'output' },
  },
} as const satisfies CommandSpec;

/** Every flag checked before anything starts: a bad one names itself. */
function checkedOptions(argv: string[]) {
  const v = parseOptions(RUN, argv);
  const env = process.env;
  const nonEmpty = (name: string, s: string | undefined): string | undefined => {
    if (s === undefined) return undefined;
    if (s === '' || /\s/.test(s)) throw new HarnessError('BAD_VALUE', `--${name} must be a non-empty token without spaces`);
    return s;
  };
  const target = v.target === undefined ? undefined : targetUrl(v.target);
  const profile = v.profile;
  if (profile !== 'default' && profile !== 'openapi') throw new HarnessError('BAD_VALUE', `--profile must be default or openapi, not '${profile}'`);
  const o = {
    target,
    token: nonEmpty('token', v.token ?? (env['MFA_TOKEN'] || undefined)),
    readOnlyToken: nonEmpty('read-only-token', v['read-only-token'] ?? (env['MFA_READ_ONLY_TOKEN'] || undefined)),
    expiredToken: nonEmpty('expired-token', v['expired-token'] ?? (env['MFA_EXPIRED_TOKEN'] || undefined)),
    seed: v.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : intFlag('seed', v.seed, 0, 2 ** 31 - 1),
    runs: intFlag('runs', v.runs, 0, 10_000_000),
    concurrency: intFlag('concurrency', v.concurrency, 1, 1024),
    timeoutMs: intFlag('timeout', v.timeout, 100, 600_000),
    deadlineMs: durationFlag('deadline', v.deadline),
    profile: profile as 'default' | 'openapi',
    strict: v.strict, requireCoverage: v['require-coverage'], contract: !v['no-contract'], preflight: !v['no-preflight'],
    reportsDir: reportsDir(v['reports-dir']),
    exportPact: v['export-pact'],
  };
  if (o.target && !o.token) throw new HarnessError('BAD_FLAG', '--token (or MFA_TOKEN) is required with --target');
  return o;
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
  let embedded: EmbeddedServer | undefined;
  let { target, token, readOnlyToken, expiredToken } = o;
  if (target === undefined) {
    // The embedded server knows its own tokens: every case can run.
    token ??= DEFAULT_TOKENS.tokens[0]!;
    readOnlyToken ??= DEFAULT_TOKENS.readOnlyTokens[0]!;
    expiredToken ??= DEFAULT_TOKENS.expiredTokens[0]!;
    embedded = await startEmbeddedServer(['--token', token, '--read-only-token', readOnlyToken, '--expired-token', expiredToken, '--profile', o.profile]);
    target = embedded.url;
  }
  const transport = new Transport({ baseUrl: target, connections: o.concurrency, timeoutMs: o.timeoutMs });
  const interrupt = interrupts();
  try {
    if (o.preflight) {
      await preflight(transport, [{ label: 'token', token: token! }, ...(readOnlyToken ? [{ label: 'read-only token', token: readOnlyToken }] : [])], transport.basePath);
    } else {
      await assertReachable(transport);
    }
    const command = ['npx mfa-conformance run', o.target ? `--target ${o.target} --token "$MFA_TOKEN"` : '', readOnlyToken && o.target ? '--read-only-token "$MFA_READ_ONLY_TOKEN"' : '', expiredToken && o.target ? '--expired-token "$MFA_EXPIRED_TOKEN"' : '', `--seed ${o.seed}`, `--runs ${o.runs}`, o.strict ? '--strict' : '', o.profile !== 'default' ? `--profile ${o.profile}` : ''].filter(Boolean).join(' ');
    process.stdout.write(`mfa-conformance run: target ${target}${embedded ? ' (embedded reference server)' : ''}, seed ${o.seed}, ${o.runs} random cases\n`);
    const progress = progressLine(process.stderr);
    interrupt.onFirst = (signal) => {
      progress.done();
      process.stderr.write(`mfa-conformance: ${signal}: stopping, deleting the objects this run created, writing partial reports (${signal} again exits at once)\n`);
    };
    const { report, findings, secrets: sent } = await runConformance({
      send: (r) => transport.send(r), urlOf: (r) => transport.urlOf(r),
      target, embedded: embedded !== undefined, seed: o.seed, runs: o.runs, strict: o.strict, profile: o.profile, concurrency: o.concurrency, token: token!,
      ...(readOnlyToken && { readOnlyToken }), ...(expiredToken && { expiredToken }),
      command, version: VERSION, onProgress: progress.update,
      stop: { signal: interrupt.signal, deadlineMs: o.deadlineMs, silenceMs: Math.max(30_000, 3 * o.timeoutMs) },
      ...(o.contract && { contractCheck: contractCheck(o.seed, progress) }),
    });
    progress.done();
    // Every must rule with no case is a gap, a skipped one (a token not given) included.
    const gaps = report.rules.filter((r) => r.strength === 'must' && r.cases === 0);
    if (o.requireCoverage && gaps.length > 0 && !report.stopped) report.exitCode = 1;
    // runStartedAt: a set another run published after this process started is kept, not overwritten.
    const written = await writeReports(report, o.reportsDir, { secrets: sent, runStartedAt: performance.timeOrigin });
    process.stdout.write(formatSummary(report, { secrets: sent, color: process.stdout.isTTY === true }));
    if (o.requireCoverage && gaps.length > 0) process.stdout.write(`coverage: ${gaps.length} must rule(s) with no case: ${gaps.map((g) => g.rule).join(', ')}\n`);
    if (o.exportPact !== undefined) {
      const { exportPact } = await import('../pact/contractCheck.ts');
      const failures = findings.filter((f) => f.severity === 'failure');
      const { written: n } = exportPact(failures, o.exportPact);
      process.stdout.write(`export-pact: ${n} failing case(s) written as pact interactions to ${o.exportPact}\n`);
    }
    for (const note of written.notes) process.stdout.write(`${note}\n`);
    process.stdout.write(`reports: ${written.paths.join(', ')} (run ${written.runId}${report.stopped ? ', partial' : ''})\n`);
    const replaced = await written.replacedNote();
    if (replaced !== undefined) process.stdout.write(`${replaced}\n`);
    if (report.stopped) throw stoppedError(report.stopped, interrupt.received);
    return report.exitCode;
  } finally {
    interrupt.dispose();
    await transport.close();
    await embedded?.close();
  }
}

/** A stopped run's error: the reports are written; the line says why it stopped. */
function stoppedError(s: NonNullable<Awaited<ReturnType<typeof runConformance>>['report']['stopped']>, signal: string | undefined): HarnessError {
  if (s.kind === 'interrupted') return new HarnessError(signal === 'SIGTERM' ? 'TERMINATED' : 'INTERRUPTED', `${signal ?? 'interrupted'}: stopped after ${s.cases} cases; the reports are partial`);
  const last = s.lastError ? `; last transport error: ${s.lastError.code} ${s.lastError.message}` : '';
  return new HarnessError(s.kind === 'silent' ? 'TARGET_STOPPED' : s.kind === 'degenerate' ? 'TARGET_REFUSED' : 'RUN_INCOMPLETE', `${s.message}${last}; the reports are partial`);
}

/**
 * SIGINT/SIGTERM: the first stops the run (the runner deletes what it
 * created and the reports are written, marked partial); a second exits at once.
 */
function interrupts(): { signal: AbortSignal; received: string | undefined; onFirst: (signal: string) => void; dispose(): void } {
  const ac = new AbortController();
  const state = {
    signal: ac.signal,
    received: undefined as string | undefined,
    onFirst: (_signal: string): void => undefined,
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
async function assertReachable(t: Transport): Promise<void> {
  const ex = await t.send({ method: 'GET', path: '/mfa-servers?folder=mfa-conformance-probe&position=pre', headers: {} });
  if (ex.transportError) throw new HarnessError('UNREACHABLE_TARGET', `target ${t.origin}${t.basePath} is unreachable: ${ex.transportError.code} ${ex.transportError.message}`);
}

// `mfa-conformance run`: fuzz a target (default: the embedded reference
// server), print a summary, write reports/. Exit 0: no must failure; 1:
// findings; 2: usage error or unreachable target (one line).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { formatSummary } from '../report/consoleSummary.ts';
import { writeReports } from '../report/writeReports.ts';
import { runConformance } from '../runner/run.ts';
import { Transport } from '../transport/transport.ts';
import { DEFAULT_TOKENS } from '../oracle/config.ts';
import { startEmbeddedServer, type EmbeddedServer } from './embeddedServer.ts';
import { HarnessError } from './harnessError.ts';
import { progressLine } from './progressLine.ts';

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export const RUN_OPTIONS = {
  target: { type: 'string' },
  token: { type: 'string' },
  'read-only-token': { type: 'string' },
  'expired-token': { type: 'string' },
  seed: { type: 'string' },
  runs: { type: 'string', default: '2000' },
  concurrency: { type: 'string', default: '16' },
  timeout: { type: 'string', default: '10000' },
  strict: { type: 'boolean', default: false },
  'require-coverage': { type: 'boolean', default: false },
  'reports-dir': { type: 'string', default: 'reports' },
  'export-pact': { type: 'string' },
  'no-contract': { type: 'boolean', default: false },
  profile: { type: 'string', default: 'default' },
} as const;

function intFlag(name: string, raw: string, min: number, max: number): number {
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) throw new HarnessError('BAD_VALUE', `--${name} must be an integer in ${min}..${max}, not '${raw}'`);
  return Number(raw);
}

export async function runCommand(argv: string[]): Promise<number> {
  const { values: v } = parseArgs({ args: argv, options: RUN_OPTIONS, strict: true, allowPositionals: false });
  const seed = v.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : intFlag('seed', v.seed, 0, 2 ** 31 - 1);
  const runs = intFlag('runs', v.runs, 0, 10_000_000);
  const concurrency = intFlag('concurrency', v.concurrency, 1, 1024);
  const timeoutMs = intFlag('timeout', v.timeout, 100, 600_000);
  if (v.profile !== 'default' && v.profile !== 'openapi') throw new HarnessError('BAD_VALUE', `--profile must be default or openapi, not '${v.profile}'`);
  const profile = v.profile;
  const env = process.env;
  let embedded: EmbeddedServer | undefined;
  let target = v.target;
  let token = v.token ?? env['MFA_TOKEN'];
  let readOnlyToken = v['read-only-token'] ?? env['MFA_READ_ONLY_TOKEN'];
  let expiredToken = v['expired-token'] ?? env['MFA_EXPIRED_TOKEN'];
  if (target === undefined) {
    // The embedded server knows its own tokens: every case can run.
    token ??= DEFAULT_TOKENS.tokens[0]!;
    readOnlyToken ??= DEFAULT_TOKENS.readOnlyTokens[0]!;
    expiredToken ??= DEFAULT_TOKENS.expiredTokens[0]!;
  } else {
    try { new URL(target); } catch { throw new HarnessError('BAD_VALUE', `--target must be a base URL such as http://127.0.0.1:8080/config/identity/v1, not '${target}'`); }
    if (!token) throw new HarnessError('BAD_FLAG', '--token (or MFA_TOKEN) is required with --target');
  }
  if (target === undefined) {
    embedded = await startEmbeddedServer(['--token', token!, '--read-only-token', readOnlyToken!, '--expired-token', expiredToken!, '--profile', profile]);
    target = embedded.url;
  }
  const transport = new Transport({ baseUrl: target, connections: concurrency, timeoutMs });
  try {
    await assertReachable(transport);
    const command = ['npx mfa-conformance run', v.target ? `--target ${v.target} --token "$MFA_TOKEN"` : '', readOnlyToken && v.target ? '--read-only-token "$MFA_READ_ONLY_TOKEN"' : '', expiredToken && v.target ? '--expired-token "$MFA_EXPIRED_TOKEN"' : '', `--seed ${seed}`, `--runs ${runs}`, v.strict ? '--strict' : '', profile !== 'default' ? `--profile ${profile}` : ''].filter(Boolean).join(' ');
    process.stdout.write(`mfa-conformance run: target ${target}${embedded ? ' (embedded reference server)' : ''}, seed ${seed}, ${runs} random cases\n`);
    const progress = progressLine(process.stderr);
    const { report, findings, secrets: sent } = await runConformance({
      send: (r) => transport.send(r), urlOf: (r) => transport.urlOf(r),
      target, embedded: embedded !== undefined, seed, runs, strict: v.strict, profile, concurrency, token: token!,
      ...(readOnlyToken && { readOnlyToken }), ...(expiredToken && { expiredToken }),
      command, version: VERSION, onProgress: progress.update,
      ...(!v['no-contract'] && { contractCheck: contractCheckWith(seed) }),
    });
    progress.done();
    // Every must rule with no case is a gap, a skipped one (a token not given) included.
    const gaps = report.rules.filter((r) => r.strength === 'must' && r.cases === 0);
    if (v['require-coverage'] && gaps.length > 0) report.exitCode = 1;
    // runStartedAt: a set another run published after this process started is kept, not overwritten.
    const written = await writeReports(report, v['reports-dir'], { secrets: sent, runStartedAt: performance.timeOrigin });
    process.stdout.write(formatSummary(report, { secrets: sent, color: process.stdout.isTTY === true }));
    if (v['require-coverage'] && gaps.length > 0) process.stdout.write(`coverage: ${gaps.length} must rule(s) with no case: ${gaps.map((g) => g.rule).join(', ')}\n`);
    if (v['export-pact'] !== undefined) {
      const { exportPact } = await import('../pact/contractCheck.ts');
      const failures = findings.filter((f) => f.severity === 'failure');
      const { written: n } = exportPact(failures, v['export-pact']);
      process.stdout.write(`export-pact: ${n} failing case(s) written as pact interactions to ${v['export-pact']}\n`);
    }
    for (const note of written.notes) process.stdout.write(`${note}\n`);
    process.stdout.write(`reports: ${written.paths.join(', ')} (run ${written.runId})\n`);
    const replaced = await written.replacedNote();
    if (replaced !== undefined) process.stdout.write(`${replaced}\n`);
    return report.exitCode;
  } finally {
    await transport.close();
    await embedded?.close();
  }
}

/** The Pact contract check of every response (src/pact/contractCheck.ts), loaded only when used. */
function contractCheckWith(seed: number): NonNullable<Parameters<typeof runConformance>[0]['contractCheck']> {
  return async (exchanges, hooks) => {
    const { checkAgainstContract } = await import('../pact/contractCheck.ts');
    const r = await checkAgainstContract(exchanges, { seed, ...hooks });
    process.stdout.write(`contract check (Pact): ${r.checked} representative responses of ${r.classes} outcome classes replayed through the Verifier, ${r.findings.length} mismatch(es), ${(r.ms / 1000).toFixed(1)} s\n`);
    return r.findings;
  };
}

/** One request before the run: a target that does not answer is a usage error (exit 2), not a finding. */
async function assertReachable(t: Transport): Promise<void> {
  const ex = await t.send({ method: 'GET', path: '/mfa-servers?folder=mfa-conformance-probe&position=pre', headers: {} });
  if (ex.transportError) throw new HarnessError('UNREACHABLE_TARGET', `target ${t.origin}${t.basePath} is unreachable: ${ex.transportError.code} ${ex.transportError.message}`);
}

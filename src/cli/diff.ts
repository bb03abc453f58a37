// `mfa-conformance diff --target A --token ... [--against B --against-token ...]`
// (issue "Stateful testing", item 5): the same seeded cases and command
// sequences go to two targets, one run each (A first, then B, each with its
// own session, objects named after the run and the side, each cleaned up);
// every answer of A is paired with B's at the same place in the run and the
// pairs that differ are listed (runner/divergence.ts says which fail diff).
// B defaults to the embedded reference server. Writes reports/diff.json and
// reports/diff.html. Exit 0: no divergence; 1: a divergence; 2: misuse.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_TOKENS } from '../oracle/config.ts';
import { diffDoc, diffHtml, diffSummary, type DiffSide } from '../report/diffReport.ts';
import { answerOf, compare, MAX_ANSWERS, type Answer } from '../runner/divergence.ts';
import { parseJson } from '../runner/evaluateExchange.ts';
import { DEFAULT_STATEFUL_RUNS, runConformance } from '../runner/run.ts';
import type { ApiRequest } from '../spec/types.ts';
import { ACCESS_OPTIONS, openTarget, resolveAccess, type Access } from './access.ts';
import { startEmbeddedServer } from './embeddedServer.ts';
import { HarnessError } from './harnessError.ts';
import { intFlag, parseOptions, type CommandSpec } from './options.ts';
import { VERSION } from './version.ts';

export const DIFF = {
  name: 'diff',
  summary: 'Sends the same seeded cases and sequences to two targets and lists where their answers differ.',
  about: [
    'A divergence: the two answers differ (status, error code, message or body shape; ids, names and secrets normalised) and at least one fails the oracle. Two answers semantics.md both allows are listed as notes and do not fail.',
    'Exit 0: no divergence; 1: a divergence; 2: misuse, an unreachable target, a refused token.',
  ],
  options: {
    target: { type: 'string', value: 'URL', help: 'target A: a base URL with the API prefix', group: 'target' },
    ...ACCESS_OPTIONS,
    'expired-token': { type: 'string', value: 'T', help: "A's expired token (Key Expired cases)", env: 'MFA_EXPIRED_TOKEN', group: 'target' },
    against: { type: 'string', value: 'URL', help: 'target B (default: the embedded reference server)', group: 'against' },
    'against-token': { type: 'string', value: 'T', help: "B's read-write bearer token", env: 'MFA_AGAINST_TOKEN', group: 'against' },
    'against-read-only-token': { type: 'string', value: 'T', help: "B's read-only bearer token", env: 'MFA_AGAINST_READ_ONLY_TOKEN', group: 'against' },
    'against-expired-token': { type: 'string', value: 'T', help: "B's expired token", env: 'MFA_AGAINST_EXPIRED_TOKEN', group: 'against' },
    seed: { type: 'string', value: 'N', help: 'seed of the cases (default: a new one, printed)', group: 'cases' },
    runs: { type: 'string', value: 'N', default: '2000', help: 'random cases after the boundary cases', group: 'cases' },
    'stateful-runs': { type: 'string', value: 'N', default: String(DEFAULT_STATEFUL_RUNS), help: 'command sequences (0: none)', group: 'cases' },
    profile: { type: 'string', value: 'default|openapi', default: 'default', help: 'the rule profile', group: 'cases' },
    strict: { type: 'boolean', default: false, help: 'an answer that breaks a should rule counts as failing', group: 'verdict' },
    concurrency: { type: 'string', value: 'N', default: '16', help: 'requests in flight', group: 'limits' },
    timeout: { type: 'string', value: 'MS', default: '10000', help: 'per-request deadline', group: 'limits' },
    'reports-dir': { type: 'string', value: 'DIR', default: 'reports', help: 'where diff.json and diff.html go', group: 'output' },
  },
} as const satisfies CommandSpec;

interface Side { label: 'A' | 'B'; target: string | undefined; access: Access; expiredToken: string | undefined }

/** One run against one side; its answers by place, and its verdict. */
async function runSide(side: Side, o: { seed: number; runs: number; statefulRuns: number; strict: boolean; profile: 'default' | 'openapi'; concurrency: number; timeoutMs: number; runId: string; onStatus(line: string): void }): Promise<{ answers: Map<string, Answer>; side: DiffSide; secrets: string[] }> {
  let { token, readOnlyToken } = side.access;
  let expiredToken = side.expiredToken;
  let embedded: Awaited<ReturnType<typeof startEmbeddedServer>> | undefined;
  let target = side.target;
  if (target === undefined) {
    token ??= DEFAULT_TOKENS.tokens[0]!;
    readOnlyToken ??= DEFAULT_TOKENS.readOnlyTokens[0]!;
    expiredToken ??= DEFAULT_TOKENS.expiredTokens[0]!;
    embedded = await startEmbeddedServer(['--token', token, '--read-only-token', readOnlyToken, '--expired-token', expiredToken, '--profile', o.profile]);
    target = embedded.url;
  }
  if (!token) throw new HarnessError('BAD_FLAG', side.label === 'A' ? '--target needs --token (or MFA_TOKEN), or --client-id and --client-secret' : '--against needs --against-token (or MFA_AGAINST_TOKEN)');
  const open = openTarget(target, side.access, { concurrency: o.concurrency, timeoutMs: o.timeoutMs });
  try {
    await open.authenticate();
    const probe: ApiRequest = { method: 'GET', path: '/mfa-servers?folder=mfa-conformance-probe&position=pre', headers: {} };
    const ex = await open.client.send(probe);
    if (ex.transportError) throw new HarnessError('UNREACHABLE_TARGET', `target ${side.label} ${target} is unreachable: ${ex.transportError.code} ${ex.transportError.message}`);
    o.onStatus(`diff: side ${side.label}: ${target}${embedded ? ' (embedded reference server)' : ''}, seed ${o.seed}`);
    const answers = new Map<string, Answer>();
    const secrets = [...side.access.secrets, ...(expiredToken ? [expiredToken] : [])];
    const norm = { prefix: `mfa-conf-${o.runId}-`, secrets };
    const { report, secrets: used } = await runConformance({
      send: (r) => open.client.send(r), urlOf: (r) => open.client.urlOf(r),
      target, embedded: embedded !== undefined, cleanup: true, runId: o.runId,
      seed: o.seed, runs: o.runs, statefulRuns: o.statefulRuns, strict: o.strict, profile: o.profile, concurrency: o.concurrency,
      token, ...(readOnlyToken && { readOnlyToken }), ...(expiredToken && { expiredToken }),
      command: 'diff', version: VERSION,
      onExchange: (e, verdicts, rule, _shape, key) => {
        if (key === undefined || answers.size >= MAX_ANSWERS) return;
        answers.set(key, answerOf(e, verdicts, rule, key, e.response ? parseJson(e.response.body) : undefined, norm));
      },
    });
    return {
      answers, secrets: [...used, ...open.secrets()],
      side: { label: side.label, target, exitCode: report.exitCode, failed: report.totals.failed, warnings: report.totals.warnings },
    };
  } finally {
    await open.close();
    await embedded?.close();
  }
}

export async function diffCommand(argv: string[]): Promise<number> {
  const v = parseOptions(DIFF, argv);
  const env = process.env;
  if (v.target === undefined) throw new HarnessError('BAD_FLAG', 'diff needs --target (target A; --against names B, default the embedded reference server)');
  for (const [flag, raw] of [['target', v.target], ['against', v.against]] as const) {
    if (raw === undefined) continue;
    let u: URL;
    try { u = new URL(raw); } catch { throw new HarnessError('BAD_VALUE', `--${flag} must be a base URL such as https://api.strata.paloaltonetworks.com/config/identity/v1, not '${raw}'`); }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new HarnessError('BAD_VALUE', `--${flag} must be an http:// or https:// URL, not ${u.protocol}//...`);
  }
  const profile = v.profile;
  if (profile !== 'default' && profile !== 'openapi') throw new HarnessError('BAD_VALUE', `--profile must be default or openapi, not '${profile}'`);
  const a: Side = { label: 'A', target: v.target, access: resolveAccess(v, env), expiredToken: v['expired-token'] ?? (env['MFA_EXPIRED_TOKEN'] || undefined) };
  // B's tokens come from its own flags and variables only: A's never reach B.
  const bToken = v['against-token'] ?? (env['MFA_AGAINST_TOKEN'] || undefined);
  const bReadOnly = v['against-read-only-token'] ?? (env['MFA_AGAINST_READ_ONLY_TOKEN'] || undefined);
  const b: Side = {
    label: 'B', target: v.against,
    access: resolveAccess({ ...(bToken !== undefined && { token: bToken }), ...(bReadOnly !== undefined && { 'read-only-token': bReadOnly }), 'auth-style': 'auto', insecure: v.insecure, ...(v['ca-cert'] !== undefined && { 'ca-cert': v['ca-cert'] }) }, {}),
    expiredToken: v['against-expired-token'] ?? (env['MFA_AGAINST_EXPIRED_TOKEN'] || undefined),
  };
  if (v.against !== undefined && !bToken) throw new HarnessError('BAD_FLAG', '--against needs --against-token (or MFA_AGAINST_TOKEN)');
  const seed = v.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : intFlag('seed', v.seed, 0, 2 ** 31 - 1);
  const o = {
    seed, runs: intFlag('runs', v.runs, 0, 1_000_000), statefulRuns: intFlag('stateful-runs', v['stateful-runs'], 0, 100_000),
    strict: v.strict, profile: profile as 'default' | 'openapi',
    concurrency: intFlag('concurrency', v.concurrency, 1, 1024), timeoutMs: intFlag('timeout', v.timeout, 100, 600_000),
  };
  const dir = v['reports-dir'];
  // Both runs' objects are named after the seed, the start and the side: the same length, so the same cases.
  const base = `${seed}t${Math.floor(Date.now() / 1000).toString(36)}`;
  const status = (line: string): void => { process.stdout.write(`${line}\n`); };
  const startedAt = new Date().toISOString();
  const ra = await runSide(a, { ...o, runId: `${base}a`, onStatus: status });
  const rb = await runSide(b, { ...o, runId: `${base}b`, onStatus: status });
  const c = compare(ra.answers, rb.answers);
  const command = ['npx mfa-conformance diff', `--target ${v.target}`, ...a.access.replayFlags, v.against ? `--against ${v.against} --against-token "$MFA_AGAINST_TOKEN"` : '', `--seed ${seed}`, `--runs ${o.runs}`,
    o.statefulRuns !== DEFAULT_STATEFUL_RUNS ? `--stateful-runs ${o.statefulRuns}` : '', o.strict ? '--strict' : '', o.profile !== 'default' ? `--profile ${o.profile}` : ''].filter(Boolean).join(' ');
  const doc = diffDoc(c, { seed, strict: o.strict, startedAt, command, a: ra.side, b: rb.side });
  mkdirSync(dir, { recursive: true });
  // Written whole, then renamed: a reader never sees half a file.
  for (const [name, text] of [['diff.json', `${JSON.stringify(doc, null, 2)}\n`], ['diff.html', diffHtml(doc)]] as const) {
    const tmp = join(dir, `.${name}.${process.pid}.tmp`);
    writeFileSync(tmp, text);
    renameSync(tmp, join(dir, name));
  }
  process.stdout.write(diffSummary(doc, { divergences: c.divergences.length, notes: c.notes.length }));
  process.stdout.write(`reports: ${join(dir, 'diff.json')}, ${join(dir, 'diff.html')}\n`);
  return doc.exitCode;
}

// `mfa-conformance merge` end to end: one real run's conformance.json cut
// into three shards (as `run --shard i/3` would mark them), merged by the CLI
// as a child process: the four outputs, the unsharded verdict, a failing
// shard, a missing one, and misuse (one line, exit 2, nothing written).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { checkReportSet } from '../report/reportSet.ts';
import type { SafeFinding } from '../report/safeFinding.ts';
import { sequenceFile } from '../report/sequenceFile.ts';
import { main } from './main.ts';

const BIN = fileURLToPath(new URL('./bin.mjs', import.meta.url));
const ENV = { ...process.env, MFA_TOKEN: '', SCM_CLIENT_ID: '', SCM_CLIENT_SECRET: '', SCM_SCOPE: '', SCM_AUTH_URL: '' };

interface Ran { status: number | null; stdout: string; stderr: string }
function cli(...args: string[]): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [BIN, ...args], { env: ENV });
    let stdout = '', stderr = '';
    p.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    p.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    p.on('error', reject);
    p.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

type Json = Record<string, any>;
const read = (dir: string): Json => JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8')) as Json;
const junitOf = (dir: string): Json => new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(readFileSync(join(dir, 'junit.xml'), 'utf8')).testsuites;
const allureOf = (dir: string): Json[] => readdirSync(join(dir, 'allure-results')).filter((f) => f.endsWith('-result.json')).map((f) => JSON.parse(readFileSync(join(dir, 'allure-results', f), 'utf8')) as Json);

/** n parts of x that add up to it, the remainder going to part `off` on. */
const parts = (x: number, n: number, off: number): number[] => Array.from({ length: n }, (_, i) => Math.floor(x / n) + (((i - off) % n + n) % n < x % n ? 1 : 0));

/** A whole run's conformance.json as shard i of n would carry its share. */
function shardOf(whole: Json, i: number, n: number): Json {
  const cut = (x: number, off: number): number => parts(x, n, off)[i]!;
  const tallies = (t: Json): Json => Object.fromEntries(Object.entries(t).map(([k, v]: [string, any], j) => [k, { cases: cut(v.cases, j), failed: cut(v.failed, j), warnings: cut(v.warnings, j) }]));
  const rules = (whole['rules'] as Json[]).map((r, j) => {
    const passed = cut(r['passed'], j), failed = cut(r['failed'], j), warnings = cut(r['warnings'], j), cases = passed + failed + warnings;
    const boundaryCases = cut(r['boundaryCases'], j);
    return {
      ...r, cases, boundaryCases, passed, failed, warnings, coverage: { cases, boundaryCases, gap: cases === 0 },
      status: failed > 0 ? 'failed' : warnings > 0 ? 'warning' : cases === 0 ? 'not-exercised' : 'passed',
      ...(r['answers'] && { answers: Object.fromEntries(Object.entries(r['answers'] as Record<string, number>).map(([k, c]) => [k, cut(c, j)])) }),
    };
  });
  const sum = (k: string): number => rules.reduce((t, r) => t + (r[k] as number), 0);
  return {
    ...whole, runId: `shard-${i + 1}-of-${n}`, shard: { index: i + 1, count: n },
    command: `${whole['command']} --shard ${i + 1}/${n}`,
    durationMs: Math.round(whole['durationMs'] / n) + i, planned: cut(whole['planned'], 0), failingCases: cut(whole['failingCases'], 1),
    rules, totals: { cases: sum('cases'), passed: sum('passed'), failed: sum('failed'), warnings: sum('warnings') },
    vendors: tallies(whole['vendors']), containers: tallies(whole['containers']),
  };
}

const FAILING_RULE = 'body.folder.pattern';
/** Shard 2 where one case of a rule failed, with its counterexample as a shard's writer renders it. */
function failing(doc: Json): Json {
  const rules = (doc['rules'] as Json[]).map((r) => (r['id'] !== FAILING_RULE ? r : {
    ...r, status: 'failed', passed: r['passed'] - 1, failed: 1,
    counterexamples: [{
      check: 'status', rule: FAILING_RULE, strength: 'must', severity: 'failure',
      summary: 'Received: 200 / Expected: 400 E003 (Invalid Object)',
      request: 'POST /mfa-servers?folder=a%2Fb\nauthorization: Bearer [REDACTED] (21 chars)\ncontent-type: application/json\n\n{\n  "name": "x",\n  "okta_token": "[REDACTED 9 chars]"\n}',
      response: 'HTTP 200\ncontent-type: application/json\n\n{\n  "id": "1"\n}',
      replay: 'curl -sS -X POST "$MFA_TARGET_URL/mfa-servers?folder=a%2Fb" -H "Authorization: Bearer $MFA_TOKEN"', seed: 1, path: '0:3',
    }],
  }));
  return { ...doc, rules, failingCases: doc['failingCases'] + 1, totals: { ...doc['totals'], passed: doc['totals'].passed - 1, failed: doc['totals'].failed + 1 }, exitCode: 1, verdict: 'FAIL' };
}

let tmp = '';
let whole: Json = {};
const dir = (name: string): string => join(tmp, name);
function put(name: string, doc: Json | string): string {
  mkdirSync(dir(name), { recursive: true });
  writeFileSync(join(dir(name), 'conformance.json'), typeof doc === 'string' ? doc : JSON.stringify(doc, null, 2));
  return dir(name);
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'mfa-merge-'));
  const r = await cli('run', '--runs', '20', '--no-contract', '--seed', '1', '--reports-dir', dir('whole'));
  expect(r.status, r.stderr).toBe(0);
  whole = read(dir('whole'));
  const shards = [0, 1, 2].map((i) => shardOf(whole, i, 3));
  shards.forEach((s, i) => put(`s${i + 1}`, s));
  put('s2-failing', failing(shards[1]!));
  put('s2-other-seed', { ...shards[1]!, seed: 2 });
  put('s2-as-of-4', { ...shards[1]!, shard: { index: 2, count: 4 } });
  put('not-json', 'this is not JSON {');
  put('not-a-doc', { hello: 'world' });
  mkdirSync(dir('empty'));
  writeFileSync(dir('a-file'), 'x');
});

/** What the merged reports and the unsharded run's must agree on. */
const verdictOf = (d: Json): Json => ({
  verdict: d['verdict'], exitCode: d['exitCode'], ruleTotals: d['ruleTotals'], totals: d['totals'], gaps: d['gaps'], planned: d['planned'],
  failingCases: d['failingCases'], vendors: d['vendors'], containers: d['containers'], seed: d['seed'], runs: d['runs'], strict: d['strict'], profile: d['profile'],
  rules: (d['rules'] as Json[]).map((r) => [r['id'], r['status'], r['cases'], r['boundaryCases'], r['passed'], r['failed'], r['warnings'], r['answers']]),
});

describe('mfa-conformance merge', () => {
  it('three shards: one set of reports with the unsharded run\'s verdict; a failing shard fails it; a missing one makes it partial', async () => {
    const [ok, fail, partial] = await Promise.all([
      cli('merge', dir('s1'), dir('s2'), dir('s3'), '--reports-dir', dir('out-ok')),
      cli('merge', '--reports-dir', dir('out-fail'), dir('s3'), dir('s2-failing'), dir('s1')),
      cli('merge', dir('s1'), dir('s3'), '--reports-dir', dir('out-partial')),
    ]);

    // The unsharded verdict, in every output, as one whole set.
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toMatch(/^PASS: \d+ rules: .* \(exit 0\)$/m);
    expect(await checkReportSet(dir('out-ok'))).toMatchObject({ whole: true, problems: [] });
    const merged = read(dir('out-ok'));
    expect(verdictOf(merged)).toEqual(verdictOf(whole));
    expect(merged['command']).toBe(whole['command']);
    expect(merged).not.toHaveProperty('shard');
    expect(merged['merged']).toMatchObject({ from: [dir('s1'), dir('s2'), dir('s3')], shards: [1, 2, 3].map((index) => ({ index, count: 3, runId: `shard-${index}-of-3`, exitCode: 0 })) });
    const [j, jw] = [junitOf(dir('out-ok')), junitOf(dir('whole'))];
    for (const k of ['tests', 'failures', 'skipped']) expect(j[k]).toBe(jw[k]);
    expect(readFileSync(join(dir('out-ok'), 'conformance.html'), 'utf8')).toContain('id="verdict">PASS<');
    expect(allureOf(dir('out-ok'))).toHaveLength(allureOf(dir('whole')).length);

    // One failing case in shard 2 fails the merge, with its counterexample in every output.
    expect(fail.status, fail.stderr).toBe(1);
    expect(fail.stdout).toContain(`✗ ${FAILING_RULE}: Received: 200 / Expected: 400 E003 (Invalid Object)`);
    expect(fail.stdout).toMatch(/^FAIL: .* \(exit 1\)$/m);
    const failed = read(dir('out-fail'));
    expect(failed).toMatchObject({ verdict: 'FAIL', exitCode: 1, ruleTotals: { failed: 1 }, failingCases: whole['failingCases'] + 1 });
    expect(failed['rules'].find((r: Json) => r['id'] === FAILING_RULE)).toMatchObject({ status: 'failed', failed: 1, counterexamples: [{ path: '0:3', request: expect.stringContaining('"okta_token": "[REDACTED 9 chars]"') }] });
    expect(junitOf(dir('out-fail')).failures).toBe('1');
    expect(readFileSync(join(dir('out-fail'), 'conformance.html'), 'utf8')).toContain(`id="failure-${FAILING_RULE}"`);
    expect(allureOf(dir('out-fail')).find((t) => t['name'] === FAILING_RULE)).toMatchObject({ status: 'failed' });

    // Shards 1 and 3 of 3: merged, partial, one warning line, the merged verdict as exit code.
    expect(partial.status, partial.stderr).toBe(0);
    expect(partial.stderr.trim().split('\n')).toEqual(['mfa-conformance merge: shard 2/3 missing: the merged report covers 2 of 3 shards and is marked partial']);
    expect(partial.stdout).toMatch(/^PARTIAL: shard 2\/3 missing/m);
    expect(read(dir('out-partial'))).toMatchObject({ stopped: { kind: 'incomplete', message: expect.stringContaining('shard 2/3 missing') }, merged: { missing: [2] }, verdict: 'PASS' });
    expect(readFileSync(join(dir('out-partial'), 'conformance.html'), 'utf8')).toContain('shard 2/3 missing');
  });

});

const SEQUENCE_RULE = 'get.success';
/** A shrunk sequence's counterexample as a shard's conformance.json carries it (safeFinding's SafeSequence), in `folder`'s replay line. */
function sequenceCounterexample(folder: string, received: string): Json {
  const file = `sequences/${SEQUENCE_RULE}-1-0.json`;
  const step = (n: number, command: string, method: string, path: string, failed = false): Json => ({
    n, command, method, path: path.replace('{step 1}', '6f1c0b9e-0000-4000-8000-000000000001'), replayPath: path, token: 'read-write',
    expected: method === 'POST' ? '201 (the object)' : '200 (the object)', received: failed ? received : '200', replay: `curl -sS -X ${method} "$MFA_TARGET_URL${path}"`,
    ...(method === 'POST' && { replayBody: '{"name":"mfa-conf-1-0q0-a","mfa_cert_profile":"c","folder":"{container folder}"}' }),
    ...(failed && { failed: true }),
  });
  return {
    check: 'body', rule: SEQUENCE_RULE, strength: 'must', severity: 'failure',
    summary: `Received: ${received} / Expected: 200 (the object) (step 2 of a 2-step sequence)`,
    request: 'GET /mfa-servers/6f1c0b9e-0000-4000-8000-000000000001\nauthorization: Bearer [REDACTED] (9 chars)', response: `HTTP ${received}`,
    replay: `npx mfa-conformance replay ${join(folder, file)}`, seed: 1234, path: '3:0',
    sequence: {
      file, seed: 1234, path: '3:0', containers: [{ key: 'folder', value: 'mfa-conf-1-0q0-a', owned: true }],
      steps: [step(1, 'create', 'POST', '/mfa-servers'), step(2, 'get', 'GET', '/mfa-servers/{step 1}', true)],
    },
  };
}
/** Shard `doc` with one failing sequence, its file written beside its conformance.json as run writes it. */
function withSequence(name: string, doc: Json, received: string): string {
  const c = sequenceCounterexample(dir(name), received);
  const rules = (doc['rules'] as Json[]).map((r) => (r['id'] !== SEQUENCE_RULE ? r : { ...r, status: 'failed', passed: r['passed'] - 1, failed: r['failed'] + 1, counterexamples: [c] }));
  const at = put(name, { ...doc, rules, totals: { ...doc['totals'], passed: doc['totals'].passed - 1, failed: doc['totals'].failed + 1 }, exitCode: 1, verdict: 'FAIL' });
  mkdirSync(join(at, 'sequences'), { recursive: true });
  writeFileSync(join(at, c['sequence'].file), sequenceFile(c as SafeFinding, doc['tool'].version));
  return at;
}

describe('mfa-conformance merge: the shards\' sequence files', () => {
  it('are in the merged set, byte for byte, each replay line naming its copy; two shards\' files of one name both kept', async () => {
    // Shards 2 and 3 each failed get.success in lane 0: runner/stateful.ts names both sequences/get.success-1-0.json.
    const s2 = withSequence('s2-sequence', shardOf(whole, 1, 3), '404');
    const s3 = withSequence('s3-sequence', shardOf(whole, 2, 3), '500');
    const out = dir('out-sequences');
    const r = await inProcess(['merge', dir('s1'), s2, s3, '--reports-dir', out]);
    expect(r.status, r.stderr).toBe(1);
    expect(await checkReportSet(out)).toMatchObject({ whole: true, problems: [] });
    const files = readdirSync(join(out, 'sequences')).sort();
    expect(files).toEqual([`${SEQUENCE_RULE}-1-0-shard3.json`, `${SEQUENCE_RULE}-1-0.json`]);
    const shardFile = (at: string): string => readFileSync(join(at, 'sequences', `${SEQUENCE_RULE}-1-0.json`), 'utf8');
    expect(readFileSync(join(out, 'sequences', `${SEQUENCE_RULE}-1-0.json`), 'utf8')).toBe(shardFile(s2));
    expect(readFileSync(join(out, 'sequences', `${SEQUENCE_RULE}-1-0-shard3.json`), 'utf8')).toBe(shardFile(s3));
    const kept = (read(out)['rules'] as Json[]).find((x) => x['id'] === SEQUENCE_RULE)!['counterexamples'] as Json[];
    expect(kept.map((c) => [c['sequence'].file, c['replay']])).toEqual([
      [`sequences/${SEQUENCE_RULE}-1-0.json`, `npx mfa-conformance replay ${join(out, 'sequences', `${SEQUENCE_RULE}-1-0.json`)}`],
      [`sequences/${SEQUENCE_RULE}-1-0-shard3.json`, `npx mfa-conformance replay ${join(out, 'sequences', `${SEQUENCE_RULE}-1-0-shard3.json`)}`],
    ]);
    expect(readFileSync(join(out, 'conformance.html'), 'utf8')).toContain(join(out, 'sequences', `${SEQUENCE_RULE}-1-0-shard3.json`));
  });

  it('a sequence file outside sequences/ is no conformance.json: exit 2, nothing written', async () => {
    const doc = read(withSequence('s2-sequence-source', shardOf(whole, 1, 3), '404'));
    doc['rules'].find((x: Json) => x['id'] === SEQUENCE_RULE).counterexamples[0].sequence.file = '../../escaped.json';
    const at = put('s2-sequence-outside', doc);
    const out = dir('out-sequence-outside');
    const r = await inProcess(['merge', dir('s1'), at, dir('s3'), '--reports-dir', out]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toMatch(/counterexamples\[0\]\.sequence\.file is not sequences\/<name>\.json$/);
    expect(existsSync(out)).toBe(false);
  });
});

/** main() in this process, as bin.mjs calls it: its exit status and what it wrote to stderr. */
async function inProcess(args: string[]): Promise<{ status: number; stderr: string }> {
  let stderr = '';
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => { stderr += String(chunk); return true; });
  try {
    return { status: await main(args), stderr };
  } finally {
    spy.mockRestore();
  }
}

describe('mfa-conformance merge: misuse is one line and exit 2, and writes nothing', () => {
  const cases = [
    ['no folder', () => ['merge'], /^mfa-conformance: merge: name the reports folders to merge/],
    ['a folder without conformance.json', () => ['merge', dir('s1'), dir('empty')], /^mfa-conformance: merge: cannot read .*empty\/conformance\.json \(ENOENT\)/],
    ['a folder that does not exist', () => ['merge', dir('nowhere')], /cannot read .*nowhere\/conformance\.json \(ENOENT\)/],
    ['a conformance.json that is not JSON', () => ['merge', dir('not-json')], /not-json\/conformance\.json is not JSON$/],
    ['a JSON file that is not a conformance.json', () => ['merge', dir('s1'), dir('not-a-doc')], /not-a-doc\/conformance\.json is not the conformance\.json of a run: tool is not an object$/],
    ['shards of different seeds', () => ['merge', dir('s1'), dir('s2-other-seed')], /the folders are not shards of one run: .*s1 has seed 1, .*s2-other-seed has seed 2$/],
    ['the same shard twice', () => ['merge', dir('s1'), dir('s2'), dir('s2-failing')], /s2 and .*s2-failing are both shard 2\/3$/],
    ['shard counts that disagree', () => ['merge', dir('s1'), dir('s2-as-of-4')], /the shard counts disagree: .*s1 is shard 1\/3, .*s2-as-of-4 is shard 2\/4$/],
    ['an unknown flag', () => ['merge', dir('s1'), '--shard', '1/3'], /^mfa-conformance: merge: unknown flag --shard \(see mfa-conformance merge --help\)$/],
    ['--reports-dir a file', () => ['merge', dir('s1'), '--reports-dir', dir('a-file')], /--reports-dir .*a-file is a file, not a folder$/],
  ] as const;
  const outFor = (name: string): string => dir(`out-misuse-${name.replace(/\W+/g, '-')}`);
  const argsFor = (name: string, args: readonly string[]): string[] => [...args, ...(args.includes('--reports-dir') ? [] : ['--reports-dir', outFor(name)])];

  it.each(cases)('%s', async (name, args, message) => {
    const r = await inProcess(argsFor(name, args()));
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(message);
    expect(existsSync(outFor(name))).toBe(false);
  });

  it('through bin.mjs too: exit 2, the one line, nothing on stdout', async () => {
    const [name, args, message] = cases.find(([n]) => n === 'shards of different seeds')!;
    const r = await cli(...argsFor(name, args()));
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('--help prints the usage and exits 0', async () => {
    let stdout = '';
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => { stdout += String(chunk); return true; });
    try {
      expect(await main(['merge', '--help'])).toBe(0);
    } finally {
      spy.mockRestore();
    }
    expect(stdout).toContain('usage: mfa-conformance merge DIR... [--reports-dir OUT]');
    expect(stdout).toContain('--reports-dir OUT');
  });
});

// mergeReports: shards of a run (their conformance.json files, as written)
// merge into the run they are: counts summed, counterexamples bounded as the
// runner bounds them, the unsharded verdict; missing shards make a partial
// report; folders that are not shards of one run are misuse (exit 2).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RuleStats } from '../runner/ruleStats.ts';
import type { Finding, RuleResult, RunReport } from '../runner/results.ts';
import { HarnessError, type HarnessErrorCode } from '../spec/errors.ts';
import { conformanceDoc, conformanceJson } from './conformanceJson.ts';
import { failingRun, gapRun, passingRun, SECRETS } from './fixtures.ts';
import { keepCounterexamples, MAX_COUNTEREXAMPLES, mergedDoc, mergeReports, unshardedCommand, type ShardInput } from './mergeReports.ts';

const secrets = Object.values(SECRETS);
type Json = Record<string, any>;

/** A report as its conformance.json reads back, with a shard mark when given. */
function docOf(report: RunReport, shard?: { index: number; count: number }): Json {
  const doc = JSON.parse(conformanceJson(conformanceDoc(report, secrets, `run-${shard?.index ?? 0}`))) as Json;
  return shard ? { ...doc, shard } : doc;
}

/** `x` cut into n parts that add up to it; `w` weighs the parts (default equal), `off` rotates the remainder. */
function parts(x: number, n: number, off: number, w?: readonly number[]): number[] {
  const weights = w ?? Array.from({ length: n }, () => 1);
  const total = weights.reduce((a, b) => a + b, 0);
  const out = weights.map((k) => Math.floor((x * k) / total));
  for (let left = x - out.reduce((a, b) => a + b, 0), i = 0; left > 0; left--, i++) out[(off + i) % n]!++;
  return out;
}

const splitTallies = (t: RuleResult['vendors'], n: number, off: number, w?: readonly number[]): RuleResult['vendors'][] => {
  const out: RuleResult['vendors'][] = Array.from({ length: n }, () => ({}));
  for (const [k, v] of Object.entries(t)) {
    const c = parts(v.cases, n, off, w), f = parts(v.failed, n, off + 1, w), x = parts(v.warnings, n, off + 2, w);
    out.forEach((o, i) => { o[k] = { cases: c[i]!, failed: f[i]!, warnings: x[i]! }; });
  }
  return out;
};

/** An unsharded run as n shards would report it: every count split, counterexamples dealt out in order. */
function split(report: RunReport, n: number, w?: readonly number[]): RunReport[] {
  const shards: RunReport[] = Array.from({ length: n }, (_, i) => ({
    ...report,
    command: `${report.command} --shard ${i + 1}/${n}`,
    startedAt: new Date(Date.parse(report.startedAt) + (n - i) * 1000).toISOString(),
    durationMs: report.durationMs - i * 10,
    rules: [],
    ...(report.planned !== undefined && { planned: parts(report.planned, n, 0, w)[i] }),
    ...(report.failingCases !== undefined && { failingCases: parts(report.failingCases, n, 1, w)[i] }),
  }));
  report.rules.forEach((r, ri) => {
    const p = parts(r.passed, n, ri, w), f = parts(r.failed, n, ri + 1, w), x = parts(r.warnings, n, ri + 2, w), b = parts(r.boundaryCases, n, ri, w);
    const vendors = splitTallies(r.vendors, n, ri, w), containers = splitTallies(r.containers, n, ri, w);
    const answers = r.answers && Object.entries(r.answers).map(([k, c]) => [k, parts(c, n, ri, w)] as const);
    shards.forEach((s, i) => {
      s.rules.push({
        ...r, passed: p[i]!, failed: f[i]!, warnings: x[i]!, cases: p[i]! + f[i]! + x[i]!, boundaryCases: b[i]!,
        vendors: vendors[i]!, containers: containers[i]!,
        counterexamples: r.counterexamples.filter((_, j) => j % n === i),
        ...(answers && { answers: Object.fromEntries(answers.map(([k, c]) => [k, c[i]!])) }),
      });
    });
  });
  for (const s of shards) {
    const sum = (k: 'cases' | 'passed' | 'failed' | 'warnings'): number => s.rules.reduce((t, r) => t + r[k], 0);
    s.totals = { cases: sum('cases'), passed: sum('passed'), failed: sum('failed'), warnings: sum('warnings') };
    s.exitCode = s.totals.failed > 0 ? 1 : 0;
  }
  return shards;
}

const inputs = (docs: Json[]): ShardInput[] => docs.map((doc, i) => ({ dir: `reports/shard-${i + 1}`, doc }));
const shardDocs = (report: RunReport, n: number, w?: readonly number[]): Json[] => split(report, n, w).map((s, i) => docOf(s, { index: i + 1, count: n }));
const merge = (docs: Json[]): Json => JSON.parse(conformanceJson(mergedDoc(mergeReports(inputs(docs)), 'merged-run'))) as Json;

/** What an unsharded run and its merged shards must agree on. */
function verdictOf(doc: Json): Json {
  return {
    verdict: doc['verdict'], exitCode: doc['exitCode'], ruleTotals: doc['ruleTotals'], totals: doc['totals'], gaps: doc['gaps'],
    planned: doc['planned'], failingCases: doc['failingCases'], vendors: doc['vendors'], containers: doc['containers'],
    seed: doc['seed'], runs: doc['runs'], strict: doc['strict'], profile: doc['profile'], skipped: doc['skipped'],
    rules: (doc['rules'] as Json[]).map((r) => ({ id: r['id'], status: r['status'], cases: r['cases'], boundaryCases: r['boundaryCases'], passed: r['passed'], failed: r['failed'], warnings: r['warnings'], answers: r['answers'], coverage: r['coverage'] })),
  };
}

/** A run with open-point answers and a should rule that warned, beside the fixtures. */
function answeringRun(strict: boolean): RunReport {
  const base = passingRun();
  const open = base.rules.filter((r) => r.strength === 'open').slice(0, 2);
  const should = base.rules.find((r) => r.strength === 'should')!;
  const rules = base.rules.map((r) => {
    if (open.includes(r)) return { ...r, answers: { '401 E016 Not Authenticated': r.cases - 2, '400 E003 Invalid Object': 2 } };
    if (r === should) return strict ? { ...r, passed: r.cases - 3, failed: 3 } : { ...r, passed: r.cases - 3, warnings: 3 };
    return r;
  });
  const sum = (k: 'cases' | 'passed' | 'failed' | 'warnings'): number => rules.reduce((t, r) => t + r[k], 0);
  return { ...base, strict, rules, planned: 1000, failingCases: strict ? 3 : 0, totals: { cases: sum('cases'), passed: sum('passed'), failed: sum('failed'), warnings: sum('warnings') }, exitCode: sum('failed') > 0 ? 1 : 0 };
}

describe('merged shards have the unsharded run\'s verdict', () => {
  const runs: Array<[string, () => RunReport]> = [
    ['a passing run', passingRun],
    ['a failing run', () => ({ ...failingRun(), planned: 1234, failingCases: 4 })],
    ['a run with coverage gaps', gapRun],
    ['a run with open-point answers and warnings', () => answeringRun(false)],
    ['a --strict run whose should rule failed', () => answeringRun(true)],
  ];
  it.each(runs.flatMap(([name, make]) => [1, 2, 3].map((n) => [name, n, make] as const)))('%s in %i shard(s)', (_name, n, make) => {
    const whole = make();
    const merged = merge(shardDocs(whole, n));
    expect(verdictOf(merged)).toEqual(verdictOf(docOf(whole)));
    // Every counterexample the shards had (at most the bound per rule) is kept, as rendered.
    const wholeDoc = docOf(whole);
    for (const r of merged['rules'] as Json[]) {
      const want = (wholeDoc['rules'] as Json[]).find((x) => x['id'] === r['id'])!['counterexamples'] as Json[];
      expect(r['counterexamples']).toHaveLength(Math.min(want.length, MAX_COUNTEREXAMPLES));
      for (const c of r['counterexamples'] as Json[]) expect(want).toContainEqual(c);
    }
    expect(merged['command']).toBe(wholeDoc['command']);
    expect(merged['stopped']).toBeUndefined();
    expect(merged).not.toHaveProperty('shard');
    expect(merged['merged']).toEqual({ from: Array.from({ length: n }, (_, i) => `reports/shard-${i + 1}`), shards: expect.any(Array) });
  });

  it('however the cases fall between the shards', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 5 }).chain((n) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n })), fc.constantFrom(failingRun, gapRun, () => answeringRun(true)), (w, make) => {
      const whole = make();
      const weights = w.every((x) => x === 0) ? w.map(() => 1) : w;
      expect(verdictOf(merge(shardDocs(whole, w.length, weights)))).toEqual(verdictOf(docOf(whole)));
    }), { numRuns: 30 });
  });

  it('the folders may come in any order', () => {
    const docs = shardDocs(failingRun(), 3);
    const a = merge(docs), b = merge([docs[2]!, docs[0]!, docs[1]!]);
    expect(verdictOf(b)).toEqual(verdictOf(a));
    expect((b['rules'] as Json[]).map((r) => r['counterexamples'])).toEqual((a['rules'] as Json[]).map((r) => r['counterexamples']));
    expect((b['merged'] as Json)['shards'].map((s: Json) => s['index'])).toEqual([1, 2, 3]);
  });

  it('no secret the shards redacted comes back', () => {
    const text = JSON.stringify(merge(shardDocs(failingRun(), 2)));
    for (const s of secrets) expect(text.includes(s)).toBe(false);
  });
});

describe('sums, extremes and unions', () => {
  const base = passingRun();
  const shard = (index: number, patch: Partial<RunReport>): Json => docOf({ ...base, ...patch }, { index, count: 2 });
  const a = shard(1, {
    startedAt: '2025-01-02T03:05:00.000Z', durationMs: 5000, planned: 600, failingCases: 0,
    skipped: [{ name: 'permission cases', reason: 'needs --read-only-token' }],
    transport: { retried: 3, waitedMs: 1500, reauthenticated: 1, refreshes: 2, slowestConcurrency: 8 },
    cleanup: { prefix: 'mfa-conf-7tabc-', deleted: 10, left: [], leftCount: 0 },
    command: 'npx mfa-conformance run --seed 424242 --runs 200 --shard 1/2',
  });
  const b = shard(2, {
    startedAt: '2025-01-02T03:04:00.000Z', durationMs: 7000, planned: 400, failingCases: 0,
    skipped: [{ name: 'permission cases', reason: 'a later reason' }, { name: 'expired token cases', reason: 'needs --expired-token' }],
    transport: { retried: 1, waitedMs: 500, reauthenticated: 0, refreshes: 1, slowestConcurrency: 4 },
    cleanup: { prefix: 'mfa-conf-7tabd-', deleted: 5, left: [{ id: 'x1', why: '500' }], leftCount: 1 },
    command: 'npx mfa-conformance run --seed 424242 --runs 200 --shard=2/2',
  });
  const m = mergeReports(inputs([a, b])).report;
  it.each([
    ['durationMs is the longest shard\'s', m.durationMs, 7000],
    ['startedAt is the earliest shard\'s', m.startedAt, '2025-01-02T03:04:00.000Z'],
    ['planned is summed', m.planned, 1000],
    ['failingCases is summed', m.failingCases, 0],
    ['totals are summed', m.totals.cases, 2 * base.totals.cases],
    ['a rule\'s cases are summed', m.rules[0]!.cases, 2 * base.rules[0]!.cases],
    ['skipped is the union by name, the first reason kept', m.skipped, [{ name: 'permission cases', reason: 'needs --read-only-token' }, { name: 'expired token cases', reason: 'needs --expired-token' }]],
    ['transport counts are summed, the slowest concurrency is the lowest', m.transport, { retried: 4, waitedMs: 2000, reauthenticated: 1, refreshes: 3, slowestConcurrency: 4 }],
    ['clean-up is summed; the prefix is of the job that left objects', m.cleanup, { prefix: 'mfa-conf-7tabd-', deleted: 15, left: [{ id: 'x1', why: '500' }], leftCount: 1 }],
    ['the command is the unsharded run\'s', m.command, 'npx mfa-conformance run --seed 424242 --runs 200'],
    ['strict, seed and runs are the shards\'', [m.strict, m.seed, m.runs, m.profile], [false, base.seed, base.runs, undefined]],
    ['merged names the folders and the shards', m.merged, { from: ['reports/shard-1', 'reports/shard-2'], shards: [{ index: 1, count: 2, dir: 'reports/shard-1', runId: 'run-1', exitCode: 0 }, { index: 2, count: 2, dir: 'reports/shard-2', runId: 'run-2', exitCode: 0 }] }],
  ] as const)('%s', (_name, got, want) => {
    expect(got).toEqual(want);
  });

  it('open-point answers are added up by answer', () => {
    const open = base.rules.find((r) => r.strength === 'open')!;
    const withAnswers = (index: number, answers: Record<string, number>): Json => docOf({ ...base, rules: base.rules.map((r) => (r === open ? { ...r, answers } : r)) }, { index, count: 2 });
    const r = mergeReports(inputs([withAnswers(1, { '401 E016': 2, '200 (bare object)': 1 }), withAnswers(2, { '401 E016': 3, '404 E005': 4 })])).report.rules.find((x) => x.rule === open.rule)!;
    expect(r.answers).toEqual({ '401 E016': 5, '200 (bare object)': 1, '404 E005': 4 });
  });

  it('the per-vendor and per-container tallies are summed', () => {
    const docs = [shard(1, {}), shard(2, {})];
    const res = mergeReports(inputs(docs));
    for (const key of ['vendors', 'containers'] as const) {
      for (const [k, t] of Object.entries(res[key])) expect(t.cases).toBe(2 * (docs[0]![key][k]?.cases ?? 0));
      expect(mergedDoc(res)[key]).toEqual(res[key]);
    }
  });

  it('a merged run is a whole run to merge again', () => {
    const once = JSON.parse(conformanceJson(mergedDoc(mergeReports(inputs([a, b])), 'm1'))) as Json;
    const twice = mergeReports([{ dir: 'merged', doc: once }]).report;
    expect(twice.totals).toEqual(m.totals);
    expect(twice.merged.shards).toEqual([{ index: 1, count: 1, dir: 'merged', runId: 'm1', exitCode: 0 }]);
  });
});

describe('counterexamples: the bound the runner keeps', () => {
  const cx = (check: string, n: number): Finding => ({ check, rule: 'body.folder.pattern', strength: 'must', severity: 'failure', summary: `${check} ${n}`, request: { method: 'GET', path: '/mfa-servers', headers: {} }, seed: 1, replay: '' });

  it('is the runner\'s: RuleStats keeps MAX_COUNTEREXAMPLES', () => {
    const stats = new RuleStats();
    for (let i = 0; i < 10; i++) stats.addCounterexample('body.folder.pattern', cx('status', i));
    expect(stats.results().find((r) => r.rule === 'body.folder.pattern')!.counterexamples).toHaveLength(MAX_COUNTEREXAMPLES);
  });

  it('the shards\' lists in order keep what one runner would keep from the same findings', () => {
    fc.assert(fc.property(fc.array(fc.array(fc.constantFrom('status', 'code', 'schema', 'pact'), { maxLength: 5 }), { maxLength: 4 }), (lists) => {
      const stats = new RuleStats();
      let i = 0;
      const findings = lists.map((l) => l.map((c) => cx(c, i++)));
      for (const f of findings.flat()) stats.addCounterexample('body.folder.pattern', f);
      const runner = stats.results().find((r) => r.rule === 'body.folder.pattern')!.counterexamples;
      expect(keepCounterexamples(findings).map((f) => f.summary)).toEqual(runner.map((f) => f.summary));
    }), { numRuns: 200 });
  });

  it.each([
    ['one shard\'s, within the bound', [['status 1', 'status 2']], ['status 1', 'status 2']],
    ['earliest shard first, cut at the bound', [['status 1', 'status 2'], ['status 3', 'status 4']], ['status 1', 'status 2', 'status 3']],
    ['a later shard\'s other check replaces a repeated one', [['status 1', 'status 2', 'status 3'], ['pact 4']], ['status 1', 'status 2', 'pact 4']],
    ['empty shards are nothing', [[], ['code 1'], []], ['code 1']],
  ] as const)('%s', (_name, lists, want) => {
    const found = lists.map((l) => l.map((s) => ({ check: s.split(' ')[0]!, summary: s })));
    expect(keepCounterexamples(found).map((f) => f.summary)).toEqual(want);
  });

  it('a merged rule keeps at most the bound, as its shards rendered them', () => {
    const fr = failingRun();
    const many = (index: number): Json => {
      const d = docOf(fr, { index, count: 3 });
      const rule = (d['rules'] as Json[]).find((r) => r['id'] === 'body.folder.pattern')!;
      rule['counterexamples'] = [1, 2].map((k) => ({ ...rule['counterexamples'][0], summary: `shard ${index} #${k}` }));
      return d;
    };
    const res = mergeReports(inputs([many(3), many(1), many(2)]));
    expect(res.counterexamples['body.folder.pattern']!.map((c) => c.summary)).toEqual(['shard 1 #1', 'shard 1 #2', 'shard 2 #1']);
    const doc = mergedDoc(res);
    expect(doc.rules.find((r) => r.id === 'body.folder.pattern')!.counterexamples).toEqual(res.counterexamples['body.folder.pattern']);
  });
});

describe('exit code: recomputed from the merged rules', () => {
  const must = passingRun().rules.filter((r) => r.strength === 'must').slice(0, 2).map((r) => r.rule);
  /** A passing shard where the given must rules had no case, with the exit code --require-coverage gives it. */
  const gapShard = (index: number, count: number, gaps: string[], requireCoverage: boolean): Json => {
    const base = passingRun();
    const rules = base.rules.map((r) => (gaps.includes(r.rule) ? { ...r, cases: 0, boundaryCases: 0, passed: 0, vendors: {}, containers: {} } : r));
    return docOf({ ...base, rules, exitCode: requireCoverage && gaps.length > 0 ? 1 : 0 }, { index, count });
  };
  it.each([
    ['a failure in one shard fails the merge', [docOf(failingRun(), { index: 1, count: 2 }), docOf(passingRun(), { index: 2, count: 2 })], 1],
    ['warnings alone pass', [docOf(answeringRun(false), { index: 1, count: 2 }), docOf(passingRun(), { index: 2, count: 2 })], 0],
    ['--require-coverage: gaps each shard had, the others covered, pass', [gapShard(1, 2, [must[0]!], true), gapShard(2, 2, [must[1]!], true)], 0],
    ['--require-coverage: a gap no shard covered fails', [gapShard(1, 2, [must[0]!], true), gapShard(2, 2, [must[0]!], true)], 1],
    ['without --require-coverage a gap passes', [gapShard(1, 2, [must[0]!], false), gapShard(2, 2, [must[0]!], false)], 0],
  ] as const)('%s', (_name, docs, want) => {
    expect(mergeReports(inputs([...docs])).report.exitCode).toBe(want);
  });
});

describe('partial: shards missing or stopped', () => {
  const base = passingRun();
  const of = (index: number, count: number, patch: Partial<RunReport> = {}): Json => docOf({ ...base, planned: 100, ...patch }, { index, count });

  it('1/3 and 3/3 only: merged, marked incomplete, a warning names 2/3', () => {
    const res = mergeReports(inputs([of(1, 3), of(3, 3)]));
    expect(res.report.stopped).toEqual({ kind: 'incomplete', message: expect.stringContaining('shard 2/3 missing'), cases: 200 });
    expect(res.report.merged.missing).toEqual([2]);
    expect(res.warnings).toEqual([expect.stringMatching(/^merge: shard 2\/3 missing: the merged report covers 2 of 3 shards and is marked partial$/)]);
    expect(res.report.exitCode).toBe(0);
    const doc = mergedDoc(res);
    expect(doc.stopped?.kind).toBe('incomplete');
    expect(doc.verdict).toBe('PASS');
  });

  it('a failing shard with others missing still fails', () => {
    expect(mergeReports(inputs([docOf(failingRun(), { index: 2, count: 4 })])).report).toMatchObject({ exitCode: 1, stopped: { kind: 'incomplete', message: expect.stringContaining('shards 1/4, 3/4, 4/4 missing') }, merged: { missing: [1, 3, 4] } });
  });

  it('a stopped shard makes the merge partial and keeps its reason', () => {
    const lastError = { code: 'ECONNRESET', message: 'socket hang up' };
    const res = mergeReports(inputs([of(1, 2), of(2, 2, { stopped: { kind: 'silent', message: 'target stopped answering after 40 answers', lastError, cases: 40 } })]));
    expect(res.report.stopped).toEqual({ kind: 'silent', message: 'shard 2/2 stopped: target stopped answering after 40 answers', lastError, cases: 140 });
    expect(res.report.merged.shards[1]).toMatchObject({ index: 2, stopped: 'silent' });
    expect(res.warnings).toEqual([]);
  });

  it('stopped and missing: incomplete, every reason kept', () => {
    const res = mergeReports(inputs([of(1, 3, { stopped: { kind: 'deadline', message: 'the run\'s deadline passed', cases: 10 } })]));
    expect(res.report.stopped).toMatchObject({ kind: 'incomplete', message: 'shards 2/3, 3/3 missing (no folder given holds them); shard 1/3 stopped: the run\'s deadline passed', cases: 10 });
  });
});

describe('misuse: one line, exit 2', () => {
  const ok = (index: number, count: number, patch: Partial<RunReport> = {}): Json => docOf({ ...passingRun(), ...patch }, { index, count });
  const edit = (f: (d: Json) => void): Json => { const d = ok(1, 2); f(d); return d; };
  const cases: Array<[string, Json[] | unknown[], HarnessErrorCode, RegExp]> = [
    ['no folder', [], 'BAD_FLAG', /^merge: name the reports folders to merge/],
    ['a JSON array', [[1, 2]], 'UNREADABLE_FILE', /^merge: reports\/shard-1\/conformance.json is not the conformance.json of a run: the document is not an object$/],
    ['a JSON string', ['hello'], 'UNREADABLE_FILE', /the document is not an object/],
    ['null', [null], 'UNREADABLE_FILE', /the document is not an object/],
    ['no rules', [edit((d) => { delete d['rules']; })], 'UNREADABLE_FILE', /: rules is not a list$/],
    ['a rule with a negative count', [edit((d) => { d['rules'][3].cases = -1; })], 'UNREADABLE_FILE', /: rules\[3\]\.cases is not a count$/],
    ['a counterexample without a request', [edit((d) => { d['rules'].find((r: Json) => r['id'] === 'body.folder.pattern').counterexamples = [{ check: 'status' }]; })], 'UNREADABLE_FILE', /counterexamples\[0\]\.rule is not a string/],
    ['no seed', [edit((d) => { delete d['seed']; })], 'UNREADABLE_FILE', /: seed is not a count$/],
    ['a date that is none', [edit((d) => { d['startedAt'] = 'yesterday'; })], 'UNREADABLE_FILE', /: startedAt is not a date$/],
    ['an unknown profile', [edit((d) => { d['profile'] = 'strict'; })], 'UNREADABLE_FILE', /: profile is neither default nor openapi$/],
    ['a shard index past the count', [edit((d) => { d['shard'] = { index: 4, count: 3 }; })], 'UNREADABLE_FILE', /: shard is 4\/3: the index must be in 1\.\.count$/],
    ['a shard index of 0', [edit((d) => { d['shard'] = { index: 0, count: 3 }; })], 'UNREADABLE_FILE', /: shard is 0\/3/],
    ['a shard mark that is not an object', [edit((d) => { d['shard'] = '1/3'; })], 'UNREADABLE_FILE', /: shard is not an object$/],
    ['different seeds', [ok(1, 2), ok(2, 2, { seed: 7 })], 'BAD_VALUE', /^merge: the folders are not shards of one run: reports\/shard-1 has seed 424242, reports\/shard-2 has seed 7$/],
    ['different runs', [ok(1, 2), ok(2, 2, { runs: 20 })], 'BAD_VALUE', /has runs 200, reports\/shard-2 has runs 20$/],
    ['one strict, one not', [ok(1, 2), ok(2, 2, { strict: true })], 'BAD_VALUE', /has strict false, reports\/shard-2 has strict true$/],
    ['different profiles', [ok(1, 2), ok(2, 2, { profile: 'openapi' })], 'BAD_VALUE', /has profile default, reports\/shard-2 has profile openapi$/],
    ['different targets', [ok(1, 2, { embedded: false, target: 'https://a.example/v1' }), ok(2, 2, { embedded: false, target: 'https://b.example/v1' })], 'BAD_VALUE', /has target https:\/\/a\.example\/v1, reports\/shard-2 has target https:\/\/b\.example\/v1$/],
    ['the embedded server and a target', [ok(1, 2), ok(2, 2, { embedded: false })], 'BAD_VALUE', /has target \(the embedded reference server\), reports\/shard-2 has target http/],
    ['the same shard twice', [ok(1, 3), ok(2, 3), ok(2, 3)], 'BAD_VALUE', /^merge: reports\/shard-2 and reports\/shard-3 are both shard 2\/3$/],
    ['the same whole run twice', [docOf(passingRun()), docOf(passingRun())], 'BAD_VALUE', /are both a whole run \(no shard\)$/],
    ['shard counts that disagree', [ok(1, 3), ok(2, 4)], 'BAD_VALUE', /^merge: the shard counts disagree: reports\/shard-1 is shard 1\/3, reports\/shard-2 is shard 2\/4$/],
    ['a whole run and a shard', [docOf(passingRun()), ok(2, 2)], 'BAD_VALUE', /reports\/shard-1 is a whole run \(no shard\), reports\/shard-2 is shard 2\/2$/],
  ];
  it.each(cases)('%s', (_name, docs, code, message) => {
    let err: unknown;
    try { mergeReports(inputs(docs as Json[])); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(HarnessError);
    expect((err as HarnessError).code).toBe(code);
    expect((err as HarnessError).exitCode).toBe(2);
    expect((err as HarnessError).message).toMatch(message);
    expect((err as HarnessError).message).not.toContain('\n');
  });

  it('embedded servers on different ports are one target', () => {
    expect(() => mergeReports(inputs([ok(1, 2, { target: 'http://127.0.0.1:4001/config/identity/v1' }), ok(2, 2, { target: 'http://127.0.0.1:4002/config/identity/v1' })]))).not.toThrow();
  });
});

describe('unshardedCommand', () => {
  it.each([
    ['npx mfa-conformance run --seed 1 --shard 2/3 --runs 20', 'npx mfa-conformance run --seed 1 --runs 20'],
    ['npx mfa-conformance run --seed 1 --runs 20 --shard=3/3', 'npx mfa-conformance run --seed 1 --runs 20'],
    ['npx mfa-conformance run --seed 1', 'npx mfa-conformance run --seed 1'],
  ])('%s', (cmd, want) => {
    expect(unshardedCommand(cmd)).toBe(want);
  });
});

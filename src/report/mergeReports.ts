// `mfa-conformance merge`: the conformance.json files of a sharded run
// (`run --shard i/n`, one reports folder per CI job) as the one run they
// are. Pure: parsed documents in, a RunReport out; src/cli/merge.ts reads the
// files and writes the merged set.
//
// What a conformance.json keeps is already redacted and rendered: its
// counterexamples are SafeFindings (request and response as text), and its
// per-vendor and per-container tallies are summed over rules. Neither can be
// turned back into a RunReport's Findings or per-rule tallies without loss (a
// second pass of the redaction rewrites `[REDACTED 7 chars]` and the
// Authorization length), so the merge carries them beside the RunReport and
// mergedDoc() puts them, verbatim, into the document the writers render.
import { join } from 'node:path';
import type { Tally } from './breakdown.ts';
import { vendorTally, containerTally } from './breakdown.ts';
import { conformanceDoc, type ConformanceDoc } from './conformanceJson.ts';
import type { SafeFinding } from './safeFinding.ts';
import type { RuleResult, RunReport, SkippedTest, TransportFailure } from '../runner/results.ts';
import { HarnessError } from '../spec/errors.ts';
import type { RuleKind } from '../spec/model.ts';
import type { Basis, Strength } from '../spec/types.ts';

/** What the runner keeps per rule (src/runner/ruleStats.ts MAX_COUNTEREXAMPLES; mergeReports.test.ts holds the two equal). */
export const MAX_COUNTEREXAMPLES = 3;

export interface ShardMark { index: number; count: number }

/** A conformance.json as `run` writes it; `shard` is set by `run --shard i/n` (absent: a whole run). */
export type ShardDoc = ConformanceDoc & { shard?: ShardMark };

/** One reports folder given to `merge`: its name (as given) and its parsed conformance.json. */
export interface ShardInput { dir: string; doc: unknown }

export interface MergeInfo {
  /** The folders, as given. */
  from: string[];
  /** Each shard, by index: its folder, run id and exit code, and why it stopped if it did. */
  shards: Array<ShardMark & { dir: string; runId?: string; exitCode: number; stopped?: string }>;
  /** Indices of the run's shards no folder held (the merged report is partial). */
  missing?: number[];
}

export interface MergedRunReport extends RunReport { merged: MergeInfo }

export interface MergeResult {
  /** The merged run. Its rules carry no counterexamples and no per-rule tallies: see `counterexamples`, `vendors`, `containers`. */
  report: MergedRunReport;
  /** Per rule id, the shards' counterexamples as their reports show them, kept as the runner keeps them. */
  counterexamples: Record<string, SafeFinding[]>;
  vendors: Record<string, Tally>;
  containers: Record<string, Tally>;
  /** Lines for the console: missing shards, tool versions that differ. */
  warnings: string[];
}

// ---------------------------------------------------------------------------
// Is it a conformance.json? Only what the merge reads is checked.

class NotADoc extends Error {}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const bad = (at: string, what: string): never => { throw new NotADoc(`${at} ${what}`); };

function obj(v: unknown, at: string): Obj {
  return isObj(v) ? v : bad(at, 'is not an object');
}
function str(o: Obj, k: string, at: string): string {
  return typeof o[k] === 'string' ? o[k] : bad(`${at}${k}`, 'is not a string');
}
function count(o: Obj, k: string, at: string): number {
  const v = o[k];
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : bad(`${at}${k}`, 'is not a count');
}
function optCount(o: Obj, k: string, at: string): void {
  if (o[k] !== undefined) count(o, k, at);
}
function bool(o: Obj, k: string, at: string): void {
  if (typeof o[k] !== 'boolean') bad(`${at}${k}`, 'is not true or false');
}
function arr(o: Obj, k: string, at: string): unknown[] {
  return Array.isArray(o[k]) ? o[k] : bad(`${at}${k}`, 'is not a list');
}
function tallies(o: Obj, k: string, at: string): void {
  for (const [name, t] of Object.entries(obj(o[k], `${at}${k}`))) {
    const x = obj(t, `${at}${k}.${name}`);
    for (const f of ['cases', 'failed', 'warnings']) count(x, f, `${at}${k}.${name}.`);
  }
}

/** Where a shard's sequence file is: `sequences/<name>.json` inside its folder (nothing a hostile file names outside it). */
const SEQUENCE_FILE = /^sequences\/[A-Za-z0-9._-]+\.json$/;

function checkSequence(v: unknown, at: string): void {
  const q = obj(v, at);
  if (!SEQUENCE_FILE.test(str(q, 'file', `${at}.`))) bad(`${at}.file`, 'is not sequences/<name>.json');
  if (typeof q['seed'] !== 'number') bad(`${at}.seed`, 'is not a number');
  if (q['path'] !== undefined) str(q, 'path', `${at}.`);
  arr(q, 'containers', `${at}.`).forEach((c, i) => {
    const x = obj(c, `${at}.containers[${i}]`);
    str(x, 'key', `${at}.containers[${i}].`);
    str(x, 'value', `${at}.containers[${i}].`);
    bool(x, 'owned', `${at}.containers[${i}].`);
  });
  arr(q, 'steps', `${at}.`).forEach((st, i) => {
    const x = obj(st, `${at}.steps[${i}]`);
    if (typeof x['n'] !== 'number') bad(`${at}.steps[${i}].n`, 'is not a number');
    for (const k of ['command', 'method', 'path', 'replayPath', 'token', 'expected', 'received', 'replay']) str(x, k, `${at}.steps[${i}].`);
    if (x['replayBody'] !== undefined) str(x, 'replayBody', `${at}.steps[${i}].`);
    if (x['failed'] !== undefined) bool(x, 'failed', `${at}.steps[${i}].`);
  });
}

function checkRule(v: unknown, at: string): void {
  const r = obj(v, at);
  for (const k of ['id', 'kind', 'strength', 'basis', 'field', 'description', 'source']) str(r, k, `${at}.`);
  if (!arr(r, 'operations', `${at}.`).every((o) => typeof o === 'string')) bad(`${at}.operations`, 'is not a list of names');
  for (const k of ['cases', 'boundaryCases', 'passed', 'failed', 'warnings']) count(r, k, `${at}.`);
  arr(r, 'counterexamples', `${at}.`).forEach((c, i) => {
    const f = obj(c, `${at}.counterexamples[${i}]`);
    for (const k of ['check', 'rule', 'strength', 'severity', 'summary', 'request', 'response', 'replay']) str(f, k, `${at}.counterexamples[${i}].`);
    if (typeof f['seed'] !== 'number') bad(`${at}.counterexamples[${i}].seed`, 'is not a number');
    if (f['path'] !== undefined) str(f, 'path', `${at}.counterexamples[${i}].`);
    if (f['sequence'] !== undefined) checkSequence(f['sequence'], `${at}.counterexamples[${i}].sequence`);
  });
  if (r['answers'] !== undefined) for (const k of Object.keys(obj(r['answers'], `${at}.answers`))) count(r['answers'] as Obj, k, `${at}.answers.`);
}

/** The document as a ShardDoc, or a NotADoc naming the first field that is not what `run` writes. */
function checkDoc(raw: unknown): ShardDoc {
  const d = obj(raw, 'the document');
  const tool = obj(d['tool'], 'tool');
  str(tool, 'name', 'tool.');
  str(tool, 'version', 'tool.');
  for (const k of ['target', 'startedAt', 'command']) str(d, k, '');
  if (!Number.isFinite(Date.parse(d['startedAt'] as string))) bad('startedAt', 'is not a date');
  bool(d, 'embedded', '');
  bool(d, 'strict', '');
  for (const k of ['seed', 'runs', 'durationMs']) count(d, k, '');
  if (d['profile'] !== undefined && d['profile'] !== 'default' && d['profile'] !== 'openapi') bad('profile', 'is neither default nor openapi');
  if (d['exitCode'] !== 0 && d['exitCode'] !== 1) bad('exitCode', 'is neither 0 nor 1');
  arr(d, 'rules', '').forEach((r, i) => checkRule(r, `rules[${i}]`));
  arr(d, 'skipped', '').forEach((s, i) => { const x = obj(s, `skipped[${i}]`); str(x, 'name', `skipped[${i}].`); str(x, 'reason', `skipped[${i}].`); });
  const totals = obj(d['totals'], 'totals');
  for (const k of ['cases', 'passed', 'failed', 'warnings']) count(totals, k, 'totals.');
  tallies(d, 'vendors', '');
  tallies(d, 'containers', '');
  optCount(d, 'planned', '');
  optCount(d, 'failingCases', '');
  if (d['stopped'] !== undefined) {
    const s = obj(d['stopped'], 'stopped');
    str(s, 'kind', 'stopped.');
    str(s, 'message', 'stopped.');
    count(s, 'cases', 'stopped.');
  }
  if (d['cleanup'] !== undefined) {
    const c = obj(d['cleanup'], 'cleanup');
    str(c, 'prefix', 'cleanup.');
    count(c, 'deleted', 'cleanup.');
    count(c, 'leftCount', 'cleanup.');
    arr(c, 'left', 'cleanup.');
  }
  if (d['transport'] !== undefined) {
    const t = obj(d['transport'], 'transport');
    for (const k of ['retried', 'waitedMs', 'reauthenticated', 'refreshes', 'slowestConcurrency']) count(t, k, 'transport.');
  }
  if (d['shard'] !== undefined) {
    const s = obj(d['shard'], 'shard');
    const index = count(s, 'index', 'shard.');
    const n = count(s, 'count', 'shard.');
    if (index < 1 || index > n) bad('shard', `is ${index}/${n}: the index must be in 1..count`);
  }
  return d as unknown as ShardDoc;
}

// ---------------------------------------------------------------------------
// The merge.

/**
 * The counterexamples a rule keeps, from the shards' lists in shard order:
 * RuleStats.addCounterexample's rule (at most MAX_COUNTEREXAMPLES, earliest
 * first, but a check not yet represented replaces the last of a check
 * represented twice, so one check's findings do not crowd out another's).
 */
export function keepCounterexamples<T extends { check: string }>(lists: readonly (readonly T[])[]): T[] {
  const out: T[] = [];
  for (const f of lists.flat()) {
    if (out.length < MAX_COUNTEREXAMPLES) out.push(f);
    else if (!out.some((x) => x.check === f.check)) {
      const i = out.findLastIndex((x, idx) => idx > 0 && out.filter((y) => y.check === x.check).length > 1);
      if (i > 0) out[i] = f;
    }
  }
  return out;
}

/** `--shard i/n` out of a shard's command: what is left reproduces the whole run. */
export const unshardedCommand = (command: string): string => command.replace(/\s+--shard(?:=|\s+)\S+/g, '');

const addTally = (into: Record<string, Tally>, from: Record<string, Tally>): void => {
  for (const [k, t] of Object.entries(from)) {
    const acc = (into[k] ??= { cases: 0, failed: 0, warnings: 0 });
    acc.cases += t.cases;
    acc.failed += t.failed;
    acc.warnings += t.warnings;
  }
};

const label = (m: ShardMark, whole: boolean): string => (whole ? 'a whole run (no shard)' : `shard ${m.index}/${m.count}`);

interface Shard { dir: string; doc: ShardDoc; mark: ShardMark; whole: boolean }

function readShard(input: ShardInput): Shard {
  let doc: ShardDoc;
  try {
    doc = checkDoc(input.doc);
  } catch (e) {
    if (!(e instanceof NotADoc)) throw e;
    throw new HarnessError('UNREADABLE_FILE', `merge: ${input.dir}/conformance.json is not the conformance.json of a run: ${e.message}`);
  }
  return { dir: input.dir, doc, mark: doc.shard ? { index: doc.shard.index, count: doc.shard.count } : { index: 1, count: 1 }, whole: doc.shard === undefined };
}

/** The shards are parts of one run: same seed, runs, strictness, profile and target; one count; each index once. */
function checkOneRun(shards: readonly Shard[]): void {
  const first = shards[0]!;
  const facts: Array<[string, (d: ShardDoc) => unknown]> = [
    ['seed', (d) => d.seed],
    ['runs', (d) => d.runs],
    ['strict', (d) => d.strict],
    ['profile', (d) => d.profile ?? 'default'],
    // The embedded server listens on a new port in every job: embedded is one target.
    ['target', (d) => (d.embedded ? '(the embedded reference server)' : d.target)],
  ];
  for (const [what, get] of facts) {
    for (const s of shards) {
      if (get(s.doc) !== get(first.doc)) throw new HarnessError('BAD_VALUE', `merge: the folders are not shards of one run: ${first.dir} has ${what} ${String(get(first.doc))}, ${s.dir} has ${what} ${String(get(s.doc))}`);
    }
  }
  for (const s of shards) {
    if (s.mark.count !== first.mark.count) throw new HarnessError('BAD_VALUE', `merge: the shard counts disagree: ${first.dir} is ${label(first.mark, first.whole)}, ${s.dir} is ${label(s.mark, s.whole)}`);
  }
  const seen = new Map<number, Shard>();
  for (const s of shards) {
    const other = seen.get(s.mark.index);
    if (other) throw new HarnessError('BAD_VALUE', `merge: ${other.dir} and ${s.dir} are both ${label(s.mark, s.whole)}`);
    seen.set(s.mark.index, s);
  }
}

/** Why the merged run is partial: the shards that stopped (their reasons kept) and the shards missing; undefined if neither. */
function stoppedOf(shards: readonly Shard[], missing: readonly number[], n: number, casesDone: number): RunReport['stopped'] {
  const stopped = shards.filter((s) => s.doc.stopped);
  if (stopped.length === 0 && missing.length === 0) return undefined;
  const reasons = [
    ...(missing.length > 0 ? [`shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${n}`).join(', ')} missing (no folder given holds ${missing.length > 1 ? 'them' : 'it'})`] : []),
    ...stopped.map((s) => `${label(s.mark, s.whole)} stopped: ${s.doc.stopped!.message}`),
  ];
  const lastError: TransportFailure | undefined = stopped.find((s) => s.doc.stopped!.lastError)?.doc.stopped!.lastError;
  return {
    kind: missing.length > 0 ? 'incomplete' : stopped[0]!.doc.stopped!.kind,
    message: reasons.join('; '),
    ...(lastError && { lastError }),
    cases: casesDone,
  };
}

export function mergeReports(inputs: readonly ShardInput[]): MergeResult {
  if (inputs.length === 0) throw new HarnessError('BAD_FLAG', 'merge: name the reports folders to merge (merge DIR...; see mfa-conformance merge --help)');
  const given = inputs.map(readShard);
  checkOneRun(given);
  const shards = [...given].sort((a, b) => a.mark.index - b.mark.index);
  const first = shards[0]!;
  const n = first.mark.count;
  const present = new Set(shards.map((s) => s.mark.index));
  const missing = Array.from({ length: n }, (_, i) => i + 1).filter((i) => !present.has(i));
  const warnings: string[] = [];
  if (missing.length > 0) warnings.push(`merge: shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${n}`).join(', ')} missing: the merged report covers ${shards.length} of ${n} shards and is marked partial`);
  const versions = [...new Set(shards.map((s) => s.doc.tool.version))];
  if (versions.length > 1) warnings.push(`merge: the shards ran different versions of ${first.doc.tool.name} (${versions.join(', ')}): their rules may differ`);

  // Rules, in the first shard's order, then any rule only a later shard has.
  const rules = new Map<string, { r: RuleResult; lists: SafeFinding[][] }>();
  const shardOf = new Map<SafeFinding, number>();
  for (const s of shards) {
    for (const d of s.doc.rules) {
      let m = rules.get(d.id);
      if (!m) {
        m = {
          r: {
            rule: d.id, kind: d.kind as RuleKind, strength: d.strength as Strength, basis: d.basis as Basis, operations: [...d.operations],
            field: d.field, description: d.description, source: d.source,
            cases: 0, boundaryCases: 0, passed: 0, failed: 0, warnings: 0, counterexamples: [], vendors: {}, containers: {},
          },
          lists: [],
        };
        rules.set(d.id, m);
      }
      const r = m.r;
      r.cases += d.cases;
      r.boundaryCases += d.boundaryCases;
      r.passed += d.passed;
      r.failed += d.failed;
      r.warnings += d.warnings;
      if (d.answers) for (const [k, c] of Object.entries(d.answers)) (r.answers ??= {})[k] = (r.answers[k] ?? 0) + c;
      m.lists.push(d.counterexamples);
      for (const c of d.counterexamples) shardOf.set(c, s.mark.index);
    }
  }
  const merged = [...rules.values()].map((m) => m.r);
  const counterexamples: Record<string, SafeFinding[]> = {};
  for (const [id, m] of rules) counterexamples[id] = keepCounterexamples(m.lists);
  distinctSequenceFiles(counterexamples, shardOf);

  // Every vendor and container of the spec, as conformanceDoc lists them, plus what the shards name.
  const vendors = vendorTally([]);
  const containers = containerTally([]);
  for (const s of shards) {
    addTally(vendors, s.doc.vendors);
    addTally(containers, s.doc.containers);
  }

  const skipped: SkippedTest[] = [];
  const skippedNames = new Set<string>();
  for (const s of shards) for (const k of s.doc.skipped) if (!skippedNames.has(k.name)) { skippedNames.add(k.name); skipped.push({ name: k.name, reason: k.reason }); }

  const sum = (k: 'cases' | 'passed' | 'failed' | 'warnings'): number => merged.reduce((t, r) => t + r[k], 0);
  const sumOf = (get: (d: ShardDoc) => number | undefined): number | undefined =>
    shards.some((s) => get(s.doc) !== undefined) ? shards.reduce((t, s) => t + (get(s.doc) ?? 0), 0) : undefined;
  const planned = sumOf((d) => d.planned);
  const failingCases = sumOf((d) => d.failingCases);
  const casesDone = shards.reduce((t, s) => t + (s.doc.stopped?.cases ?? s.doc.planned ?? 0), 0);
  const stopped = stoppedOf(shards, missing, n, casesDone);
  const earliest = shards.reduce((a, b) => (Date.parse(b.doc.startedAt) < Date.parse(a.doc.startedAt) ? b : a));

  // run.ts: exit 1 when a rule failed. cli/run.ts --require-coverage also fails a whole run with a must rule no case
  // reached; conformance.json does not record the flag, but a shard it failed shows it (exit 1 and no failure),
  // and a merge without failures can only have had such shards if the flag was given.
  const failed = sum('failed');
  const requiredCoverage = shards.some((s) => s.doc.exitCode === 1 && s.doc.totals.failed === 0 && !s.doc.stopped);
  const mustGap = merged.some((r) => r.strength === 'must' && r.cases === 0);
  const exitCode: 0 | 1 = failed > 0 || (requiredCoverage && mustGap && !stopped) ? 1 : 0;

  const report: MergedRunReport = {
    tool: { name: first.doc.tool.name, version: first.doc.tool.version },
    target: first.doc.target, embedded: first.doc.embedded,
    seed: first.doc.seed, runs: first.doc.runs, strict: first.doc.strict, ...(first.doc.profile !== undefined && { profile: first.doc.profile }),
    startedAt: earliest.doc.startedAt,
    durationMs: Math.max(...shards.map((s) => s.doc.durationMs)),
    command: unshardedCommand(first.doc.command),
    rules: merged,
    skipped,
    totals: { cases: sum('cases'), passed: sum('passed'), failed, warnings: sum('warnings') },
    exitCode,
    ...(planned !== undefined && { planned }),
    ...(failingCases !== undefined && { failingCases }),
    ...(stopped && { stopped }),
    ...mergedCleanup(shards),
    ...mergedTransport(shards),
    ...(shards.some((s) => s.doc.stateful) && {
      stateful: {
        sequences: shards.reduce((t, s) => t + (s.doc.stateful?.sequences ?? 0), 0),
        failed: shards.reduce((t, s) => t + (s.doc.stateful?.failed ?? 0), 0),
      },
    }),
    merged: {
      from: inputs.map((i) => i.dir),
      shards: shards.map((s) => ({
        index: s.mark.index, count: s.mark.count, dir: s.dir,
        ...(s.doc.runId !== undefined && { runId: s.doc.runId }),
        exitCode: s.doc.exitCode,
        ...(s.doc.stopped && { stopped: s.doc.stopped.kind }),
      })),
      ...(missing.length > 0 && { missing }),
    },
  };
  return { report, counterexamples, vendors, containers, warnings };
}

function mergedCleanup(shards: readonly Shard[]): Pick<RunReport, 'cleanup'> {
  const cs = shards.flatMap((s) => (s.doc.cleanup ? [s.doc.cleanup] : []));
  if (cs.length === 0) return {};
  // Each job names its objects after its own start: the prefixes of the jobs that left objects (else all).
  const leaving = cs.filter((c) => c.leftCount > 0);
  const prefix = [...new Set((leaving.length > 0 ? leaving : cs).map((c) => c.prefix))].join(', ');
  return {
    cleanup: {
      prefix,
      deleted: cs.reduce((t, c) => t + c.deleted, 0),
      left: cs.flatMap((c) => c.left).slice(0, 50),
      leftCount: cs.reduce((t, c) => t + c.leftCount, 0),
    },
  };
}

function mergedTransport(shards: readonly Shard[]): Pick<RunReport, 'transport'> {
  const ts = shards.flatMap((s) => (s.doc.transport ? [s.doc.transport] : []));
  if (ts.length === 0) return {};
  const add = (k: 'retried' | 'waitedMs' | 'reauthenticated' | 'refreshes'): number => ts.reduce((t, x) => t + x[k], 0);
  return {
    transport: {
      retried: add('retried'), waitedMs: add('waitedMs'), reauthenticated: add('reauthenticated'), refreshes: add('refreshes'),
      slowestConcurrency: Math.min(...ts.map((x) => x.slowestConcurrency)),
    },
  };
}

/** `replay` with the word that names `file` (`reports/shard-2/sequences/x.json`, or `sequences/x.json`) replaced by what `to` makes of its folder part. */
function replayNaming(replay: string, file: string, to: (folder: string) => string): string {
  const literal = file.replace(/[.*+?^$()|[\]{}\\]/g, '\\$&');
  const at = new RegExp(`(^|\\s)(\\S*?)${literal}(?=\\s|$)`);
  return replay.replace(at, (_m, space: string, folder: string) => `${space}${to(folder)}`);
}

/**
 * Sequence files are named after rule, seed and lane (runner/stateful.ts):
 * shards that failed one rule in one lane name the same file. The first (in
 * shard order) keeps the name; a later one with other steps becomes
 * `<name>-shard<i>.json`, its replay line with it, so the merged set keeps
 * both files.
 */
function distinctSequenceFiles(lists: Record<string, SafeFinding[]>, shardOf: ReadonlyMap<SafeFinding, number>): void {
  const taken = new Map<string, SafeFinding>();
  for (const list of Object.values(lists)) {
    list.forEach((c, i) => {
      const q = c.sequence;
      if (!q) return;
      const first = taken.get(q.file);
      if (!first) { taken.set(q.file, c); return; }
      if (JSON.stringify(first.sequence) === JSON.stringify(q)) return;
      const base = q.file.replace(/\.json$/, `-shard${shardOf.get(c) ?? 0}`);
      let file = `${base}.json`;
      for (let k = 2; taken.has(file); k++) file = `${base}-${k}.json`;
      const renamed: SafeFinding = { ...c, sequence: { ...q, file }, replay: replayNaming(c.replay, q.file, (folder) => `${folder}${file}`) };
      taken.set(file, renamed);
      list[i] = renamed;
    });
  }
}

/**
 * The document every writer renders: conformanceDoc of the merged run, with
 * the shards' counterexamples and per-vendor/per-container tallies as they
 * were (already redacted by each shard's writer). With `reportsDir`, where
 * the merged set goes, a sequence's replay line names the set's own copy of
 * its file (writeDocFiles writes it there) instead of the shard's.
 */
export function mergedDoc(m: MergeResult, runId?: string, reportsDir?: string): ConformanceDoc & { merged: MergeInfo } {
  const doc = conformanceDoc(m.report, [], runId) as ConformanceDoc & { merged: MergeInfo };
  for (const r of doc.rules) {
    r.counterexamples = (m.counterexamples[r.id] ?? []).map((c) => (c.sequence && reportsDir !== undefined
      ? { ...c, replay: replayNaming(c.replay, c.sequence.file, () => join(reportsDir, c.sequence!.file)) }
      : c));
  }
  doc.vendors = m.vendors;
  doc.containers = m.containers;
  return doc;
}

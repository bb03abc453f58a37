// `mfa-conformance merge DIR...`: the reports folders of a sharded run
// (`run --shard i/n`, one per CI job) as one set of reports: conformance.json,
// junit.xml, conformance.html, allure-results and the shrunk sequences'
// sequences/*.json (their replay lines naming these copies), written the way
// `run` writes its own (writeDocFiles into a staging folder, then moved into
// place under the folder's lock: src/report/reportSet.ts). The merging is
// src/report/mergeReports.ts.
// Exit: the merged run's (0 pass, 1 a rule failed); 2 for misuse. Shards
// missing from the folders given are no misuse: the merged report is marked
// partial and a warning says which.
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { oneLine } from '../report/escape.ts';
import { mergedDoc, mergeReports, type ShardInput } from '../report/mergeReports.ts';
import { LOCK, newNonce, newRunId, publishSet, setFiles } from '../report/reportSet.ts';
import { writeDocFiles } from '../report/writeReports.ts';
import { HarnessError } from './harnessError.ts';
import { parseOptions, type CommandSpec } from './options.ts';

export const MERGE = {
  name: 'merge',
  summary: "Merges the reports folders of a sharded run (run --shard i/n, same seed) into one set of reports.",
  about: [
    'usage: mfa-conformance merge DIR... [--reports-dir OUT]',
    "Reads each DIR/conformance.json and writes conformance.json, junit.xml, conformance.html, allure-results and sequences/ to OUT,",
    "with the verdict of the unsharded run. Shards missing from the DIRs: merged anyway, marked partial, with a warning.",
    'Exit: the merged verdict (0 pass, 1 a rule failed); 2: misuse (no DIR, a DIR without a conformance.json, shards of different runs).',
  ],
  options: {
    'reports-dir': { type: 'string', value: 'OUT', default: 'reports', help: 'where the merged reports go' },
  },
} as const satisfies CommandSpec;

/** The DIRs, and the flags for parseOptions (a string flag's value is a flag's, not a DIR). */
function split(argv: readonly string[]): { dirs: string[]; flags: string[] } {
  const dirs: string[] = [];
  const flags: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') { dirs.push(...argv.slice(i + 1)); break; }
    if (!a.startsWith('-') || a === '-') { dirs.push(a); continue; }
    flags.push(a);
    const name = /^--([^=]+)$/.exec(a)?.[1];
    if (name !== undefined && Object.hasOwn(MERGE.options, name) && MERGE.options[name as keyof typeof MERGE.options].type === 'string' && i + 1 < argv.length) flags.push(argv[++i]!);
  }
  return { dirs, flags };
}

async function readShard(dir: string): Promise<ShardInput> {
  const file = join(dir, 'conformance.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new HarnessError('UNREADABLE_FILE', `merge: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? String(e)}): each DIR must be the --reports-dir of a run`);
  }
  try {
    return { dir, doc: JSON.parse(text) as unknown };
  } catch {
    throw new HarnessError('UNREADABLE_FILE', `merge: ${file} is not JSON`);
  }
}

async function outDir(dir: string): Promise<string> {
  const s = await stat(dir).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return undefined;
    throw new HarnessError('UNREADABLE_FILE', `--reports-dir ${dir}: ${e.code}`);
  });
  if (s && !s.isDirectory()) throw new HarnessError('UNREADABLE_FILE', `--reports-dir ${dir} is a file, not a folder`);
  return dir;
}

export async function mergeCommand(argv: string[]): Promise<number> {
  const { dirs, flags } = split(argv);
  const values = parseOptions(MERGE, flags);
  const out = await outDir(values['reports-dir']);
  // Every input is read and checked before anything is written.
  const merged = mergeReports(await Promise.all(dirs.map(readShard)));
  for (const w of merged.warnings) process.stderr.write(`mfa-conformance ${w}\n`);

  // As writeReports does, from a document instead of a RunReport: the shards' counterexamples are already rendered.
  const runStartedAt = performance.timeOrigin;
  const nonce = newNonce();
  const runId = newRunId(runStartedAt, nonce);
  const doc = mergedDoc(merged, runId, out);
  await mkdir(out, { recursive: true });
  const staging = join(out, `.staging-${process.pid}-${nonce}`);
  await mkdir(staging);
  try {
    await writeDocFiles(doc, staging);
  } catch (e) {
    await rm(staging, { recursive: true, force: true });
    throw e;
  }
  const outcome = await publishSet({
    dir: out, staging, runId, runStartedAt, lockTimeoutMs: 60_000,
    manifest: { runId, tool: doc.tool, pid: process.pid, host: hostname(), runStartedAt: new Date(runStartedAt).toISOString(), verdict: doc.verdict, exitCode: doc.exitCode, files: await setFiles(staging) },
  });
  const names = ['conformance.json', 'junit.xml', 'conformance.html', 'allure-results'];
  let where = out;
  if (!outcome.published) {
    where = staging;
    process.stderr.write(`mfa-conformance merge: ${join(out, LOCK)} stayed held by ${outcome.heldBy ? `run ${outcome.heldBy.runId} (pid ${outcome.heldBy.pid})` : 'another process'}; the merged reports stay in ${staging}/\n`);
  } else {
    await rm(staging, { recursive: true, force: true });
    if (outcome.replaced?.keptIn !== undefined) process.stdout.write(`superseded: the reports of run ${outcome.replaced.runId}, which ran alongside, are kept in ${join(out, outcome.replaced.keptIn)}/\n`);
  }

  const rt = doc.ruleTotals;
  const shards = doc.merged.shards.map((s) => `${s.index}/${s.count}`).join(', ');
  process.stdout.write(`mfa-conformance merge: ${dirs.length} folder(s), shard(s) ${shards}; seed ${doc.seed}, ${doc.runs} random cases\n`);
  for (const r of doc.rules.filter((x) => x.status === 'failed')) {
    process.stdout.write(`  ✗ ${r.id}: ${oneLine(r.counterexamples[0]?.summary ?? `${r.failed} failing case(s)`)}\n`);
  }
  const cases = doc.planned !== undefined ? `${doc.planned} cases (${doc.failingCases ?? 0} failing, ${doc.totals.cases} answers checked)` : `${doc.totals.cases} answers checked`;
  const counts = `${rt.rules} rules: ${rt.passed} passed, ${rt.failed} failed, ${rt.warnings} with warnings, ${rt.notExercised} not exercised; ${cases}`;
  if (doc.stopped) process.stdout.write(`PARTIAL: ${oneLine(doc.stopped.message)}\n`);
  process.stdout.write(`${doc.verdict}: ${counts} (exit ${doc.exitCode})\n`);
  process.stdout.write(`reports: ${names.map((n) => join(where, n)).join(', ')} (run ${runId}${doc.stopped ? ', partial' : ''})\n`);
  return doc.exitCode;
}

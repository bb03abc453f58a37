// The one impure entry point of src/report: renders every output from one
// ConformanceDoc (redacted once, here, whatever the runner did), writes them
// into a staging folder of this run's own inside `dir`, then moves the whole
// set into place under a lock that other runs sharing `dir` respect
// (reportSet.ts). Every file carries the run's id; manifest.json lists them.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import type { RunReport } from '../runner/results.ts';
import { writeAllureResults } from './allureResults.ts';
import { conformanceDoc, conformanceJson, type ConformanceDoc } from './conformanceJson.ts';
import { conformanceHtml } from './conformanceHtml.ts';
import { junitXml } from './junitXml.ts';
import { sequenceFile } from './sequenceFile.ts';
import { LOCK, newNonce, newRunId, publishSet, replacedLine, setFiles } from './reportSet.ts';

export interface WriteReportsOptions {
  /** Tokens and secret values the run used: never written, in any encoding. */
  secrets: string[];
  /**
   * When this run began, ms since the epoch: a set in `dir` published after
   * it (or by a live process) came from a run alongside this one and is kept
   * in superseded/. Default: the report's startedAt. The CLI gives its
   * process's start.
   */
  runStartedAt?: number;
  /** How long to wait for another run's move into place. Default 60 s. */
  lockTimeoutMs?: number;
}

export interface WrittenReports {
  runId: string;
  /** conformance.json, junit.xml, conformance.html and the allure-results folder, where they are now. */
  paths: string[];
  /** Console lines: where a replaced concurrent run's set went, or why this set stayed in its staging folder. */
  notes: string[];
  /** Call just before exit: a line if another run has replaced this set since, else undefined. */
  replacedNote: () => Promise<string | undefined>;
}

const OUTPUTS = ['conformance.json', 'junit.xml', 'conformance.html', 'allure-results'] as const;

/**
 * Every file of a set rendered from one document into `dir` (a staging
 * folder): conformance.json, junit.xml, conformance.html, allure-results/
 * and each shrunk sequence as the file `replay` resends. writeReports and
 * `merge` (a merged document) both write a set with it.
 */
export async function writeDocFiles(doc: ConformanceDoc, dir: string): Promise<void> {
  // One text at a time: the three of a run failing every rule together held ~100 MB.
  const render: [string, () => string][] = [['conformance.json', () => conformanceJson(doc)], ['junit.xml', () => junitXml(doc)], ['conformance.html', () => conformanceHtml(doc)]];
  for (const [name, text] of render) await writeFile(join(dir, name), text(), 'utf8');
  // allure-js-commons' FileSystemWriter writes temp files and renames them: in our own folder only.
  writeAllureResults(doc, join(dir, 'allure-results'));
  // Each shrunk sequence as a file `replay` resends (already redacted: the doc's).
  for (const r of doc.rules) {
    for (const c of r.counterexamples) {
      if (!c.sequence) continue;
      await mkdir(join(dir, dirname(c.sequence.file)), { recursive: true });
      await writeFile(join(dir, c.sequence.file), sequenceFile(c, doc.tool.version), 'utf8');
    }
  }
}

export async function writeReports(report: RunReport, dir: string, opts: WriteReportsOptions): Promise<WrittenReports> {
  const runStartedAt = opts.runStartedAt ?? (Date.parse(report.startedAt) || Date.now());
  const nonce = newNonce();
  const runId = newRunId(runStartedAt, nonce);
  const doc = conformanceDoc(report, opts.secrets, runId);
  await mkdir(dir, { recursive: true });
  const staging = join(dir, `.staging-${process.pid}-${nonce}`);
  await mkdir(staging);
  try {
    await writeDocFiles(doc, staging);
  } catch (e) {
    await rm(staging, { recursive: true, force: true });
    throw e;
  }
  const files = await setFiles(staging);
  const outcome = await publishSet({
    dir, staging, runId, runStartedAt, lockTimeoutMs: opts.lockTimeoutMs ?? 60_000,
    manifest: {
      runId, tool: doc.tool, pid: process.pid, host: hostname(), runStartedAt: new Date(runStartedAt).toISOString(),
      verdict: doc.verdict, exitCode: doc.exitCode, files,
    },
  });
  if (!outcome.published) {
    const by = outcome.heldBy ? `run ${outcome.heldBy.runId} (pid ${outcome.heldBy.pid} on ${outcome.heldBy.host})` : 'another process';
    return {
      runId, paths: OUTPUTS.map((n) => join(staging, n)),
      notes: [`reports: ${join(dir, LOCK)} stayed held by ${by}; this run's reports were not moved into ${dir} and stay in ${staging}/`],
      replacedNote: async () => undefined,
    };
  }
  await rm(staging, { recursive: true, force: true });
  const notes: string[] = [];
  const kept = outcome.replaced?.keptIn;
  if (kept !== undefined) notes.push(`superseded: this run replaced the reports of run ${outcome.replaced!.runId}, which ran alongside it; they are kept in ${join(dir, kept)}/`);
  return { runId, paths: OUTPUTS.map((n) => join(dir, n)), notes, replacedNote: () => replacedLine(dir, runId) };
}

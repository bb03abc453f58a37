// The one impure entry point of src/report: renders every output from one
// ConformanceDoc (redacted once, here, whatever the runner did) and writes
// them under `dir`. Allure results go to `dir/allure-results`, cleared first.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunReport } from '../runner/results.ts';
import { clearAllureResults, writeAllureResults } from './allureResults.ts';
import { conformanceDoc, conformanceJson } from './conformanceJson.ts';
import { conformanceHtml } from './conformanceHtml.ts';
import { junitXml } from './junitXml.ts';

export interface WriteReportsOptions {
  /** Tokens and secret values the run used: never written, in any encoding. */
  secrets: string[];
}

/** Returns the written paths: conformance.json, junit.xml, conformance.html, and the allure-results folder. */
export async function writeReports(report: RunReport, dir: string, opts: WriteReportsOptions): Promise<string[]> {
  const doc = conformanceDoc(report, opts.secrets);
  await mkdir(dir, { recursive: true });
  const files: [string, string][] = [
    [join(dir, 'conformance.json'), conformanceJson(doc)],
    [join(dir, 'junit.xml'), junitXml(doc)],
    [join(dir, 'conformance.html'), conformanceHtml(doc)],
  ];
  await Promise.all(files.map(([p, text]) => writeFile(p, text, 'utf8')));
  const allureDir = join(dir, 'allure-results');
  clearAllureResults(allureDir);
  writeAllureResults(doc, allureDir);
  return [...files.map(([p]) => p), allureDir];
}

// `mfa-conformance report` (npm run report): turns reports/allure-results
// into the single-file Allure report (allurerc.mjs: singleFile), then removes
// the analytics tags Allure 3 always injects (src/report/stripAnalytics.ts)
// and checks the page loads nothing remote, so it opens from file:// offline.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { HarnessError } from './harnessError.ts';
import { parseOptions, type CommandSpec } from './options.ts';
import { remoteResources, stripAnalytics } from '../report/stripAnalytics.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ALLURE_CLI = join(ROOT, 'node_modules', 'allure', 'cli.js');

export interface AllureReportOptions { results: string; out: string; cwd?: string }

/** Runs `allure generate` with the repo's allurerc.mjs; returns the path of the single HTML file. */
export function generateAllureReport(opts: AllureReportOptions): string {
  const cwd = opts.cwd ?? ROOT;
  const results = resolve(cwd, opts.results);
  const out = resolve(cwd, opts.out);
  if (!existsSync(results) || readdirSync(results).length === 0) throw new HarnessError('UNREADABLE_FILE', `no Allure results in ${results} (run the harness first)`);
  const r = spawnSync(process.execPath, [ALLURE_CLI, 'generate', results, '-o', out, '--config', join(ROOT, 'allurerc.mjs')], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new HarnessError('TOOL_FAILED', `allure generate failed (exit ${r.status}): ${(r.stderr || r.stdout).trim().split('\n')[0] ?? ''}`);
  const html = join(out, 'index.html');
  if (!existsSync(html)) throw new HarnessError('TOOL_FAILED', `allure generate wrote no ${html}`);
  const page = stripAnalytics(readFileSync(html, 'utf8'));
  const remote = remoteResources(page);
  if (remote.length > 0) throw new HarnessError('TOOL_FAILED', `Allure report still loads remote resources: ${remote.join(', ')}`);
  writeFileSync(html, page);
  return html;
}

export const REPORT = {
  name: 'report',
  summary: "Builds the single-file Allure report from a run's Allure results (npm run report); it opens from file:// offline.",
  about: [],
  options: {
    results: { type: 'string', value: 'DIR', default: 'reports/allure-results', help: "the run's Allure results" },
    out: { type: 'string', value: 'DIR', default: 'reports/allure-report', help: 'where the report goes' },
  },
} as const satisfies CommandSpec;

export async function reportCommand(argv: string[]): Promise<number> {
  const values = parseOptions(REPORT, argv);
  const html = generateAllureReport({ results: values.results, out: values.out, cwd: process.cwd() });
  process.stdout.write(`Allure report: ${pathToFileURL(html).href}\n`);
  return 0;
}

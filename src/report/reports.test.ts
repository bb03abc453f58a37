// The four outputs of one run exist, parse, and tell the same story: same
// failing rules, same totals, an exit code consistent with the failures.
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { spec } from '../spec/model.ts';
import type { RunReport } from '../runner/results.ts';
import type { ConformanceDoc } from './conformanceJson.ts';
import { failingRun, gapRun, passingRun, SECRETS } from './fixtures.ts';
import { writeReports } from './writeReports.ts';

interface Outputs { doc: ConformanceDoc; xml: string; junit: any; html: string; allure: any[] }

async function render(report: RunReport): Promise<Outputs> {
  const dir = mkdtempSync(join(tmpdir(), 'mfa-report-'));
  const { paths } = await writeReports(report, dir, { secrets: Object.values(SECRETS) });
  expect(paths.map((p) => p.slice(dir.length + 1))).toEqual(['conformance.json', 'junit.xml', 'conformance.html', 'allure-results']);
  const xml = readFileSync(join(dir, 'junit.xml'), 'utf8');
  expect(XMLValidator.validate(xml)).toBe(true);
  const junit = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (n) => ['testsuite', 'testcase'].includes(n) }).parse(xml);
  const adir = join(dir, 'allure-results');
  const allure = readdirSync(adir).filter((f) => f.endsWith('-result.json')).map((f) => JSON.parse(readFileSync(join(adir, f), 'utf8')));
  return { doc: JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8')), xml, junit, html: readFileSync(join(dir, 'conformance.html'), 'utf8'), allure };
}

function agree({ doc, junit, html, allure }: Outputs, report: RunReport): void {
  const suites = junit.testsuites;
  const cases: any[] = suites.testsuite.flatMap((s: any) => s.testcase ?? []);
  const failedIds = doc.rules.filter((r) => r.status === 'failed').map((r) => r.id).sort();
  // Every catalogue rule is reported once, in every output.
  expect(doc.rules.map((r) => r.id).sort()).toEqual([...spec.rules.keys()].sort());
  expect(doc.ruleTotals.rules).toBe(spec.rules.size);
  // JUnit counts derive from conformance.json's.
  expect(Number(suites.tests)).toBe(doc.ruleTotals.rules + doc.skipped.length);
  expect(Number(suites.failures)).toBe(doc.ruleTotals.failed);
  expect(Number(suites.skipped)).toBe(doc.ruleTotals.notExercised + doc.skipped.length);
  expect(cases.length).toBe(Number(suites.tests));
  expect(cases.filter((c) => c.failure).map((c) => c.name).sort()).toEqual(failedIds);
  expect(cases.filter((c) => c.skipped?.message === 'not exercised').map((c) => c.name).sort()).toEqual([...doc.gaps].sort());
  // HTML: one .failure section per failing rule, the same rules; verdict shown.
  const htmlFailures = [...html.matchAll(/<section class="failure" id="failure-([^"]+)"/g)].map((m) => m[1]).sort();
  expect(htmlFailures).toEqual(failedIds);
  expect(html).toContain(`id="verdict">${doc.verdict}<`);
  expect(html.match(/<tr id="rule-/g)?.length).toBe(doc.ruleTotals.rules);
  expect(html.match(/GAP: no case reached/g)?.length ?? 0).toBe(doc.gaps.length);
  // Allure: a test per rule plus skipped tests; failed+broken = failing rules.
  expect(allure.length).toBe(doc.ruleTotals.rules + doc.skipped.length);
  expect(allure.filter((t) => t.status === 'failed' || t.status === 'broken').map((t) => t.name).sort()).toEqual(failedIds);
  expect(allure.filter((t) => t.status === 'skipped').length).toBe(doc.ruleTotals.notExercised + doc.skipped.length);
  // Totals and exit code are the run's, and consistent with the failures.
  expect(doc.totals).toEqual(report.totals);
  expect(doc.exitCode).toBe(report.exitCode);
  expect(doc.exitCode).toBe(failedIds.length > 0 ? 1 : 0);
  expect(doc.verdict).toBe(doc.exitCode === 0 ? 'PASS' : 'FAIL');
}

describe('writeReports', () => {
  it('passing run: PASS everywhere, no failures, no gaps', async () => {
    const out = await render(passingRun());
    agree(out, passingRun());
    expect(out.doc.verdict).toBe('PASS');
    expect(out.doc.gaps).toEqual([]);
    expect(out.html).toContain('No failing rules.');
  });

  it('failing run: same failing rules, counterexamples with request, response and replay', async () => {
    const out = await render(failingRun());
    agree(out, failingRun());
    expect(out.doc.ruleTotals).toMatchObject({ failed: 3, warnings: 1 });
    const folder = out.doc.rules.find((r) => r.id === 'body.folder.pattern')!;
    expect(folder.counterexamples[0]).toMatchObject({ seed: 424242, path: '3:1:0' });
    expect(folder.counterexamples[0]!.replay).toContain('Authorization: Bearer $MFA_TOKEN');
    // The expected outcome as data, beside the summary's text (secrets redacted: redaction.test.ts).
    expect(folder.counterexamples[0]!.expected).toMatchObject({ anyOf: [{ status: 400, code: 'E003', message: 'Invalid Object' }], assert: { kind: 'outcome' }, state: 'none' });
    const tc = out.junit.testsuites.testsuite[0].testcase.find((c: any) => c.name === 'body.folder.pattern');
    expect(tc.classname).toBe('create+update');
    expect(tc.failure.message).toMatch(/^Received: 200 \/ Expected: 400 E003/);
    expect(tc.failure['#text']).toContain('--- replay');
    const warn = out.junit.testsuites.testsuite[0].testcase.find((c: any) => c.name === 'route.method-not-supported');
    expect(warn['system-out']).toContain('Received: 404');
    const broken = out.allure.find((t) => t.name === 'auth.not-authenticated');
    expect(broken.status).toBe('broken');
    const a = out.allure.find((t) => t.name === 'body.folder.pattern');
    expect(a.labels).toEqual(expect.arrayContaining([
      { name: 'epic', value: 'create+update' }, { name: 'feature', value: 'regex' },
      { name: 'story', value: 'body.folder.pattern' }, { name: 'severity', value: 'critical' },
    ]));
    expect(a.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'seed', value: '424242' }), expect.objectContaining({ name: 'fast-check path', value: '3:1:0' })]));
    expect(a.steps[0].attachments.map((x: any) => x.name)).toEqual(['request', 'response', 'replay']);
    expect(out.allure.find((t) => t.name === 'route.method-not-supported').labels).toContainEqual({ name: 'severity', value: 'normal' });
  });

  it('failing run: hostile strings neither break nor inject', async () => {
    const { xml, html } = await render(failingRun());
    // Only our own script tag; the counterexample's <script> is text.
    expect(html.match(/<script/g)?.length).toBe(1);
    expect(html).toContain('&lt;script&gt;alert(');
    expect(html).toContain('\\x1b[31mRED');
    // No character XML 1.0 forbids (C0 except tab/LF/CR, lone surrogates, U+FFFE/F).
    expect(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(xml)).toBe(false);
    expect(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(html)).toBe(false);
    expect(xml).toContain('🔥');
  });

  it('gap run: catalogue rules with no case are flagged in every output', async () => {
    const report = gapRun();
    const out = await render(report);
    agree(out, report);
    expect([...out.doc.gaps].sort()).toEqual(['body.duo_security_v2.duo_api_host.format', 'delete.success', 'list.invalid-offset', 'uniqueness.name']);
    expect(out.doc.rules.find((r) => r.id === 'delete.success')!.coverage).toEqual({ cases: 0, boundaryCases: 0, gap: true });
    expect(out.doc.target).not.toContain('hunter2pass');
  });
});

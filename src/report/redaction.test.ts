// No written file (conformance.json, junit.xml, conformance.html, the Allure
// results and the generated single-file Allure report) contains a token, an
// Authorization value or a secret field value, in any encoding, whether or
// not the writer was told the value (UNLISTED: caught by field or header).
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateAllureReport } from '../cli/report.ts';
import { formatSummary } from './consoleSummary.ts';
import { failingRun, gapRun, SECRETS, UNLISTED } from './fixtures.ts';
import { writeReports } from './writeReports.ts';

const secrets = Object.values(SECRETS);
const forbidden = [...secrets, ...Object.values(UNLISTED), 'hunter2pass', 'dXNlcjpwYXNz'];

/** Each secret, and each run of 8+ characters no output format would escape (catches any escaping of the rest). */
function needles(s: string): string[] {
  const cores = s.split(/["'<>&=+/\\ %]/).filter((c) => c.length >= 8);
  return [...new Set([s, JSON.stringify(s).slice(1, -1), encodeURIComponent(s), ...cores])];
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]));
}

/** The single-file Allure report embeds its data base64-encoded: decode every long base64 string too. */
function readable(path: string): string {
  const text = readFileSync(path, 'utf8');
  if (!path.endsWith('.html')) return text;
  const decoded = [...text.matchAll(/[A-Za-z0-9+/]{24,}={0,2}/g)].map((m) => Buffer.from(m[0], 'base64').toString('utf8'));
  return `${text}\n${decoded.join('\n')}`;
}

describe('redaction at the writer boundary', () => {
  it('no secret in any written file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mfa-redact-'));
    await writeReports(failingRun(), join(dir, 'fail'), { secrets });
    await writeReports(gapRun(), join(dir, 'gap'), { secrets });
    const html = generateAllureReport({ results: join(dir, 'fail', 'allure-results'), out: join(dir, 'fail', 'allure-report') });
    const all = files(dir);
    expect(all.length).toBeGreaterThan(200);
    // The check itself works: the fixture's hostile text is found in the decoded Allure report.
    expect(readable(html)).toContain('Received: 200 / Expected: 400 E003');
    const leaks: string[] = [];
    for (const f of all) {
      const text = readable(f);
      for (const s of forbidden) for (const n of needles(s)) if (text.includes(n)) leaks.push(`${f.slice(dir.length)}: ${n}`);
    }
    expect(leaks).toEqual([]);
  }, 20_000);

  it('no secret in the console summary', () => {
    const text = formatSummary(failingRun(), { secrets, color: true }) + formatSummary(gapRun(), { secrets, color: false });
    for (const s of forbidden) for (const n of needles(s)) expect(text).not.toContain(n);
  });
});

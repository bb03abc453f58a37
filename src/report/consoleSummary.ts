// The end-of-run console summary: per-kind counts, then what a developer
// needs to act: each failing rule's first shrunk counterexample with its
// replay line, warnings, skipped tests, the seed and the command, a verdict.
// Control characters are shown escaped so a hostile counterexample cannot
// drive the terminal (ANSI escapes, carriage returns).
import type { RunReport } from '../runner/results.ts';
import { conformanceDoc, type ConformanceRule } from './conformanceJson.ts';
import { oneLine } from './escape.ts';
import { stepLines } from './safeFinding.ts';

export interface SummaryOptions { secrets: string[]; color: boolean }

const CODES = { red: 31, green: 32, yellow: 33, dim: 2, bold: 1 } as const;

export function formatSummary(report: RunReport, opts: SummaryOptions): string {
  const doc = conformanceDoc(report, opts.secrets);
  const paint = (c: keyof typeof CODES, s: string): string => (opts.color ? `\u001b[${CODES[c]}m${s}\u001b[0m` : s);
  const show = oneLine;
  const out: string[] = [];

  const byKind = new Map<string, { cases: number; passed: number; failed: number; warnings: number }>();
  for (const r of doc.rules) {
    const k = byKind.get(r.kind) ?? { cases: 0, passed: 0, failed: 0, warnings: 0 };
    k.cases += r.cases; k.passed += r.passed; k.failed += r.failed; k.warnings += r.warnings;
    byKind.set(r.kind, k);
  }
  out.push(paint('bold', `Conformance of ${show(doc.target)}${doc.embedded ? ' (embedded reference server)' : ''}`));
  out.push(`${'rule kind'.padEnd(24)}${'cases'.padStart(8)}${'passed'.padStart(8)}${'failed'.padStart(8)}${'warnings'.padStart(10)}`);
  for (const [kind, k] of byKind) {
    const line = `${kind.padEnd(24)}${String(k.cases).padStart(8)}${String(k.passed).padStart(8)}${String(k.failed).padStart(8)}${String(k.warnings).padStart(10)}`;
    out.push(k.failed > 0 ? paint('red', line) : k.warnings > 0 ? paint('yellow', line) : line);
  }

  const section = (title: string, rules: ConformanceRule[], mark: string, color: 'red' | 'yellow'): void => {
    if (rules.length === 0) return;
    out.push('', paint('bold', `${title} (${rules.length})`));
    for (const r of rules) {
      const c = r.counterexamples[0];
      out.push(paint(color, `  ${mark} ${r.id} [${r.strength} · ${r.basis}] ${c ? show(c.summary) : `${r.failed + r.warnings} case(s), no counterexample kept`}`));
      if (!c) continue;
      if (c.sequence) {
        // A shrunk sequence: its numbered steps (the first few and the last few of a long one), then its replay.
        const lines = stepLines(c.sequence);
        const shown = lines.length <= 12 ? lines : [...lines.slice(0, 4), `… ${lines.length - 10} more step line(s) in conformance.json …`, ...lines.slice(-6)];
        for (const l of shown) out.push(`      ${show(l)}`);
        out.push(`      ${paint('dim', 'replay:')} ${show(c.replay)}`);
        continue;
      }
      out.push(`      ${show(c.request.split('\n')[0] ?? '')}`);
      const body = c.request.includes('\n\n') ? c.request.slice(c.request.indexOf('\n\n') + 2).replace(/\s*\n\s*/g, ' ') : '';
      if (body) out.push(`      body: ${show(body.length > 300 ? `${body.slice(0, 300)}…` : body)}`);
      out.push(`      ${paint('dim', 'replay:')} ${show(c.replay)}`);
    }
  };
  section('Failing rules', doc.rules.filter((r) => r.status === 'failed'), '✗', 'red');
  section('Warnings', doc.rules.filter((r) => r.status === 'warning'), '!', 'yellow');

  if (doc.skipped.length > 0) {
    out.push('', paint('bold', `Skipped tests (${doc.skipped.length})`));
    for (const s of doc.skipped) out.push(`  - ${show(s.name)}: ${show(s.reason)}`);
  }
  if (doc.gaps.length > 0) out.push('', `Not exercised (${doc.gaps.length} rules): ${doc.gaps.slice(0, 10).join(', ')}${doc.gaps.length > 10 ? ', …' : ''}`);

  const rt = doc.ruleTotals;
  out.push('', `Seed: ${doc.seed}`, `Reproduce: ${show(doc.command)}`);
  const t = doc.transport;
  // What the transport absorbed: never findings (a 429 was not processed; a refreshed token is the harness's own business).
  if (t && (t.retried > 0 || t.refreshes > 0 || t.reauthenticated > 0)) {
    out.push(`Transport: ${t.retried} request(s) resent after 429/503 (their waits add up to ${(t.waitedMs / 1000).toFixed(1)} s; ${t.slowestConcurrency} in flight at the slowest), ${t.refreshes} token refresh(es), ${t.reauthenticated} resent after Key Expired: none of them findings`);
  }
  if (doc.stateful) out.push(`Stateful: ${doc.stateful.sequences} command sequence(s), ${doc.stateful.failed === 0 ? 'none failed' : paint('red', `${doc.stateful.failed} failed (shrunk; mfa-conformance replay reports/sequences/...)`)}`);
  const c = doc.cleanup;
  if (c) {
    out.push(c.leftCount === 0 ? `Clean-up: ${c.deleted} object(s) deleted, none left behind`
      : paint('yellow', `Clean-up: ${c.deleted} object(s) deleted, ${c.leftCount} could not be (${show(c.left.slice(0, 3).map((l) => `${l.id}: ${l.why}`).join('; '))}): run mfa-conformance cleanup with --prefix ${c.prefix}`));
  }
  // The same figures as the progress line: cases (planned, failing), then the answers checked under the rules.
  const planned = doc.stopped ? `${doc.stopped.cases} of ${doc.planned} cases` : `${doc.planned} cases`;
  const cases = doc.planned !== undefined ? `${planned} (${doc.failingCases ?? 0} failing, ${doc.totals.cases} answers checked)` : `${doc.totals.cases} cases`;
  const counts = `${rt.rules} rules: ${rt.passed} passed, ${rt.failed} failed, ${rt.warnings} with warnings, ${rt.notExercised} not exercised; ${cases} in ${(doc.durationMs / 1000).toFixed(1)} s`;
  if (doc.stopped) out.push(paint('yellow', `PARTIAL: the run stopped after ${doc.stopped.cases} of ${doc.planned ?? '?'} cases: ${show(doc.stopped.message)}${doc.stopped.lastError ? ` (last transport error: ${show(`${doc.stopped.lastError.code} ${doc.stopped.lastError.message}`)})` : ''}`));
  if (doc.stopped) out.push(paint('yellow', `STOPPED: ${counts}`));
  else out.push(doc.verdict === 'PASS' ? paint('green', `PASS: ${counts} (exit 0)`) : paint('red', `FAIL: ${counts} (exit ${doc.exitCode})`));
  return `${out.join('\n')}\n`;
}

// The reports of `mfa-conformance diff`: reports/diff.json, reports/diff.html
// and the console lines, from one comparison (runner/divergence.ts). Every
// text is already normalised (ids, prefixes) and redacted by the comparison;
// the HTML escapes everything it shows and loads nothing.
import type { Comparison, Divergence } from '../runner/divergence.ts';
import { escapeHtml, oneLine } from './escape.ts';

export const DIFF_FORMAT = 'mfa-conformance-diff/1';

export interface DiffSide { label: 'A' | 'B'; target: string; exitCode: 0 | 1; failed: number; warnings: number }

export interface DiffDoc extends Comparison {
  format: typeof DIFF_FORMAT;
  seed: number;
  strict: boolean;
  startedAt: string;
  command: string;
  a: DiffSide;
  b: DiffSide;
  exitCode: 0 | 1;
}

/** Divergences listed in full; past this many, counted (the JSON keeps them all up to this bound). */
const SHOWN = 500;

export function diffDoc(c: Comparison, meta: Omit<DiffDoc, keyof Comparison | 'format' | 'exitCode'>): DiffDoc {
  return {
    format: DIFF_FORMAT, ...meta, ...c,
    divergences: c.divergences.slice(0, SHOWN), notes: c.notes.slice(0, SHOWN),
    exitCode: c.divergences.length > 0 ? 1 : 0,
  };
}

const answer = (d: Divergence, side: 'a' | 'b'): string => {
  const x = d[side];
  const head = x.status !== undefined ? String(x.status) : `no answer (${x.transport})`;
  return [head, x.code, x.message && `"${x.message}"`, d.differs.includes('shape') ? `body ${x.shape.slice(0, 120)}` : '', x.failed ? `FAILS: ${x.why ?? ''}` : ''].filter(Boolean).join(' ');
};

/** Console lines: the counts, then the divergences (and a few notes) one per line. */
export function diffSummary(doc: DiffDoc, total: { divergences: number; notes: number }): string {
  const out: string[] = [];
  out.push(`diff: A ${doc.a.target} (run exit ${doc.a.exitCode}) against B ${doc.b.target} (run exit ${doc.b.exitCode}), seed ${doc.seed}${doc.strict ? ', strict' : ''}`);
  out.push(`  ${doc.compared} answers compared: ${total.divergences} divergence(s), ${total.notes} note(s) (both answers allowed)${doc.unpaired > 0 ? `, ${doc.unpaired} not comparable (a sequence went another way after an earlier difference)` : ''}${doc.onlyA.count + doc.onlyB.count > 0 ? `, ${doc.onlyA.count} only sent to A, ${doc.onlyB.count} only to B` : ''}`);
  for (const d of doc.divergences.slice(0, 30)) {
    out.push(oneLine(`  ✗ ${d.key} ${d.request} [${d.rule}] ${d.differs.join('/')}: A ${answer(d, 'a')} | B ${answer(d, 'b')}`));
  }
  if (total.divergences > 30) out.push(`  … ${total.divergences - 30} more in reports/diff.json`);
  for (const d of doc.notes.slice(0, 5)) out.push(oneLine(`  · ${d.key} ${d.request} [${d.rule}] ${d.differs.join('/')}: A ${answer(d, 'a')} | B ${answer(d, 'b')}`));
  if (total.notes > 5) out.push(`  … ${total.notes - 5} more notes in reports/diff.json`);
  out.push(doc.exitCode === 0 ? 'PASS: no divergence (exit 0)' : `FAIL: ${total.divergences} divergence(s) (exit 1)`);
  return `${out.join('\n')}\n`;
}

function rows(list: readonly Divergence[], kind: string): string {
  return list.map((d) => `<tr class="${kind}"><td>${escapeHtml(d.key)}</td><td>${escapeHtml(d.request)}</td><td>${escapeHtml(d.rule)}</td><td>${escapeHtml(d.differs.join(', '))}</td><td>${escapeHtml(answer(d, 'a'))}</td><td>${escapeHtml(answer(d, 'b'))}</td></tr>`).join('\n');
}

export function diffHtml(doc: DiffDoc): string {
  const head = '<tr><th>place</th><th>request</th><th>rule</th><th>differs</th><th>A</th><th>B</th></tr>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>mfa-conformance diff</title>
<style>body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:4px;vertical-align:top;text-align:left;word-break:break-word}tr.divergence td{background:#fde8e8}tr.note td{background:#f4f4f4}</style></head>
<body><h1>${doc.exitCode === 0 ? 'No divergence' : `${doc.divergences.length} divergence(s)`}</h1>
<p>A: ${escapeHtml(doc.a.target)} (run exit ${doc.a.exitCode}, ${doc.a.failed} failed answers) &middot; B: ${escapeHtml(doc.b.target)} (run exit ${doc.b.exitCode}, ${doc.b.failed} failed answers) &middot; seed ${doc.seed}${doc.strict ? ' &middot; strict' : ''}</p>
<p>${doc.compared} answers compared by their place in the run; ${doc.unpaired} not comparable; ${doc.onlyA.count} only sent to A, ${doc.onlyB.count} only to B. A divergence: the answers differ (status, code, message or body shape, ids and secrets left out) and at least one fails the oracle. A note: they differ and semantics.md allows both.</p>
<p>Reproduce: <code>${escapeHtml(doc.command)}</code></p>
<h2>Divergences</h2><table>${head}\n${rows(doc.divergences, 'divergence')}</table>
<h2>Notes (both allowed)</h2><table>${head}\n${rows(doc.notes, 'note')}</table>
</body></html>
`;
}

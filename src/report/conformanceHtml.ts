// conformance.html: one self-contained page (inline CSS/JS, no network) that
// a reviewer opens from file://. Built from the same ConformanceDoc as the
// JSON and JUnit outputs, so all three tell the same story.
import type { ConformanceDoc } from './conformanceJson.ts';
import { escapeHtml as h } from './escape.ts';
import { CSS, JS } from './htmlAssets.ts';
import { legend, matrix } from './htmlMatrix.ts';
import { coverage, details, openPoints, tallyTable } from './htmlSections.ts';

function header(doc: ConformanceDoc): string {
  const rt = doc.ruleTotals;
  const meta: [string, string][] = [
    ['target', `${doc.target}${doc.embedded ? ' (embedded reference server)' : ''}`],
    ['seed', String(doc.seed)],
    ['runs', `${doc.runs}${doc.strict ? ' (strict: should rules fail the run)' : ''}`],
    ['started', doc.startedAt],
    ['duration', `${(doc.durationMs / 1000).toFixed(1)} s`],
    ['cases', `${doc.planned !== undefined ? `${doc.planned} planned, ${doc.failingCases ?? 0} failing; ` : ''}${doc.totals.cases} answers checked (${doc.totals.passed} passed, ${doc.totals.failed} failed, ${doc.totals.warnings} warnings)`],
    ...(doc.stopped ? [['partial', `the run stopped after ${doc.stopped.cases} cases: ${doc.stopped.message}`] as [string, string]] : []),
    ['exit code', String(doc.exitCode)],
    ['tool', `${doc.tool.name} ${doc.tool.version}`],
    ...(doc.runId !== undefined ? [['run id', doc.runId] as [string, string]] : []),
  ];
  const cards: [string, number, string][] = [
    ['rules', rt.rules, ''], ['passed', rt.passed, 'st-passed'], ['failed', rt.failed, 'st-failed'],
    ['warnings', rt.warnings, 'st-warning'], ['not exercised', rt.notExercised, 'st-not-exercised'],
  ];
  return `<header><h1>MFA servers conformance <span class="verdict ${doc.verdict}" id="verdict">${doc.verdict}</span></h1>
<dl class="meta">${meta.map(([k, v]) => `<dt>${h(k)}</dt><dd>${h(v)}</dd>`).join('')}</dl>
<h4>Reproduce this run</h4><div class="cmd"><pre id="command">${h(doc.command)}</pre><button type="button" data-copy="command">copy</button></div>
<div class="cards">${cards.map(([k, n, c]) => `<div class="card ${c}"><b>${n}</b>${h(k)}</div>`).join('')}</div></header>`;
}

function skippedList(doc: ConformanceDoc): string {
  if (doc.skipped.length === 0) return '<p>No skipped tests.</p>';
  return `<ul>${doc.skipped.map((s) => `<li><code>${h(s.name)}</code>: ${h(s.reason)}</li>`).join('')}</ul>`;
}

export function conformanceHtml(doc: ConformanceDoc): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">${doc.runId !== undefined ? `\n<meta name="mfa-conformance-run-id" content="${h(doc.runId)}">` : ''}
<title>${h(`MFA conformance: ${doc.verdict} (seed ${doc.seed})`)}</title><style>${CSS}</style></head>
<body>${header(doc)}<main>
<h2>Rule matrix</h2>${legend()}<div id="matrix">${matrix(doc)}</div>
<h2>Failing rules (${doc.ruleTotals.failed})</h2><div id="failures">${details(doc, 'failed')}</div>
<h2>Warnings (${doc.ruleTotals.warnings})</h2><div id="warnings">${details(doc, 'warning')}</div>
<h2>Open points</h2><div id="open-points"><p>Where semantics.md allows more than one answer, each passes in every mode; this is what the target chose.</p>${openPoints(doc)}</div>
<h2>By vendor and container</h2><div id="breakdown">${tallyTable('vendor', doc.vendors)}${tallyTable('container', doc.containers)}</div>
<h2>Skipped tests (${doc.skipped.length})</h2><div id="skipped">${skippedList(doc)}</div>
<h2>Coverage (${doc.ruleTotals.rules} rules, ${doc.gaps.length} gaps)</h2><div id="coverage">${coverage(doc)}</div>
</main><script>${JS}</script></body></html>
`;
}

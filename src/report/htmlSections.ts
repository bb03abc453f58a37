// The other sections of conformance.html: vendor/container tables, failure
// and warning details with their counterexamples, and the coverage table of
// every catalogue rule. All text goes through escapeHtml.
import type { ConformanceDoc, ConformanceRule } from './conformanceJson.ts';
import type { Tally } from './breakdown.ts';
import { groupedSteps, type SafeFinding, type SafeSequence } from './safeFinding.ts';
import { STATUS_LABEL } from './ruleRows.ts';
import { escapeHtml as h } from './escape.ts';
import { SYMBOL } from './htmlMatrix.ts';

export function tallyTable(title: string, rows: Record<string, Tally>): string {
  const body = Object.entries(rows).map(([name, t]) => {
    const st = t.failed > 0 ? 'failed' : t.warnings > 0 ? 'warning' : t.cases === 0 ? 'not-exercised' : 'passed';
    return `<tr><td>${h(name)}</td><td class="n">${t.cases}</td><td class="n">${t.failed}</td><td class="n">${t.warnings}</td><td class="st-${st}">${SYMBOL[st]} ${STATUS_LABEL[st]}</td></tr>`;
  });
  return `<table><thead><tr><th>${h(title)}</th><th>cases</th><th>failed</th><th>warnings</th><th>status</th></tr></thead><tbody>${body.join('')}</tbody></table>`;
}

/**
 * The page shows at most 4 KiB of a request or response (conformance.json
 * keeps 16 KiB): a run's page stays a few MB, whatever the target sent.
 */
const PAGE_TEXT_CHARS = 4 * 1024;
const cutText = (t: string): string => (t.length <= PAGE_TEXT_CHARS ? t : `${t.slice(0, PAGE_TEXT_CHARS)}\n… (${t.length - PAGE_TEXT_CHARS} more characters in conformance.json)`);

/** A shrunk sequence as numbered steps: request, expected and received answers, each step's curl line. */
function sequenceHtml(q: SafeSequence): string {
  const rows = groupedSteps(q).map((g) => `<tr${g.step.failed ? ' class="failed"' : ''}><td>${g.count > 1 ? `${g.from}-${g.to}` : g.from}</td><td>${h(g.step.command)}</td><td><code>${h(g.count > 1 ? `${g.step.method} ×${g.count}` : `${g.step.method} ${g.step.path}`)}</code></td><td>${h(g.step.expected)}</td><td>${h(g.step.received)}</td><td><details><summary>curl</summary><pre class="replay">${h(g.step.replay)}</pre></details></td></tr>`);
  return `<h4>Steps (${q.steps.length}; replay: <code>${h(q.file)}</code>)</h4><table class="steps"><thead><tr><th>#</th><th>command</th><th>request</th><th>expected</th><th>received</th><th></th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function counterexample(c: SafeFinding, i: number): string {
  return `<div class="ce"><p class="summary">#${i + 1} ${h(c.summary)}</p>
<p>check <code>${h(c.check)}</code> · seed <code>${c.seed}</code>${c.path !== undefined ? ` · path <code>${h(c.path)}</code>` : ''}</p>
${c.sequence ? sequenceHtml(c.sequence) : ''}<h4>${c.sequence ? 'The failing step\'s request' : 'Request'}</h4><pre class="request">${h(cutText(c.request))}</pre>
<h4>Response</h4><pre class="response">${h(cutText(c.response))}</pre>
<h4>Replay</h4><pre class="replay">${h(c.replay)}</pre></div>`;
}

function detail(r: ConformanceRule, cls: string): string {
  const count = cls === 'failure' ? `${r.failed} failed` : `${r.warnings} warning(s)`;
  return `<section class="${cls}" id="${cls}-${h(r.id)}"><h3>${SYMBOL[r.status]} ${h(r.id)} <span class="chip st-${r.status}">${h(r.strength)}</span> <small>${h(r.kind)} · ${count} of ${r.cases} cases</small></h3>
<p>${h(r.description)} <small>(${h(r.source)})</small></p>${r.counterexamples.map(counterexample).join('')}</section>`;
}

export function details(doc: ConformanceDoc, status: 'failed' | 'warning'): string {
  const rules = doc.rules.filter((r) => r.status === status);
  if (rules.length === 0) return `<p>No ${status === 'failed' ? 'failing rules' : 'warnings'}.</p>`;
  return rules.map((r) => detail(r, status === 'failed' ? 'failure' : 'warning-detail')).join('\n');
}

export function coverage(doc: ConformanceDoc): string {
  const head = '<tr><th>rule</th><th>kind</th><th>strength</th><th>basis</th><th>operations</th><th>cases</th><th>boundary</th><th>passed</th><th>failed</th><th>warnings</th><th>status</th><th>coverage</th></tr>';
  const rows = doc.rules.map((r) => `<tr id="rule-${h(r.id)}" data-status="${r.status}" data-gap="${r.coverage.gap}"><td><code>${h(r.id)}</code></td><td>${h(r.kind)}</td><td>${h(r.strength)}</td><td>${h(r.basis)}</td><td>${h(r.operations.join(', '))}</td>`
    + `<td class="n">${r.cases}</td><td class="n">${r.boundaryCases}</td><td class="n">${r.passed}</td><td class="n">${r.failed}</td><td class="n">${r.warnings}</td>`
    + `<td class="st-${r.status}">${SYMBOL[r.status]} ${STATUS_LABEL[r.status]}</td><td>${r.coverage.gap ? '<span class="gap">GAP: no case reached this rule</span>' : 'covered'}</td></tr>`);
  const filters = ['all', 'failed', 'warning', 'gap'].map((f) => `<button type="button" data-filter="${f}">${f === 'gap' ? 'gaps' : f}</button>`).join('');
  return `<p class="filters">Show: ${filters}</p><table><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`;
}

/** The open points the run met, and which acceptable answer the target gave at each (all pass, in every mode). */
export function openPoints(doc: ConformanceDoc): string {
  const rules = doc.rules.filter((r) => r.strength === 'open' && r.cases > 0);
  if (rules.length === 0) return '<p>No open point was met.</p>';
  const rows = rules.map((r) => {
    const answers = Object.entries(r.answers ?? {}).sort((a, b) => b[1] - a[1]).map(([k, n]) => `<code>${h(k)}</code> ×${n}`).join(', ');
    return `<tr><td><code>${h(r.id)}</code></td><td>${h(r.description)}</td><td>${answers || '—'}</td></tr>`;
  });
  return `<table><tr><th>open point</th><th>every answer that passes</th><th>what the target answered</th></tr>${rows.join('')}</table>`;
}

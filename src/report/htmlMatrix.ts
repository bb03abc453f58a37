// The rule matrix: rows are fields grouped by the operations they apply to,
// columns are rule kinds, each cell lists the rules at that (field, kind) with
// a symbol and a text label as well as a colour (readable without colour).
import type { ConformanceDoc, ConformanceRule } from './conformanceJson.ts';
import { STATUS_LABEL, type RuleStatus } from './ruleRows.ts';
import { escapeHtml as h } from './escape.ts';

export const SYMBOL: Record<RuleStatus, string> = { passed: '✓', failed: '✗', warning: '!', 'not-exercised': '–' };

// Roughly the oracle's precedence, so the columns read left to right the way a request is judged.
const KIND_ORDER = ['auth', 'method', 'not-found', 'permission', 'body-format', 'type', 'required', 'length', 'range',
  'regex', 'container-exclusivity', 'vendor-exclusivity', 'uniqueness', 'success'];

const WORST: RuleStatus[] = ['failed', 'warning', 'not-exercised', 'passed'];

export function legend(): string {
  return `<div class="legend">${(Object.keys(SYMBOL) as RuleStatus[])
    .map((s) => `<span class="chip st-${s}">${SYMBOL[s]} ${STATUS_LABEL[s]}</span>`).join('')}</div>`;
}

export function chip(r: ConformanceRule, text: string, multi = false): string {
  return `<a class="chip st-${r.status}${multi ? ' multi' : ''}" href="#rule-${h(r.id)}" title="${h(`${r.id}: ${STATUS_LABEL[r.status]}, ${r.cases} cases`)}">${SYMBOL[r.status]}&nbsp;${h(text)}</a>`;
}

/**
 * Rows group by operations and, for nested vendor fields, by their parent
 * object (`mfa_vendor_type.okta_adaptive_v1`), so a row is labelled by its
 * leaf (`okta_timeout`) and the matrix stays narrow.
 */
function place(r: ConformanceRule): { group: string; row: string } {
  const ops = r.operations.includes('all') ? 'all operations' : r.operations.join(', ');
  const parts = r.field.split('.');
  if (parts.length >= 3) return { group: `${ops} · ${parts.slice(0, -1).join('.')}`, row: parts.at(-1)! };
  return { group: ops, row: r.field === '' ? '(request)' : r.field };
}

export function matrix(doc: ConformanceDoc): string {
  const present = new Set(doc.rules.map((r) => r.kind));
  const kinds = [...KIND_ORDER.filter((k) => present.has(k)), ...[...present].filter((k) => !KIND_ORDER.includes(k))];
  // group → field → kind → rules, each in first-seen order (Map keeps insertion order).
  const groups = new Map<string, Map<string, ConformanceRule[]>>();
  for (const r of doc.rules) {
    const { group, row } = place(r);
    const fields = groups.get(group) ?? new Map<string, ConformanceRule[]>();
    groups.set(group, fields);
    fields.set(row, [...(fields.get(row) ?? []), r]);
  }
  const head = `<tr><th>field</th>${kinds.map((k) => `<th>${h(k).replace(/-/g, '-<wbr>')}</th>`).join('')}</tr>`;
  const body = [...groups].map(([group, fields]) => {
    const rows = [...fields].map(([field, rules]) => {
      const cells = kinds.map((k) => {
        const here = rules.filter((r) => r.kind === k);
        if (here.length === 0) return '<td></td>';
        const worst = WORST.find((s) => here.some((r) => r.status === s)) ?? 'passed';
        const chips = here.map((r) => (here.length > 1 ? chip(r, `${STATUS_LABEL[r.status]} · ${r.id.split('.').pop()}`, true) : chip(r, STATUS_LABEL[r.status])));
        return `<td class="cell" data-status="${worst}">${chips.join('<br>')}</td>`;
      });
      // <wbr> lets `query.folder|snippet|device` wrap at its separators only.
      return `<tr><td class="field">${h(field).replace(/([.|])/g, '$1<wbr>')}</td>${cells.join('')}</tr>`;
    });
    return `<tr class="group"><th colspan="${kinds.length + 1}">${h(group)}</th></tr>${rows.join('')}`;
  });
  return `<table><thead>${head}</thead><tbody>${body.join('')}</tbody></table>`;
}

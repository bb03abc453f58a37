// One list of rows shared by every reporter, so the JSON, JUnit, HTML, Allure
// and console outputs cannot disagree on which rules exist or how each ended.
// Rows are the run's rules plus every catalogue rule the run never mentioned
// (coverage: a rule no case reached is a gap, not an omission).
import { spec } from '../spec/model.ts';
import type { RuleResult, RunReport } from '../runner/results.ts';

export type RuleStatus = 'failed' | 'warning' | 'passed' | 'not-exercised';

export const STATUS_LABEL: Record<RuleStatus, string> = {
  failed: 'fail',
  warning: 'warning',
  passed: 'pass',
  'not-exercised': 'not exercised',
};

/** Failures win over warnings; zero cases with nothing found is a gap. */
export function ruleStatus(r: RuleResult): RuleStatus {
  if (r.failed > 0) return 'failed';
  if (r.warnings > 0) return 'warning';
  if (r.cases === 0) return 'not-exercised';
  return 'passed';
}

function emptyResult(id: string): RuleResult {
  const r = spec.rules.get(id)!;
  return {
    rule: r.id, kind: r.kind, strength: r.strength, basis: r.basis,
    operations: r.operations === 'all' ? ['all'] : [...r.operations],
    field: r.field, description: r.description, source: r.source,
    cases: 0, boundaryCases: 0, passed: 0, failed: 0, warnings: 0,
    counterexamples: [], vendors: {}, containers: {},
  };
}

/** The run's rules in run order, then catalogue rules of the run's profile the run did not report. */
export function ruleRows(report: RunReport): RuleResult[] {
  const seen = new Set(report.rules.map((r) => r.rule));
  const profile = report.profile ?? 'default';
  const applies = (id: string): boolean => { const p = spec.rules.get(id)!.profile; return p === undefined || p === profile; };
  const missing = [...spec.rules.keys()].filter((id) => !seen.has(id) && applies(id)).map(emptyResult);
  return [...report.rules, ...missing];
}

/** Operation label used as JUnit classname and Allure epic: the operations, or the kind for "all". */
export function operationLabel(r: { operations: readonly string[]; kind: string }): string {
  const ops = r.operations.filter((o) => o !== 'all');
  return ops.length > 0 ? ops.join('+') : r.kind;
}

export interface RuleCounts {
  rules: number; passed: number; failed: number; warnings: number; notExercised: number;
}

export function ruleCounts(rows: readonly RuleResult[]): RuleCounts {
  const c: RuleCounts = { rules: rows.length, passed: 0, failed: 0, warnings: 0, notExercised: 0 };
  for (const r of rows) {
    const s = ruleStatus(r);
    if (s === 'failed') c.failed++;
    else if (s === 'warning') c.warnings++;
    else if (s === 'passed') c.passed++;
    else c.notExercised++;
  }
  return c;
}

export function verdict(report: RunReport): 'PASS' | 'FAIL' {
  return report.exitCode === 0 ? 'PASS' : 'FAIL';
}

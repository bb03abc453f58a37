// conformance.json: the machine-readable verdict. One entry per catalogue
// rule (ruleRows), each with its counts, its redacted counterexamples and a
// coverage flag, so CI tooling can diff runs without parsing HTML or XML.
import type { RunReport } from '../runner/results.ts';
import { ruleCounts, ruleRows, ruleStatus, verdict, type RuleCounts, type RuleStatus } from './ruleRows.ts';
import { safeFinding, type SafeFinding } from './safeFinding.ts';
import { safeText } from './reportRedaction.ts';
import { containerTally, vendorTally, type Tally } from './breakdown.ts';

export interface ConformanceRule {
  id: string;
  kind: string;
  strength: string;
  /** Why its cases are expected to end as they do: seed, spec, semantics (a should reading semantics.md states) or open. */
  basis: string;
  operations: string[];
  field: string;
  description: string;
  source: string;
  status: RuleStatus;
  cases: number;
  boundaryCases: number;
  passed: number;
  failed: number;
  warnings: number;
  counterexamples: SafeFinding[];
  coverage: { cases: number; boundaryCases: number; gap: boolean };
  /** At an open point: how often the target gave each acceptable answer. */
  answers?: Record<string, number>;
}

/** The run's report (target and command redacted), plus what every writer shows. */
export interface ConformanceDoc extends Omit<RunReport, 'rules' | 'skipped'> {
  /** The run this set of reports belongs to (writeReports; every file of the set carries it). */
  runId?: string;
  verdict: 'PASS' | 'FAIL';
  /** Rule counts by status; JUnit's tests/failures/skipped derive from these plus `skipped`. */
  ruleTotals: RuleCounts;
  skipped: { name: string; reason: string }[];
  vendors: Record<string, Tally>;
  containers: Record<string, Tally>;
  rules: ConformanceRule[];
  /** Ids of rules no case reached. */
  gaps: string[];
}

export function conformanceDoc(report: RunReport, secrets: readonly string[], runId?: string): ConformanceDoc {
  const rows = ruleRows(report);
  const rules = rows.map((r): ConformanceRule => ({
    id: r.rule,
    kind: r.kind,
    strength: r.strength,
    basis: r.basis,
    operations: r.operations,
    field: r.field,
    description: r.description,
    source: r.source,
    status: ruleStatus(r),
    cases: r.cases,
    boundaryCases: r.boundaryCases,
    passed: r.passed,
    failed: r.failed,
    warnings: r.warnings,
    counterexamples: r.counterexamples.map((f) => safeFinding(f, secrets)),
    coverage: { cases: r.cases, boundaryCases: r.boundaryCases, gap: r.cases === 0 },
    ...(r.answers && { answers: Object.fromEntries(Object.entries(r.answers).map(([k, n]) => [safeText(k, secrets), n])) }),
  }));
  return {
    ...(runId !== undefined && { runId }),
    ...report,
    target: safeText(report.target, secrets),
    command: safeText(report.command, secrets),
    verdict: verdict(report),
    ruleTotals: ruleCounts(rows),
    skipped: report.skipped.map((s) => ({ name: safeText(s.name, secrets), reason: safeText(s.reason, secrets) })),
    vendors: vendorTally(rows),
    containers: containerTally(rows),
    rules,
    gaps: rules.filter((r) => r.coverage.gap).map((r) => r.id),
  };
}

export function conformanceJson(doc: ConformanceDoc): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

// Per-vendor and per-container totals, summed over rules. Every vendor and
// container of the spec appears, so one the run never touched shows as 0
// cases rather than vanishing from the table.
import { spec } from '../spec/model.ts';
import type { RuleResult } from '../runner/results.ts';

export interface Tally { cases: number; failed: number; warnings: number }

function sum(rows: readonly RuleResult[], pick: (r: RuleResult) => Record<string, Tally>, names: readonly string[]): Record<string, Tally> {
  const out: Record<string, Tally> = {};
  for (const n of names) out[n] = { cases: 0, failed: 0, warnings: 0 };
  for (const r of rows) {
    for (const [name, t] of Object.entries(pick(r))) {
      const acc = (out[name] ??= { cases: 0, failed: 0, warnings: 0 });
      acc.cases += t.cases;
      acc.failed += t.failed;
      acc.warnings += t.warnings;
    }
  }
  return out;
}

export function vendorTally(rows: readonly RuleResult[]): Record<string, Tally> {
  return sum(rows, (r) => r.vendors, spec.vendors.map((v) => v.name));
}

export function containerTally(rows: readonly RuleResult[]): Record<string, Tally> {
  return sum(rows, (r) => r.containers, spec.containers);
}

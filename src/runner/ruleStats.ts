// Per-rule tallies for the reports: every rule of the catalogue appears,
// including rules no case reached (a coverage gap).
import type { Verdict } from '../checks/index.ts';
import { spec } from '../spec/model.ts';
import type { Outcome } from '../spec/types.ts';
import type { Finding, RuleResult } from './results.ts';

type Tally = { cases: number; failed: number; warnings: number };
const MAX_COUNTEREXAMPLES = 3;

function bump(t: Record<string, Tally>, k: string | undefined, failed: boolean, warned: boolean): void {
  if (!k) return;
  const x = (t[k] ??= { cases: 0, failed: 0, warnings: 0 });
  x.cases++;
  if (failed) x.failed++; else if (warned) x.warnings++;
}

/** How an answer reads in a report: `400 E003 Malformed Command`, `200 (bare object)`. */
export function answerLabel(o: Outcome): string {
  const status = o.statusMax !== undefined ? `${o.status}-${o.statusMax}` : String(o.status);
  const how = o.reading?.split(':')[1];
  return [status, o.code, o.message, how && `(${how})`].filter(Boolean).join(' ');
}

export class RuleStats {
  private readonly rules = new Map<string, RuleResult>();

  constructor(profile: 'default' | 'openapi' = 'default') {
    for (const r of spec.rules.values()) {
      if (r.profile && r.profile !== profile) continue;
      this.rules.set(r.id, {
        rule: r.id, kind: r.kind, strength: r.strength, basis: r.basis, operations: r.operations === 'all' ? ['all'] : [...r.operations],
        field: r.field, description: r.description, source: r.source,
        cases: 0, boundaryCases: 0, passed: 0, failed: 0, warnings: 0, counterexamples: [], vendors: {}, containers: {},
      });
    }
  }

  /** `answer`: the acceptable answer the response matched; at an open point, which one the target gave is tallied. */
  record(ruleId: string, verdicts: Verdict[], meta: { boundary: boolean; vendor?: string; container?: string }, answer?: Outcome): void {
    const r = this.rules.get(ruleId);
    if (!r) return;
    if (answer && r.strength === 'open') {
      const label = answerLabel(answer);
      (r.answers ??= {})[label] = (r.answers[label] ?? 0) + 1;
    }
    const failed = verdicts.some((v) => v.severity === 'failure');
    const warned = !failed && verdicts.length > 0;
    r.cases++;
    if (meta.boundary) r.boundaryCases++;
    if (failed) r.failed++; else if (warned) r.warnings++; else r.passed++;
    bump(r.vendors, meta.vendor ?? 'none', failed, warned);
    bump(r.containers, meta.container, failed, warned);
  }

  /** A case first counted as passed turned out to fail, or warn, on a later check (the Pact contract check). */
  markFinding(ruleId: string, f: Finding): void {
    const r = this.rules.get(ruleId);
    if (!r) return;
    if (f.severity === 'failure') {
      if (r.passed > 0) r.passed--;
      else if (r.warnings > 0) r.warnings--;
      else r.cases++;
      r.failed++;
    } else if (r.passed > 0) {
      r.passed--;
      r.warnings++;
    }
    this.addCounterexample(ruleId, f);
  }

  /** Whether a finding of this rule and check would be kept as a counterexample (so it is worth building). */
  wantsCounterexample(ruleId: string, check: string): boolean {
    const list = this.rules.get(ruleId)?.counterexamples;
    return list !== undefined && (list.length < MAX_COUNTEREXAMPLES || !list.some((x) => x.check === check));
  }

  /**
   * Keeps a few counterexamples per rule: a shrunk one first, and one of
   * every check that failed (a Pact contract finding is not crowded out by
   * three schema findings of the same rule).
   */
  addCounterexample(ruleId: string, f: Finding, shrunk = false): void {
    const r = this.rules.get(ruleId);
    if (!r) return;
    const list = r.counterexamples;
    if (shrunk) list.unshift(f);
    else if (list.length < MAX_COUNTEREXAMPLES) list.push(f);
    else if (!list.some((x) => x.check === f.check)) {
      // Replace the last counterexample whose check is represented twice.
      const i = list.findLastIndex((x, idx) => idx > 0 && list.filter((y) => y.check === x.check).length > 1);
      if (i > 0) list[i] = f;
    }
    list.splice(MAX_COUNTEREXAMPLES);
  }

  results(): RuleResult[] {
    return [...this.rules.values()];
  }
}

// A check looks at one exchange and what the oracle predicted, and returns a
// verdict or nothing. Checks are small named functions (schemathesis
// specs/openapi/checks.py); the runner turns verdicts into Findings.
import type { Prediction } from '../oracle/predict.ts';
import type { Exchange, Severity } from '../runner/results.ts';
import type { Outcome, Strength } from '../spec/types.ts';

export interface CheckInput {
  exchange: Exchange;
  prediction: Prediction;
  /** The response body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
  /** The expected outcome the response's status matched, if any. */
  matched?: Outcome;
  /** True when `matched` is only tolerated (a should deviation): its body checks are should too. */
  matchedTolerated?: boolean;
  strict: boolean;
  /** Names of containers this run made start with it: their lists hold only this run's objects. */
  runPrefix?: string;
}

export interface Verdict {
  check: string;
  rule: string;
  strength: Strength;
  severity: Severity;
  summary: string;
}

export type Check = (input: CheckInput) => Verdict | undefined;

/** A should deviation is a warning unless --strict (semantics.md preamble). */
export function severityOf(strength: Strength, strict: boolean): Severity {
  return strength === 'must' || strict ? 'failure' : 'warning';
}

export function describeOutcome(o: Pick<Outcome, 'status' | 'code' | 'message'>): string {
  return [String(o.status), o.code, o.message && `(${o.message})`].filter(Boolean).join(' ');
}

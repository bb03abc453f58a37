// A check looks at one exchange and the answer of the prediction it is held
// to, and returns a verdict or nothing. Checks are small named functions
// (schemathesis specs/openapi/checks.py); the runner turns verdicts into Findings.
import type { Prediction } from '../oracle/predict.ts';
import type { Exchange, Outcome, Severity, Strength } from '../spec/types.ts';
import type { Expectation } from '../spec/expectation.ts';

export interface CheckInput {
  exchange: Exchange;
  prediction: Prediction;
  /** The response body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
  /** The acceptable answer the response is held to (its status and code match), if any. */
  matched?: Outcome;
  /** True when `matched` is only tolerated (a should deviation): everything about it is held at should. */
  matchedTolerated?: boolean;
  strict: boolean;
  /** Names of containers this run made start with it: their lists hold only this run's objects. */
  runPrefix?: string;
  /** Ids the target gave objects before (StateView.idTaken): a create's answer must not reuse one. */
  idTaken?: (id: string) => boolean;
}

export interface Verdict {
  check: string;
  rule: string;
  strength: Exclude<Strength, 'open'>;
  severity: Severity;
  summary: string;
  /** What the response was held to, as data (checks/expectation.ts expectationOf): what every writer reads, never `summary`. */
  expected?: Expectation;
}

export type Check = (input: CheckInput) => Verdict | undefined;

/** A should deviation is a warning unless --strict (semantics.md preamble). */
export function severityOf(strength: Exclude<Strength, 'open'>, strict: boolean): Severity {
  return strength === 'must' || strict ? 'failure' : 'warning';
}

/**
 * The strength an answer's shape (content type, envelope, schema, details,
 * Pact) is held at: that of the acceptable answer it matched (semantics.md:
 * "The body of a should outcome ... at should strength, like the outcome
 * itself"), should when that answer is only tolerated, and the prediction's
 * miss strength when it matched none. Open answers' shapes are not asserted.
 */
export function shapeStrength(input: Pick<CheckInput, 'matched' | 'matchedTolerated' | 'prediction'>): Strength {
  if (!input.matched) return input.prediction.miss;
  if (input.matchedTolerated) return input.matched.strength === 'open' ? 'open' : 'should';
  return input.matched.strength;
}

/** The weaker of two strengths. */
export function weaker(a: Strength, b: Strength): Strength {
  const rank = { open: 0, should: 1, must: 2 } as const;
  return rank[a] <= rank[b] ? a : b;
}

/** The verdict for a deviation of `strength`, or nothing when it is open. */
export function verdict(check: string, rule: string, strength: Strength, strict: boolean, summary: string, expected?: Expectation): Verdict | undefined {
  if (strength === 'open') return undefined;
  return { check, rule, strength, severity: severityOf(strength, strict), summary, ...(expected && { expected }) };
}

/** The rule a case is counted under: the prediction's first answer (its reports, its shrinking). */
export function ruleOf(input: Pick<CheckInput, 'prediction'>): string {
  const e = input.prediction.expected;
  return ('anyOf' in e ? e.anyOf[0]! : e).rule;
}

export function describeOutcome(o: Pick<Outcome, 'status' | 'code' | 'message'> & { statusMax?: number }): string {
  const status = o.statusMax !== undefined ? `${o.status}-${o.statusMax}` : String(o.status);
  return [status, o.code, o.message && `(${o.message})`].filter(Boolean).join(' ');
}

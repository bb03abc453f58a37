// Runs every check on one exchange. Pure: the exchange, the oracle's
// prediction and the strict flag in; verdicts out.
//
// A response is held to each acceptable answer whose status and code it
// matches (expected ones first, then tolerated ones), and the best of those
// holds: the set of answers semantics.md allows is a set, so a response that
// conforms to any of them conforms.
import { CHECKS, type Verdict } from '../checks/index.ts';
import type { CheckInput } from '../checks/check.ts';
import { errorFields, sameStatusCode } from '../checks/outcomeConformance.ts';
import { flat, type Prediction } from '../oracle/predict.ts';
import type { Outcome } from '../spec/types.ts';
import type { Exchange } from './results.ts';

export function parseJson(text: string): unknown {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export interface Candidate { outcome: Outcome; tolerated: boolean }

/**
 * The acceptable answers a response's status and code match, expected first.
 * Then the should answers whose status alone it matches: the envelope of a
 * should answer is held at should (semantics.md Open points: "The body of a
 * should outcome (404 ..., 405, 413) is held to the error envelope ... at
 * should strength"), so a bare 405 of a framework is a deviation of that
 * answer, a warning, wherever other readings of the request hold the target
 * to a must.
 */
export function candidatesFor(status: number, json: unknown, prediction: Prediction): Candidate[] {
  const { code } = errorFields(json);
  const out: Candidate[] = [];
  const expected = flat(prediction.expected);
  for (const o of expected) if (sameStatusCode(o, status, code)) out.push({ outcome: o, tolerated: false });
  for (const o of prediction.tolerated) if (sameStatusCode(o, status, code)) out.push({ outcome: o, tolerated: true });
  if (out.length > 0) return out;
  for (const o of [...expected, ...prediction.tolerated]) if (o.strength === 'should' && sameStatusCode({ ...o, code: undefined }, status, undefined)) out.push({ outcome: o, tolerated: true });
  return out;
}

export interface Checked {
  verdicts: Verdict[];
  /** The answer the response was held to: the first candidate with the fewest failures, then warnings. */
  matched?: Candidate;
}

export function evaluateExchange(exchange: Exchange, prediction: Prediction, strict: boolean, json: unknown = exchange.response ? parseJson(exchange.response.body) : undefined, runPrefix?: string): Verdict[] {
  return checkExchange(exchange, prediction, strict, json, runPrefix).verdicts;
}

export function checkExchange(exchange: Exchange, prediction: Prediction, strict: boolean, json: unknown, runPrefix?: string, idTaken?: (id: string) => boolean): Checked {
  const base: CheckInput = { exchange, prediction, json, strict, ...(runPrefix !== undefined && { runPrefix }), ...(idTaken && { idTaken }) };
  const candidates = exchange.response ? candidatesFor(exchange.response.status, json, prediction) : [];
  if (candidates.length === 0) return { verdicts: run(base) };
  let top: { verdicts: Verdict[]; matched: Candidate; score: number } | undefined;
  for (const c of candidates) {
    const verdicts = run({ ...base, matched: c.outcome, matchedTolerated: c.tolerated });
    if (verdicts.length === 0) return { verdicts, matched: c };
    const score = verdicts.reduce((n, v) => n + (v.severity === 'failure' ? 1000 : 1), 0);
    if (!top || score < top.score) top = { verdicts, matched: c, score };
  }
  return top!;
}

function run(input: CheckInput): Verdict[] {
  const out: Verdict[] = [];
  for (const check of CHECKS) {
    const v = check(input);
    if (v) out.push(v);
  }
  return out;
}

// Runs every check on one exchange. Pure: the exchange, the oracle's
// prediction and the strict flag in; verdicts out.
import { CHECKS, type Verdict } from '../checks/index.ts';
import { errorFields } from '../checks/outcomeConformance.ts';
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

function same(o: Outcome, status: number, code: string | undefined): boolean {
  return o.status === status && (o.status < 400 || o.code === undefined || o.code === code);
}

/** The acceptable outcome the response's status and code matched (expected first, then tolerated). */
export function matchedOutcome(status: number, json: unknown, prediction: Prediction): { outcome: Outcome; tolerated: boolean } | undefined {
  const { code } = errorFields(json);
  const expected = flat(prediction.expected).find((o) => same(o, status, code));
  if (expected) return { outcome: expected, tolerated: false };
  const tolerated = prediction.tolerated.find((o) => same(o, status, code));
  return tolerated && { outcome: tolerated, tolerated: true };
}

export function evaluateExchange(exchange: Exchange, prediction: Prediction, strict: boolean, json: unknown = exchange.response ? parseJson(exchange.response.body) : undefined, runPrefix?: string): Verdict[] {
  const matched = exchange.response ? matchedOutcome(exchange.response.status, json, prediction) : undefined;
  const input = { exchange, prediction, json, strict, ...(matched && { matched: matched.outcome, matchedTolerated: matched.tolerated }), ...(runPrefix !== undefined && { runPrefix }) };
  const out: Verdict[] = [];
  for (const check of CHECKS) {
    const v = check(input);
    if (v) out.push(v);
  }
  return out;
}

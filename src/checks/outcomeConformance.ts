// status, _errors[0].code and message against the prediction (semantics.md
// tables). The runner holds a response to each acceptable answer whose status
// and code it matches and keeps the best (evaluateExchange.ts). Grading:
//   - an expected answer: its message equal, or one of its other forms
//     (messageAlso) → pass; a message that differs → the message's own
//     strength (messageStrength; should when messageMust still matches);
//   - a tolerated answer (another broken rule, or what a target without a
//     should rule answers) → a warning;
//   - none → the prediction's miss strength: a failure when some reading holds
//     the target to a must rule, else a warning.
import { flat } from '../oracle/predict.ts';
import type { Outcome, Strength } from '../spec/types.ts';
import { describeOutcome, ruleOf, verdict, weaker, type Check } from './check.ts';
import { expectationOf } from './expectation.ts';

export function errorFields(json: unknown): { code?: string; message?: string } {
  const first = (json as { _errors?: unknown[] } | undefined)?._errors?.[0] as { code?: unknown; message?: unknown } | undefined;
  return {
    ...(typeof first?.code === 'string' && { code: first.code }),
    ...(typeof first?.message === 'string' && { message: first.message }),
  };
}

/** Status (or status range) and code as an answer asserts them. */
export function sameStatusCode(o: Outcome, status: number, code: string | undefined): boolean {
  const inRange = o.statusMax === undefined ? o.status === status : status >= o.status && status <= o.statusMax;
  return inRange && (o.code === undefined || o.status < 400 || o.code === code);
}

/** undefined when the message passes, else the strength of its deviation. */
export function messageDeviation(o: Outcome, message: string | undefined): Strength | undefined {
  if (o.message === undefined || o.status < 400 || message === o.message) return undefined;
  if (o.messageAlso !== undefined && new RegExp(o.messageAlso, 'i').test(message ?? '')) return undefined;
  const own = o.messageStrength ?? o.strength;
  return o.messageMust !== undefined && new RegExp(o.messageMust).test(message ?? '') ? weaker(own, 'should') : own;
}

export const outcomeConformance: Check = (input) => {
  const { exchange, prediction, json, matched, matchedTolerated, strict } = input;
  const res = exchange.response;
  if (!res) return undefined; // transport failures are the transport check's
  const got = { status: res.status, ...errorFields(json) };
  if (matched && !matchedTolerated) {
    const s = messageDeviation(matched, got.message);
    return s === undefined ? undefined : verdict('message', ruleOf(input), s, strict, `Received: ${describeOutcome(got)} / Expected message: ${matched.message}`, expectationOf(input, { kind: 'message' }));
  }
  const expected = flat(prediction.expected);
  const expectedText = `Expected: ${expected.map(describeOutcome).join(' or ')}`;
  const received = `Received: ${describeOutcome(got)}`;
  if (matched) {
    return verdict('precedence', ruleOf(input), 'should', strict, `${received} (rule ${matched.rule}) / ${expectedText}: a should deviation (precedence or a should rule)`, expectationOf(input, { kind: 'precedence' }));
  }
  const check = expected.some((o) => sameStatusCode({ ...o, code: undefined }, got.status, undefined)) ? 'code' : 'status';
  return verdict(check, ruleOf(input), prediction.miss, strict, `${received} / ${expectedText}`, expectationOf(input, { kind: 'outcome' }));
};

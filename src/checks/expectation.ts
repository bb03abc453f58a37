// The expected outcome a verdict carries as data (spec/expectation.ts): the
// prediction's acceptable answers, the one the response was held to, and what
// the check asserted. Pure.
import { flat } from '../oracle/predict.ts';
import type { Assertion, Expectation, ExpectedAnswer } from '../spec/expectation.ts';
import type { Outcome } from '../spec/types.ts';
import type { CheckInput } from './check.ts';

/** An acceptable answer as data: the Outcome without its source line, a list page's objects counted. */
export function answerOf(o: Outcome): ExpectedAnswer {
  const a: ExpectedAnswer = { status: o.status, rule: o.rule, strength: o.strength, basis: o.basis };
  if (o.statusMax !== undefined) a.statusMax = o.statusMax;
  if (o.code !== undefined) a.code = o.code;
  if (o.message !== undefined) a.message = o.message;
  if (o.messageAlso !== undefined) a.messageAlso = o.messageAlso;
  if (o.messageMust !== undefined) a.messageMust = o.messageMust;
  if (o.messageStrength !== undefined) a.messageStrength = o.messageStrength;
  if (o.reading !== undefined) a.reading = o.reading;
  if (o.noContract) a.noContract = true;
  if (o.object !== undefined) a.object = structuredClone(o.object);
  if (o.dropped !== undefined && o.dropped.length > 0) a.dropped = [...o.dropped];
  if (o.list !== undefined) {
    const l = o.list;
    a.list = { filter: { ...l.filter }, objects: l.all.length, maybe: l.maybe.length, limits: [...l.limits], offset: l.offset, ...(l.anyPage && { anyPage: true }) };
  }
  return a;
}

/** The expectation of a check's input: every acceptable answer, the one the response was held to, and `assert`. */
export function expectationOf(input: Pick<CheckInput, 'prediction' | 'matched' | 'matchedTolerated'>, assert: Assertion): Expectation {
  const e: Expectation = { anyOf: flat(input.prediction.expected).map(answerOf), assert };
  if (input.matched) e.heldTo = { ...answerOf(input.matched), ...(input.matchedTolerated && { tolerated: true as const }) };
  return e;
}

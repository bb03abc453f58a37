// No 5xx on any input (semantics.md: every request has a 2xx or 4xx answer;
// the seed's default errors are not answers to a well-formed client).
import { flat } from '../oracle/predict.ts';
import { describeOutcome, ruleOf, type Check } from './check.ts';
import { expectationOf } from './expectation.ts';
import { errorFields } from './outcomeConformance.ts';

export const noServerError: Check = (input) => {
  const { exchange, prediction, json } = input;
  const res = exchange.response;
  if (!res || res.status < 500) return undefined;
  const primary = flat(prediction.expected)[0]!;
  return {
    check: 'no-5xx', rule: ruleOf(input), strength: 'must', severity: 'failure',
    summary: `Received: ${describeOutcome({ status: res.status, ...errorFields(json) })} / Expected: ${describeOutcome(primary)}; a 5xx is never a conforming answer`,
    expected: expectationOf(input, { kind: 'not-5xx' }),
  };
};

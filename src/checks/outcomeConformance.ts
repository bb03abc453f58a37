// status, _errors[0].code and message against the oracle (semantics.md
// tables). Grading:
//   - equals an expected outcome (any of an anyOf) → pass;
//   - right status and code, message differs → the message's own strength
//     (messageStrength, or a messageMust pattern that still matches → should);
//   - equals a tolerated outcome (another broken rule, or what a target without
//     a should rule answers) → warning;
//   - otherwise a failure if any acceptable outcome comes from a must rule,
//     else a warning.
import { flat } from '../oracle/predict.ts';
import type { Outcome, Strength } from '../spec/types.ts';
import { describeOutcome, severityOf, type Check, type Verdict } from './check.ts';

export function errorFields(json: unknown): { code?: string; message?: string } {
  const first = (json as { _errors?: unknown[] } | undefined)?._errors?.[0] as { code?: unknown; message?: unknown } | undefined;
  return {
    ...(typeof first?.code === 'string' && { code: first.code }),
    ...(typeof first?.message === 'string' && { message: first.message }),
  };
}

/** A verdict maker for one rule (returned, not bound to a name: see src/transport/transport.ts on keepNames). */
function verdictOf(rule: string, strict: boolean): (check: string, strength: Strength, summary: string) => Verdict {
  return (check, strength, summary) => ({ check, rule, strength, severity: severityOf(strength, strict), summary });
}

const sameStatusCode = (o: Outcome, status: number, code: string | undefined): boolean =>
  o.status === status && (o.code === undefined || o.status < 400 || o.code === code);

export const outcomeConformance: Check = ({ exchange, prediction, json, strict }) => {
  const res = exchange.response;
  if (!res) return undefined; // transport failures are the transport check's
  const got = { status: res.status, ...errorFields(json) };
  const expected = flat(prediction.expected);
  const primary = expected[0]!;
  const statusCode = expected.find((o) => sameStatusCode(o, got.status, got.code));
  if (statusCode && (statusCode.message === undefined || statusCode.status < 400 || statusCode.message === got.message)) return undefined;
  // Only a response that does not conform pays for the texts below.
  const fail = verdictOf(primary.rule, strict);
  const received = `Received: ${describeOutcome(got)}`;
  if (statusCode) {
    const loose = statusCode.messageStrength === 'should'
      || (statusCode.messageMust !== undefined && new RegExp(statusCode.messageMust).test(got.message ?? ''));
    const strength: Strength = loose ? 'should' : statusCode.strength;
    return { ...fail('message', strength, `${received} / Expected message: ${statusCode.message}`), rule: statusCode.rule };
  }
  const tolerated = prediction.tolerated.find((o) => sameStatusCode(o, got.status, got.code));
  const expectedText = `Expected: ${expected.map(describeOutcome).join(' or ')}`;
  if (tolerated) {
    return fail('precedence', 'should', `${received} (rule ${tolerated.rule}) / ${expectedText}: a should deviation (precedence or a should rule)`);
  }
  const anyMust = [...expected, ...prediction.tolerated].some((o) => o.strength === 'must');
  const check = expected.some((o) => o.status === got.status) ? 'code' : 'status';
  return fail(check, anyMust ? 'must' : 'should', `${received} / ${expectedText}`);
};

// Each error entry carries `details`, an object or a string (semantics.md
// "Error envelope (must)": `details` is an object or a string, only `help` is
// optional; every seed example has `details: {}`). Held at the answer's strength.
import { ruleOf, shapeStrength, verdict, type Check } from './check.ts';
import { expectationOf } from './expectation.ts';

export const errorDetails: Check = (input) => {
  const res = input.exchange.response;
  if (!res || res.status < 400 || res.status >= 500) return undefined;
  const errors = (input.json as { _errors?: unknown } | undefined)?._errors;
  if (!Array.isArray(errors)) return undefined; // the schema check's
  const missing = errors.findIndex((e) => e && typeof e === 'object' && !Object.hasOwn(e as object, 'details'));
  if (missing === -1) return undefined;
  return verdict('error-details', ruleOf(input), shapeStrength(input), input.strict, `_errors[${missing}] has no details`, expectationOf(input, { kind: 'error-details' }));
};

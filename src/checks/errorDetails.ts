// Each error entry carries `details` (an object or a string): every seed
// example has `details: {}`, and semantics.md names `help`, not `details`, as
// optional; the spec's schema requires neither, so this is a should.
import { severityOf, type Check } from './check.ts';
import { flat } from '../oracle/predict.ts';

export const errorDetails: Check = ({ exchange, prediction, json, strict }) => {
  const res = exchange.response;
  if (!res || res.status < 400 || res.status >= 500) return undefined;
  const errors = (json as { _errors?: unknown } | undefined)?._errors;
  if (!Array.isArray(errors)) return undefined; // the schema check's
  const missing = errors.findIndex((e) => e && typeof e === 'object' && !Object.hasOwn(e as object, 'details'));
  if (missing === -1) return undefined;
  return { check: 'error-details', rule: flat(prediction.expected)[0]!.rule, strength: 'should', severity: severityOf('should', strict), summary: `_errors[${missing}] has no details` };
};

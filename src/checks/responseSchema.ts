// The response body against the contract's JSON Schemas (ajv, compiled once):
// error envelope for 4xx (semantics.md "Error envelope", must), the stored
// object for item 2xx, the list envelope for list 2xx.
import { flat } from '../oracle/predict.ts';
import { schemaError, validators } from '../validate/validators.ts';
import type { Check } from './check.ts';

export const responseSchema: Check = ({ exchange, prediction, json }) => {
  const res = exchange.response;
  if (!res || json === undefined || exchange.request.method === 'HEAD' || res.status >= 500) return undefined;
  // DELETE's 200 has no content in the spec (http_ok): whatever body it has is not the contract's.
  if (exchange.request.method === 'DELETE' && res.status < 300) return undefined;
  const primary = flat(prediction.expected)[0]!;
  const v = validators();
  const isList = exchange.request.method === 'GET' && /^\/mfa-servers(\?|$)/.test(exchange.request.path);
  const [validate, what] = res.status >= 400 ? [v.error, 'error envelope'] : isList ? [v.list, 'list envelope'] : [v.stored, 'stored object'];
  if (validate(json)) return undefined;
  return { check: 'schema', rule: primary.rule, strength: 'must', severity: 'failure', summary: `Response is not a valid ${what}: ${schemaError(validate)}` };
};

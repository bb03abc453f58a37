// The response body against the contract's JSON Schemas (ajv, compiled once):
// the error envelope for 4xx (semantics.md "Error envelope", must), the
// stored object for an item's 2xx (a bare name lookup included), the list
// envelope for a list's 2xx; held at the answer's strength.
import { schemaError, validators } from '../validate/validators.ts';
import { ruleOf, shapeStrength, verdict, type Check } from './check.ts';
import { expectationOf } from './expectation.ts';

export const responseSchema: Check = (input) => {
  const { exchange, json, matched } = input;
  const res = exchange.response;
  if (!res || json === undefined || exchange.request.method === 'HEAD' || res.status >= 500 || (res.status >= 300 && res.status < 400)) return undefined;
  // DELETE's 200 has no content in the spec (http_ok): whatever body it has is not the contract's.
  if (exchange.request.method === 'DELETE' && res.status < 300) return undefined;
  const v = validators();
  const isList = matched ? matched.list !== undefined : exchange.request.method === 'GET' && /^\/mfa-servers(\?|$)/.test(exchange.request.path);
  const [validate, what] = res.status >= 400 ? [v.error, 'error envelope' as const] : isList ? [v.list, 'list envelope' as const] : [v.stored, 'stored object' as const];
  if (validate(json)) return undefined;
  return verdict('schema', ruleOf(input), shapeStrength(input), input.strict, `Response is not a valid ${what}: ${schemaError(validate)}`, expectationOf(input, { kind: 'schema', schema: what }));
};

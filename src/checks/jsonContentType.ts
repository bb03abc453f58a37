// "JSON only. Every response body that has one is application/json"
// (semantics.md "Resource and base URL"), and a JSON body parses; held at the
// strength of the answer it belongs to (check.ts shapeStrength).
import { ruleOf, shapeStrength, verdict, type Check } from './check.ts';
import { expectationOf } from './expectation.ts';

export const jsonContentType: Check = (input) => {
  const { exchange, json, strict } = input;
  const res = exchange.response;
  if (!res || res.body.length === 0 || exchange.request.method === 'HEAD') return undefined;
  const ct = (res.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (ct !== 'application/json') {
    return verdict('content-type', ruleOf(input), shapeStrength(input), strict, `Received Content-Type: ${ct || '(none)'} / Expected: application/json`, expectationOf(input, { kind: 'content-type', contentType: 'application/json', parses: false }));
  }
  if (json === undefined) {
    return verdict('content-type', ruleOf(input), shapeStrength(input), strict, `Body is not JSON: ${JSON.stringify(res.body.slice(0, 60))}`, expectationOf(input, { kind: 'content-type', contentType: 'application/json', parses: true }));
  }
  return undefined;
};

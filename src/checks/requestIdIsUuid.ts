// `_request_id` should be a UUID (semantics.md "Error envelope": should);
// not asserted at all on an open answer.
import { ruleOf, shapeStrength, verdict, weaker, type Check } from './check.ts';
import { expectationOf } from './expectation.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const requestIdIsUuid: Check = (input) => {
  const res = input.exchange.response;
  if (!res || res.status < 400 || res.status >= 500) return undefined;
  const id = (input.json as { _request_id?: unknown } | undefined)?._request_id;
  if (typeof id !== 'string' || UUID.test(id)) return undefined; // absence is the schema check's
  return verdict('request-id', ruleOf(input), weaker(shapeStrength(input), 'should'), input.strict, `_request_id ${JSON.stringify(id.slice(0, 40))} is not a UUID`, expectationOf(input, { kind: 'request-id', aspect: 'uuid' }));
};

// `_request_id` should be a UUID (semantics.md "Error envelope": should).
import { flat } from '../oracle/predict.ts';
import { severityOf, type Check } from './check.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const requestIdIsUuid: Check = ({ exchange, prediction, json, strict }) => {
  const res = exchange.response;
  if (!res || res.status < 400 || res.status >= 500) return undefined;
  const id = (json as { _request_id?: unknown } | undefined)?._request_id;
  if (typeof id !== 'string' || UUID.test(id)) return undefined; // absence is the schema check's
  return { check: 'request-id', rule: flat(prediction.expected)[0]!.rule, strength: 'should', severity: severityOf('should', strict), summary: `_request_id ${JSON.stringify(id.slice(0, 40))} is not a UUID` };
};

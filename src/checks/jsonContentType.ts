// "JSON only. Every response body that has one is application/json"
// (semantics.md "Resource and base URL"), and a JSON body parses.
import { flat } from '../oracle/predict.ts';
import type { Check } from './check.ts';

export const jsonContentType: Check = ({ exchange, prediction, json }) => {
  const res = exchange.response;
  if (!res || res.body.length === 0 || exchange.request.method === 'HEAD') return undefined;
  const rule = flat(prediction.expected)[0]!.rule;
  const ct = (res.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (ct !== 'application/json') {
    return { check: 'content-type', rule, strength: 'must', severity: 'failure', summary: `Received Content-Type: ${ct || '(none)'} / Expected: application/json` };
  }
  if (json === undefined) {
    return { check: 'content-type', rule, strength: 'must', severity: 'failure', summary: `Body is not JSON: ${JSON.stringify(res.body.slice(0, 60))}` };
  }
  return undefined;
};

// A 2xx body is the stored object: the fields sent, the vendor defaults, a
// server id (semantics.md "Success"); ids never change on PUT; lists hold
// what the state says. Secret fields may come back masked: not compared.
import { spec } from '../spec/model.ts';
import type { Outcome } from '../spec/types.ts';
import { severityOf, type Check, type Verdict } from './check.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const secret = new Set(spec.secretFields);

/** Canonical JSON without secret values, keys sorted, for comparison. */
function canon(v: unknown): string {
  const norm = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(norm);
    if (x && typeof x === 'object') {
      return Object.fromEntries(Object.keys(x).filter((k) => !secret.has(k)).sort().map((k) => [k, norm((x as Record<string, unknown>)[k])]));
    }
    return x;
  };
  return JSON.stringify(norm(v));
}

export const successBody: Check = ({ exchange, json, matched, strict }) => {
  const res = exchange.response;
  if (!res || res.status >= 300 || !matched || json === undefined || typeof json !== 'object' || json === null) return undefined;
  const v = (check: string, strength: 'must' | 'should', summary: string): Verdict => ({ check, rule: matched.rule, strength, severity: severityOf(strength, strict), summary });
  if (matched.list) return listBody(matched, json as Record<string, unknown>, v);
  if (!matched.object) return undefined;
  const body = json as Record<string, unknown>;
  const id = body['id'];
  if (typeof id !== 'string' || id === '') return v('body', 'must', 'Success body has no server id');
  if ('id' in matched.object && id !== matched.object['id']) return v('body', 'must', `id changed: sent to ${String(matched.object['id'])}, got ${id}`);
  const { id: _omit, ...rest } = body;
  const { id: _omit2, ...want } = matched.object;
  if (canon(rest) !== canon(want)) {
    return v('body', 'must', `Received body ${truncate(canon(rest))} / Expected ${truncate(canon(want))} (sent fields + defaults)`);
  }
  if (exchange.request.method === 'POST' && !UUID.test(id)) return v('body', 'should', `id ${JSON.stringify(id.slice(0, 40))} is not a UUID`);
  return undefined;
};

function listBody(matched: Outcome, body: Record<string, unknown>, v: (c: string, s: 'must' | 'should', m: string) => Verdict): Verdict | undefined {
  const want = matched.list!;
  const data = Array.isArray(body['data']) ? (body['data'] as Record<string, unknown>[]) : [];
  if (body['limit'] !== want.limit || body['offset'] !== want.offset) {
    return v('list', 'should', `Received limit/offset ${String(body['limit'])}/${String(body['offset'])} / Expected ${want.limit}/${want.offset}`);
  }
  // The target may hold objects this run did not create (a shared tenant), so
  // the check is: everything this run knows to match is there, in order.
  const got = new Map(data.map((o) => [o['id'], o]));
  for (const o of want.data) {
    const seen = got.get(o.id);
    if (!seen) return v('list', 'must', `Object ${String(o['id'])} (${String(o['name'])}) missing from the list`);
    if (canon(seen) !== canon(o)) return v('list', 'must', `Listed object ${String(o['id'])} differs from the stored one: ${truncate(canon(seen))}`);
  }
  if (typeof body['total'] === 'number' && body['total'] < want.total) return v('list', 'must', `total ${body['total']} < ${want.total} objects known to match`);
  return undefined;
}

const truncate = (s: string): string => (s.length > 200 ? `${s.slice(0, 200)}…` : s);

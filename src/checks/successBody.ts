// A 2xx body is the stored object: the fields sent, the vendor defaults, a
// server id (semantics.md "Success"); ids never change on PUT; lists hold
// what the state says. Secret fields may come back masked: not compared.
import { spec } from '../spec/model.ts';
import type { Outcome } from '../spec/types.ts';
import { severityOf, type Check, type Verdict } from './check.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const secret = new Set(spec.secretFields);

/** Deep equality ignoring secret fields (no strings built on the hot path). */
export function sameIgnoringSecrets(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => sameIgnoringSecrets(x, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  let n = 0;
  for (const k in ao) {
    if (!Object.hasOwn(ao, k) || secret.has(k)) continue;
    n++;
    if (!Object.hasOwn(bo, k) || !sameIgnoringSecrets(ao[k], bo[k])) return false;
  }
  for (const k in bo) if (Object.hasOwn(bo, k) && !secret.has(k)) n--;
  return n === 0;
}

/** Canonical JSON without secret values, keys sorted: for messages. */
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

function verdictFor(rule: string, tolerated: boolean, strict: boolean): (check: string, strength: 'must' | 'should', summary: string) => Verdict {
  return (check, strength, summary) => {
    const s = tolerated ? 'should' : strength;
    return { check, rule, strength: s, severity: severityOf(s, strict), summary };
  };
}

export const successBody: Check = ({ exchange, json, matched, matchedTolerated, strict, runPrefix }) => {
  const res = exchange.response;
  if (!res || res.status >= 300 || !matched || json === undefined || typeof json !== 'object' || json === null) return undefined;
  // An answer that is itself only tolerated (a should deviation) is held to its body at should strength.
  const v = verdictFor(matched.rule, matchedTolerated === true, strict);
  if (matched.list) return listBody(matched, json as Record<string, unknown>, runPrefix, v);
  if (!matched.object) return undefined;
  const body = json as Record<string, unknown>;
  const id = body['id'];
  if (typeof id !== 'string' || id === '') return v('body', 'must', 'Success body has no server id');
  if ('id' in matched.object && id !== matched.object['id']) return v('body', 'must', `id changed: sent to ${String(matched.object['id'])}, got ${id}`);
  const { id: _omit, ...rest } = body;
  const { id: _omit2, ...want } = matched.object;
  if (!sameIgnoringSecrets(rest, want)) {
    return v('body', 'must', `Received body ${truncate(canon(rest))} / Expected ${truncate(canon(want))} (sent fields + defaults)`);
  }
  if (exchange.request.method === 'POST' && !UUID.test(id)) return v('body', 'should', `id ${JSON.stringify(id.slice(0, 40))} is not a UUID`);
  return undefined;
};

/**
 * A list page. In a container this run owns (its value starts with the run's
 * prefix) the page must be exactly what the state says. Elsewhere (a shared
 * tenant's folder) others' objects may be there too, so: every object matches
 * the filter, the page is no longer than the limit, the total counts at least
 * what the run knows, and a first page that can hold everything holds it.
 */
function listBody(matched: Outcome, body: Record<string, unknown>, runPrefix: string | undefined, v: (c: string, s: 'must' | 'should', m: string) => Verdict): Verdict | undefined {
  const want = matched.list!;
  const raw: unknown[] = Array.isArray(body['data']) ? body['data'] : [];
  // A hostile target's list may hold anything; a non-object is a finding, not a crash.
  if (raw.some((o) => typeof o !== 'object' || o === null || Array.isArray(o))) return v('list', 'must', 'A listed item is not an object');
  const data = raw as Record<string, unknown>[];
  const total = body['total'];
  const { key, value, name } = want.filter;
  const stray = data.find((o) => o[key] !== value || (name !== undefined && o['name'] !== name));
  if (stray) return v('list', 'must', `Listed object ${String(stray['id'])} does not match ${key}=${value}${name !== undefined ? ` name=${name}` : ''}`);
  if (data.length > want.limit) return v('list', 'must', `${data.length} objects on a page of limit ${want.limit}`);
  if (body['limit'] !== want.limit || body['offset'] !== want.offset) {
    return v('list', 'should', `Received limit/offset ${String(body['limit'])}/${String(body['offset'])} / Expected ${want.limit}/${want.offset}`);
  }
  const owned = runPrefix !== undefined && value.startsWith(runPrefix);
  if (owned) {
    // semantics.md gives no order: the page's size and membership are must,
    // creation order (contracts/decisions.md "List") is should.
    const ids = (xs: readonly Record<string, unknown>[]): string => xs.map((o) => String(o['id'])).join(',');
    const all = new Set(want.all.map((o) => o['id']));
    if (total !== want.total) return v('list', 'must', `total ${String(total)} / Expected ${want.total}`);
    const size = Math.min(want.limit, Math.max(0, want.total - want.offset));
    if (data.length !== size) return v('list', 'must', `${data.length} objects on the page / Expected ${size} (total ${want.total}, offset ${want.offset}, limit ${want.limit})`);
    const unknown = data.find((o) => !all.has(o['id']));
    if (unknown) return v('list', 'must', `Listed object ${String(unknown['id'])} is not one of the ${want.total} the container holds`);
    if (ids(data) !== ids(want.data)) return v('list', 'should', `Page holds [${ids(data)}] / Expected [${ids(want.data)}] (creation order, contracts/decisions.md)`);
  } else {
    if (typeof total === 'number' && total < want.total) return v('list', 'must', `total ${total} < ${want.total} objects known to match`);
    if (want.offset === 0 && want.total <= want.limit) {
      const got = new Set(data.map((o) => o['id']));
      const missing = want.data.find((o) => !got.has(o.id));
      if (missing) return v('list', 'must', `Object ${String(missing['id'])} (${String(missing['name'])}) missing from the list`);
    }
  }
  const byId = new Map(data.map((o) => [o['id'], o]));
  for (const o of want.data) {
    const seen = byId.get(o.id);
    if (seen && !sameIgnoringSecrets(seen, o)) return v('list', 'must', `Listed object ${String(o['id'])} differs from the stored one: ${truncate(canon(seen))}`);
  }
  return undefined;
}

const truncate = (s: string): string => (s.length > 200 ? `${s.slice(0, 200)}…` : s);

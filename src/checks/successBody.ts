// A 2xx body is the stored object: the fields sent, the vendor defaults, a
// server id (semantics.md "Success"); ids never change on PUT; lists hold
// what the state says (storedDifference.ts says what may differ). Held at
// must, or at should when the answer itself is only tolerated.
import type { Outcome, Strength } from '../spec/types.ts';
import { sameContainer } from '../spec/aliases.ts';
import type { Assertion } from '../spec/expectation.ts';
import { ruleOf, verdict, weaker, type Check, type Verdict } from './check.ts';
import { expectationOf } from './expectation.ts';
import { storedDifference } from './storedDifference.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
type StoredAspect = Extract<Assertion, { kind: 'stored-object' }>['aspect'];
type Say = (strength: Exclude<Strength, 'open'>, summary: string) => Verdict | undefined;

export const successBody: Check = (input) => {
  const { exchange, json, matched, matchedTolerated, strict, runPrefix } = input;
  const res = exchange.response;
  if (!res || res.status < 200 || res.status >= 300 || !matched || !isObject(json)) return undefined;
  const rule = ruleOf(input);
  const held = (s: Exclude<Strength, 'open'>): Strength => (matchedTolerated ? weaker(s, 'should') : s);
  const say = (aspect: StoredAspect): Say => (strength, summary) => verdict('body', rule, held(strength), strict, summary, expectationOf(input, { kind: 'stored-object', aspect }));
  if (matched.list) {
    const owned = runPrefix !== undefined && matched.list.filter.value.startsWith(runPrefix);
    const page = (aspect: 'page' | 'limit-offset'): Say => (s, m) => verdict('list', rule, held(s), strict, m, expectationOf(input, { kind: 'list-page', aspect, owned }));
    return listBody(matched, json, runPrefix, page('page'), page('limit-offset'));
  }
  if (!matched.object) return undefined;
  const id = json['id'];
  if (typeof id !== 'string' || id === '') return say('server-id')('must', 'Success body has no server id');
  const d = storedDifference(json, matched.object, matched.dropped);
  // storedDifference's only should difference is a key a conforming target drops, echoed.
  if (d) return say(d.strength === 'should' ? 'dropped-key' : 'fields')(d.strength, `Received body differs: ${d.summary}`);
  if (exchange.request.method === 'POST') {
    // semantics.md "Success": "a new `id`" (must), "(should: UUID)"; "A client-supplied id is ignored; the server makes its own" (should).
    if (input.idTaken?.(id)) return say('new-id')('must', `id ${JSON.stringify(id.slice(0, 40))} is not new: the target gave it to an earlier object`);
    if (!UUID.test(id)) return say('uuid-id')('should', `id ${JSON.stringify(id.slice(0, 40))} is not a UUID`);
    if (id === sentId(exchange.request.body)) return say('server-made-id')('should', 'The answer keeps the id the request sent (a client-supplied id is ignored; the server makes its own)');
  }
  return undefined;
};

/** The `id` a create body sent, if any. */
function sentId(body: string | Uint8Array | undefined): string | undefined {
  if (typeof body !== 'string' || !body.includes('"id"')) return undefined;
  try {
    const v = (JSON.parse(body) as { id?: unknown } | null)?.id;
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A list page. The page order is open; its size, its members and `total` are
 * must. In a container this run owns (its value starts with the run's prefix)
 * the page holds only what the state says; elsewhere (a shared tenant's
 * folder) others' objects may be there too, so every object must match the
 * filter, and a first page that can hold everything must hold ours.
 */
function listBody(matched: Outcome, body: Record<string, unknown>, runPrefix: string | undefined, say: Say, sayLimits: Say): Verdict | undefined {
  const want = matched.list!;
  const raw: unknown[] = Array.isArray(body['data']) ? body['data'] : [];
  // A hostile target's list may hold anything; a non-object is a finding, not a crash.
  if (raw.some((o) => !isObject(o))) return say('must', 'A listed item is not an object');
  const data = raw as Record<string, unknown>[];
  const { key, value, name } = want.filter;
  const known = new Map([...want.all, ...want.maybe].map((o) => [o['id'], o]));
  const maybe = new Set(want.maybe.map((o) => o['id']));
  const total = body['total'];
  const stray = data.find((o) => !maybe.has(o['id']) && (!sameContainer(key, o[key], value) || (name !== undefined && o['name'] !== name)));
  if (stray) return say('must', `Listed object ${String(stray['id'])} does not match ${key}=${value}${name !== undefined ? ` name=${name}` : ''}`);
  if (new Set(data.map((o) => o['id'])).size < data.length) return say('must', 'The page lists an object twice');
  const maxLimit = Math.max(...want.limits);
  if (data.length > maxLimit) return say('must', `${data.length} objects on a page of limit ${maxLimit}`);
  const owned = runPrefix !== undefined && value.startsWith(runPrefix);
  if (owned) {
    const unknown = data.find((o) => !known.has(o['id']));
    if (unknown) return say('must', `Listed object ${String(unknown['id'])} is not one of the ${want.all.length} the container holds`);
    const lo = want.all.length;
    const hi = lo + want.maybe.length;
    if (typeof total !== 'number' || total < lo || total > hi) return say('must', `total ${String(total)} / Expected ${lo === hi ? lo : `${lo}..${hi}`}`);
    const sizes = want.limits.map((l) => Math.min(l, Math.max(0, total - want.offset)));
    if (want.anyPage ? data.length > Math.max(0, total - want.offset) : !sizes.includes(data.length)) {
      return say('must', `${data.length} objects on the page / Expected ${[...new Set(sizes)].join(' or ')} (total ${total}, offset ${want.offset}, limit ${want.limits.join(' or ')})`);
    }
  } else {
    if (typeof total === 'number' && total < want.all.length) return say('must', `total ${total} < ${want.all.length} objects known to match`);
    if (!want.anyPage && want.offset === 0 && typeof total === 'number' && total <= Math.min(...want.limits)) {
      const got = new Set(data.map((o) => o['id']));
      const missing = want.all.find((o) => !got.has(o['id']));
      if (missing) return say('must', `Object ${String(missing['id'])} (${String(missing['name'])}) missing from the list`);
    }
  }
  for (const o of data) {
    const stored = known.get(o['id']);
    const d = stored && storedDifference(o, stored);
    if (d) return say(d.strength, `Listed object ${String(o['id'])} differs from the stored one: ${d.summary}`);
  }
  if (!want.anyPage && (!want.limits.includes(body['limit'] as number) || body['offset'] !== want.offset)) {
    return sayLimits('should', `Received limit/offset ${String(body['limit'])}/${String(body['offset'])} / Expected ${want.limits.join(' or ')}/${want.offset}`);
  }
  return undefined;
}


// The oracle: from a request and the stored objects alone, the outcome a
// conforming target gives. Pure: no I/O, no generator or server code.
//
// Precedence (semantics.md "Precedence"): authentication → unknown path or
// method → permission → Content-Type → Accept → body over 1 MiB → missing body
// → malformed JSON → invalid object → not found → uniqueness.
//
// The precedence itself is a *should*: a target that answers with another
// broken rule's error deviates only from a should. So the oracle evaluates the
// whole chain of broken rules: the first is `expected`, the others are
// `tolerated` (a warning). A should rule also tolerates what a target without
// it answers: the chain evaluated with every should rule switched off.
import { rule } from '../spec/model.ts';
import type { ApiRequest, Expected, Outcome, StoredObject } from '../spec/types.ts';
import { authenticate } from './authRules.ts';
import { bodyViolations } from './bodyRules.ts';
import { defaultOracleConfig, type OracleConfig } from './config.ts';
import { acceptRefusal, contentTypeIsJson, MAX_BODY_BYTES, parseJsonBody } from './formatRules.ts';
import { predictList } from './listRules.ts';
import { outcomeOf } from './outcome.ts';
import { METHODS, parseRequest, type ParsedRequest } from './parseRequest.ts';
import { containerOf, storedObject } from './storedObject.ts';
import { indexState, isStateView, type StateView } from './stateView.ts';

export interface Prediction {
  /** What a conforming target answers; `anyOf` where semantics.md says either passes. */
  expected: Expected;
  /** Answers that deviate only from a should (precedence, or a should rule): warnings. */
  tolerated: Outcome[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const WRITES = ['POST', 'PUT', 'DELETE'];

export function predict(req: ApiRequest, objects: readonly StoredObject[] | StateView = [], cfg: OracleConfig = defaultOracleConfig): Prediction {
  const p = parseRequest(req);
  const state = isStateView(objects) ? objects : indexState(objects);
  const full = evaluate(p, state, cfg, false);
  // Switching the should rules off changes nothing unless the chain met one.
  const metShould = full.some((e) => flat(e).some((o) => o.strength === 'should'));
  const expected = full[0]!;
  // Most requests break one must rule or none: nothing else is acceptable.
  if (!metShould && full.length === 1) return { expected, tolerated: [] };
  const mustOnly = metShould ? evaluate(p, state, cfg, true) : full;
  const tolerated: Outcome[] = [];
  const seen = new Set(flat(expected).map(key));
  for (const e of [...full.slice(1), ...mustOnly.slice(0, 1)]) {
    for (const o of flat(e)) { const k = key(o); if (!seen.has(k)) { seen.add(k); tolerated.push(o); } }
  }
  return { expected, tolerated };
}

export const flat = (e: Expected): Outcome[] => ('anyOf' in e ? e.anyOf : [e]);
const key = (o: Outcome): string => `${o.status}\u0000${o.code}\u0000${o.message}\u0000${o.rule}`;

// Module functions, not closures in evaluate: tsx compiles with esbuild's
// keepNames, which costs a defineProperty per named closure per call.
function add(chain: Expected[], mustOnly: boolean, id: string, vars?: Record<string, string>): void {
  if (!(mustOnly && rule(id).strength === 'should')) chain.push(outcomeOf(id, vars));
}
const skipped = (mustOnly: boolean, id: string): boolean => mustOnly && rule(id).strength === 'should';

/** The broken rules in precedence order, then the success outcome if none is broken. */
function evaluate(p: ParsedRequest, state: StateView, cfg: OracleConfig, mustOnly: boolean): Expected[] {
  const chain: Expected[] = [];

  const auth = authenticate(p, cfg, mustOnly);
  if ('rule' in auth) add(chain, mustOnly, auth.rule);

  const route = p.route;
  if (route.kind === 'unknown') return skipped(mustOnly, 'route.unknown-path') ? chain : [...chain, outcomeOf('route.unknown-path')];
  if (!METHODS[route.kind].includes(p.method)) {
    return skipped(mustOnly, 'route.method-not-supported') ? chain : [...chain, outcomeOf('route.method-not-supported')];
  }
  if ('caller' in auth && auth.caller === 'read-only' && WRITES.includes(p.method)) add(chain, mustOnly, 'permission.read-only');
  const write = p.method === 'POST' || p.method === 'PUT';
  if (write && !contentTypeIsJson(p)) add(chain, mustOnly, 'format.content-type');
  const refused = acceptRefusal(p);
  if (refused !== undefined) add(chain, mustOnly, 'format.accept', { accept: refused });
  const body0 = p.body;
  if (body0 && body0.bytes > MAX_BODY_BYTES && !skipped(mustOnly, 'format.payload-too-large')) return [...chain, outcomeOf('format.payload-too-large')];

  if (route.kind === 'collection' && p.method === 'GET') {
    const list = predictList(p.query, state);
    if (!skipped(mustOnly, list.rule) && (list.status !== 200 || chain.length === 0)) chain.push(list);
    return chain;
  }

  let body: Record<string, unknown> | undefined;
  let nameEmpty = false;
  if (write) {
    if (!body0 || body0.bytes === 0) return [...chain, outcomeOf('format.missing-body')];
    const parsed = parseJsonBody(body0.text);
    if (parsed === 'malformed') return [...chain, outcomeOf('format.malformed-json')];
    const v = bodyViolations(parsed.value, cfg);
    if (v.must.length > 0) add(chain, mustOnly, v.must[0]!);
    else if (v.should.length > 0 && !mustOnly) add(chain, mustOnly, v.should[0]!);
    else body = parsed.value as Record<string, unknown>;
    nameEmpty = v.either.includes('body.name.empty') && body !== undefined;
  }

  const tail: Expected[] = [];
  let target: StoredObject | undefined;
  if (route.kind === 'item') {
    target = state.byId(route.id);
    if (!target) {
      tail.push(UUID.test(route.id) ? outcomeOf('resource.not-found') : malformedId());
    }
  }
  if (body && tail.length === 0) {
    const conflict = conflicting(body, state, route.kind === 'item' ? route.id : undefined);
    if (conflict) tail.push(outcomeOf('uniqueness.name'));
  }
  if (chain.length === 0 && tail.length === 0) tail.push(success(p, route, body, target));
  if (nameEmpty && chain.length === 0) {
    const [first, ...rest] = tail;
    return [{ anyOf: [outcomeOf('body.name.empty'), ...flat(first!)] }, ...rest];
  }
  return [...chain, ...tail];
}

/** semantics.md: "A malformed id → 404 E005 or 400 E003 (either passes)". */
function malformedId(): Expected {
  const notFound = outcomeOf('resource.malformed-id');
  return { anyOf: [notFound, { status: 400, code: 'E003', rule: notFound.rule, strength: notFound.strength, source: notFound.source }] };
}

/** semantics.md "Uniqueness": same name in the same container (key and value). */
function conflicting(body: Record<string, unknown>, state: StateView, selfId: string | undefined): boolean {
  const [key, value] = containerOf(body)!;
  return state.inContainer(key, value).some((o) => o.id !== selfId && o['name'] === body['name']);
}

function success(p: ParsedRequest, route: ParsedRequest['route'], body: Record<string, unknown> | undefined, target: StoredObject | undefined): Outcome {
  switch (p.method) {
    case 'POST': return outcomeOf('create.success', {}, { object: storedObject(body!) });
    case 'PUT': return outcomeOf('update.success', {}, { object: { id: (route as { id: string }).id, ...storedObject(body!) } });
    // semantics.md: "DELETE: 200"; the spec's http_ok response has no content, so the body is not asserted.
    case 'DELETE': return outcomeOf('delete.success');
    default: return outcomeOf('get.success', {}, { object: { ...target! } });
  }
}

// The state's name index answers what a scan of the container answers, and
// the oracle predicts the same with it as without it (issue 13: a uniqueness
// prediction without a scan of a container of thousands).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sameIgnoringCase } from '../oracle/names.ts';
import { flat, predict } from '../oracle/predict.ts';
import type { StateView } from '../oracle/stateView.ts';
import type { Exchange } from '../spec/types.ts';
import { StateTracker } from './stateTracker.ts';

// Names that meet every folding case: ß/SS/ss (upper case only), KELVIN SIGN/k/K (lower case only), a dotted I, plain pairs.
const NAMES = ['ab', 'AB', 'Ab', 'ß', 'SS', 'ss', 'Ss', '\u212a', 'k', 'K', '\u0130', 'i', 'I', 'x'];
const CONTAINERS: Array<[string, string]> = [['folder', 'Shared'], ['folder', 'f1'], ['snippet', 's1'], ['folder', 'All']];
const HEADERS = { authorization: 'Bearer t', 'content-type': 'application/json' };
/** A body valid at every strength (every field the OpenAPI lists as required, within its bounds): its answer depends on the names alone. */
const DUO = { mfa_cert_profile: 'c', mfa_vendor_type: { duo_security_v2: { duo_api_host: 'api-1234abcd.duosecurity.com', duo_baseuri: '/auth/v2', duo_timeout: 30, duo_integration_key: 'DIXXXXXXXXXXXXXXXXXX', duo_secret_key: 'duo-secret-key-0123456789' } } };
const ID = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const answer = (method: 'POST' | 'PUT' | 'DELETE', id: string, body?: Record<string, unknown>): Exchange => ({
  request: { method, path: method === 'POST' ? '/mfa-servers' : `/mfa-servers/${id}`, headers: HEADERS, ...(body && { body: JSON.stringify(body) }) },
  response: { status: method === 'POST' ? 201 : 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ? { ...body, id } : { id }) },
  ms: 0,
});

/** Creates, renames, moves and deletes: the ways an object enters and leaves a container's names. A name may be no string (a faulty target's). */
const op = fc.record({
  kind: fc.constantFrom('POST', 'POST', 'PUT', 'DELETE'),
  id: fc.integer({ min: 0, max: 11 }),
  name: fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...NAMES) }, { weight: 1, arbitrary: fc.constantFrom<unknown>(7, null, ['ab']) }),
  at: fc.integer({ min: 0, max: CONTAINERS.length - 1 }),
});

function replay(ops: Array<{ kind: string; id: number; name: unknown; at: number }>): StateTracker {
  const state = new StateTracker();
  for (const o of ops) {
    const [key, value] = CONTAINERS[o.at]!;
    const body = { name: o.name, [key]: value, ...DUO };
    state.apply(o.kind === 'DELETE' ? answer('DELETE', ID(o.id)) : answer(o.kind as 'POST' | 'PUT', ID(o.id), body));
  }
  return state;
}

/** The same state without its index: what the oracle reads of a StateView that keeps none. */
const withoutIndex = (s: StateTracker): StateView => ({ byId: (id) => s.byId(id), inContainer: (k, v) => s.inContainer(k, v) });

describe('StateTracker name index', () => {
  it('lists exactly the objects of the container whose name is the same ignoring case', () => {
    fc.assert(fc.property(fc.array(op, { maxLength: 40 }), fc.constantFrom(...NAMES), fc.integer({ min: 0, max: CONTAINERS.length - 1 }), (ops, name, at) => {
      const state = replay(ops);
      const [key, value] = CONTAINERS[at]!;
      const scanned = state.inContainer(key, value).filter((o) => typeof o['name'] === 'string' && sameIgnoringCase(o['name'], name));
      const indexed = state.sameNameInContainer(key, value, name);
      expect(indexed.map((o) => o.id).sort()).toEqual(scanned.map((o) => o.id).sort());
    }), { seed: 13, numRuns: 400 });
  });

  it('gives the oracle the predictions a scan gives, for creates and updates in every container', () => {
    const clashes = { 'uniqueness.name': 0, 'uniqueness.case': 0 };
    fc.assert(fc.property(fc.array(op, { minLength: 4, maxLength: 30 }), fc.constantFrom(...NAMES), fc.integer({ min: 0, max: CONTAINERS.length - 1 }), fc.option(fc.integer({ min: 0, max: 11 }), { nil: undefined, freq: 2 }), (ops, name, at, target) => {
      const state = replay(ops);
      const [key, value] = CONTAINERS[at]!;
      const body = JSON.stringify({ name, [key]: value, ...DUO });
      const req = target === undefined
        ? { method: 'POST', path: '/mfa-servers', headers: HEADERS, body }
        : { method: 'PUT', path: `/mfa-servers/${ID(target)}`, headers: HEADERS, body };
      const cfg = { tokens: ['t'], readOnlyTokens: [], expiredTokens: [], profile: 'default' as const };
      const p = predict(req, state, cfg);
      expect(p).toEqual(predict(req, withoutIndex(state), cfg));
      for (const rule of Object.keys(clashes) as Array<keyof typeof clashes>) if ([...flat(p.expected), ...p.tolerated].some((o) => o.rule === rule)) clashes[rule]++;
    }), { seed: 13, numRuns: 300 });
    // Not vacuous: requests meet a name in their container, the same name and the same ignoring case.
    expect(clashes['uniqueness.name'], JSON.stringify(clashes)).toBeGreaterThan(10);
    expect(clashes['uniqueness.case'], JSON.stringify(clashes)).toBeGreaterThan(10);
  });

  it('forgets a name when its object is renamed, moved or deleted', () => {
    const state = new StateTracker();
    state.apply(answer('POST', ID(1), { name: 'ab', folder: 'f1', ...DUO }));
    expect(state.sameNameInContainer('folder', 'f1', 'AB').map((o) => o.id)).toEqual([ID(1)]);
    state.apply(answer('PUT', ID(1), { name: 'cd', folder: 'f1', ...DUO }));
    expect(state.sameNameInContainer('folder', 'f1', 'ab')).toEqual([]);
    state.apply(answer('PUT', ID(1), { name: 'cd', folder: 'f2', ...DUO }));
    expect(state.sameNameInContainer('folder', 'f1', 'cd')).toEqual([]);
    expect(state.sameNameInContainer('folder', 'f2', 'CD').map((o) => o.id)).toEqual([ID(1)]);
    state.apply(answer('DELETE', ID(1)));
    expect(state.sameNameInContainer('folder', 'f2', 'cd')).toEqual([]);
  });
});

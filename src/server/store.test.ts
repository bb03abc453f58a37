// The store's indexes against a naive model (fast-check): random sequences
// of creates, deletes, renames and moves (PUTs keep the id), and after every
// step the indexed answers (by id, by container in creation order, a page at
// any offset, the reversed listing, by name, the uniqueness clash) equal a
// full scan's, the scan the server did before the store had indexes. Small
// B-tree nodes, so that a few hundred objects make deep trees that split and
// empty. Inside properties, node:assert (vitest's expect is slow per call
// under the Allure reporter, and a property makes ~10^6 comparisons).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { containerOf, reversed, SeqIndex, Store, type Listing, type Stored } from './store.ts';
import type { ContainerKey } from './types.ts';
import { CONTAINER_KEYS } from './types.ts';

const VALUES = ['A', 'B', 'C'] as const;
const NAMES = ['n1', 'n2', 'N1', 'n3', 7] as const;
const seed = process.env['MFA_SEED'] === undefined ? undefined : Number(process.env['MFA_SEED']);

/** The containers of an object: mostly one, sometimes none or two (as faults let in). */
const containers = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(fc.constantFrom(...CONTAINER_KEYS), fc.constantFrom(...VALUES)).map(([k, v]) => ({ [k]: v })) },
  { weight: 1, arbitrary: fc.constant({}) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...VALUES), fc.constantFrom(...VALUES)).map(([f, s]) => ({ folder: f, snippet: s })) },
);
const shape = fc.record({ name: fc.option(fc.constantFrom(...NAMES), { nil: undefined }), where: containers });

type Op =
  | { kind: 'create'; shape: { name: unknown; where: Record<string, string> } }
  | { kind: 'put'; pick: number; shape: { name: unknown; where: Record<string, string> } }
  | { kind: 'delete'; pick: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: shape.map((s) => ({ kind: 'create' as const, shape: s })) },
  { weight: 3, arbitrary: fc.tuple(fc.nat(), shape).map(([pick, s]) => ({ kind: 'put' as const, pick, shape: s })) },
  { weight: 2, arbitrary: fc.nat().map((pick) => ({ kind: 'delete' as const, pick })) },
);

function objectOf(id: string, s: { name: unknown; where: Record<string, string> }): Stored {
  return { id, ...(s.name !== undefined && { name: s.name }), mfa_cert_profile: 'c', ...s.where };
}

/** The old store: one Map in creation order, every question answered by a scan. */
class Naive {
  readonly byId = new Map<string, Stored>();
  constructor(readonly key: (n: unknown) => unknown) {}
  inContainer(k: ContainerKey, v: unknown): Stored[] {
    return [...this.byId.values()].filter((o) => Object.hasOwn(o, k) && o[k] === v);
  }
  /** operations/unique.ts before the indexes (with the case-insensitive reading's comparison when `key` folds). */
  clashes(candidate: Record<string, unknown>, exceptId?: string): Stored[] {
    const where = containerOf(candidate);
    return [...this.byId.values()].filter((other) => {
      if (other.id === exceptId) return false;
      const there = containerOf(other);
      if (there?.key !== where?.key || there?.value !== where?.value) return false;
      return this.key(other.name) === this.key(candidate.name);
    });
  }
}

const all = (l: Listing): Stored[] => l.slice(0, l.size);

function compare(store: Store, naive: Naive, probes: Array<{ a: number; b: number }>, candidate: Record<string, unknown>, exceptId: string | undefined): void {
  assert.deepStrictEqual([...store.all()], [...naive.byId.values()]);
  assert.equal(store.size, naive.byId.size);
  for (const [id, o] of naive.byId) assert.equal(store.get(id), o);
  for (const k of CONTAINER_KEYS) {
    for (const v of VALUES) {
      const want = naive.inContainer(k, v);
      const got = store.inContainer(k, v);
      assert.equal(got.size, want.length);
      assert.deepStrictEqual(all(got), want);
      const back = [...want].reverse();
      for (const { a, b } of probes) {
        // A listing clamps to 0..size (no counting from the end as Array#slice does).
        const [x, y] = [Math.max(0, a), Math.max(0, b)];
        assert.deepStrictEqual(got.slice(a, b), want.slice(x, y));
        assert.deepStrictEqual(reversed(got).slice(a, b), back.slice(x, y));
      }
      for (const name of [...NAMES, undefined]) assert.deepStrictEqual(store.named(k, v, name), want.filter((o) => o.name === name));
    }
  }
  const clash = store.sameName(candidate, exceptId);
  const clashes = naive.clashes(candidate, exceptId);
  assert.ok(clash === undefined ? clashes.length === 0 : clashes.includes(clash));
}

function check(nameKey: ((n: unknown) => unknown) | undefined, ops: Op[], probes: Array<{ a: number; b: number }>, candidate: { name: unknown; where: Record<string, string> }, nodeSize: number): void {
  const store = new Store({ nodeSize });
  const naive = new Naive(nameKey ?? ((n) => n));
  if (nameKey) store.setNameKey(nameKey);
  let next = 0;
  for (const o of ops) {
    const ids = [...naive.byId.keys()];
    if (o.kind === 'create') {
      const obj = objectOf(`id-${next++}`, o.shape);
      store.put(obj);
      naive.byId.set(obj.id, obj);
    } else if (o.kind === 'put') {
      const id = ids.length === 0 ? `id-${next++}` : (ids[o.pick % ids.length] as string);
      const obj = objectOf(id, o.shape); // a new object under the same id: rename, move, or both
      store.put(obj);
      naive.byId.set(id, obj);
    } else {
      const id = ids.length === 0 || o.pick % 7 === 0 ? 'unknown' : (ids[o.pick % ids.length] as string);
      assert.equal(store.delete(id), naive.byId.delete(id));
    }
    const ids2 = [...naive.byId.keys()];
    compare(store, naive, probes, objectOf('cand', candidate), ids2[next % Math.max(1, ids2.length)]);
  }
  // At the end, every candidate shape: each name in each container, none, two.
  const wheres: Array<Record<string, string>> = [{}, { folder: 'A', snippet: 'B' }, { snippet: 'A', device: 'C' }];
  for (const k of CONTAINER_KEYS) for (const v of VALUES) wheres.push({ [k]: v });
  for (const where of wheres) {
    for (const name of [...NAMES, undefined]) {
      for (const except of [undefined, ...naive.byId.keys()].slice(0, 3)) {
        const cand = objectOf('cand', { name, where });
        const clash = store.sameName(cand, except);
        const clashes = naive.clashes(cand, except);
        assert.ok(clash === undefined ? clashes.length === 0 : clashes.includes(clash));
      }
    }
  }
}

const probes = fc.array(fc.record({ a: fc.integer({ min: -2, max: 60 }), b: fc.integer({ min: -2, max: 80 }) }), { minLength: 1, maxLength: 4 });
const fold = (n: unknown): unknown => (typeof n === 'string' ? n.toLowerCase() : n);

describe('store indexes against a full scan', () => {
  it('by id, by container (creation order, pages, reversed), by name, uniqueness: after every create, PUT and delete', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 150 }), probes, shape, fc.constantFrom(3, 4, 64), (ops, p, cand, nodeSize) => check(undefined, ops, p, cand, nodeSize)),
      { numRuns: 150, ...(seed !== undefined && { seed }) },
    );
  });
  it('the same with names compared by a name key (case-insensitive-names folds case)', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 150 }), probes, shape, fc.constantFrom(3, 4), (ops, p, cand, nodeSize) => check(fold, ops, p, cand, nodeSize)),
      { numRuns: 100, ...(seed !== undefined && { seed }) },
    );
  });
  it('setNameKey re-indexes what is already stored', () => {
    const store = new Store();
    store.put({ id: 'a', name: 'Alpha', folder: 'F' });
    expect(store.sameName({ name: 'ALPHA', folder: 'F' })).toBeUndefined();
    store.setNameKey(fold);
    expect(store.sameName({ name: 'ALPHA', folder: 'F' })?.id).toBe('a');
    expect(store.sameName({ name: 'ALPHA', folder: 'F' }, 'a')).toBeUndefined();
    expect(store.named('folder', 'F', 'ALPHA')).toEqual([]); // a list's name filter stays exact
  });
  it('a moved object takes its creation-order place in its new container; emptied containers are dropped', () => {
    const store = new Store({ nodeSize: 3 });
    for (let i = 0; i < 20; i++) store.put({ id: `o${i}`, name: `n${i}`, folder: i % 2 === 0 ? 'even' : 'odd' });
    store.put({ id: 'o4', name: 'n4', folder: 'odd' });
    expect(all(store.inContainer('folder', 'odd')).map((o) => o.id).slice(0, 4)).toEqual(['o1', 'o3', 'o4', 'o5']);
    for (let i = 0; i < 20; i++) store.delete(`o${i}`);
    expect(store.inContainer('folder', 'odd').size).toBe(0);
    expect((store as unknown as { containers: Record<string, Map<unknown, unknown>> }).containers.folder?.size).toBe(0);
  });
});

type TreeNode = { leaf: true; items: Array<{ seq: number }> } | { leaf: false; kids: TreeNode[]; sizes: number[]; maxes: number[]; n: number };

/** The tree's invariants: counts and maxima right, keys ascending, no empty node below the root, every node within nodeSize; returns [count, depth]. */
function invariants(node: TreeNode, nodeSize: number, root = true): [number, number] {
  if (node.leaf) {
    assert.ok(node.items.length <= nodeSize);
    if (!root) assert.ok(node.items.length > 0);
    for (let i = 1; i < node.items.length; i++) assert.ok(node.items[i]!.seq > node.items[i - 1]!.seq);
    return [node.items.length, 1];
  }
  assert.ok(node.kids.length <= nodeSize);
  assert.ok(node.kids.length > (root ? 1 : 0));
  let n = 0;
  let depth = 0;
  node.kids.forEach((kid, i) => {
    const [count, d] = invariants(kid, nodeSize, false);
    assert.equal(node.sizes[i], count);
    const last = kid.leaf ? kid.items.at(-1)!.seq : kid.maxes.at(-1)!;
    assert.equal(node.maxes[i], last);
    if (i > 0) assert.ok(node.maxes[i]! > node.maxes[i - 1]!);
    n += count;
    depth = Math.max(depth, d);
  });
  assert.equal(node.n, n);
  return [n, depth + 1];
}
const rootOf = (index: SeqIndex): TreeNode => (index as unknown as { root: TreeNode }).root;

describe('SeqIndex', () => {
  it('appends in sequence order fill their nodes (depth stays log of the size)', () => {
    const index = new SeqIndex(4);
    for (let i = 0; i < 4 ** 5; i++) index.insert({ obj: { id: String(i) }, seq: i });
    expect(invariants(rootOf(index), 4)).toEqual([4 ** 5, 5]);
  });
  it('keeps entries in sequence order through random inserts and deletes, and reads any page', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 300 })), { maxLength: 400 }), fc.constantFrom(3, 5, 64), (steps, nodeSize) => {
        const index = new SeqIndex(nodeSize);
        const model = new Set<number>();
        for (const [add, seq] of steps) {
          if (add && !model.has(seq)) {
            index.insert({ obj: { id: String(seq) }, seq });
            model.add(seq);
          } else assert.equal(index.delete(seq), model.delete(seq));
        }
        const want = [...model].sort((a, b) => a - b);
        assert.equal(invariants(rootOf(index), nodeSize)[0], want.length);
        assert.equal(index.size, want.length);
        assert.deepStrictEqual([...index].map((e) => e.seq), want);
        for (let a = 0; a <= want.length; a += 7) assert.deepStrictEqual(index.slice(a, a + 11).map((e) => e.seq), want.slice(a, a + 11));
      }),
      { numRuns: 200, ...(seed !== undefined && { seed }) },
    );
  });
});

// In-memory store: one per server instance. Creation order is the list order
// (decisions.md "List" step 4): each object gets a sequence number when it is
// first stored, and a PUT (rename or move; the id never changes) keeps it.
//
// Every read a request makes costs O(1) or O(log n), whatever the store holds:
// - by id: a Map (in creation order: Map.set on a known key keeps its place);
// - by container: for each container key and value, the objects holding that
//   key and value in creation order, in a counted B-tree (SeqIndex), so a page
//   at any offset is read without walking what comes before it, and an object
//   moved into the container by a PUT takes its creation-order place;
// - by (container, name): for the uniqueness check and a list's name filter,
//   names keyed by `nameKey` (the identity; a reading comparing names another
//   way, e.g. case-insensitive-names, sets its own).
// An object with two container keys (only a fault lets one in) is in both
// containers' lists, as a list filter would find it; its uniqueness is
// checked in its first container (containerOf), as the scan did. Objects with
// no container (a fault again) are indexed by name for uniqueness only.
// Stored objects are never edited in place (a PUT stores a new object): the
// indexes read an object's name and containers when it is stored and again
// when it leaves.
import type { ContainerKey } from './types.ts';
import { CONTAINER_KEYS } from './types.ts';

export type Stored = Record<string, unknown> & { id: string };

/** Objects in list order, read a page at a time (Server.listOrder maps one to another). */
export interface Listing {
  readonly size: number;
  /** The objects at positions start..end-1, clamped to 0..size. */
  slice(start: number, end: number): Stored[];
}

// Listings are small classes rather than object literals with arrow
// properties: tsx compiles with esbuild's keepNames, which would name each
// arrow with Object.defineProperty every time a list is answered.

class ArrayListing implements Listing {
  constructor(private readonly objs: readonly Stored[]) {}
  get size(): number {
    return this.objs.length;
  }
  slice(start: number, end: number): Stored[] {
    return this.objs.slice(Math.max(0, start), Math.max(0, end));
  }
}

class ReversedListing implements Listing {
  constructor(private readonly l: Listing) {}
  get size(): number {
    return this.l.size;
  }
  slice(start: number, end: number): Stored[] {
    const n = this.l.size;
    const a = Math.max(0, Math.min(n, start));
    const b = Math.max(a, Math.min(n, end));
    return this.l.slice(n - b, n - a).reverse();
  }
}

/** A listing of an array, in its order. */
export function listingOf(objs: readonly Stored[]): Listing {
  return new ArrayListing(objs);
}

/** The same objects in the reverse order, still read a page at a time. */
export function reversed(l: Listing): Listing {
  return new ReversedListing(l);
}

/** The container an object lives in: its first container key and that key's value. */
export function containerOf(obj: Record<string, unknown>): { key: ContainerKey; value: unknown } | undefined {
  for (const key of CONTAINER_KEYS) if (Object.hasOwn(obj, key)) return { key, value: obj[key] };
  return undefined;
}

/** One stored object and its place in creation order; a PUT replaces `obj` in place. */
export interface Entry {
  obj: Stored;
  readonly seq: number;
}

type Leaf = { leaf: true; items: Entry[] };
type Inner = { leaf: false; kids: Node[]; sizes: number[]; maxes: number[]; n: number };
type Node = Leaf | Inner;

const countOf = (node: Node): number => (node.leaf ? node.items.length : node.n);
const maxOf = (node: Node): number => (node.leaf ? (node.items.at(-1)?.seq ?? -1) : (node.maxes.at(-1) ?? -1));
const at = <T>(xs: readonly T[], i: number): T => xs[i] as T;

/** The first index whose value is >= seq in an ascending array (xs.length when none). */
function lowerBound(xs: readonly number[], seq: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (at(xs, mid) < seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function lowerBoundSeq(items: readonly Entry[], seq: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (at(items, mid).seq < seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Entries ordered by sequence number, with counts in every inner node (an
 * order-statistic B+-tree): insert, delete and reading `limit` entries from
 * any offset cost O(log n) plus what is read. Nodes split when full; a node
 * that empties is dropped, and none is merged (a node splits only after half
 * its fan-out of splits below it, so the depth stays within log base
 * nodeSize/2 of the inserts the index has seen).
 */
export class SeqIndex {
  private root: Node = { leaf: true, items: [] };

  constructor(private readonly nodeSize = 64) {
    if (nodeSize < 3) throw new Error('SeqIndex: nodeSize must be at least 3');
  }

  get size(): number {
    return countOf(this.root);
  }

  insert(e: Entry): void {
    const right = this.insertInto(this.root, e);
    if (!right) return;
    const left = this.root;
    this.root = { leaf: false, kids: [left, right], sizes: [countOf(left), countOf(right)], maxes: [maxOf(left), maxOf(right)], n: countOf(left) + countOf(right) };
  }

  /** Inserts `e` under `node`; returns the new right sibling when `node` split. */
  private insertInto(node: Node, e: Entry): Node | undefined {
    if (node.leaf) {
      const pos = lowerBoundSeq(node.items, e.seq);
      node.items.splice(pos, 0, e);
      if (node.items.length <= this.nodeSize) return undefined;
      return { leaf: true, items: node.items.splice(this.splitAt(node.items.length, pos)) };
    }
    const i = Math.min(lowerBound(node.maxes, e.seq), node.kids.length - 1);
    const kid = at(node.kids, i);
    const split = this.insertInto(kid, e);
    node.n++;
    node.sizes[i] = countOf(kid);
    node.maxes[i] = maxOf(kid);
    if (split) {
      node.kids.splice(i + 1, 0, split);
      node.sizes.splice(i + 1, 0, countOf(split));
      node.maxes.splice(i + 1, 0, maxOf(split));
    }
    if (node.kids.length <= this.nodeSize) return undefined;
    const cut = this.splitAt(node.kids.length, i + 1); // only a kid's split fills a node
    const sizes = node.sizes.splice(cut);
    const moved = sizes.reduce((a, b) => a + b, 0);
    node.n -= moved;
    return { leaf: false, kids: node.kids.splice(cut), sizes, maxes: node.maxes.splice(cut), n: moved };
  }

  /**
   * Where a node of `length` (one over full) splits, having grown at `grewAt`:
   * before its last item when it grew at its end (objects are stored in
   * creation order, so appends leave full nodes behind them), else in the middle.
   */
  private splitAt(length: number, grewAt: number): number {
    return grewAt === length - 1 ? length - 1 : length >>> 1;
  }

  /** Removes the entry with sequence number `seq`; false when there is none. */
  delete(seq: number): boolean {
    if (!this.deleteFrom(this.root, seq)) return false;
    while (!this.root.leaf && this.root.kids.length <= 1) this.root = this.root.kids[0] ?? { leaf: true, items: [] };
    return true;
  }

  private deleteFrom(node: Node, seq: number): boolean {
    if (node.leaf) {
      const i = lowerBoundSeq(node.items, seq);
      if (node.items[i]?.seq !== seq) return false;
      node.items.splice(i, 1);
      return true;
    }
    const i = lowerBound(node.maxes, seq);
    const kid = node.kids[i];
    if (!kid || !this.deleteFrom(kid, seq)) return false;
    node.n--;
    if (countOf(kid) === 0) {
      node.kids.splice(i, 1);
      node.sizes.splice(i, 1);
      node.maxes.splice(i, 1);
    } else {
      node.sizes[i] = countOf(kid);
      node.maxes[i] = maxOf(kid);
    }
    return true;
  }

  /** The entries at positions start..end-1 (clamped). */
  slice(start: number, end: number): Entry[] {
    const out: Entry[] = [];
    const a = Math.max(0, start);
    const b = Math.min(this.size, end);
    if (a < b) collect(this.root, a, b, out);
    return out;
  }

  *[Symbol.iterator](): IterableIterator<Entry> {
    yield* walk(this.root);
  }
}

/** Pushes the entries of `node` at positions start..end-1 (relative to the node, within it). */
function collect(node: Node, start: number, end: number, out: Entry[]): void {
  if (node.leaf) {
    for (let i = start; i < end; i++) out.push(at(node.items, i));
    return;
  }
  let offset = 0;
  for (let i = 0; i < node.kids.length && offset < end; i++) {
    const size = at(node.sizes, i);
    if (offset + size > start) collect(at(node.kids, i), Math.max(0, start - offset), Math.min(size, end - offset), out);
    offset += size;
  }
}

function* walk(node: Node): IterableIterator<Entry> {
  if (node.leaf) yield* node.items;
  else for (const kid of node.kids) yield* walk(kid);
}

class IndexListing implements Listing {
  constructor(private readonly order: SeqIndex) {}
  get size(): number {
    return this.order.size;
  }
  slice(start: number, end: number): Stored[] {
    const page = this.order.slice(start, end);
    const out = new Array<Stored>(page.length);
    for (let i = 0; i < page.length; i++) out[i] = at(page, i).obj;
    return out;
  }
}

/** One container (key and value): its objects in creation order, and by name key. */
interface Bucket {
  readonly order: SeqIndex;
  readonly names: Map<unknown, Entry | Entry[]>;
}

export interface StoreOptions {
  /** Fan-out of the per-container B-trees (tests use small ones to reach deep trees). */
  nodeSize?: number;
}

const identity = (name: unknown): unknown => name;

function addName(names: Map<unknown, Entry | Entry[]>, key: unknown, e: Entry): void {
  const there = names.get(key);
  if (there === undefined) names.set(key, e);
  else if (Array.isArray(there)) there.push(e);
  else names.set(key, [there, e]);
}

function removeName(names: Map<unknown, Entry | Entry[]>, key: unknown, e: Entry): void {
  const there = names.get(key);
  if (there === e) names.delete(key);
  else if (Array.isArray(there)) {
    const i = there.indexOf(e);
    if (i >= 0) there.splice(i, 1);
    if (there.length === 1) names.set(key, at(there, 0));
  }
}

const entriesOf = (x: Entry | Entry[] | undefined): readonly Entry[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

export class Store {
  private readonly entries = new Map<string, Entry>();
  private readonly containers: Record<ContainerKey, Map<unknown, Bucket>> = { folder: new Map(), snippet: new Map(), device: new Map() };
  /** Objects with no container key: by name key, for uniqueness. */
  private readonly uncontained = new Map<unknown, Entry | Entry[]>();
  private nameKey: (name: unknown) => unknown = identity;
  private nextSeq = 0;
  private readonly nodeSize: number;

  constructor(opts: StoreOptions = {}) {
    this.nodeSize = opts.nodeSize ?? 64;
  }

  get size(): number {
    return this.entries.size;
  }

  get(id: string): Stored | undefined {
    return this.entries.get(id)?.obj;
  }

  /** Insert or replace; a replaced id keeps its place in creation order (also in the container it moves to). */
  put(obj: Stored): void {
    const old = this.entries.get(obj.id);
    if (old) {
      this.unindex(old);
      old.obj = obj;
      this.index(old);
      return;
    }
    const e: Entry = { obj, seq: this.nextSeq++ };
    this.entries.set(obj.id, e);
    this.index(e);
  }

  delete(id: string): boolean {
    const e = this.entries.get(id);
    if (!e) return false;
    this.unindex(e);
    return this.entries.delete(id);
  }

  /** Every object, in creation order (a full scan: for faults that mean to scan). */
  *all(): IterableIterator<Stored> {
    for (const e of this.entries.values()) yield e.obj;
  }

  /** The objects holding container `key` with `value`, in creation order. */
  inContainer(key: ContainerKey, value: unknown): Listing {
    const b = this.containers[key].get(value);
    return b ? new IndexListing(b.order) : listingOf([]);
  }

  /** The objects holding container `key` with `value` whose name is exactly `name` (===), in creation order. */
  named(key: ContainerKey, value: unknown, name: unknown): Stored[] {
    const hits = entriesOf(this.containers[key].get(value)?.names.get(this.nameKey(name)));
    return hits.filter((e) => e.obj.name === name).sort((x, y) => x.seq - y.seq).map((e) => e.obj);
  }

  /**
   * An object other than `exceptId` in the same container as `candidate` (its
   * first container key and value, or none) whose name has the same name key:
   * a uniqueness clash. Undefined when there is none.
   */
  sameName(candidate: Record<string, unknown>, exceptId?: string): Stored | undefined {
    const where = containerOf(candidate);
    const names = where ? this.containers[where.key].get(where.value)?.names : this.uncontained;
    for (const e of entriesOf(names?.get(this.nameKey(candidate.name)))) {
      if (e.obj.id === exceptId) continue;
      if (where && containerOf(e.obj)?.key !== where.key) continue;
      return e.obj;
    }
    return undefined;
  }

  /**
   * Compares names for uniqueness by `key(name)` from now on (Map key
   * equality; the default is the name itself, compared like ===). Re-indexes
   * what is stored.
   */
  setNameKey(key: (name: unknown) => unknown): void {
    const all = [...this.entries.values()];
    for (const e of all) this.unindex(e);
    this.nameKey = key;
    for (const e of all) this.index(e);
  }

  private bucket(key: ContainerKey, value: unknown): Bucket {
    const map = this.containers[key];
    let b = map.get(value);
    if (!b) {
      b = { order: new SeqIndex(this.nodeSize), names: new Map() };
      map.set(value, b);
    }
    return b;
  }

  private index(e: Entry): void {
    const name = this.nameKey(e.obj.name);
    let contained = false;
    for (const key of CONTAINER_KEYS) {
      if (!Object.hasOwn(e.obj, key)) continue;
      contained = true;
      const b = this.bucket(key, e.obj[key]);
      b.order.insert(e);
      addName(b.names, name, e);
    }
    if (!contained) addName(this.uncontained, name, e);
  }

  private unindex(e: Entry): void {
    const name = this.nameKey(e.obj.name);
    let contained = false;
    for (const key of CONTAINER_KEYS) {
      if (!Object.hasOwn(e.obj, key)) continue;
      contained = true;
      const map = this.containers[key];
      const b = map.get(e.obj[key]);
      if (!b) continue;
      b.order.delete(e.seq);
      removeName(b.names, name, e);
      if (b.order.size === 0) map.delete(e.obj[key]); // an emptied container costs nothing
    }
    if (!contained) removeName(this.uncontained, name, e);
  }
}

// The operations themselves, once every rule has passed (semantics.md
// "POST", "Rest of the lifecycle"; decisions.md "Answers" and "Lists").
// Create answers 200, never 201 (seed line 98 "Created" under 200).
// Objects are stored in `s.toStored` form and answered through `s.toAnswer`
// (the identity unless a reading says otherwise).
import { randomUUID } from 'node:crypto';
import { ok } from '../errors.ts';
import { listingOf, type Listing, type Stored } from '../store.ts';
import type { Ctx, ListQuery, Reply, Server, Step } from '../types.ts';
import { isObject } from '../validate/json.ts';

function stored(id: string, ctx: Ctx, s: Server): Stored {
  const body = isObject(ctx.json) ? s.toStored(ctx.json, s) : {};
  return { id, ...body };
}

/**
 * The objects a list matches, in `s.listOrder`, as a listing read a page at a
 * time: the container asked, from the store's index (no scan), or only its
 * objects of the exact name, from the name index.
 */
export function listView(q: ListQuery, s: Server): Listing {
  let matches = q.name === undefined ? s.store.inContainer(q.containerKey, q.containerValue) : listingOf(s.store.named(q.containerKey, q.containerValue, q.name));
  const also = q.also ?? [];
  if (also.length > 0) {
    // Reading multiple-containers-200 (several container parameters): a slower
    // path, filtering the first container's objects (an object has one
    // container, so the correct server's answer here is an empty page).
    const all = matches.slice(0, matches.size);
    matches = listingOf(all.filter((o) => also.every((c) => Object.hasOwn(o, c.key) && o[c.key] === c.value)));
  }
  return s.listOrder(matches);
}

/** Every object a list matches, in `s.listOrder` (all of them: use listView for a page). */
export function listMatches(q: ListQuery, s: Server): Stored[] {
  const view = listView(q, s);
  return view.slice(0, view.size);
}

/** An answer carrying one stored object. */
export function answer(obj: Stored | undefined, s: Server, status = 200): Reply {
  return ok(obj === undefined ? undefined : s.toAnswer(obj, s), status);
}

const OPERATIONS: Record<string, (ctx: Ctx, s: Server) => Reply> = {
  list(ctx, s) {
    const q = ctx.list;
    if (!q) return ok({ data: [], limit: 200, offset: 0, total: 0 });
    const matches = listView(q, s);
    const data = matches.slice(q.offset, q.offset + q.limit).map((o) => s.toAnswer(o, s));
    return ok({ data, limit: q.limit, offset: q.offset, total: matches.size });
  },
  create(ctx, s) {
    const obj = stored(randomUUID(), ctx, s);
    s.store.put(obj);
    return answer(obj, s, s.response.createStatus);
  },
  get(ctx, s) {
    return answer(s.store.get(ctx.id ?? ''), s);
  },
  update(ctx, s) {
    // The id never changes; the object keeps its place in creation order.
    const obj = stored(ctx.id ?? '', ctx, s);
    s.store.put(obj);
    return answer(obj, s);
  },
  delete(ctx, s) {
    const before = s.store.get(ctx.id ?? '');
    s.store.delete(ctx.id ?? '');
    return answer(before, s);
  },
};

export const executeStep: Step = {
  name: 'execute',
  run(ctx, s) {
    const op = ctx.op;
    return op && Object.hasOwn(OPERATIONS, op) ? OPERATIONS[op]?.(ctx, s) : undefined;
  },
};

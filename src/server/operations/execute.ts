// The operations themselves, once every rule has passed (semantics.md
// "POST", "Rest of the lifecycle"; decisions.md "Responses" and "List").
// Create answers 200, never 201 (seed line 98 "Created" under 200).
// Objects are stored in `s.toStored` form and answered through `s.toAnswer`
// (the identity unless a reading says otherwise).
import { randomUUID } from 'node:crypto';
import { ok } from '../errors.ts';
import type { Stored } from '../store.ts';
import type { Ctx, ListQuery, Reply, Server, Step } from '../types.ts';
import { isObject } from '../validate/json.ts';

function stored(id: string, ctx: Ctx, s: Server): Stored {
  const body = isObject(ctx.json) ? s.toStored(ctx.json, s) : {};
  return { id, ...body };
}

/** The objects a list matches: the container asked (and every further one), the exact name; in `s.listOrder`. */
export function listMatches(q: ListQuery, s: Server): Stored[] {
  const matches = [...s.store.all()].filter(
    (o) =>
      Object.hasOwn(o, q.containerKey) &&
      o[q.containerKey] === q.containerValue &&
      (q.also ?? []).every((c) => Object.hasOwn(o, c.key) && o[c.key] === c.value) &&
      (q.name === undefined || o.name === q.name),
  );
  return s.listOrder(matches);
}

/** An answer carrying one stored object. */
export function answer(obj: Stored | undefined, s: Server, status = 200): Reply {
  return ok(obj === undefined ? undefined : s.toAnswer(obj, s), status);
}

const OPERATIONS: Record<string, (ctx: Ctx, s: Server) => Reply> = {
  list(ctx, s) {
    const q = ctx.list;
    if (!q) return ok({ data: [], limit: 200, offset: 0, total: 0 });
    const matches = listMatches(q, s);
    const data = matches.slice(q.offset, q.offset + q.limit).map((o) => s.toAnswer(o, s));
    return ok({ data, limit: q.limit, offset: q.offset, total: matches.length });
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

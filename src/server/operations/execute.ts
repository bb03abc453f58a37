// The operations themselves, once every rule has passed (semantics.md
// "POST", "Rest of the lifecycle"; decisions.md "Responses" and "List").
// Create answers 200, never 201 (seed line 98 "Created" under 200).
import { randomUUID } from 'node:crypto';
import { ok } from '../errors.ts';
import type { Stored } from '../store.ts';
import type { Ctx, Reply, Server, Step } from '../types.ts';
import { isObject } from '../validate/json.ts';
import { normalize } from '../validate/object.ts';

function stored(id: string, ctx: Ctx, s: Server): Stored {
  const body = isObject(ctx.json) ? normalize(ctx.json, s) : {};
  return { id, ...body };
}

const OPERATIONS: Record<string, (ctx: Ctx, s: Server) => Reply> = {
  list(ctx, s) {
    const q = ctx.list;
    if (!q) return ok({ data: [], limit: 200, offset: 0, total: 0 });
    const matches = [...s.store.all()].filter(
      (o) => Object.hasOwn(o, q.containerKey) && o[q.containerKey] === q.containerValue && (q.name === undefined || o.name === q.name),
    );
    return ok({ data: matches.slice(q.offset, q.offset + q.limit), limit: q.limit, offset: q.offset, total: matches.length });
  },
  create(ctx, s) {
    const obj = stored(randomUUID(), ctx, s);
    s.store.put(obj);
    return ok(obj, s.response.createStatus);
  },
  get(ctx, s) {
    return ok(s.store.get(ctx.id ?? ''));
  },
  update(ctx, s) {
    // The id never changes; the object keeps its place in creation order.
    const obj = stored(ctx.id ?? '', ctx, s);
    s.store.put(obj);
    return ok(obj);
  },
  delete(ctx, s) {
    const before = s.store.get(ctx.id ?? '');
    s.store.delete(ctx.id ?? '');
    return ok(before);
  },
};

export const executeStep: Step = {
  name: 'execute',
  run(ctx, s) {
    const op = ctx.op;
    return op && Object.hasOwn(OPERATIONS, op) ? OPERATIONS[op]?.(ctx, s) : undefined;
  },
};

// Faults that only a sequence of two or more writes shows (issue "Stateful
// testing", item 6): bugs of the kinds real implementations have in
// uniqueness after renames and deletes, in counts and pages as a container
// fills up, in caches, in how ids are handed out, in moves and in a PUT that
// follows a failed one. Each leaves every single request (on a fresh server)
// and the fixed lifecycle (runner/lifecycle.ts) answered as the correct server
// answers them, and breaks a must of semantics.md once the writes line up.
// State a fault keeps (an index, a cache, a counter) is per server instance
// and per container or object, so requests in other containers (the run's
// other phases, side by side) never change what it does in a sequence's own.
import { createHash } from 'node:crypto';
import { fail, ok } from '../errors.ts';
import { listMatches } from '../operations/execute.ts';
import { byName, replaceByName } from '../pipeline.ts';
import { containerOf, type Stored } from '../store.ts';
import type { Ctx, JsonObject, ListQuery, Reply, Server, Step } from '../types.ts';
import { CONTAINER_KEYS } from '../types.ts';
import { isObject } from '../validate/json.ts';
import type { Fault } from './types.ts';

type Run = Step['run'];

/** Wraps the step called `name`: `run` gets the original as `prev`. */
function wrap(s: Server, name: string, run: (prev: Run, ctx: Ctx, srv: Server) => Reply | undefined): void {
  const prev = byName(s.steps, name);
  replaceByName(s.steps, name, { name, run: (ctx, srv) => run((c, x) => prev.run(c, x), ctx, srv) });
}

/** A container as one string key (key and value). */
const ck = (key: string, value: unknown): string => `${key}\u0000${String(value)}`;

/** The container key of a stored object or a body, or undefined. */
function whereOf(o: Record<string, unknown>): string | undefined {
  const c = containerOf(o);
  return c ? ck(c.key, c.value) : undefined;
}

const succeeded = (r: Reply | undefined): r is Reply => r !== undefined && r.status >= 200 && r.status < 300;
const bodyOf = (ctx: Ctx): JsonObject | undefined => (isObject(ctx.json) ? ctx.json : undefined);

/**
 * The operation, with `before` (the stored object a PUT or DELETE acts on,
 * read before it runs) handed to `after` when it succeeded.
 */
function onWrite(s: Server, after: (ctx: Ctx, srv: Server, r: Reply, before: Stored | undefined) => Reply | void): void {
  wrap(s, 'execute', (prev, ctx, srv) => {
    const before = ctx.op === 'update' || ctx.op === 'delete' ? srv.store.get(ctx.id ?? '') : undefined;
    const r = prev(ctx, srv);
    if (!succeeded(r) || (ctx.op !== 'create' && ctx.op !== 'update' && ctx.op !== 'delete')) return r;
    return after(ctx, srv, r, before) ?? r;
  });
}

/**
 * The uniqueness step reading a name index that `skip` says has lost some
 * objects: a clash with such an object is not seen. The rest is the correct
 * step (same name, same container, another object).
 */
function uniqueIgnoring(s: Server, skip: (obj: Stored) => boolean): void {
  wrap(s, 'unique', (prev, ctx, srv) => {
    const r = prev(ctx, srv);
    if (!r || (ctx.op !== 'create' && ctx.op !== 'update')) return r;
    const b = bodyOf(ctx);
    const c = b && containerOf(b);
    if (!b || !c) return r;
    const self = ctx.op === 'update' ? ctx.id : undefined;
    const clashes = srv.store.named(c.key, c.value, b.name).filter((o) => o.id !== self && containerOf(o)?.key === c.key);
    return clashes.some((o) => !skip(o)) ? r : undefined;
  });
}

/** A list answer from every match of `q` plus `extra` objects, paged as the correct server pages. */
function listReply(q: ListQuery, matches: Stored[], s: Server): Reply {
  const data = matches.slice(q.offset, q.offset + q.limit).map((o) => s.toAnswer(o, s));
  return ok({ data, limit: q.limit, offset: q.offset, total: matches.length });
}

/** Page sizes and counts: the reference server's default page (semantics.md "Lists": limit default 200). */
const DEFAULT_PAGE = 200;

export const SEQUENCE_FAULTS: Record<string, Fault> = {
  // --- Uniqueness after renames, moves and deletes -------------------------
  'rename-keeps-old-name': {
    kind: 'sequence',
    description: 'A rename or move adds the new name to the name index but never removes the old one: the old name stays taken in that container, for a rename back too (409).',
    apply: (s) => {
      /** Names a PUT left behind, by container. */
      const stale = new Map<string, Set<unknown>>();
      wrap(s, 'unique', (prev, ctx, srv) => {
        const r = prev(ctx, srv);
        if (r || (ctx.op !== 'create' && ctx.op !== 'update')) return r;
        const b = bodyOf(ctx);
        const where = b && whereOf(b);
        if (!b || where === undefined || !stale.get(where)?.has(b.name)) return undefined;
        if (ctx.op === 'create') return fail(srv, 'name_not_unique');
        // As the buggy handler does: the index is consulted only when the name or the container changes.
        const current = srv.store.get(ctx.id ?? '');
        return current && (current.name !== b.name || whereOf(current) !== where) ? fail(srv, 'name_not_unique') : undefined;
      });
      onWrite(s, (ctx, _srv, _r, before) => {
        if (ctx.op !== 'update' || !before) return;
        const b = bodyOf(ctx);
        const from = whereOf(before);
        if (!b || from === undefined || (before.name === b.name && from === whereOf(b))) return;
        let names = stale.get(from);
        if (!names) stale.set(from, (names = new Set()));
        names.add(before.name);
      });
    },
  },
  'rename-new-name-free': {
    kind: 'sequence',
    description: 'A PUT takes the object out of the name index and never puts it back: after a rename (or any PUT) its name is free, and a create or rename into it is accepted as a duplicate.',
    apply: (s) => {
      const unindexed = new Set<string>();
      uniqueIgnoring(s, (o) => unindexed.has(o.id));
      onWrite(s, (ctx, _srv, r) => {
        if (ctx.op === 'update') unindexed.add(ctx.id ?? '');
        else if (ctx.op === 'delete') unindexed.delete(ctx.id ?? '');
        else if (ctx.op === 'create') unindexed.delete(String((r.body as Stored | undefined)?.id));
      });
    },
  },
  'delete-frees-name-everywhere': {
    kind: 'sequence',
    description: 'A DELETE removes its name from the name index of every container: another object of that name in another container can then be duplicated there.',
    apply: (s) => {
      const unindexed = new Set<string>();
      uniqueIgnoring(s, (o) => unindexed.has(o.id));
      onWrite(s, (ctx, srv, _r, before) => {
        if (ctx.op === 'update') unindexed.delete(ctx.id ?? ''); // a PUT indexes the object afresh
        if (ctx.op !== 'delete' || !before) return;
        unindexed.delete(before.id);
        for (const o of srv.store.all()) if (o.name === before.name) unindexed.add(o.id);
      });
    },
  },
  'move-checks-old-container': {
    kind: 'sequence',
    description: 'A PUT that moves an object checks its name against the container it leaves, not the one it enters: a move onto a name taken there is accepted (a duplicate).',
    apply: (s) =>
      wrap(s, 'unique', (prev, ctx, srv) => {
        if (ctx.op !== 'update') return prev(ctx, srv);
        const b = bodyOf(ctx);
        const current = srv.store.get(ctx.id ?? '');
        const from = current && containerOf(current);
        if (!b || !from || whereOf(b) === ck(from.key, from.value)) return prev(ctx, srv);
        const asIfStaying: JsonObject = { ...b };
        for (const k of CONTAINER_KEYS) delete asIfStaying[k];
        asIfStaying[from.key] = from.value;
        return prev({ ...ctx, json: asIfStaying }, srv);
      }),
  },

  // --- Counts and pages as a container fills up ----------------------------
  'default-page-size-100': {
    kind: 'sequence',
    description: 'A list without limit serves pages of 100 objects while it answers limit: 200: a container of more than 100 objects loses the rest of its first page.',
    apply: (s) =>
      wrap(s, 'execute', (prev, ctx, srv) => {
        if (ctx.op !== 'list' || !ctx.list || new URLSearchParams(ctx.query).has('limit')) return prev(ctx, srv);
        const r = prev({ ...ctx, list: { ...ctx.list, limit: 100 } }, srv);
        return r && isObject(r.body) ? { ...r, body: { ...r.body, limit: ctx.list.limit } } : r;
      }),
  },
  'total-capped-at-200': {
    kind: 'sequence',
    description: 'total is counted by a query capped at one default page: a container of more than 200 objects answers total 200.',
    apply: (s) =>
      wrap(s, 'execute', (prev, ctx, srv) => {
        const r = prev(ctx, srv);
        if (ctx.op !== 'list' || !r || !isObject(r.body) || typeof r.body.total !== 'number' || r.body.total <= DEFAULT_PAGE) return r;
        return { ...r, body: { ...r.body, total: DEFAULT_PAGE } };
      }),
  },
  'offset-ignored-past-200': {
    kind: 'sequence',
    description: 'A container of more than 200 objects is listed through a cursor that ignores offset: every page of it starts at its first object.',
    apply: (s) =>
      wrap(s, 'execute', (prev, ctx, srv) => {
        if (ctx.op !== 'list' || !ctx.list || ctx.list.offset === 0) return prev(ctx, srv);
        const all = listMatches(ctx.list, srv);
        if (all.length <= DEFAULT_PAGE) return prev(ctx, srv);
        const r = listReply({ ...ctx.list, offset: 0 }, all, srv);
        return { ...r, body: { ...(r.body as object), offset: ctx.list.offset } };
      }),
  },
  'total-not-moved': {
    kind: 'sequence',
    description: 'total comes from a per-container counter kept on create and delete only: after a PUT moves an object, both containers count it where it was.',
    apply: (s) => {
      /** Objects each container's counter is off by (moved in minus moved out). */
      const drift = new Map<string, number>();
      onWrite(s, (ctx, _srv, _r, before) => {
        if (ctx.op !== 'update' || !before) return;
        const b = bodyOf(ctx);
        const from = whereOf(before);
        const to = b && whereOf(b);
        if (from === undefined || to === undefined || from === to) return;
        drift.set(from, (drift.get(from) ?? 0) + 1);
        drift.set(to, (drift.get(to) ?? 0) - 1);
      });
      wrap(s, 'execute', (prev, ctx, srv) => {
        const r = prev(ctx, srv);
        const q = ctx.list;
        if (ctx.op !== 'list' || !q || q.name !== undefined || !r || !isObject(r.body) || typeof r.body.total !== 'number') return r;
        const d = drift.get(ck(q.containerKey, q.containerValue)) ?? 0;
        return d === 0 ? r : { ...r, body: { ...r.body, total: Math.max(0, r.body.total + d) } };
      });
    },
  },

  // --- Caches ---------------------------------------------------------------
  'get-cached-across-put': {
    kind: 'sequence',
    description: 'GET by id answers from a cache filled on create and evicted only on DELETE: after a PUT, a GET answers the object as it was before.',
    apply: (s) => {
      const cache = new Map<string, Stored>();
      onWrite(s, (ctx, _srv, r) => {
        if (ctx.op === 'create') { const o = r.body as Stored; cache.set(o.id, o); }
        if (ctx.op === 'delete') cache.delete(ctx.id ?? '');
      });
      wrap(s, 'execute', (prev, ctx, srv) => {
        if (ctx.op !== 'get') return prev(ctx, srv);
        const hit = cache.get(ctx.id ?? '');
        if (hit) return ok(srv.toAnswer(hit, srv));
        const r = prev(ctx, srv);
        if (succeeded(r) && isObject(r.body)) cache.set(ctx.id ?? '', srv.store.get(ctx.id ?? '') ?? (r.body as Stored));
        return r;
      });
    },
  },
  'list-cached-until-create': {
    kind: 'sequence',
    description: 'List answers are cached per query, and a container\'s cache is dropped only when an object enters it (create or move in): after a DELETE, a rename or a move out, the same list answers the old page.',
    apply: (s) => {
      const cache = new Map<string, Map<string, Reply>>();
      onWrite(s, (ctx, _srv, r, before) => {
        if (ctx.op === 'delete') return; // the bug: nothing leaves a cached page
        const into = whereOf((r.body as Stored | undefined) ?? {});
        if (into !== undefined && (ctx.op === 'create' || (before && whereOf(before) !== into))) cache.delete(into);
      });
      wrap(s, 'execute', (prev, ctx, srv) => {
        const q = ctx.list;
        if (ctx.op !== 'list' || !q) return prev(ctx, srv);
        const where = ck(q.containerKey, q.containerValue);
        const key = JSON.stringify([q.name ?? null, q.limit, q.offset, q.also ?? null]);
        const hit = cache.get(where)?.get(key);
        if (hit) return hit;
        const r = prev(ctx, srv);
        if (succeeded(r)) {
          let m = cache.get(where);
          if (!m) cache.set(where, (m = new Map()));
          m.set(key, r);
        }
        return r;
      });
    },
  },

  // --- Ids ------------------------------------------------------------------
  // Two creates show it: the second answers an id the first already has, which
  // the harness holds to "a new id" (checks/successBody.ts), so the cases
  // phase (uniqueness cases create a name in two containers) catches it and
  // it sits in the fault matrix, not among the sequence-only faults.
  'id-from-name': {
    kind: 'uniqueness',
    description: 'The id is a hash of the name (UUID-shaped): the same name in two containers gets one id, and the second create silently replaces the first object.',
    apply: (s) =>
      wrap(s, 'execute', (prev, ctx, srv) => {
        if (ctx.op !== 'create') return prev(ctx, srv);
        const b = bodyOf(ctx);
        const r = prev(ctx, srv);
        if (!succeeded(r) || !b) return r;
        const made = r.body as Stored;
        srv.store.delete(made.id);
        const h = createHash('sha1').update(JSON.stringify(b.name)).digest('hex');
        const id = `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[Number.parseInt(h[16]!, 16) % 4]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
        const obj: Stored = { ...made, id };
        srv.store.put(obj);
        return { ...r, body: srv.toAnswer(obj, srv) };
      }),
  },
  'id-reused-after-delete': {
    kind: 'sequence',
    description: 'A deleted object\'s id goes to the next object created in its container: the old id finds the new object.',
    apply: (s) => {
      const freed = new Map<string, string[]>();
      onWrite(s, (ctx, srv, r, before) => {
        if (ctx.op === 'delete' && before) {
          const where = whereOf(before);
          if (where === undefined) return;
          let ids = freed.get(where);
          if (!ids) freed.set(where, (ids = []));
          ids.push(before.id);
          return;
        }
        if (ctx.op !== 'create') return;
        const made = r.body as Stored;
        const where = whereOf(made);
        const id = where === undefined ? undefined : freed.get(where)?.pop();
        if (id === undefined || srv.store.get(id)) return;
        srv.store.delete(made.id);
        const obj: Stored = { ...made, id };
        srv.store.put(obj);
        return { ...r, body: srv.toAnswer(obj, srv) };
      });
    },
  },

  // --- Moves and deletes that reach the wrong object -----------------------
  'move-stays-listed': {
    kind: 'sequence',
    description: 'A PUT that moves an object adds it to its new container\'s index but leaves it in the old one: the old container still lists it (and counts it).',
    apply: (s) => {
      /** Ids a container's index still holds after they moved out. */
      const left = new Map<string, Set<string>>();
      onWrite(s, (ctx, _srv, _r, before) => {
        if (ctx.op !== 'update' || !before) return;
        const b = bodyOf(ctx);
        const from = whereOf(before);
        const to = b && whereOf(b);
        if (from === undefined || to === undefined || from === to) return;
        let ids = left.get(from);
        if (!ids) left.set(from, (ids = new Set()));
        ids.add(before.id);
        left.get(to)?.delete(before.id); // back where it was: indexed there once
      });
      wrap(s, 'execute', (prev, ctx, srv) => {
        const q = ctx.list;
        if (ctx.op !== 'list' || !q) return prev(ctx, srv);
        const where = ck(q.containerKey, q.containerValue);
        // A dangling entry (the object deleted since) resolves to nothing and is skipped.
        const ghosts = [...(left.get(where) ?? [])].map((id) => srv.store.get(id)).filter((o): o is Stored => o !== undefined && whereOf(o) !== where && (q.name === undefined || o.name === q.name));
        if (ghosts.length === 0 || (q.also ?? []).length > 0) return prev(ctx, srv);
        return listReply(q, [...listMatches(q, srv), ...ghosts], srv);
      });
    },
  },
  'delete-by-name': {
    kind: 'sequence',
    description: 'DELETE looks the object up by its name and deletes the first object of that name in any container: with the same name in two containers it can delete the other one.',
    apply: (s) =>
      wrap(s, 'execute', (prev, ctx, srv) => {
        if (ctx.op !== 'delete') return prev(ctx, srv);
        const target = srv.store.get(ctx.id ?? '');
        const first = target && [...srv.store.all()].find((o) => o.name === target.name);
        if (!target || !first || first.id === target.id) return prev(ctx, srv);
        srv.store.delete(first.id);
        return ok(srv.toAnswer(target, srv));
      }),
  },
  'put-keeps-failed-draft': {
    kind: 'sequence',
    description: 'A PUT refused as Invalid Object leaves its body as a draft of the object, and the next valid PUT is merged onto that draft: keys it does not send (a second container, a vendor) come back from the refused body.',
    apply: (s) => {
      const drafts = new Map<string, JsonObject>();
      wrap(s, 'validate-body', (prev, ctx, srv) => {
        const r = prev(ctx, srv);
        const b = bodyOf(ctx);
        if (r && r.status === 400 && ctx.op === 'update' && b) drafts.set(ctx.id ?? '', { ...drafts.get(ctx.id ?? ''), ...b });
        return r;
      });
      wrap(s, 'execute', (prev, ctx, srv) => {
        if (ctx.op === 'delete') drafts.delete(ctx.id ?? '');
        const draft = ctx.op === 'update' ? drafts.get(ctx.id ?? '') : undefined;
        const b = bodyOf(ctx);
        if (!draft || !b) return prev(ctx, srv);
        drafts.delete(ctx.id ?? '');
        return prev({ ...ctx, json: { ...draft, ...b } }, srv);
      });
    },
  },
};

// Faults in routing, existence, uniqueness and the operations (semantics.md
// "Rest of the lifecycle", "Uniqueness"; decisions.md "Routing", "List").
import { randomUUID } from 'node:crypto';
import { fail, ok } from '../errors.ts';
import { byName, replaceByName } from '../pipeline.ts';
import type { Server, Step } from '../types.ts';
import type { Fault } from './types.ts';

/** Wraps the step called `name`: `run` gets the original as `prev`. */
function wrap(s: Server, name: string, run: (prev: Step, ...a: Parameters<Step['run']>) => ReturnType<Step['run']>): void {
  const prev = byName(s.steps, name);
  replaceByName(s.steps, name, { name, run: (ctx, srv) => run(prev, ctx, srv) });
}

export const LIFECYCLE_FAULTS: Record<string, Fault> = {
  'method-405-returns-404': {
    kind: 'method',
    description: 'An unsupported method on a known path gets 404 E005 instead of 405 E012.',
    apply: (s) =>
      wrap(s, 'route', (prev, ctx, srv) => {
        const r = prev.run(ctx, srv);
        return r?.status === 405 ? fail(srv, 'object_not_present') : r;
      }),
  },
  'put-changes-id': {
    kind: 'method',
    description: 'PUT stores the object under a new id (the id must never change).',
    apply: (s) =>
      wrap(s, 'execute', (prev, ctx, srv) => {
        if (ctx.op !== 'update') return prev.run(ctx, srv);
        srv.store.delete(ctx.id ?? '');
        return prev.run({ ...ctx, id: randomUUID() }, srv);
      }),
  },
  'delete-keeps-object': {
    kind: 'not-found',
    description: 'DELETE answers 200 but keeps the object (a later GET finds it).',
    apply: (s) =>
      wrap(s, 'execute', (prev, ctx, srv) => (ctx.op === 'delete' ? ok(srv.store.get(ctx.id ?? '')) : prev.run(ctx, srv))),
  },
  'unknown-id-returns-200-or-500': {
    kind: 'not-found',
    description: 'GET/PUT/DELETE of an unknown id answers 200 {} instead of 404 E005.',
    apply: (s) =>
      wrap(s, 'exists', (prev, ctx, srv) => (prev.run(ctx, srv) ? ok({}) : undefined)),
  },
  'list-ignores-folder-filter': {
    kind: 'not-found',
    description: 'The list returns objects of every container, not only the one asked for.',
    apply: (s) =>
      wrap(s, 'execute', (prev, ctx, srv) => {
        const q = ctx.list;
        if (ctx.op !== 'list' || !q) return prev.run(ctx, srv);
        const matches = [...srv.store.all()].filter((o) => q.name === undefined || o.name === q.name);
        return ok({ data: matches.slice(q.offset, q.offset + q.limit), limit: q.limit, offset: q.offset, total: matches.length });
      }),
  },
  'list-ignores-name-filter': {
    kind: 'not-found',
    description: 'The list ignores the name parameter and returns the whole container.',
    apply: (s) => wrap(s, 'execute', (prev, ctx, srv) => (ctx.op === 'list' && ctx.list ? prev.run({ ...ctx, list: { ...ctx.list, name: undefined } }, srv) : prev.run(ctx, srv))),
  },
  'list-ignores-limit': {
    kind: 'range',
    description: 'The list ignores limit: every match from offset on is on the page.',
    apply: (s) => wrap(s, 'execute', (prev, ctx, srv) => {
      if (ctx.op !== 'list' || !ctx.list) return prev.run(ctx, srv);
      const r = prev.run({ ...ctx, list: { ...ctx.list, limit: Number.MAX_SAFE_INTEGER } }, srv);
      return r && typeof r.body === 'object' && r.body !== null ? { ...r, body: { ...(r.body as object), limit: ctx.list.limit } } : r;
    }),
  },
  'list-ignores-offset': {
    kind: 'range',
    description: 'The list ignores offset: every page starts at the first match.',
    apply: (s) => wrap(s, 'execute', (prev, ctx, srv) => {
      if (ctx.op !== 'list' || !ctx.list) return prev.run(ctx, srv);
      const r = prev.run({ ...ctx, list: { ...ctx.list, offset: 0 } }, srv);
      return r && typeof r.body === 'object' && r.body !== null ? { ...r, body: { ...(r.body as object), offset: ctx.list.offset } } : r;
    }),
  },
  'put-merges': {
    kind: 'method',
    description: 'PUT merges the body into the stored object instead of replacing it (old vendor fields survive).',
    apply: (s) => wrap(s, 'execute', (prev, ctx, srv) => {
      if (ctx.op !== 'update') return prev.run(ctx, srv);
      const before = srv.store.get(ctx.id ?? '');
      const r = prev.run(ctx, srv);
      if (!before || !r || typeof r.body !== 'object' || r.body === null) return r;
      const merged = { ...before, ...(r.body as Record<string, unknown>) } as Record<string, unknown> & { id: string };
      const bv = before['mfa_vendor_type'] as Record<string, Record<string, unknown>> | undefined;
      const nv = merged['mfa_vendor_type'] as Record<string, Record<string, unknown>> | undefined;
      if (bv && nv) for (const k of Object.keys(nv)) if (bv[k]) nv[k] = { ...bv[k], ...nv[k] };
      srv.store.put(merged);
      return { ...r, body: merged };
    }),
  },
  'put-upserts': {
    kind: 'not-found',
    description: 'PUT of an unknown id creates the object (200) instead of 404 E005.',
    apply: (s) => wrap(s, 'exists', (prev, ctx, srv) => (ctx.op === 'update' ? undefined : prev.run(ctx, srv))),
  },
  'list-missing-folder-accepted': {
    kind: 'required',
    description: 'A list without folder/snippet/device answers 200 (empty) instead of 400 Missing Query Parameter.',
    apply: (s) =>
      wrap(s, 'list-query', (prev, ctx, srv) => {
        const q = new URLSearchParams(ctx.query);
        if (ctx.op === 'list' && !q.has('folder') && !q.has('snippet') && !q.has('device')) {
          ctx.query = `${ctx.query}&folder=`; // an empty folder matches nothing
        }
        return prev.run(ctx, srv);
      }),
  },
  'list-negative-limit-accepted': {
    kind: 'range',
    description: 'limit=-1 is accepted (as the default) instead of 400 Invalid Query Parameter.',
    apply: (s) =>
      wrap(s, 'list-query', (prev, ctx, srv) => {
        const q = new URLSearchParams(ctx.query);
        if (/^-[0-9]+$/.test(q.get('limit') ?? '')) {
          q.delete('limit');
          ctx.query = q.toString();
        }
        return prev.run(ctx, srv);
      }),
  },
  'duplicate-name-accepted': {
    kind: 'uniqueness',
    description: 'A second object with the same name in the same container is accepted.',
    apply: (s) => replaceByName(s.steps, 'unique', undefined),
  },
  'unique-across-containers': {
    kind: 'uniqueness',
    description: 'Names must be unique across all containers (the same name in another folder gets 409).',
    apply: (s) =>
      wrap(s, 'unique', (prev, ctx, srv) => {
        const r = prev.run(ctx, srv);
        if (r || ctx.op !== 'create') return r;
        const name = (ctx.json as Record<string, unknown>).name;
        for (const o of srv.store.all()) if (o.name === name) return fail(srv, 'name_not_unique');
        return undefined;
      }),
  },
};

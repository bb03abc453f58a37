// Readings of the list (semantics.md "Open points", "Lists"; decisions.md
// "List"): the vendor's bare answer to a name lookup, position required,
// several or invalid container parameters, limit 0 and large limits, odd
// integers for limit/offset, the page order.
import { fail } from '../errors.ts';
import { listMatches, answer } from '../operations/execute.ts';
import { reversed } from '../store.ts';
import type { ContainerKey, Server } from '../types.ts';
import { CONTAINER_KEYS } from '../types.ts';
import { codePoints } from '../validate/json.ts';
import type { Reading } from './types.ts';
import { wrapStep } from './wrap.ts';

/** The largest page the vendor's clients ask for. */
const MAX_CLIENT_LIMIT = 5000;
const DEFAULT_LIMIT = 200;

function limitRule(s: Server, f: (n: number, prev: (n: number) => number | undefined) => number | undefined): void {
  const prev = s.paging.limit;
  s.paging.limit = (n) => f(n, prev);
}

const validContainer = (v: string, s: Server): boolean => {
  const n = codePoints(v);
  return n >= s.container.minLength && n <= s.container.maxLength && s.container.test(v);
};

export const LIST_READINGS: Record<string, Reading> = {
  'bare-name-lookup': {
    point: 'list.name-lookup',
    strength: 'open',
    description: 'A list with name=X answers the matching object itself (bare, no envelope), and 404 E005 Object Not Present when nothing matches.',
    apply: (s) =>
      wrapStep(s, 'execute', (prev, ctx, srv) => {
        if (ctx.op !== 'list' || ctx.list?.name === undefined) return prev.run(ctx, srv);
        const found = listMatches(ctx.list, srv)[0];
        return found ? answer(found, srv) : fail(srv, 'object_not_present');
      }),
  },
  'position-required': {
    point: 'list.position',
    strength: 'open',
    description: 'A list without position gets 400 E003 Missing Query Parameter: position (the spec marks it required).',
    apply: (s) =>
      wrapStep(s, 'list-query', (prev, ctx, srv) => {
        const r = prev.run(ctx, srv);
        if (r || ctx.op !== 'list') return r;
        return new URLSearchParams(ctx.query).has('position') ? undefined : fail(srv, 'missing_query_parameter', 'Missing Query Parameter: position');
      }),
  },
  'multiple-containers-200': {
    point: 'list.multiple-containers',
    strength: 'open',
    description: 'Two or more container parameters: 200 with the objects matching all of them, that is an empty page (total 0).',
    apply: (s) =>
      wrapStep(s, 'list-query', (prev, ctx, srv) => {
        if (ctx.op !== 'list') return prev.run(ctx, srv);
        const q = new URLSearchParams(ctx.query);
        const [, ...more] = CONTAINER_KEYS.filter((k) => q.has(k));
        if (more.length === 0) return prev.run(ctx, srv);
        const also = more.map((key: ContainerKey) => ({ key, value: q.get(key) ?? '' }));
        for (const k of more) q.delete(k);
        const raw = ctx.query;
        ctx.query = q.toString();
        const r = prev.run(ctx, srv);
        ctx.query = raw;
        if (!r && ctx.list) ctx.list.also = also;
        return r;
      }),
  },
  'multiple-containers-name-first': {
    point: 'list.multiple-containers',
    strength: 'open',
    description: 'Two or more container parameters: 400 E003 Invalid Query Parameter naming the first of them (the reference names the second).',
    apply: (s) =>
      wrapStep(s, 'list-query', (prev, ctx, srv) => {
        const r = prev.run(ctx, srv);
        if (ctx.op !== 'list' || r?.status !== 400) return r;
        const q = new URLSearchParams(ctx.query);
        const present = CONTAINER_KEYS.filter((k) => q.has(k));
        const first = present[0];
        return present.length >= 2 && first ? fail(srv, 'invalid_query_parameter', `Invalid Query Parameter: ${first}=${q.get(first) ?? ''}`) : r;
      }),
  },
  'invalid-list-container-400': {
    point: 'list.invalid-container',
    strength: 'open',
    description: 'An empty or invalid container value in a list (folder=, folder=a/b, over 64 characters) gets 400 E003 Invalid Query Parameter: folder=<value>.',
    apply: (s) =>
      wrapStep(s, 'list-query', (prev, ctx, srv) => {
        const r = prev.run(ctx, srv);
        if (r || ctx.op !== 'list') return r;
        const q = new URLSearchParams(ctx.query);
        for (const k of CONTAINER_KEYS) {
          const v = q.get(k);
          if (v !== null && !validContainer(v, srv)) return fail(srv, 'invalid_query_parameter', `Invalid Query Parameter: ${k}=${v}`);
        }
        return undefined;
      }),
  },
  'limit-zero-default': {
    point: 'list.limit-zero',
    strength: 'open',
    description: 'limit=0 gives the default page size (200), and the envelope says limit 200.',
    apply: (s) => limitRule(s, (n, prev) => (n === 0 ? DEFAULT_LIMIT : prev(n))),
  },
  'large-limit-400': {
    point: 'list.large-limit',
    strength: 'open',
    description: 'A limit above 5000 gets 400 E003 Invalid Query Parameter: limit=<value>.',
    apply: (s) => limitRule(s, (n, prev) => (n > MAX_CLIENT_LIMIT ? undefined : prev(n))),
  },
  'large-limit-cap': {
    point: 'list.large-limit',
    strength: 'open',
    description: 'A limit above 5000 serves pages of at most 5000 objects (the envelope says limit 5000).',
    apply: (s) => limitRule(s, (n, prev) => (n > MAX_CLIENT_LIMIT ? MAX_CLIENT_LIMIT : prev(n))),
  },
  'list-newest-first': {
    point: 'list.success',
    strength: 'open',
    description: 'Pages list the objects in reverse creation order (the order of a page is open).',
    apply: (s) => {
      const prev = s.listOrder;
      s.listOrder = (objs) => reversed(prev(objs)); // still a page at a time, no copy of the container
    },
  },
  'odd-paging-lenient': {
    point: 'list.odd-paging',
    strength: 'open',
    description: "limit/offset read with JavaScript's Number(): +1, ' 1', 1e2, 0x10 are numbers, an empty value is the default; negative and fractional values still get 400 Invalid Query Parameter.",
    apply: (s) => {
      s.paging.parse = (raw, _key, dflt) => {
        if (raw === '') return dflt;
        const n = Number(raw);
        return Number.isInteger(n) && n >= 0 ? n + 0 : undefined; // n + 0: -0 is 0
      };
    },
  },
};

// Readings of routing, ids, containers and uniqueness (semantics.md "Open
// points": the trailing slash, malformed ids, built-in folder names, names
// differing in case, a PUT moving an object; and the should bodies of 404 and
// 405).
import { fail } from '../errors.ts';
import { containerOf } from '../store.ts';
import type { Ctx, Reply, Server } from '../types.ts';
import { isObject } from '../validate/json.ts';
import { BASE_PATH } from '../validate/route.ts';
import type { Reading } from './types.ts';
import { mapStored, wrapStep } from './wrap.ts';

const COLLECTION = `${BASE_PATH}/mfa-servers`;
const PLAIN = 'text/plain; charset=utf-8';
/** A lower-case version-4 UUID (RFC 9562 variant). */
const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** The vendor's built-in folders with two names: each first name is answered as the second. */
export const FOLDER_ALIASES: Readonly<Record<string, string>> = Object.freeze({ Shared: 'Prisma Access', All: 'Global' });

const canonicalFolder = (v: unknown): unknown => (typeof v === 'string' && Object.hasOwn(FOLDER_ALIASES, v) ? FOLDER_ALIASES[v] : v);

/** A request target's text as header text: each character outside visible ASCII percent-encoded as the byte it was. */
const headerSafe = (v: string): string => v.replace(/[^\x21-\x7e]/g, (c) => `%${(c.charCodeAt(0) & 0xff).toString(16).toUpperCase().padStart(2, '0')}`);

/** `/mfa-servers/` gets `answer` (after authentication, like every route). */
function trailingSlash(s: Server, answer: (ctx: Ctx, srv: Server) => Reply): void {
  wrapStep(s, 'route', (prev, ctx, srv) => (ctx.path === `${COLLECTION}/` ? answer(ctx, srv) : prev.run(ctx, srv)));
}

export const RESOURCE_READINGS: Record<string, Reading> = {
  'trailing-slash-collection': {
    point: 'route.trailing-slash',
    strength: 'open',
    description: '/mfa-servers/ is the collection (GET lists, POST creates).',
    apply: (s) =>
      wrapStep(s, 'route', (prev, ctx, srv) => {
        if (ctx.path === `${COLLECTION}/`) ctx.path = COLLECTION;
        return prev.run(ctx, srv);
      }),
  },
  'trailing-slash-405': {
    point: 'route.trailing-slash',
    strength: 'open',
    description: '/mfa-servers/ is answered 405 E012 Method Not Supported, whatever the method.',
    apply: (s) => trailingSlash(s, (_ctx, srv) => fail(srv, 'method_not_supported')),
  },
  'trailing-slash-redirect': {
    point: 'route.trailing-slash',
    strength: 'open',
    description: '/mfa-servers/ is answered 307 with Location: the collection path (the query kept) and an empty body.',
    apply: (s) =>
      trailingSlash(s, (ctx) => ({ status: 307, body: undefined, text: '', headers: { location: ctx.query === '' ? COLLECTION : `${COLLECTION}?${headerSafe(ctx.query)}` } })),
  },
  'plain-text-405': {
    point: 'route.method-not-supported',
    strength: 'should',
    description: 'A method a path does not have gets 405 text/plain "Method Not Allowed" (a framework\'s default), no envelope.',
    apply: (s) =>
      wrapStep(s, 'route', (prev, ctx, srv) => {
        const r = prev.run(ctx, srv);
        return r?.status === 405 ? { status: 405, body: undefined, text: 'Method Not Allowed', contentType: PLAIN } : r;
      }),
  },
  'plain-text-404': {
    point: 'route.unknown-path',
    strength: 'should',
    description: 'An unknown path gets 404 text/plain "Not Found" (a framework\'s default), no envelope.',
    apply: (s) =>
      wrapStep(s, 'route', (prev, ctx, srv) => {
        const r = prev.run(ctx, srv);
        return r?.status === 404 ? { status: 404, body: undefined, text: 'Not Found', contentType: PLAIN } : r;
      }),
  },
  'malformed-id-400': {
    point: 'resource.malformed-id',
    also: ['resource.id-form'],
    strength: 'open',
    description: 'An unknown id that is not a lower-case version-4 UUID gets 400 E003 Invalid Object instead of 404.',
    apply: (s) =>
      wrapStep(s, 'exists', (prev, ctx, srv) => {
        const r = prev.run(ctx, srv);
        return r?.status === 404 && !V4.test(ctx.id ?? '') ? fail(srv, 'invalid_object') : r;
      }),
  },
  'put-move-rejected': {
    point: 'update.move-container',
    strength: 'open',
    description: "A PUT naming another container than the stored object's gets 400 E003 Invalid Object (after the existence check).",
    apply: (s) =>
      wrapStep(s, 'exists', (prev, ctx, srv) => {
        const r = prev.run(ctx, srv);
        if (r || ctx.op !== 'update' || !isObject(ctx.json)) return r;
        const before = containerOf(srv.store.get(ctx.id ?? '') ?? {});
        const after = containerOf(srv.toStored(ctx.json, srv));
        return before?.key !== after?.key || before?.value !== after?.value ? fail(srv, 'invalid_object') : undefined;
      }),
  },
  'folder-aliases': {
    point: 'uniqueness.folder-alias',
    also: ['create.success', 'list.success'],
    strength: 'open',
    description: 'Built-in folders Shared and Prisma Access are one folder, as are All and Global: stored and answered by the second name, listed by either, names clash across the pair.',
    apply: (s) => {
      mapStored(s, (o) => {
        if (Object.hasOwn(o, 'folder')) o.folder = canonicalFolder(o.folder);
      });
      wrapStep(s, 'list-query', (prev, ctx, srv) => {
        const r = prev.run(ctx, srv);
        if (!r && ctx.list?.containerKey === 'folder') ctx.list.containerValue = canonicalFolder(ctx.list.containerValue) as string;
        return r;
      });
    },
  },
  'case-insensitive-names': {
    point: 'uniqueness.case',
    strength: 'open',
    description: 'Names that differ only in case clash in one container (409 E006 Name Not Unique).',
    // The store compares names for uniqueness by their lower-case form: one
    // lookup in its (container, name) index, no scan; a list's name filter
    // stays exact. Names that are not strings compare as they are.
    apply: (s) => s.store.setNameKey((name) => (typeof name === 'string' ? name.toLowerCase() : name)),
  },
};

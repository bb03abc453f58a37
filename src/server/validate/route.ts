// Routing (decisions.md "Requests" / "Routing"): the collection
// `{base}/mfa-servers` (GET list, POST create) and the item
// `{base}/mfa-servers/{id}` (GET, PUT, DELETE). Every other path is unknown
// (404 E005), every other method on a known path is 405 E012.
import { fail } from '../errors.ts';
import type { Operation, Step } from '../types.ts';

export const BASE_PATH = '/config/identity/v1';
const COLLECTION = `${BASE_PATH}/mfa-servers`;

const COLLECTION_METHODS: Record<string, Operation> = { GET: 'list', POST: 'create' };
const ITEM_METHODS: Record<string, Operation> = { GET: 'get', PUT: 'update', DELETE: 'delete' };

export type Route = { kind: 'collection' } | { kind: 'item'; id: string } | { kind: 'unknown' };

/** Matches the raw path (segments compared as sent); only the id is percent-decoded. */
const COLLECTION_ROUTE: Route = Object.freeze({ kind: 'collection' });
const UNKNOWN_ROUTE: Route = Object.freeze({ kind: 'unknown' });

export function matchRoute(path: string): Route {
  if (path === COLLECTION) return COLLECTION_ROUTE;
  if (!path.startsWith(`${COLLECTION}/`)) return UNKNOWN_ROUTE;
  const raw = path.slice(COLLECTION.length + 1);
  if (raw.includes('/')) return UNKNOWN_ROUTE;
  // A trailing slash is the item path with an empty id. A segment that is not
  // valid percent-encoding is still one segment: an id that names nothing.
  let id: string;
  try {
    id = decodeURIComponent(raw);
  } catch {
    id = raw;
  }
  return { kind: 'item', id };
}

export const routeStep: Step = {
  name: 'route',
  run(ctx, s) {
    const r = matchRoute(ctx.path);
    if (r.kind === 'unknown') return fail(s, 'object_not_present');
    const table = r.kind === 'collection' ? COLLECTION_METHODS : ITEM_METHODS;
    const op = Object.hasOwn(table, ctx.method) ? table[ctx.method] : undefined;
    if (op === undefined) return fail(s, 'method_not_supported');
    ctx.op = op;
    if (r.kind === 'item') ctx.id = r.id;
    return undefined;
  },
};

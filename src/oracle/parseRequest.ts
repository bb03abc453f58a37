// Normalises a raw request into what the rules look at: route, query,
// lower-case headers, body bytes. Readings of the silent places follow
// contracts/decisions.md "Requests".
import type { ApiRequest } from '../spec/types.ts';

export type Route =
  | { kind: 'collection' }
  | { kind: 'item'; id: string }
  | { kind: 'unknown' };

export interface ParsedRequest {
  method: string;
  route: Route;
  query: URLSearchParams;
  header(name: string): string | undefined;
  bodyBytes: Uint8Array | undefined;
}

const encoder = new TextEncoder();

export function parseRequest(req: ApiRequest): ParsedRequest {
  const q = req.path.indexOf('?');
  const pathname = q === -1 ? req.path : req.path.slice(0, q);
  const query = new URLSearchParams(q === -1 ? '' : req.path.slice(q + 1));
  const headers = new Map<string, string>();
  for (const [k, v] of Object.entries(req.headers)) {
    const key = k.toLowerCase();
    if (!headers.has(key)) headers.set(key, v);
  }
  const bodyBytes = req.body === undefined ? undefined : typeof req.body === 'string' ? encoder.encode(req.body) : req.body;
  return { method: req.method.toUpperCase(), route: routeOf(pathname), query, header: (n) => headers.get(n.toLowerCase()), bodyBytes };
}

function routeOf(pathname: string): Route {
  if (pathname === '/mfa-servers') return { kind: 'collection' };
  const m = /^\/mfa-servers\/([^/]*)$/.exec(pathname);
  if (!m) return { kind: 'unknown' };
  const raw = m[1] ?? '';
  let id = raw;
  try { id = decodeURIComponent(raw); } catch { /* malformed escape: the raw segment is the (malformed) id */ }
  return { kind: 'item', id };
}

/** Methods each path has (spec paths; semantics.md last line: others → 405). */
export const METHODS: Readonly<Record<'collection' | 'item', readonly string[]>> = {
  collection: ['GET', 'POST'],
  item: ['GET', 'PUT', 'DELETE'],
};

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
  /** The body as sent: undefined when there is none. */
  body: Body | undefined;
}

/**
 * A body's size in UTF-8 bytes and its text (undefined when the bytes are not
 * UTF-8). A string body goes out as UTF-8, lone surrogates as U+FFFD, which
 * is what `toWellFormed` gives.
 */
export interface Body { bytes: number; text: string | undefined }

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) { n += 4; i++; }
    else n += 3;
  }
  return n;
}

function bodyOf(raw: string | Uint8Array | undefined): Body | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw === 'string') return { bytes: utf8Length(raw), text: raw.toWellFormed() };
  let text: string | undefined;
  try { text = strictUtf8.decode(raw); } catch { text = undefined; }
  return { bytes: raw.length, text };
}

export function parseRequest(req: ApiRequest): ParsedRequest {
  const q = req.path.indexOf('?');
  const pathname = q === -1 ? req.path : req.path.slice(0, q);
  const query = new URLSearchParams(q === -1 ? '' : req.path.slice(q + 1));
  const headers = new Map<string, string>();
  for (const [k, v] of Object.entries(req.headers)) {
    const key = k.toLowerCase();
    if (!headers.has(key)) headers.set(key, v);
  }
  return { method: req.method.toUpperCase(), route: routeOf(pathname), query, header: (n) => headers.get(n.toLowerCase()), body: bodyOf(req.body) };
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

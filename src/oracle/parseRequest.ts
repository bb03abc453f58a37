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

function bodyOf(raw: string | Uint8Array | undefined): Body | undefined {
  if (raw === undefined) return undefined;
  // Buffer.byteLength counts a lone surrogate as its U+FFFD replacement (3 bytes), as it is sent.
  if (typeof raw === 'string') return { bytes: Buffer.byteLength(raw, 'utf8'), text: raw.toWellFormed() };
  let text: string | undefined;
  try { text = strictUtf8.decode(raw); } catch { text = undefined; }
  return { bytes: raw.length, text };
}

export function parseRequest(req: ApiRequest): ParsedRequest {
  const q = req.path.indexOf('?');
  const pathname = q === -1 ? req.path : req.path.slice(0, q);
  const query = q === -1 ? '' : req.path.slice(q + 1);
  const headers = new Map<string, string>();
  for (const [k, v] of Object.entries(req.headers)) {
    const key = k.toLowerCase();
    if (!headers.has(key)) headers.set(key, v);
  }
  return new Parsed(req.method.toUpperCase(), routeOf(pathname), query, headers, bodyOf(req.body));
}

class Parsed implements ParsedRequest {
  private params: URLSearchParams | undefined;
  constructor(readonly method: string, readonly route: Route, private readonly rawQuery: string, private readonly headers: Map<string, string>, readonly body: Body | undefined) {}
  header(name: string): string | undefined { return this.headers.get(name.toLowerCase()); }
  /** Parsed on first use: only list requests read it. */
  get query(): URLSearchParams { return (this.params ??= new URLSearchParams(this.rawQuery)); }
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

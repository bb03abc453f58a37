// Runs one request through the ordered steps. Nothing here throws: an
// unexpected exception becomes a 400 (the server never answers 5xx).
import { fail } from './errors.ts';
import type { Ctx, Reply, Server } from './types.ts';

export interface RawRequest {
  method: string;
  url: string;
  /** Header names and values as received, alternating (node:http's `rawHeaders`). */
  rawHeaders: readonly string[];
  body: Buffer;
  bodyBytes: number;
}

const ABSOLUTE_FORM = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/;

/** Splits a request target into raw path and raw query (absolute-form targets keep only their path). */
export function splitTarget(url: string): { path: string; query: string } {
  // The usual origin-form target ("/...") has no scheme to strip.
  const noOrigin = url.charCodeAt(0) === 0x2f ? url : url.replace(ABSOLUTE_FORM, '');
  const hash = noOrigin.indexOf('#');
  const noFragment = hash < 0 ? noOrigin : noOrigin.slice(0, hash);
  const q = noFragment.indexOf('?');
  return q < 0 ? { path: noFragment, query: '' } : { path: noFragment.slice(0, q), query: noFragment.slice(q + 1) };
}

/**
 * The first value of header `name` (lower case) in raw headers: decisions.md,
 * a header given twice counts by its first value. Names compare
 * case-insensitively, as node:http's headersDistinct keys them.
 */
export function firstHeader(raw: readonly string[], name: string): string | undefined {
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const k = raw[i] as string;
    if (k === name || (k.length === name.length && k.toLowerCase() === name)) return raw[i + 1];
  }
  return undefined;
}

/** The header reader of one request (made here, not inline: an inline named arrow would be named again per request under keepNames). */
function headerReader(raw: readonly string[]): (name: string) => string | undefined {
  return (name) => firstHeader(raw, name);
}

export function handle(raw: RawRequest, s: Server): Reply {
  try {
    const { path, query } = splitTarget(raw.url);
    const ctx: Ctx = {
      method: raw.method,
      path,
      query,
      // decisions.md: a header given twice counts by its first value.
      header: headerReader(raw.rawHeaders),
      body: raw.body,
      bodyBytes: raw.bodyBytes,
    };
    for (const step of s.steps) {
      const reply = step.run(ctx, s);
      if (reply) return reply;
    }
    return fail(s, 'invalid_command');
  } catch {
    try {
      return fail(s, 'invalid_command');
    } catch {
      return { status: 400, body: { _errors: [{ code: 'E003', message: 'Invalid Command', details: {} }] } };
    }
  }
}

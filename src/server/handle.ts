// Runs one request through the ordered steps. Nothing here throws: an
// unexpected exception becomes a 400 (the server never answers 5xx).
import { fail } from './errors.ts';
import type { Ctx, Reply, Server } from './types.ts';

export interface RawRequest {
  method: string;
  url: string;
  headers: Record<string, string[] | undefined>;
  body: Buffer;
  bodyBytes: number;
}

/** Splits a request target into raw path and raw query (absolute-form targets keep only their path). */
export function splitTarget(url: string): { path: string; query: string } {
  const noOrigin = url.replace(/^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/, '');
  const noFragment = noOrigin.split('#')[0] ?? '';
  const q = noFragment.indexOf('?');
  return q < 0 ? { path: noFragment, query: '' } : { path: noFragment.slice(0, q), query: noFragment.slice(q + 1) };
}

export function handle(raw: RawRequest, s: Server): Reply {
  try {
    const { path, query } = splitTarget(raw.url);
    const ctx: Ctx = {
      method: raw.method,
      path,
      query,
      // decisions.md: a header given twice counts by its first value.
      header: (name) => raw.headers[name]?.[0],
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

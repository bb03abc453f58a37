// Format checks before the body is read (semantics.md "POST" format table,
// "Precedence"; contracts/decisions.md "Permission, then formats").
import type { ParsedRequest } from './parseRequest.ts';

/** Content-Type on POST/PUT: application/json, parameters allowed (seed:128). */
export function contentTypeIsJson(req: ParsedRequest): boolean {
  const ct = req.header('content-type');
  if (ct === undefined) return false;
  return (ct.split(';')[0] ?? '').trim().toLowerCase() === 'application/json';
}

interface MediaRange { type: string; q: number }

function parseAccept(accept: string): MediaRange[] {
  return accept.split(',').map((part) => {
    const [range = '', ...params] = part.split(';');
    let q = 1;
    for (const p of params) {
      const [k, v] = p.split('=');
      if (k?.trim().toLowerCase() === 'q' && v !== undefined) {
        const n = Number(v.trim());
        if (!Number.isNaN(n)) q = n;
      }
    }
    return { type: range.trim().toLowerCase(), q };
  }).filter((r) => r.type !== '');
}

/**
 * Accept (every operation, seed:138): undefined when JSON is admitted, else
 * the `<S>` of `Accept=<S>` (the first range's subtype).
 */
export function acceptRefusal(req: ParsedRequest): string | undefined {
  const accept = req.header('accept');
  if (accept === undefined || accept.trim() === '') return undefined;
  const ranges = parseAccept(accept);
  if (ranges.length === 0) return undefined;
  const admits = ranges.some((r) => r.q > 0 && (r.type === 'application/json' || r.type === 'application/*' || r.type === '*/*'));
  if (admits) return undefined;
  const first = ranges[0]!.type;
  const slash = first.indexOf('/');
  return slash === -1 ? first : first.slice(slash + 1);
}

export const MAX_BODY_BYTES = 1_048_576;

/** The body as JSON, or 'malformed' (not UTF-8, a BOM, not JSON). */
export function parseJsonBody(text: string | undefined): { value: unknown } | 'malformed' {
  if (text === undefined || text.charCodeAt(0) === 0xfeff) return 'malformed';
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return 'malformed';
  }
}

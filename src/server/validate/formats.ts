// Request and response formats (semantics.md "POST: Format checks"; seed
// lines 124-143 for the two messages; decisions.md "Formats").
import { fail } from '../errors.ts';
import type { Step } from '../types.ts';

/** `application/json` with any parameters, compared case-insensitively. */
export function isJsonContentType(value: string | undefined): boolean {
  if (value === undefined) return false;
  if (value === 'application/json') return true; // the usual value, without the split
  const media = (value.split(';')[0] ?? '').trim().toLowerCase();
  return media === 'application/json';
}

/** POST/PUT only: 400 E003 `Input Format Mismatch: input-format=json` (seed line 128). */
export const contentTypeStep: Step = {
  name: 'content-type',
  run(ctx, s) {
    if (ctx.op !== 'create' && ctx.op !== 'update') return undefined;
    return isJsonContentType(ctx.header('content-type')) ? undefined : fail(s, 'input_format_mismatch');
  },
};

interface MediaRange {
  type: string;
  q: number;
}

function parseRange(raw: string): MediaRange {
  const parts = raw.split(';');
  const type = (parts[0] ?? '').trim().toLowerCase();
  let q = 1;
  for (const p of parts.slice(1)) {
    const eq = p.indexOf('=');
    if (eq < 0) continue;
    if (p.slice(0, eq).trim().toLowerCase() !== 'q') continue;
    const n = Number(p.slice(eq + 1).trim());
    // A q that is not a number is not "q=0": the range still counts.
    q = Number.isNaN(n) ? 1 : n;
    break;
  }
  return { type, q };
}

/** The non-empty media ranges of an Accept value (empty list elements are ignored, RFC 9110 5.6.1). */
export function mediaRanges(value: string): string[] {
  return value.split(',').map((r) => r.trim()).filter((r) => r !== '');
}

/** Absent or empty admits JSON; otherwise some range must be json, application/* or *\/* with q != 0. */
export function acceptAdmitsJson(value: string | undefined): boolean {
  if (value === undefined) return true;
  const ranges = mediaRanges(value);
  if (ranges.length === 0) return true;
  return ranges.some((r) => {
    const { type, q } = parseRange(r);
    return q !== 0 && (type === 'application/json' || type === 'application/*' || type === '*/*');
  });
}

/** `<S>` of `Accept=<S>`: the first range's subtype, lower-cased, no parameters. */
export function acceptName(value: string): string {
  const first = mediaRanges(value)[0] ?? '';
  const type = (first.split(';')[0] ?? '').trim().toLowerCase();
  const slash = type.indexOf('/');
  return slash < 0 ? type : type.slice(slash + 1);
}

/** Every operation: 400 E003 `Output Format Mismatch: output-format=json Accept=<S>` (seed line 138). */
export const acceptStep: Step = {
  name: 'accept',
  run(ctx, s) {
    const accept = ctx.header('accept');
    if (acceptAdmitsJson(accept)) return undefined;
    return fail(s, 'output_format_mismatch', `Output Format Mismatch: output-format=json Accept=${acceptName(accept ?? '')}`);
  },
};

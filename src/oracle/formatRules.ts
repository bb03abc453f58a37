// Format checks before the body is read (semantics.md "POST" format table,
// "Precedence" and "Open points: Body and format").
import { param } from '../spec/model.ts';
import type { Outcome } from '../spec/types.ts';
import type { Evaluation } from './evaluation.ts';
import { outcomeOf } from './outcome.ts';

/** Content-Type on POST/PUT: application/json, parameters allowed (seed:128). */
export function contentTypeStep(e: Evaluation): boolean {
  if (!e.write) return false;
  const ct = e.p.header('content-type');
  if (ct === undefined) {
    // Open point: a JSON body without any Content-Type is refused or read as JSON.
    if (e.c.choose('format.no-content-type', 'open', ['refuse', 'as-json']) === 'refuse') e.push(outcomeOf('format.no-content-type'));
    else e.claim('format.no-content-type');
    return false;
  }
  const media = (ct.split(';')[0] ?? '').trim();
  if (media === 'application/json') return false;
  if (media.toLowerCase() === 'application/json') {
    // RFC 9110 makes media types case-insensitive; semantics.md does not say: either.
    if (e.c.choose('format.content-type-case', 'open', ['accept', 'refuse']) === 'refuse') e.push(outcomeOf('format.content-type-case'));
    else e.claim('format.content-type-case');
    return false;
  }
  e.push(outcomeOf('format.content-type'));
  return false;
}

interface MediaRange { raw: string; type: string; q: number }

function parseAccept(accept: string): MediaRange[] {
  return accept.split(',').map((part): MediaRange => {
    const [range = '', ...params] = part.split(';');
    let q = 1;
    for (const p of params) {
      const [k, v] = p.split('=');
      if (k?.trim().toLowerCase() === 'q' && v !== undefined) {
        const n = Number(v.trim());
        if (!Number.isNaN(n)) q = n;
      }
    }
    return { raw: part.trim(), type: range.trim().toLowerCase(), q };
  }).filter((r) => r.type !== '');
}

const admitsJson = (r: MediaRange): boolean => r.type === 'application/json' || r.type === 'application/*' || r.type === '*/*';
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * "the Accept= part names what was asked" (should): the subtype (`xml`, the
 * seed's form), the media range, the header as sent, or a list of them
 * (`plain,png`) all name it.
 */
function namesAsked(accept: string, ranges: MediaRange[]): string {
  const names = new Set([accept.trim(), ...ranges.flatMap((r) => [r.raw, r.type, r.type.slice(r.type.indexOf('/') + 1)])]);
  const one = `(?:${[...names].filter(Boolean).sort((a, b) => b.length - a.length).map(escape).join('|')})`;
  return `^Output Format Mismatch: output-format=json Accept=${one}(?:[ ,;]+${one})*$`;
}

/** Accept, on every operation: must on POST/PUT, should on GET/DELETE (Open points). */
export function acceptStep(e: Evaluation): boolean {
  const accept = e.p.header('accept');
  if (accept === undefined || accept.trim() === '') return false;
  const ranges = parseAccept(accept);
  if (ranges.length === 0 || ranges.some((r) => r.q > 0 && admitsJson(r))) return false;
  const first = ranges[0]!.type;
  const vars = { accept: first.slice(first.indexOf('/') + 1) };
  const extra: Partial<Outcome> = { messageAlso: namesAsked(accept, ranges) };
  if (ranges.some(admitsJson)) {
    // Open point: "Accept: application/json;q=0: either".
    if (e.c.choose('format.accept-q0', 'open', ['refuse', 'admit']) === 'refuse') e.push(outcomeOf('format.accept-q0', vars, e.write ? extra : { ...extra, strength: 'should' }));
    else e.claim('format.accept-q0');
    return false;
  }
  if (e.write) e.push(outcomeOf('format.accept', vars, extra));
  else if (e.c.choose('format.accept-read', 'should', ['refuse', 'ignore']) === 'refuse') e.push(outcomeOf('format.accept-read', vars, extra));
  return false;
}

/**
 * Body size (Open points): up to 64 KiB processed as usual; over 1 MiB 413
 * with an E003 envelope is a should (400, a bare 413 or processing it warn);
 * between the two, either.
 */
export function payloadStep(e: Evaluation): boolean {
  const bytes = e.p.body?.bytes ?? 0;
  if (bytes > param('format.payload-too-large', 'maxBytes')) {
    const how = e.c.choose('format.payload-too-large', 'should', ['413', 'process', '400', 'bare-413']);
    if (how === 'process') return false;
    e.push(outcomeOf('format.payload-too-large', undefined, how === '400' ? { status: 400, code: undefined } : how === 'bare-413' ? { code: undefined } : undefined));
    return true;
  }
  if (bytes > param('format.large-body', 'alwaysProcessedBytes')) {
    if (e.c.choose('format.large-body', 'open', ['process', '413']) === 'process') {
      e.claim('format.large-body');
      return false;
    }
    const bare = e.c.choose('format.large-body.envelope', 'should', ['envelope', 'bare']) === 'bare';
    // A 413's body is held at should (Open points: "The body of a should outcome (... 413)").
    e.push(outcomeOf('format.large-body', undefined, bare ? { code: undefined, strength: 'should' } : { strength: 'should' }));
    return true;
  }
  return false;
}

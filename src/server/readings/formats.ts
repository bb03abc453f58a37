// Readings of the request and response formats (semantics.md "Open points",
// "Body and format"; decisions.md "Formats", "Body bytes").
import { fail } from '../errors.ts';
import { decodeBody } from '../validate/body.ts';
import { mediaRanges } from '../validate/formats.ts';
import { endOfValue, skipWs } from './jsonText.ts';
import type { Reading } from './types.ts';
import { isWrite, wrapStep } from './wrap.ts';

const JSON_RANGES = new Set(['application/json', 'application/*', '*/*']);
const typeOf = (range: string): string => (range.split(';')[0] ?? '').trim().toLowerCase();
const PLAIN = 'text/plain; charset=utf-8';

export const FORMAT_READINGS: Record<string, Reading> = {
  'bom-accepted': {
    point: 'format.bom',
    strength: 'open',
    description: 'A body starting with a UTF-8 BOM is read as the JSON after it (RFC 8259 §8.1 lets a parser ignore it).',
    apply: (s) =>
      wrapStep(s, 'parse-json', (prev, ctx, srv) => {
        const b = ctx.body;
        if (isWrite(ctx) && b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) ctx.body = b.subarray(3);
        return prev.run(ctx, srv);
      }),
  },
  'no-content-type-as-json': {
    point: 'format.no-content-type',
    strength: 'open',
    description: 'A POST/PUT without any Content-Type is processed as JSON (another Content-Type is still refused).',
    apply: (s) =>
      wrapStep(s, 'content-type', (prev, ctx, srv) => (isWrite(ctx) && ctx.header('content-type') === undefined ? undefined : prev.run(ctx, srv))),
  },
  'content-type-case-sensitive': {
    point: 'format.content-type-case',
    strength: 'open',
    description: 'Only lower-case application/json (parameters allowed) is JSON: APPLICATION/JSON gets 400 E003 Input Format Mismatch.',
    apply: (s) =>
      wrapStep(s, 'content-type', (prev, ctx, srv) => {
        const ct = ctx.header('content-type');
        const media = (ct?.split(';')[0] ?? '').trim();
        if (isWrite(ctx) && ct !== undefined && media !== 'application/json') return fail(srv, 'input_format_mismatch');
        return prev.run(ctx, srv);
      }),
  },
  'accept-q0-admits': {
    point: 'format.accept-q0',
    strength: 'open',
    description: 'Accept: application/json;q=0 admits JSON (q is not read).',
    apply: (s) =>
      wrapStep(s, 'accept', (prev, ctx, srv) => {
        const accept = ctx.header('accept');
        if (accept !== undefined && mediaRanges(accept).some((r) => JSON_RANGES.has(typeOf(r)))) return undefined;
        return prev.run(ctx, srv);
      }),
  },
  'accept-message-full-type': {
    point: 'format.accept',
    strength: 'open',
    description: 'Output Format Mismatch names the whole media type asked (Accept=application/xml, not Accept=xml).',
    apply: (s) =>
      wrapStep(s, 'accept', (prev, ctx, srv) => {
        const r = prev.run(ctx, srv);
        if (r?.status !== 400) return r;
        const first = mediaRanges(ctx.header('accept') ?? '')[0] ?? '';
        return fail(srv, 'output_format_mismatch', `Output Format Mismatch: output-format=json Accept=${typeOf(first)}`);
      }),
  },
  'body-limit-100k': {
    point: 'format.large-body',
    strength: 'open',
    description: 'Bodies over 100 KiB (102,400 bytes) get 413 with the E003 envelope.',
    apply: (s) => {
      s.maxBodyBytes = 100 * 1024;
    },
  },
  'trailing-data-accepted': {
    point: 'format.trailing-data',
    strength: 'should',
    description: 'A complete JSON value followed by more data: the first value is processed (a streaming decoder).',
    apply: (s) =>
      wrapStep(s, 'parse-json', (prev, ctx, srv) => {
        const r = prev.run(ctx, srv);
        if (!r || !isWrite(ctx)) return r;
        const text = decodeBody(ctx.body);
        if (text === undefined) return r;
        const end = endOfValue(text, skipWs(text, 0));
        if (end < 0 || skipWs(text, end) === text.length) return r;
        try {
          ctx.json = JSON.parse(text.slice(0, end)) as unknown;
          ctx.text = text.slice(0, end);
          return undefined;
        } catch {
          return r;
        }
      }),
  },
  'accept-ignored-on-reads': {
    point: 'format.accept-read',
    strength: 'should',
    description: 'GET and DELETE ignore Accept (answered as JSON whatever was asked).',
    apply: (s) =>
      wrapStep(s, 'accept', (prev, ctx, srv) => (ctx.op === 'list' || ctx.op === 'get' || ctx.op === 'delete' ? undefined : prev.run(ctx, srv))),
  },
  'large-body-400': {
    point: 'format.payload-too-large',
    strength: 'should',
    description: 'Bodies over 1 MiB get 400 E003 instead of 413.',
    apply: (s) => {
      const def = s.errors.payload_too_large;
      if (!def) throw new Error('no error payload_too_large');
      def.status = 400;
    },
  },
  'large-body-reset': {
    point: 'format.payload-too-large',
    strength: 'should',
    description: 'Bodies over 1 MiB: the connection is dropped mid-upload, with no answer (a size limit enforced by closing the socket).',
    apply: (s) => {
      s.resetOverBodyLimit = true;
    },
  },
  'plain-text-413': {
    point: 'format.payload-too-large',
    strength: 'should',
    description: 'Bodies over 1 MiB get 413 text/plain "Payload Too Large" (an HTTP layer\'s answer, no envelope).',
    apply: (s) =>
      wrapStep(s, 'payload-size', (prev, ctx, srv) => {
        const r = prev.run(ctx, srv);
        return r?.status === 413 ? { status: 413, body: undefined, text: 'Payload Too Large', contentType: PLAIN } : r;
      }),
  },
};

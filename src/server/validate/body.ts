// Body bytes before validation (semantics.md "Precedence": 413 → missing body
// → malformed JSON; seed lines 164-173 "Missing Body", 416-425 "Malformed
// Command"; decisions.md "Body bytes").
import { fail } from '../errors.ts';
import type { Step } from '../types.ts';

/** Any method: more than 1 MiB → 413 with an E003 envelope (decisions.md). */
export const payloadSizeStep: Step = {
  name: 'payload-size',
  run(ctx, s) {
    return ctx.bodyBytes > s.maxBodyBytes ? fail(s, 'payload_too_large') : undefined;
  },
};

/** POST/PUT with zero body bytes (a body of spaces is not empty). */
export const missingBodyStep: Step = {
  name: 'missing-body',
  run(ctx, s) {
    if (ctx.op !== 'create' && ctx.op !== 'update') return undefined;
    return ctx.bodyBytes === 0 ? fail(s, 'missing_body') : undefined;
  },
};

// fatal: invalid UTF-8 is not JSON; ignoreBOM: keep a leading BOM so that
// JSON.parse rejects it (a BOM is not JSON).
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The body as text; undefined when it is not UTF-8. */
export function decodeBody(bytes: Uint8Array): string | undefined {
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Parses the body as JSON text; undefined when it is not JSON. */
export function parseJson(bytes: Uint8Array): { value: unknown; text: string } | undefined {
  const text = decodeBody(bytes);
  if (text === undefined) return undefined;
  try {
    // JSON.parse defines "__proto__" as an own property (no prototype change),
    // and V8 parses deep nesting without recursion.
    return { value: JSON.parse(text) as unknown, text };
  } catch {
    return undefined;
  }
}

export const parseJsonStep: Step = {
  name: 'parse-json',
  run(ctx, s) {
    if (ctx.op !== 'create' && ctx.op !== 'update') return undefined;
    const parsed = parseJson(ctx.body);
    if (!parsed) return fail(s, 'malformed_command');
    ctx.json = parsed.value;
    ctx.text = parsed.text;
    return undefined;
  },
};

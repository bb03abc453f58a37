// Container pattern (seed:16, 19, 22: ^[a-zA-Z\d-_\. ]+$, whole string):
// one forbidden character inside an otherwise valid value, a trailing '\n'
// (the classic `$` pitfall), or the empty string. Length stays <= 64 so the
// length rule is never broken too. Label body.<c>.pattern.
import fc from 'fast-check';
import { containerValue, type Container } from '../containerValue.ts';
import type { GenCase, GenContext } from '../genCase.ts';
import { CONTAINERS, fixedBody, validBody } from '../validBody.ts';
import { mutatedCreate, withKey } from './mutatedCreate.ts';

/** Characters outside the class: '/', '@', controls, non-ASCII letters, emoji, and a few more ASCII. */
export const FORBIDDEN_CHARS = ['/', '@', '\n', '\t', '\r', '\u0000', '\u001f', '\u007f', 'ü', 'é', '中', '😀', '#', '%', '+', ':', '"', '\\', '\u00a0'] as const;

const label = (c: Container): string => `body.${c}.pattern`;

/** `left + bad + right` with left, right <= 30 characters: at most 61 code points. */
function badValue(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.tuple(containerValue({ minLength: 0, maxLength: 30 }), fc.constantFrom(...FORBIDDEN_CHARS), containerValue({ minLength: 0, maxLength: 30 })).map(([l, b, r]) => l + b + r) },
    { weight: 1, arbitrary: containerValue({ minLength: 1, maxLength: 63 }).map((v) => `${v}\n`) },
    { weight: 1, arbitrary: fc.constant('') },
  );
}

export function regexMutation(ctx: GenContext): fc.Arbitrary<GenCase> {
  return fc.oneof(...CONTAINERS.map((c) => fc.tuple(validBody(ctx, { container: c }), badValue())
    .map(([b, v]) => mutatedCreate(ctx, label(c), b, withKey(b.body, c, v)))));
}

export function regexBoundaryCases(ctx: GenContext, nextName: () => string): GenCase[] {
  const out: GenCase[] = [];
  for (const c of CONTAINERS) {
    const values = [...FORBIDDEN_CHARS.map((ch) => `Ab${ch}cd`), 'folder-1\n', '\nfolder-1', '', 'Grüne', '🚀'];
    for (const v of values) {
      const b = fixedBody(nextName(), c);
      out.push(mutatedCreate(ctx, label(c), b, withKey(b.body, c, v), true));
    }
  }
  return out;
}

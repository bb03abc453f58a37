// Containers `folder`, `snippet`, `device` (seed lines 8-10 and 15-23:
// "<= 64 characters", pattern ^[a-zA-Z\d-_\. ]+$; semantics.md: exactly one of
// the three, must).
//
// The seed's pattern is a syntax error under the `u` flag (`\d-_` is a range
// from a class escape), so it is written as the character class it means:
// letters, digits, `_`, `.`, space and `-`, matched against the whole string
// ("a/b", "a\n", "", "ü" are invalid). In JavaScript `$` without the m flag
// matches only at the end of input (unlike PCRE/Python, where it also matches
// before a final "\n"), so `^...$` here is a full-string match.
import type { BodyRule } from '../types.ts';
import { CONTAINER_KEYS } from '../types.ts';
import { codePoints, has } from './json.ts';

export const CONTAINER_PATTERN = /^[A-Za-z0-9_. -]+$/;

export function matchesContainerPattern(v: string): boolean {
  return CONTAINER_PATTERN.test(v);
}

/** Exactly one container key present (a key with `null` counts as present). */
export const containerCount: BodyRule = {
  name: 'container-count',
  ok(b, s) {
    let n = 0;
    for (const k of CONTAINER_KEYS) if (has(b, k)) n++;
    return s.container.count(n);
  },
};

/** Each present container value: a string of min..max code points matching the pattern. */
export const containerValue: BodyRule = {
  name: 'container-value',
  ok(b, s) {
    for (const k of CONTAINER_KEYS) {
      if (!has(b, k)) continue;
      const v = b[k];
      if (typeof v !== 'string') return false;
      const n = codePoints(v);
      if (n < s.container.minLength || n > s.container.maxLength || !s.container.test(v)) return false;
    }
    return true;
  },
};

export const CONTAINER_RULES: readonly BodyRule[] = [containerCount, containerValue];

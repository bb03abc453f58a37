// The reading catalogue: other reasonable answers at the points semantics.md
// leaves open (strength 'open') or marks should (strength 'should'), which the
// reference server can be started with (`startServer({ readings: [...] })`,
// `serve --reading NAME`). The correct server takes none. A fault must fail
// the harness's run; a reading must pass it: an open reading in every mode,
// a should reading by default with warnings (and fail under --strict).
// readings.test.ts shows each one with a request whose answer differs from
// the correct server's.
import { ANSWER_READINGS } from './answers.ts';
import { AUTH_READINGS } from './auth.ts';
import { BODY_READINGS } from './body.ts';
import { FORMAT_READINGS } from './formats.ts';
import { LIST_READINGS } from './lists.ts';
import { RESOURCE_READINGS } from './resources.ts';
import type { Reading } from './types.ts';

export type { Reading, ReadingStrength } from './types.ts';

export const READINGS: Readonly<Record<string, Reading>> = Object.freeze({
  ...FORMAT_READINGS,
  ...BODY_READINGS,
  ...AUTH_READINGS,
  ...ANSWER_READINGS,
  ...RESOURCE_READINGS,
  ...LIST_READINGS,
});

/**
 * Readings that contradict another open reading (they answer the same
 * request otherwise) and so stay out of `all-open`, each with the one it
 * gives way to.
 */
export const LEFT_OUT_OF_ALL_OPEN: Readonly<Record<string, string>> = Object.freeze({
  'secrets-omitted': 'secrets-masked',
  'secrets-null': 'secrets-masked',
  'secrets-encrypted': 'secrets-masked',
  'vendor-type-empty': 'vendor-type-null',
  // okta-timeout-string stores and answers okta_timeout as sent; these answer it as an integer, or always as a string.
  'okta-timeout-string-as-int': 'okta-timeout-string',
  'okta-timeout-answered-as-string': 'okta-timeout-string',
  'trailing-slash-405': 'trailing-slash-collection',
  'trailing-slash-redirect': 'trailing-slash-collection',
  'large-limit-400': 'large-limit-cap',
  'multiple-containers-name-first': 'multiple-containers-200',
  'token-spacing-invalid-credential': 'token-spacing-strict',
});

/** Named sets of readings, accepted wherever a reading name is. */
export const READING_SETS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  /** What the vendor's own API and clients show of it (semantics.md "Open points"). */
  'vendor-like': [
    'bare-name-lookup',
    'position-required',
    'okta-timeout-string',
    'folder-aliases',
    'secrets-masked',
    'spec-required-fields',
    'hostname-format',
    'large-limit-cap',
  ],
  /** A server in a typed language: absent fields serialised as null, okta_timeout an integer field. */
  'typed-language': ['typed-nulls', 'vendor-type-null', 'secrets-null', 'okta-timeout-string-as-int'],
  /** Every open reading that can be combined with the others (see LEFT_OUT_OF_ALL_OPEN). */
  'all-open': Object.keys(READINGS).filter((n) => READINGS[n]?.strength === 'open' && !Object.hasOwn(LEFT_OUT_OF_ALL_OPEN, n)),
});

export function isReadingName(name: string): boolean {
  return Object.hasOwn(READINGS, name) || Object.hasOwn(READING_SETS, name);
}

/** Reading and set names → the readings, in order, each once; an unknown name throws. */
export function expandReadings(names: readonly string[]): string[] {
  const out: string[] = [];
  for (const name of names) {
    const members = Object.hasOwn(READING_SETS, name) ? READING_SETS[name] ?? [] : [name];
    for (const m of members) {
      if (!Object.hasOwn(READINGS, m)) throw new Error(`unknown reading: ${name}`);
      if (!out.includes(m)) out.push(m);
    }
  }
  return out;
}

// Free text for the fields that have no pattern (name, mfa_cert_profile and
// the vendor strings, seed:24-25, 28-90). Each unit is ONE code point, so
// `minLength`/`maxLength` count code points exactly as JSON Schema and the
// seed's ">= n characters" do (semantics.md: "Lengths count Unicode code
// points"). Emoji are astral (two UTF-16 units): a target that counts UTF-16
// units accepts `min-1` emoji, which the length mutations rely on to catch it.
import fc from 'fast-check';
import { memoBy } from './memo.ts';
import { seededStringArb } from './seededString.ts';

/** Non-ASCII letters (BMP, one code point each, no combining marks). */
export const NON_ASCII_LETTERS = ['ü', 'é', 'ß', 'ñ', 'ø', 'Ω', 'ж', '中', '日', '한'] as const;
/** Emoji that are a single astral code point (no ZWJ sequences, no selectors). */
export const EMOJI = ['😀', '🚀', '🔐', '🌍', '🦊'] as const;

/** Printable ASCII, quote and backslash included (they exercise JSON escaping). */
const PRINTABLE_ASCII: readonly string[] = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i));
/** Free-text units: mostly ASCII, sometimes a non-ASCII letter or an emoji (about 95:10:10). */
const MIXED_UNITS: readonly string[] = [...PRINTABLE_ASCII, ...NON_ASCII_LETTERS, ...EMOJI, ...EMOJI];

/** One code point of free text: mostly ASCII, sometimes a non-ASCII letter or an emoji. */
export const textUnit: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...PRINTABLE_ASCII) },
  { weight: 1, arbitrary: fc.constantFrom(...NON_ASCII_LETTERS) },
  { weight: 1, arbitrary: fc.constantFrom(...EMOJI) },
);

/**
 * Mostly printable ASCII; one string in three mixes in non-ASCII letters and
 * emoji (a per-character mix alone would make nearly every string non-ASCII).
 */
export function freeText(constraints: { minLength?: number; maxLength?: number } = {}): fc.Arbitrary<string> {
  const minLength = constraints.minLength ?? 0;
  const maxLength = constraints.maxLength ?? minLength + 24;
  if (minLength < 0 || maxLength < minLength) throw new RangeError(`freeText: bad bounds ${minLength}..${maxLength}`);
  return freeTextBetween(minLength, maxLength);
}

const freeTextBetween = memoBy((min: number, max: number) => `${min}:${max}`, (min: number, max: number): fc.Arbitrary<string> =>
  seededStringArb([PRINTABLE_ASCII, MIXED_UNITS], min, max, [2, 1]));

/** Code point count, the way the rules measure length. */
export const codePointLength = (s: string): number => [...s].length;

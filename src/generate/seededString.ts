// Strings from (length, seed) pairs: one fast-check draw per string instead of
// one per character. fast-check builds fc.string character by character
// (~2 µs a character), which made a valid body cost ~100 µs and the generator
// the slowest part of a run. Lengths still shrink towards their minimum.
import fc from 'fast-check';

/** `length` units of `alphabet` chosen by the seed (xorshift32; each unit one code point or more). */
export function seededString(alphabet: readonly string[], length: number, seed: number): string {
  let x = (seed | 0) || 0x9e3779b9;
  let s = '';
  for (let i = 0; i < length; i++) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    s += alphabet[(x >>> 0) % alphabet.length]!;
  }
  return s;
}

/** An arbitrary string of `minLength..maxLength` units of `alphabet`. */
export function seededStringArb(alphabet: readonly string[], minLength: number, maxLength: number): fc.Arbitrary<string> {
  return fc.tuple(fc.integer({ min: minLength, max: maxLength }), fc.nat()).map(([len, seed]) => seededString(alphabet, len, seed));
}

// Strings from (length, seed) pairs: one fast-check draw per string instead of
// one per character. fast-check builds fc.string character by character
// (~2 µs a character), which made a valid body cost ~100 µs and the generator
// the slowest part of a run. Lengths still shrink towards their minimum, each
// on its own: a failure that needs a length of n shrinks to exactly n.
// Where there are several alphabets the seed also picks the alphabet, so
// free text needs no fc.oneof (a layer of generate calls per string).
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

/** Seeds per alphabet: strings rarely repeat, and the seed stays a small integer. */
const SEEDS = 2 ** 24;

/**
 * An arbitrary string of `minLength..maxLength` units of one of `alphabets`,
 * chosen with the given weights; the seed shrinks towards 0, the first
 * alphabet.
 */
export function seededStringArb(alphabets: readonly (readonly string[])[], minLength: number, maxLength: number, weights: readonly number[] = alphabets.map(() => 1)): fc.Arbitrary<string> {
  // Alphabet slots: alphabet i appears weights[i] times, the first alphabet first.
  const slots = alphabets.flatMap((a, i) => Array.from({ length: weights[i] ?? 1 }, () => a));
  return fc.tuple(fc.integer({ min: minLength, max: maxLength }), fc.integer({ min: 0, max: slots.length * SEEDS - 1 }))
    .map(([length, v]) => seededString(slots[v % slots.length]!, length, Math.floor(v / slots.length)));
}

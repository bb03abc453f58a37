// Ways to turn a JSON object text into bytes that are not JSON (semantics.md:
// "body is not JSON" → Malformed Command): cut short, broken syntax, plain
// text, whitespace only, invalid UTF-8. A leading BOM and data after a whole
// value are open points of their own (openPointCases.ts). Every transform
// keeps the body non-empty, so it never becomes `format.missing-body`.
import fc from 'fast-check';

export type Breaker = (json: string) => string | Uint8Array;

const enc = new TextEncoder();

/** Deterministic shapes, each applied to a valid `{...}` text. */
export const FIXED_MALFORMED: readonly Breaker[] = [
  (j) => j.slice(0, -1), // truncated: a proper non-empty prefix of an object is never JSON
  (j) => j.slice(0, 1),
  (j) => `${j.slice(0, -1)},}`, // trailing comma
  (j) => j.replaceAll('"', "'"), // single quotes
  () => 'hello world', // plain text
  () => 'name=x&folder=Shared',
  () => '   ', // whitespace only
  (j) => { const b = enc.encode(j); return new Uint8Array([...b.slice(0, 2), 0xff, ...b.slice(2)]); }, // invalid UTF-8
];

const PLAIN = ['hello', 'name=x', '<mfa-server/>', 'undefined', 'NaN', '{name: "x"}', '{"a":1', '\n'] as const;

/** A random breaker; the truncation point is a fraction, so shrinking never reaches an empty body. */
export function malformedJson(): fc.Arbitrary<Breaker> {
  return fc.oneof(
    fc.double({ min: 0, max: 1, noNaN: true }).map((f): Breaker => (j) => j.slice(0, 1 + Math.floor(f * (j.length - 2)))),
    fc.constantFrom(...FIXED_MALFORMED),
    fc.constantFrom(...PLAIN).map((p): Breaker => () => p),
  );
}

// Names of objects a case may create. Every name starts with the run's prefix
// so the runner can find and delete what a run left behind; the suffix is
// random (>= 8 code points) so valid creates do not collide by accident in a
// container (seed:24 has no rule on the name: non-ASCII and emoji are allowed).
import fc from 'fast-check';
import { EMOJI, NON_ASCII_LETTERS } from './freeText.ts';
import type { GenContext } from './genCase.ts';
import { memoPerContext } from './memo.ts';
import { seededStringArb } from './seededString.ts';

export const NAME_SUFFIX_MIN = 8;

/** The conventional prefix for a run id: `runNamePrefix(1234)` → 'mfa-conf-1234-'. */
export function runNamePrefix(runId: string | number): string {
  const id = String(runId);
  if (!/^[A-Za-z0-9]+$/.test(id)) throw new RangeError(`runNamePrefix: run id must be letters and digits, got ${JSON.stringify(id)}`);
  return `mfa-conf-${id}-`;
}

const ASCII_UNITS = [...'abcdefghijklmnopqrstuvwxyz0123456789'];
const MIXED_UNITS = [...ASCII_UNITS, ...ASCII_UNITS, ...ASCII_UNITS, ...NON_ASCII_LETTERS, ...EMOJI];
/**
 * noBias: fast-check's small-value bias would repeat short suffixes;
 * noShrink: a shrunk suffix ('aaaaaaaa') would collide with earlier creates
 * during shrinking and turn a valid case into a 409.
 * ASCII three times in four, else letters, digits, non-ASCII letters and emoji.
 */
export const nameSuffix: fc.Arbitrary<string> = fc.noShrink(fc.noBias(seededStringArb([ASCII_UNITS, MIXED_UNITS], NAME_SUFFIX_MIN, 14, [3, 1])));

export const objectName = memoPerContext(() => '', (ctx: GenContext): fc.Arbitrary<string> => nameSuffix.map((s) => ctx.namePrefix + s));

/** True when a name belongs to the run (runner cleanup). */
export const isRunName = (ctx: GenContext, name: unknown): boolean => typeof name === 'string' && name.startsWith(ctx.namePrefix);

/**
 * Deterministic names for boundary cases: an upper-case 'B' (never in a
 * random suffix) and a counter, so they collide neither with each other nor
 * with random names.
 */
export function boundaryNamer(ctx: GenContext): () => string {
  let n = 0;
  return () => `${ctx.namePrefix}B${String(++n).padStart(7, '0')}`;
}

// A reading is one other reasonable answer at a point semantics.md leaves
// open ("Open points") or marks should: a small change to a correct server
// (../behaviour.ts), like a fault (../faults), but the other way round: a
// fault must be caught by the harness, a reading must pass it.
//
// - strength 'open': semantics.md accepts the answer in every mode; a run
//   against a server with the reading passes by default and under --strict.
// - strength 'should': the answer differs from a should of semantics.md; a
//   run passes by default with warnings and fails under --strict.
import type { Server } from '../types.ts';

export type ReadingStrength = 'open' | 'should';

export interface Reading {
  description: string;
  /** The rule id of the point in contracts/rules.json. */
  point: string;
  /** Further points the same reading answers differently at. */
  also?: readonly string[];
  strength: ReadingStrength;
  /** Mutates a fresh server behaviour (after the correct server is built). */
  apply(s: Server): void;
}

// A fault is one deliberately wrong behaviour: a small change to one step,
// one body rule or one parameter of a correct server (../behaviour.ts), used
// by the project's self-test to show that the harness notices it.
import type { Server } from '../types.ts';

export const FAULT_KINDS = [
  'regex',
  'length',
  'range',
  'vendor-exclusivity',
  'container-exclusivity',
  'required',
  'type',
  'body-format',
  'auth',
  'permission',
  'uniqueness',
  'not-found',
  'method',
  /** Shown only by a sequence of two or more writes (./sequence.ts). */
  'sequence',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

export interface Fault {
  description: string;
  kind: FaultKind;
  /** Mutates a fresh server behaviour; must change exactly one rule. */
  apply(s: Server): void;
}

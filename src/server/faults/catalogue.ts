// The fault catalogue: every named wrong behaviour the reference server can be
// started with (`startServer({ faults: [...] })`, `serve --fault NAME`). The
// correct server has none active. Each fault changes one rule; faults.test.ts
// shows each one with a request whose answer differs from the correct server's
// (after the writes a sequence fault needs, ./sequence.ts).
import { AUTH_FAULTS } from './auth.ts';
import { CONTAINER_FAULTS } from './container.ts';
import { FIELD_FAULTS } from './fields.ts';
import { FORMAT_FAULTS } from './formats.ts';
import { LIFECYCLE_FAULTS } from './lifecycle.ts';
import { SEQUENCE_FAULTS } from './sequence.ts';
import type { Fault } from './types.ts';
import { VENDOR_FAULTS } from './vendor.ts';

export type { Fault, FaultKind } from './types.ts';
export { FAULT_KINDS } from './types.ts';

export const FAULTS: Readonly<Record<string, Fault>> = Object.freeze({
  ...AUTH_FAULTS,
  ...CONTAINER_FAULTS,
  ...VENDOR_FAULTS,
  ...FIELD_FAULTS,
  ...FORMAT_FAULTS,
  ...LIFECYCLE_FAULTS,
  ...SEQUENCE_FAULTS,
});

export function isFaultName(name: string): boolean {
  return Object.hasOwn(FAULTS, name);
}

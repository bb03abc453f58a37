// Names the consumer tests, the verifier and the contract check share, so a
// pact written by one is found and understood by the others.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CONSUMER = 'mfa-conformance';
export const PROVIDER = 'scm-mfa-servers';

/** Repository root (this file is src/pact/names.ts). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PACT_DIR = resolve(REPO_ROOT, 'contracts', 'pacts');
export const PACT_FILE = resolve(PACT_DIR, `${CONSUMER}-${PROVIDER}.json`);

/**
 * Marks the interactions whose credential is not the caller's ordinary
 * read-write token. Only the pact carries it; the verifier's request filter
 * maps it to a credential and removes it before the request reaches the target.
 */
export const ROLE_HEADER = 'x-mfa-conformance-role';
export type Role = 'read-only' | 'unknown-token' | 'template';

/** In a `template` interaction's Authorization value (exported regression pacts), where the read-write token goes. */
export const TOKEN_PLACEHOLDER = '{token}';

/** The token the 401 "Invalid Credential" interaction sends: no server knows it. */
export const UNKNOWN_TOKEN = 'mfa-conformance-unknown-token-0000';

/** Provider states (parameterised: the values are in the state's params). */
export const STATE = {
  /** params {name, folder}; returns {id, name, folder}. */
  exists: 'an MFA server named N exists in folder F',
  /** params {name} and one of {folder|snippet|device}; returns {name, folder|snippet|device}. */
  absent: 'no MFA server named N exists',
  /** params {name, folder}; returns {id}: an id that existed and is gone. */
  deleted: 'an MFA server named N existed in folder F and was deleted',
  /**
   * params {name} (a run's `mfa-conf-` name, as sent) and one of
   * {folder|snippet|device}: no object of exactly that name, before and after
   * (an exported create that stores an object leaves none behind).
   */
  absentExact: 'no MFA server named exactly N exists',
} as const;

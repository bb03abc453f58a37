// Core data types shared by the oracle, the generators, the checks and the
// runner. Pure data: nothing here touches disk, network or process state.

/** One HTTP request as the harness sends it, relative to the target's base URL. */
export interface ApiRequest {
  /** Upper-case HTTP method. */
  method: string;
  /** Path relative to the base, with its query string if any: `/mfa-servers?folder=A`. */
  path: string;
  /** Header names lower-case. */
  headers: Record<string, string>;
  /** Raw body; `undefined` means no body was sent. */
  body?: string | Uint8Array;
}

export type Strength = 'must' | 'should';

/** One outcome the oracle accepts. `code`/`message` undefined means "not asserted". */
export interface Outcome {
  status: number;
  code?: string;
  message?: string;
  /**
   * When set, a message that differs from `message` but matches this regular
   * expression is only a should-level deviation (e.g. the `Accept=` part).
   */
  messageMust?: string;
  /** Strength of the message part when it differs from the rule's strength. */
  messageStrength?: Strength;
  /** Rule catalogue id (contracts/rules.json). */
  rule: string;
  strength: Strength;
  source: string;
  /** For 2xx on an item: the stored object the body must equal (id excluded). */
  object?: Record<string, unknown>;
  /** For a 2xx list: the expected envelope (ids included, from state). */
  list?: {
    /** The page in creation order, and every match (the order of a page is a should). */
    data: readonly Record<string, unknown>[]; all: readonly Record<string, unknown>[]; limit: number; offset: number; total: number;
    /** The list's filter: container key and value, and the exact name when given. */
    filter: { key: string; value: string; name?: string };
  };
}

export type Expected = Outcome | { anyOf: Outcome[] };

/** A stored MFA server profile as the API returns it (always has `id`). */
export type StoredObject = Record<string, unknown> & { id: string };

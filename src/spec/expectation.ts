// What a finding expected, as data: the answers the oracle allowed and what
// the failing check asserted beyond status and code. The checks set it
// (checks/expectation.ts), the runner carries it into every Finding
// (runner/session.ts finding()) and the writers read it (the JSON report,
// `run --export-pact`), never the summary's text.
import type { Basis, ListExpectation, Strength } from './types.ts';

/** One acceptable answer as a finding carries it: an Outcome without its source line, a list page's objects counted. */
export interface ExpectedAnswer {
  status: number;
  /** When set, any status from `status` to `statusMax` passes. */
  statusMax?: number;
  code?: string;
  message?: string;
  /** Other messages that pass as well: a regular expression, case-insensitive, unanchored. */
  messageAlso?: string;
  /** A differing message that matches this (a regular expression, unanchored) is only a should deviation. */
  messageMust?: string;
  /** The strength of the message when it differs from `strength`. */
  messageStrength?: Strength;
  rule: string;
  /** The strength this answer, and its shape (content type, envelope, schema, body), is held at. */
  strength: Strength;
  basis: Basis;
  /** The reading of an open point this answer follows. */
  reading?: string;
  /** The consumer contract does not describe this answer's shape. */
  noContract?: boolean;
  /** A 2xx item: the stored object its body must equal (secret fields are never compared, and are redacted). */
  object?: Record<string, unknown>;
  /** Keys the request sent that a conforming target drops (echoing one is a should deviation). */
  dropped?: readonly string[];
  /** A 2xx list page: what it must hold. */
  list?: ExpectedPage;
}

/** A list page as a finding carries it: the objects it must (and may) hold counted, not copied. */
export interface ExpectedPage {
  filter: ListExpectation['filter'];
  /** Objects every conforming target lists. */
  objects: number;
  /** Objects a conforming target may list as well. */
  maybe: number;
  limits: readonly number[];
  offset: number;
  anyPage?: boolean;
}

/** What the failing check asserted beyond the answer's status and code: one kind per check (and aspect). */
export type Assertion =
  /** transport: an HTTP answer (not a reset or a timeout), whole (within the harness's 1 MiB). */
  | { kind: 'answer' }
  /** no-5xx. */
  | { kind: 'not-5xx' }
  /** status, code: one of the acceptable answers. */
  | { kind: 'outcome' }
  /** precedence (should): an expected answer rather than a tolerated one. */
  | { kind: 'precedence' }
  /** message: the matched answer's message. */
  | { kind: 'message' }
  /** content-type: a JSON content type, and (`parses`) a body that is JSON. */
  | { kind: 'content-type'; contentType: 'application/json'; parses: boolean }
  /** schema: the body against one of the contract's JSON Schemas. */
  | { kind: 'schema'; schema: 'error envelope' | 'stored object' | 'list envelope' }
  /** error-details: every error entry carries `details`. */
  | { kind: 'error-details' }
  /** request-id (should): `_request_id` a UUID, or new for every response. */
  | { kind: 'request-id'; aspect: 'uuid' | 'new' }
  /**
   * body: a 2xx item's body is the stored object. `server-id`: it has an id;
   * `fields`: its fields are the stored ones; `new-id`: a create's id was not
   * given before; `uuid-id` (should); `server-made-id` (should: not the id the
   * request sent); `dropped-key` (should: a key a conforming target drops).
   */
  | { kind: 'stored-object'; aspect: 'server-id' | 'fields' | 'new-id' | 'uuid-id' | 'server-made-id' | 'dropped-key' }
  /** list: a list page's members, size and total (`page`), or its limit and offset (`limit-offset`, should); `owned`: a container this run made. */
  | { kind: 'list-page'; aspect: 'page' | 'limit-offset'; owned: boolean }
  /** pact: the consumer contract's interaction for this outcome class, and the response it describes (Pact matchers included). */
  | { kind: 'pact'; interaction: string; response: unknown };

export type AssertionKind = Assertion['kind'];

export interface Expectation {
  /** The answers the oracle allowed (each passes in every mode), in its order. */
  anyOf: ExpectedAnswer[];
  /** The answer whose status and code the response matched, and was held to; `tolerated`: that answer is only a should deviation. */
  heldTo?: ExpectedAnswer & { tolerated?: true };
  assert: Assertion;
  /**
   * Set where the finding is made (runner/session.ts finding()): `none` when
   * the oracle predicts the same answers for the request with no objects
   * held (the request reproduces it on a target that holds none of the
   * run's objects), `held` when they depend on objects the target held.
   * Absent: not known.
   */
  state?: 'none' | 'held';
}

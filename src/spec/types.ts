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

/**
 * semantics.md's three strengths: must (a failure), should (a warning unless
 * --strict), open (every listed answer passes, in every mode).
 */
export type Strength = 'must' | 'should' | 'open';

/**
 * Why a case is expected to end as it does (contracts/rules.json `basis`):
 * the seed page states it, the published spec does, semantics.md states the
 * reading (its should rules), or it is an open point.
 */
export type Basis = 'seed' | 'spec' | 'semantics' | 'open';

/** What a 2xx list page must hold (semantics.md "Rest of the lifecycle", "Open points: Lists"). */
export interface ListExpectation {
  /** The list's filter: container key and value, and the exact name when given. */
  filter: { key: string; value: string; name?: string };
  /** The objects every conforming target counts (exact matches), in creation order. */
  all: readonly Record<string, unknown>[];
  /** Objects a conforming target may count as well (a name that differs only in case, a built-in folder's other name). */
  maybe: readonly Record<string, unknown>[];
  /** The page sizes a conforming target may use (`limit=0`: an empty page or the default size). */
  limits: readonly number[];
  offset: number;
  /** Any page of at most max(limits) objects is fine (limit above 5000, an oddly written integer). */
  anyPage?: boolean;
}

/** One answer the oracle accepts. `code`/`message` undefined means "not asserted". */
export interface Outcome {
  status: number;
  /** When set, any status from `status` to `statusMax` matches ("a 4xx", "a redirect"). */
  statusMax?: number;
  code?: string;
  message?: string;
  /** Regular expression of other messages that pass as well (the open forms of a message). */
  messageAlso?: string;
  /**
   * When set, a message that differs from `message` but matches this regular
   * expression is only a should-level deviation (e.g. the `Accept=` part).
   */
  messageMust?: string;
  /** Strength of the message part when it differs from `strength`. */
  messageStrength?: Strength;
  /** Rule catalogue id (contracts/rules.json). */
  rule: string;
  /**
   * How a deviation inside this answer is graded: its content type, envelope,
   * schema, Pact contract and body (semantics.md: "The body of a should
   * outcome ... is held ... at should strength, like the outcome itself").
   */
  strength: Strength;
  basis: Basis;
  source: string;
  /** The reading of an open point this answer follows (`format.bom:strip`). */
  reading?: string;
  /** The consumer contract does not describe this answer's shape (a bare name lookup, a redirect): no Pact check. */
  noContract?: boolean;
  /** For 2xx on an item: the stored object the body must equal (`id` included when known). */
  object?: Record<string, unknown>;
  /** Keys the request sent that a conforming target drops (`mfa_vendor_type.okta_adaptive_v1.x`): echoing them is a should deviation. */
  dropped?: readonly string[];
  /** For a 2xx list: what the page must hold. */
  list?: ListExpectation;
}

export type Expected = Outcome | { anyOf: Outcome[] };

/** A stored MFA server profile as the API returns it (always has `id`). */
export type StoredObject = Record<string, unknown> & { id: string };

/** A response as data: every status is data, never an exception. */
export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  /** Body text, possibly truncated (see `truncated`). */
  body: string;
  truncated?: boolean;
  /** The body's full size in bytes, when `body` holds less of it (the transport's cap, or a finding's). */
  bodyBytes?: number;
}

export interface TransportFailure {
  /** Stable code: undici's (UND_ERR_HEADERS_TIMEOUT, ECONNRESET, ...) or the harness's (BODY_TOO_LARGE). */
  code: string;
  message: string;
}

/** One request and what came back: the unit the checks judge and the runner records. */
export interface Exchange {
  request: ApiRequest;
  response?: ApiResponse;
  transportError?: TransportFailure;
  ms: number;
}

export type Severity = 'failure' | 'warning';

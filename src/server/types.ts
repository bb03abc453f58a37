// Types of the reference server. The server is an ordered list of named steps
// (one per rule group of semantics.md "Precedence"), and the body validation is
// an ordered list of named rules: each can be replaced on its own, which is
// what the fault catalogue (./faults) relies on.
import type { TokenIssuer } from './edge/oauth.ts';
import type { Listing, Store, Stored } from './store.ts';

export type Profile = 'default' | 'openapi';

export interface ServerOptions {
  port?: number;
  host?: string;
  tokens?: string[];
  readOnlyTokens?: string[];
  expiredTokens?: string[];
  faults?: string[];
  /** Alternate readings of semantics.md's open points (./readings/catalogue.ts), or named sets of them. */
  readings?: string[];
  profile?: Profile;
  /** HTTPS instead of HTTP (./edge/tls.ts): a self-signed certificate made at start, or the files given. */
  tls?: TlsOptions;
  /** A token endpoint at the vendor's three token paths, issuing RS256 JWTs the API accepts (./edge/oauth.ts). */
  oauth?: OAuthOptions;
  /** At most this many API requests in any one second; more → 429 with Retry-After (./edge/rateLimit.ts). */
  rateLimit?: number;
  /** The containers that exist, as on a tenant: objects may only be created in (or moved to) these (./edge/containers.ts). */
  containers?: ContainerRef[];
  /** Milliseconds since the epoch; token expiry and the rate limit read it (tests inject one). */
  clock?: () => number;
}

export interface TlsOptions {
  /** PEM files of the certificate and its key; both or neither. Without them a self-signed certificate is made. */
  certFile?: string;
  keyFile?: string;
  /** Where a made certificate's PEM is written (default: a new file in the OS temp folder, removed at close). */
  certOut?: string;
}

export interface OAuthClient {
  id: string;
  secret: string;
  /** Tokens of this client are read-only (403 on writes). */
  readOnly?: boolean;
}

export interface OAuthOptions {
  clients: OAuthClient[];
  /** Lifetime of an access token in seconds (`expires_in`); default 900, as the vendor's. */
  tokenTtlSeconds?: number;
  /** Token requests in flight at once; more → 429 with Retry-After (default 10, as the vendor's endpoint). */
  tokenConcurrency?: number;
}

export interface ContainerRef {
  key: ContainerKey;
  value: string;
}

export type Operation = 'list' | 'create' | 'get' | 'update' | 'delete';
export type Role = 'rw' | 'ro';

/** What a step answers when it ends the request. */
export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /**
   * Sent as is instead of `body` as JSON (readings that answer like an HTTP
   * framework: text/plain, or an empty body); no Content-Type unless
   * `contentType` is given.
   */
  text?: string;
  contentType?: string;
}

/** Per-request state that the steps fill in, in order. */
export interface Ctx {
  method: string;
  /** Raw path without the query string, as sent. */
  path: string;
  /** Raw query string without `?` ('' when none). */
  query: string;
  /** First value of a header (decisions.md "Header names"), lower-case name. */
  header(name: string): string | undefined;
  body: Buffer;
  /** Bytes received in total (may exceed body.length when over the limit). */
  bodyBytes: number;
  role?: Role;
  op?: Operation;
  /** Item id (percent-decoded) for get/update/delete. */
  id?: string;
  /** Parsed JSON body (create/update). */
  json?: unknown;
  /** The JSON text `json` was parsed from (create/update). */
  text?: string;
  /** Validated list query. */
  list?: ListQuery;
}

export interface ListQuery {
  containerKey: ContainerKey;
  containerValue: string;
  name?: string;
  /** Further container parameters an object must match as well (none can: an object has one container). */
  also?: Array<{ key: ContainerKey; value: string }>;
  limit: number;
  offset: number;
}

export type ContainerKey = 'folder' | 'snippet' | 'device';
export const CONTAINER_KEYS: readonly ContainerKey[] = ['folder', 'snippet', 'device'];

export interface Step {
  name: string;
  run(ctx: Ctx, s: Server): Reply | undefined;
}

/** A JSON object parsed from a body (own keys only are read). */
export type JsonObject = Record<string, unknown>;

export interface BodyRule {
  name: string;
  /** true when the body obeys the rule. `body` is already known to be a JSON object. */
  ok(body: JsonObject, s: Server): boolean;
}

export type VendorKey = 'okta_adaptive_v1' | 'ping_identity_v1' | 'rsa_securid_access_v1' | 'duo_security_v2';

export interface FieldSpec {
  key: string;
  kind: 'string' | 'timeout';
  minLength?: number;
  default?: string | number;
  /** In the published spec's `required` list (openapi profile only). */
  requiredInSpec?: boolean;
  /** `format: hostname` in the published spec (openapi profile only). */
  hostname?: boolean;
  /** A secret (semantics.md: "(secret)"): answers may mask or omit it. */
  secret?: boolean;
}

export interface ErrorDef {
  status: number;
  code: string;
  message: string;
}

/** Everything that makes one server instance behave the way it does. */
export interface Server {
  profile: Profile;
  tokens: { rw: Set<string>; ro: Set<string>; expired: Set<string> };
  store: Store;
  steps: Step[];
  bodyRules: BodyRule[];
  /** Error catalogue entries by id (contracts/errors.json), copied per server. */
  errors: Record<string, ErrorDef>;
  maxBodyBytes: number;
  /** Past maxBodyBytes, drop the connection instead of answering (a reading; off on the correct server). */
  resetOverBodyLimit?: boolean;
  maxTokenLength: number;
  /** With `oauth`: issues the access tokens the token endpoint answers and tells the auth step their role. */
  oauth?: TokenIssuer;
  container: { test(v: string): boolean; minLength: number; maxLength: number; count(n: number): boolean };
  vendor: { count(n: number): boolean; extraKeysAllowed: boolean; specs: Record<VendorKey, FieldSpec[]> };
  /** `isNumber(v, key)`: v is a number the timeout field `key` accepts (range checked apart). */
  timeout: { min: number; max: number; isNumber(v: unknown, key: string): boolean };
  /** Accepted types for the two top-level string fields. */
  fieldTypes: { name(v: unknown): boolean; mfa_cert_profile(v: unknown): boolean };
  /** The stored form of a valid body, without `id` (./validate/object.ts normalize). */
  toStored(body: JsonObject, s: Server): Record<string, unknown>;
  /** How a stored object appears in every answer (create, get, put, list, delete). */
  toAnswer(obj: Stored, s: Server): Record<string, unknown>;
  /**
   * The order of the objects a list matched (creation order by default), as a
   * listing read a page at a time (./store.ts `reversed`, `listingOf`): a
   * list costs what its page costs, not what the container holds.
   */
  listOrder(objs: Listing): Listing;
  paging: {
    /** A limit/offset value as sent: its number (`dflt` when that is what it means), or undefined when invalid. */
    parse(raw: string, key: 'limit' | 'offset', dflt: number): number | undefined;
    /** The page size used for a valid limit; undefined when the limit is refused. */
    limit(n: number): number | undefined;
  };
  response: {
    createStatus: number;
    fillDefaults: boolean;
    requestId: boolean;
    /** Error entries carry `details: {}`. */
    errorDetails: boolean;
    wwwAuthenticate: boolean;
  };
}

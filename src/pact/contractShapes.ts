// The response shapes the contract pins, as Pact matchers. Loose where Pact's
// guidance asks (types, regexes), exact only where semantics.md makes a value
// a must: the status (set by the interaction), the error code of the shape,
// and its message (semantics.md "Authentication", "POST /mfa-servers").
// Nothing semantics.md leaves open is pinned: ids are strings (a UUID is a
// should), okta_timeout an integer or a numeric string, secrets absent.
import { MatchersV3 } from '@pact-foundation/pact';

const { like, regex, integer, equal, eachLike } = MatchersV3;

/** semantics.md: "a new id (should: UUID)". */
export const UUID_RE = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
/** Error codes where the contract does not pin one (exported regression pacts). */
export const ERROR_CODE_RE = '^E\\d{3}$';
export const EXAMPLE_ID = '123e4567-e89b-42d3-a456-426655440000';

export const bearer = (): ReturnType<typeof regex> => regex('^Bearer .+$', 'Bearer token');

export type Vendor = 'okta_adaptive_v1' | 'ping_identity_v1' | 'rsa_securid_access_v1' | 'duo_security_v2';
export type Container = 'folder' | 'snippet' | 'device';

/**
 * A vendor object as a create request sends it, with every field of the
 * spec's required lists (a target may refuse a body without one: an open
 * point of semantics.md), and the fields the response must echo, the seed's
 * defaults filled in. The secret fields the required lists name carry a
 * placeholder that is no credential; the response's secrets are not pinned
 * (they may come back masked, encrypted, null or absent).
 */
export const NOT_A_SECRET = 'example-not-a-secret';
export const VENDOR_EXAMPLES: Record<Vendor, { sent: Record<string, unknown>; stored: Record<string, unknown> }> = {
  okta_adaptive_v1: {
    sent: { okta_api_host: 'example.okta.com', okta_token: NOT_A_SECRET, okta_org: 'example-org', okta_timeout: 30, okta_baseuri: '/api/v1' },
    stored: { okta_api_host: 'example.okta.com', okta_org: 'example-org', okta_timeout: 30, okta_baseuri: '/api/v1' },
  },
  ping_identity_v1: {
    sent: { ping_api_host: 'idpxny3lm.pingidentity.com', ping_use_base64_key: NOT_A_SECRET, ping_token: 'example-ping-token', ping_org_alias: 'example-alias', ping_baseuri: '/pingid/rest/4', ping_timeout: 30 },
    stored: { ping_api_host: 'idpxny3lm.pingidentity.com', ping_token: 'example-ping-token', ping_org_alias: 'example-alias', ping_baseuri: '/pingid/rest/4', ping_timeout: 30 },
  },
  rsa_securid_access_v1: {
    sent: { rsa_api_host: 'rsa.example.com', rsa_accessid: 'example-access-id', rsa_assurancepolicyid: 'policy-1' },
    stored: { rsa_api_host: 'rsa.example.com', rsa_accessid: 'example-access-id', rsa_assurancepolicyid: 'policy-1', rsa_baseuri: '/mfa/v1_1', rsa_timeout: 30 },
  },
  duo_security_v2: {
    sent: { duo_api_host: 'api-12345678.duosecurity.com', duo_integration_key: 'DIXXXXXXXXXXXXXXXXXX', duo_secret_key: NOT_A_SECRET, duo_timeout: 30, duo_baseuri: '/auth/v2' },
    stored: { duo_api_host: 'api-12345678.duosecurity.com', duo_integration_key: 'DIXXXXXXXXXXXXXXXXXX', duo_baseuri: '/auth/v2', duo_timeout: 30 },
  },
};

/** semantics.md Open points: okta_timeout "may carry it as an integer or a numeric string" (Pact's regex matches a number's text too). */
export const NUMERIC_RE = '^\\s*[+-]?\\d+\\s*$';

/** Integers (timeouts) as integer matchers, okta_timeout as a number's text, everything else by type. */
function typed(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) out[k] = k === 'okta_timeout' ? regex(NUMERIC_RE, v as never) : typeof v === 'number' ? integer(v) : like(v);
  return out;
}

/** The stored object a 200 returns (semantics.md "Success"). */
export function storedObject(o: { name: string; container: Container; value: string; vendor?: Vendor }): unknown {
  const body: Record<string, unknown> = {
    id: like(EXAMPLE_ID),
    name: like(o.name),
    mfa_cert_profile: like('example-cert-profile'),
    [o.container]: like(o.value),
  };
  if (o.vendor) body['mfa_vendor_type'] = { [o.vendor]: typed(VENDOR_EXAMPLES[o.vendor].stored) };
  return body;
}

/**
 * The error envelope (semantics.md "Error envelope", must): at least one
 * error whose code and message are pinned for this shape, and a string
 * `_request_id` (type matcher: required, any string). `details` is "an
 * object or a string", which one Pact matcher cannot say, so the contract
 * leaves it out (unexpected keys are allowed in a Pact response body).
 * `messagePattern`: where only part of the message is a must (the Accept= part of Output Format Mismatch is a should).
 */
export function errorEnvelope(code: string, message: string, messagePattern?: string): unknown {
  return {
    _errors: eachLike({ code: equal(code), message: messagePattern === undefined ? equal(message) : regex(messagePattern, message) }),
    _request_id: like('123e4567-e89b-12d3-a456-426655440000'),
  };
}

/** The list envelope (semantics.md "Rest of the lifecycle"): `{data, limit, offset, total}`. */
export function listEnvelope(name: string, folder: string): unknown {
  return {
    data: eachLike({ id: like(EXAMPLE_ID), name: like(name), mfa_cert_profile: like('example-cert-profile'), folder: like(folder) }),
    limit: integer(200),
    offset: integer(0),
    total: integer(1),
  };
}

// The vendor field table (semantics.md "Vendor fields"), one entry per field,
// with the seed line it comes from. `requiredInSpec` and `hostname` are the
// published spec's `required` lists and `format: hostname`, used only by the
// openapi profile (spec #/components/schemas/mfa-servers/.../mfa_vendor_type).
// The spec's ping `required` also names `ping_org`, which is not a property;
// like semantics.md ("all but ping_org_alias") we leave it out.
import type { FieldSpec, VendorKey } from '../types.ts';

export const VENDOR_KEYS: readonly VendorKey[] = [
  'okta_adaptive_v1',
  'ping_identity_v1',
  'rsa_securid_access_v1',
  'duo_security_v2',
];

export function vendorSpecs(): Record<VendorKey, FieldSpec[]> {
  return {
    // seed lines 28-40
    okta_adaptive_v1: [
      { key: 'okta_api_host', kind: 'string', minLength: 10, requiredInSpec: true, hostname: true }, // 30-31
      { key: 'okta_token', kind: 'string', minLength: 8, requiredInSpec: true, secret: true }, // 32-33
      { key: 'okta_org', kind: 'string', requiredInSpec: true }, // 34
      { key: 'okta_timeout', kind: 'timeout', default: 30, requiredInSpec: true }, // 35-38
      { key: 'okta_baseuri', kind: 'string', minLength: 2, default: '/api/v1', requiredInSpec: true }, // 39-40
    ],
    // seed lines 41-58
    ping_identity_v1: [
      { key: 'ping_baseuri', kind: 'string', minLength: 2, default: '/pingid/rest/4', requiredInSpec: true }, // 43-45
      { key: 'ping_api_host', kind: 'string', minLength: 16, default: 'idpxny3lm.pingidentity.com', requiredInSpec: true, hostname: true }, // 46-48
      { key: 'ping_use_base64_key', kind: 'string', minLength: 8, requiredInSpec: true, secret: true }, // 49-50
      { key: 'ping_token', kind: 'string', minLength: 8, requiredInSpec: true }, // 51-52
      { key: 'ping_org_alias', kind: 'string', minLength: 8 }, // 53-54
      { key: 'ping_timeout', kind: 'timeout', default: 30, requiredInSpec: true }, // 55-58
    ],
    // seed lines 59-75 (the spec has no required list for rsa)
    rsa_securid_access_v1: [
      { key: 'rsa_api_host', kind: 'string', minLength: 10, hostname: true }, // 61-62
      { key: 'rsa_baseuri', kind: 'string', minLength: 2, default: '/mfa/v1_1' }, // 63-65
      { key: 'rsa_accesskey', kind: 'string', minLength: 8, secret: true }, // 66-67
      { key: 'rsa_accessid', kind: 'string', minLength: 8 }, // 68-69
      { key: 'rsa_assurancepolicyid', kind: 'string', minLength: 3 }, // 70-71
      { key: 'rsa_timeout', kind: 'timeout', default: 30 }, // 72-75
    ],
    // seed lines 76-90
    duo_security_v2: [
      { key: 'duo_api_host', kind: 'string', minLength: 16, requiredInSpec: true, hostname: true }, // 78-79
      { key: 'duo_baseuri', kind: 'string', minLength: 2, default: '/auth/v2', requiredInSpec: true }, // 80-82
      { key: 'duo_timeout', kind: 'timeout', default: 30, requiredInSpec: true }, // 83-86
      { key: 'duo_integration_key', kind: 'string', minLength: 16, requiredInSpec: true }, // 87-88
      { key: 'duo_secret_key', kind: 'string', minLength: 16, requiredInSpec: true, secret: true }, // 89-90
    ],
  };
}

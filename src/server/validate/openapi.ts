// The `openapi` profile's extra rules (semantics.md "Strict profile"): the
// published spec's vendor `required` lists and `format: hostname` on the
// `*_api_host` fields (spec #/components/schemas/mfa-servers, mfa_vendor_type
// oneOf branches). Not part of the default profile.
import type { BodyRule } from '../types.ts';
import { has, isObject } from './json.ts';
import { vendorEntries } from './vendor.ts';

// ajv-formats 3.0.1 (dist/formats.js, fullFormats.hostname): the reading the
// project's validators use for `format: hostname`.
export const HOSTNAME = /^(?=.{1,253}\.?$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[-0-9a-z]{0,61}[0-9a-z])?)*\.?$/i;

export const openapiRequired: BodyRule = {
  name: 'openapi-required',
  ok(b, s) {
    for (const [vk, value] of vendorEntries(b)) {
      if (!isObject(value)) continue;
      for (const spec of s.vendor.specs[vk]) if (spec.requiredInSpec && !has(value, spec.key)) return false;
    }
    return true;
  },
};

export const openapiHostname: BodyRule = {
  name: 'openapi-hostname',
  ok(b, s) {
    for (const [vk, value] of vendorEntries(b)) {
      if (!isObject(value)) continue;
      for (const spec of s.vendor.specs[vk]) {
        if (!spec.hostname || !has(value, spec.key)) continue;
        const v = value[spec.key];
        if (typeof v === 'string' && !HOSTNAME.test(v)) return false;
      }
    }
    return true;
  },
};

export const OPENAPI_RULES: readonly BodyRule[] = [openapiRequired, openapiHostname];

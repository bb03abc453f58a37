// Faults in the vendor rules (seed lines 26-90; semantics.md "vendor
// exclusivity" and the vendor field table).
import { replaceByName } from '../pipeline.ts';
import type { Server, VendorKey } from '../types.ts';
import { isObject } from '../validate/json.ts';
import type { Fault } from './types.ts';

function setMinLength(s: Server, vendor: VendorKey, key: string, n: number): void {
  const spec = s.vendor.specs[vendor].find((f) => f.key === key);
  if (!spec) throw new Error(`no field ${vendor}.${key}`);
  spec.minLength = n;
}

export const VENDOR_FAULTS: Record<string, Fault> = {
  'okta-host-minlength-9': {
    kind: 'length',
    description: 'okta_api_host may have 9 characters (the seed says >= 10).',
    apply: (s) => setMinLength(s, 'okta_adaptive_v1', 'okta_api_host', 9),
  },
  'duo-secret-minlength-15': {
    kind: 'length',
    description: 'duo_secret_key may have 15 characters (the seed says >= 16).',
    apply: (s) => setMinLength(s, 'duo_security_v2', 'duo_secret_key', 15),
  },
  'timeout-601-accepted': {
    kind: 'range',
    description: 'Timeouts up to 601 are accepted (the seed says <= 600).',
    apply: (s) => {
      s.timeout.max = 601;
    },
  },
  'timeout-4-accepted': {
    kind: 'range',
    description: 'Timeouts down to 4 are accepted (the seed says >= 5).',
    apply: (s) => {
      s.timeout.min = 4;
    },
  },
  'timeout-float-accepted': {
    kind: 'type',
    description: 'A non-integer timeout such as 30.5 is accepted.',
    apply: (s) => {
      s.timeout.isNumber = (v) => typeof v === 'number' && Number.isFinite(v);
    },
  },
  'timeout-string-accepted': {
    kind: 'type',
    description: 'A numeric string timeout such as "30" is accepted.',
    apply: (s) => {
      const prev = s.timeout.isNumber;
      s.timeout.isNumber = (v, key) => prev(v, key) || (typeof v === 'string' && v.trim() !== '' && Number.isInteger(Number(v)));
    },
  },
  'vendor-not-object-accepted': {
    kind: 'type',
    description: 'A vendor value that is not an object (e.g. a string) is accepted.',
    apply: (s) =>
      replaceByName(s.bodyRules, 'vendor-shape', {
        name: 'vendor-shape',
        ok: (b, srv) => {
          if (!Object.hasOwn(b, 'mfa_vendor_type')) return true;
          const mvt = b.mfa_vendor_type;
          if (!isObject(mvt)) return false;
          const keys = Object.keys(mvt);
          const vendors = keys.filter((k) => Object.hasOwn(srv.vendor.specs, k));
          // the correct rule also requires isObject(mvt[vendor]); this one does not
          return srv.vendor.count(vendors.length) && (srv.vendor.extraKeysAllowed || vendors.length === keys.length);
        },
      }),
  },
  'two-vendors-accepted': {
    kind: 'vendor-exclusivity',
    description: 'mfa_vendor_type may hold two or more vendors.',
    apply: (s) => {
      s.vendor.count = (n) => n >= 1;
    },
  },
  'empty-vendor-object-accepted': {
    kind: 'vendor-exclusivity',
    description: 'mfa_vendor_type {} (no vendor) is accepted.',
    apply: (s) => {
      s.vendor.count = (n) => n <= 1;
    },
  },
  'vendor-extra-key-accepted': {
    kind: 'vendor-exclusivity',
    description: 'An unknown key beside the one vendor in mfa_vendor_type is accepted.',
    apply: (s) => {
      s.vendor.extraKeysAllowed = true;
    },
  },
};

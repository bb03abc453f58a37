// `mfa_vendor_type` (seed lines 26-90; semantics.md "vendor exclusivity"):
// when present, an object holding exactly one vendor key (must), and no other
// key beside it (should); the vendor value is an object whose known fields obey
// the table in ./vendorSpecs.ts. Unknown keys inside a vendor object are ignored.
import type { BodyRule, FieldSpec, JsonObject, Server, VendorKey } from '../types.ts';
import { codePoints, has, isObject } from './json.ts';
import { VENDOR_KEYS } from './vendorSpecs.ts';

const isVendorKey = (k: string): k is VendorKey => (VENDOR_KEYS as readonly string[]).includes(k);

/** The vendor objects of a body: [vendor key, value] for each vendor key present. */
export function vendorEntries(b: JsonObject): Array<[VendorKey, unknown]> {
  const mvt = b.mfa_vendor_type;
  if (!has(b, 'mfa_vendor_type') || !isObject(mvt)) return [];
  return VENDOR_KEYS.filter((k) => has(mvt, k)).map((k) => [k, mvt[k]]);
}

/** Shape: an object, exactly one vendor key, no other key, the vendor value an object. */
export const vendorShape: BodyRule = {
  name: 'vendor-shape',
  ok(b, s) {
    if (!has(b, 'mfa_vendor_type')) return true;
    const mvt = b.mfa_vendor_type;
    if (!isObject(mvt)) return false;
    const keys = Object.keys(mvt);
    const vendors = keys.filter(isVendorKey);
    if (!s.vendor.count(vendors.length)) return false;
    if (!s.vendor.extraKeysAllowed && vendors.length !== keys.length) return false;
    return vendors.every((k) => isObject(mvt[k]));
  },
};

/** One field: a string of at least minLength code points, or an integer timeout in range. */
export function fieldOk(spec: FieldSpec, v: unknown, s: Server): boolean {
  if (spec.kind === 'timeout') {
    // seed lines 35-37 (and 55-57, 72-74, 83-85): ">= 5 and <= 600", type integer.
    if (!s.timeout.isNumber(v, spec.key)) return false;
    const n = Number(v);
    return n >= s.timeout.min && n <= s.timeout.max;
  }
  return typeof v === 'string' && codePoints(v) >= (spec.minLength ?? 0);
}

export const vendorFields: BodyRule = {
  name: 'vendor-fields',
  ok(b, s) {
    for (const [vk, value] of vendorEntries(b)) {
      if (!isObject(value)) continue; // vendor-shape reports it
      for (const spec of s.vendor.specs[vk]) {
        if (has(value, spec.key) && !fieldOk(spec, value[spec.key], s)) return false;
      }
    }
    return true;
  },
};

export const VENDOR_RULES: readonly BodyRule[] = [vendorShape, vendorFields];

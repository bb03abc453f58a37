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
  const out: Array<[VendorKey, unknown]> = [];
  if (!has(b, 'mfa_vendor_type') || !isObject(mvt)) return out;
  for (const k of VENDOR_KEYS) if (has(mvt, k)) out.push([k, mvt[k]]);
  return out;
}

/** Shape: an object, exactly one vendor key, no other key, the vendor value an object. */
export const vendorShape: BodyRule = {
  name: 'vendor-shape',
  ok(b, s) {
    if (!has(b, 'mfa_vendor_type')) return true;
    const mvt = b.mfa_vendor_type;
    if (!isObject(mvt)) return false;
    const keys = Object.keys(mvt);
    let vendors = 0;
    let objects = true;
    for (const k of keys) {
      if (!isVendorKey(k)) continue;
      vendors++;
      if (!isObject(mvt[k])) objects = false;
    }
    if (!s.vendor.count(vendors)) return false;
    if (!s.vendor.extraKeysAllowed && vendors !== keys.length) return false;
    return objects;
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
    const mvt = b.mfa_vendor_type;
    if (!has(b, 'mfa_vendor_type') || !isObject(mvt)) return true;
    // The vendor keys in order, as vendorEntries lists them (without its array of pairs).
    for (const vk of VENDOR_KEYS) {
      if (!has(mvt, vk)) continue;
      const value = mvt[vk];
      if (!isObject(value)) continue; // vendor-shape reports it
      for (const spec of s.vendor.specs[vk]) {
        if (has(value, spec.key) && !fieldOk(spec, value[spec.key], s)) return false;
      }
    }
    return true;
  },
};

export const VENDOR_RULES: readonly BodyRule[] = [vendorShape, vendorFields];

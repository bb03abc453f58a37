// A valid vendor object. The fields of the published spec's required lists
// are always there: a body without one is an open point in the default
// profile (semantics.md "Open points": 200 or 400), so a valid body that
// asserts 200 at must carries them. The other fields are present or absent
// independently; defaults sometimes explicit.
import fc from 'fast-check';
import type { Vendor } from '../spec/model.ts';
import { memoBy } from './memo.ts';
import { sampleFieldValue, vendorFieldValue } from './vendorFieldValue.ts';

export const vendorBody = memoBy((v: Vendor) => v, (v: Vendor): fc.Arbitrary<Record<string, unknown>> => {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const f of v.fields) model[f.name] = vendorFieldValue(f);
  // Shrinking drops the optional keys, which stays valid.
  return fc.record(model, { requiredKeys: v.fields.filter((f) => f.requiredStrict).map((f) => f.name) }) as fc.Arbitrary<Record<string, unknown>>;
});

export type VendorVariant = 'full' | 'empty' | 'defaults';

/** Deterministic vendor objects: every field, none, or only the defaulted fields written out. */
export function fixedVendorBody(v: Vendor, variant: VendorVariant = 'full'): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (variant === 'empty') return out;
  for (const f of v.fields) {
    if (variant === 'defaults') { if (f.default !== undefined) out[f.name] = f.default; }
    else out[f.name] = sampleFieldValue(f);
  }
  return out;
}

// A valid vendor object: every field optional (default profile, semantics.md
// "Vendor fields, each optional unless the strict profile says otherwise"),
// present or absent independently; defaults sometimes explicit.
import fc from 'fast-check';
import type { Vendor } from '../spec/model.ts';
import { memoBy } from './memo.ts';
import { sampleFieldValue, vendorFieldValue } from './vendorFieldValue.ts';

export const vendorBody = memoBy((v: Vendor) => v, (v: Vendor): fc.Arbitrary<Record<string, unknown>> => {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const f of v.fields) model[f.name] = vendorFieldValue(f);
  // requiredKeys []: each key independently absent; shrinking drops keys, which stays valid.
  return fc.record(model, { requiredKeys: [] }) as fc.Arbitrary<Record<string, unknown>>;
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

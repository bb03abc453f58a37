// Valid values for one vendor field (seed: okta 28-40, ping 41-58, rsa 59-75,
// duo 76-90): strings at or above their minLength in code points, timeouts
// integers 5..600, and sometimes the field's default written out.
import fc from 'fast-check';
import { spec, type Vendor, type VendorField } from '../spec/model.ts';
import { freeText } from './freeText.ts';
import { memoBy } from './memo.ts';
import { seededStringArb } from './seededString.ts';

export const VENDORS: readonly Vendor[] = spec.vendors;
export const VENDOR_NAMES: readonly string[] = VENDORS.map((v) => v.name);

export function vendorSpec(name: string): Vendor {
  const v = VENDORS.find((x) => x.name === name);
  if (!v) throw new RangeError(`unknown vendor ${name}`);
  return v;
}

export const stringFields = (v: Vendor): VendorField[] => v.fields.filter((f) => f.type === 'string');
export const integerFields = (v: Vendor): VendorField[] => v.fields.filter((f) => f.type === 'integer');
export const lengthFields = (v: Vendor): VendorField[] => stringFields(v).filter((f) => f.minLength !== undefined);

/** A random valid value; shrinks towards the minimum length or minimum. */
export const vendorFieldValue = memoBy((f: VendorField) => f, (f: VendorField): fc.Arbitrary<string | number> => {
  const random: fc.Arbitrary<string | number> = f.type === 'integer'
    ? fc.integer({ min: f.minimum ?? 5, max: f.maximum ?? 600 })
    : f.hostname ? hostname(f.minLength ?? 1)
    : freeText({ minLength: f.minLength ?? 0, maxLength: (f.minLength ?? 0) + 24 });
  return f.default === undefined ? random : fc.oneof({ weight: 3, arbitrary: random }, { weight: 1, arbitrary: fc.constant(f.default) });
});

const HOST_UNITS = [...'abcdefghijklmnopqrstuvwxyz0123456789'];

/**
 * A hostname of at least `min` characters (the spec's `format: hostname` on
 * the *_api_host fields): one that is not is an open point in the default
 * profile, so valid bodies use hostnames. `<label>.<label>.example.com`.
 */
export function hostname(min: number): fc.Arbitrary<string> {
  const suffix = '.example.com';
  const need = Math.max(1, min - suffix.length);
  return seededStringArb([HOST_UNITS], need, need + 20).map((s) => `h${s.slice(1)}${suffix}`);
}

/** A deterministic valid value (boundary cases): an example string well above minLength. */
export function sampleFieldValue(f: VendorField): string | number {
  if (f.type === 'integer') return 30;
  if (f.hostname) return `${f.name.replace(/_/g, '-')}.example.com`;
  const base = `${f.name}-value`;
  return base.length >= (f.minLength ?? 0) ? base : base.padEnd(f.minLength!, 'x');
}

// Vendor exclusivity (seed:11-14, 26; semantics.md: mfa_vendor_type holds
// exactly one of the four vendors). `{}` or only unknown keys → .none (must);
// two to four vendors → .multiple (must); one vendor plus another key →
// .unknown-key (should). Every vendor object used is itself valid.
import fc from 'fast-check';
import type { GenCase, GenContext } from '../genCase.ts';
import { fixedBody, validBody, type ValidBody } from '../validBody.ts';
import { fixedVendorBody, vendorBody } from '../vendorBody.ts';
import { VENDOR_NAMES, VENDORS, vendorSpec } from '../vendorFieldValue.ts';
import { mutatedCreate, withKey } from './mutatedCreate.ts';

/** Keys that are not vendors: near misses (case, version) and plain strangers. */
export const UNKNOWN_VENDOR_KEYS = ['okta_adaptive_v2', 'OKTA_ADAPTIVE_V1', 'duo_security_v1', 'ping_identity', 'radius', 'foo', ''] as const;

const L = 'body.mfa_vendor_type';
const setVt = (b: ValidBody, vt: Record<string, unknown>): Record<string, unknown> => withKey(b.body, 'mfa_vendor_type', vt);

function none(ctx: GenContext): fc.Arbitrary<GenCase> {
  const unknownOnly = fc.uniqueArray(fc.constantFrom(...UNKNOWN_VENDOR_KEYS), { minLength: 0, maxLength: 3 });
  return fc.tuple(validBody(ctx, { vendor: null }), unknownOnly, vendorBody(vendorSpec('okta_adaptive_v1')))
    .map(([b, keys, inner]) => mutatedCreate(ctx, `${L}.none`, b, setVt(b, Object.fromEntries(keys.map((k) => [k, inner])))));
}

function multiple(ctx: GenContext): fc.Arbitrary<GenCase> {
  const vendors = fc.subarray([...VENDOR_NAMES], { minLength: 2 }).chain((names) =>
    fc.tuple(...names.map((n) => vendorBody(vendorSpec(n)))).map((bodies) => Object.fromEntries(names.map((n, i) => [n, bodies[i]]))));
  return fc.tuple(validBody(ctx, { vendor: null }), vendors).map(([b, vt]) => mutatedCreate(ctx, `${L}.multiple`, b, setVt(b, vt)));
}

function unknownKey(ctx: GenContext): fc.Arbitrary<GenCase> {
  return fc.oneof(...VENDOR_NAMES.map((v) => fc.tuple(validBody(ctx, { vendor: v }), fc.constantFrom(...UNKNOWN_VENDOR_KEYS), fc.jsonValue({ maxDepth: 1 }))
    .map(([b, key, extra]) => {
      const vt = { ...(b.body['mfa_vendor_type'] as Record<string, unknown>), [key]: extra };
      return mutatedCreate(ctx, `${L}.unknown-key`, b, setVt(b, vt));
    })));
}

export function vendorExclusivityMutation(ctx: GenContext): fc.Arbitrary<GenCase> {
  return fc.oneof(none(ctx), multiple(ctx), unknownKey(ctx));
}

export function vendorExclusivityBoundaryCases(ctx: GenContext, nextName: () => string): GenCase[] {
  const out: GenCase[] = [];
  const push = (label: string, vt: Record<string, unknown>, vendor: string | null = null): void => {
    const b = fixedBody(nextName(), 'folder', vendor);
    out.push(mutatedCreate(ctx, `${L}.${label}`, b, setVt(b, vt), true));
  };
  push('none', {});
  push('none', { foo: {} });
  push('none', { OKTA_ADAPTIVE_V1: fixedVendorBody(vendorSpec('okta_adaptive_v1')) });
  // Every pair, every triple, all four (fc.subarray would be random; this is exhaustive).
  const subsets = (1 << VENDORS.length) - 1;
  for (let mask = 1; mask <= subsets; mask++) {
    const names = VENDOR_NAMES.filter((_, i) => mask & (1 << i));
    if (names.length >= 2) push('multiple', Object.fromEntries(names.map((n) => [n, fixedVendorBody(vendorSpec(n))])));
  }
  for (const v of VENDOR_NAMES) push('unknown-key', { [v]: fixedVendorBody(vendorSpec(v)), radius: {} }, v);
  return out;
}

// Type rules: a JSON value of another type where a string, an integer or an
// object belongs (spec #/components/schemas/mfa-servers; seed:8-90). The
// container keeps its key (so exactly one container stays present), a vendor
// field keeps its vendor (so exclusivity holds). Labels body.<field>.type,
// body.<v>.type, body.<v>.<f>.type, body.mfa_vendor_type.type, body.not-object.
import fc from 'fast-check';
import type { VendorField } from '../../spec/model.ts';
import type { GenCase, GenContext } from '../genCase.ts';
import { CONTAINERS, fixedBody, validBody, type BodyChoice, type ValidBody } from '../validBody.ts';
import { VENDOR_NAMES, VENDORS } from '../vendorFieldValue.ts';
import { fixedWrongValues, wrongTypeValue, type Expects } from '../wrongTypeValue.ts';
import { mutatedCreate, withKey, withVendorField } from './mutatedCreate.ts';

/** One place a wrong type can go: its label, what it expects, the base it needs, how to put the value there. */
interface Target { label: string; expects: Expects; choice: BodyChoice; put: (b: ValidBody, v: unknown) => unknown; numericStrings?: boolean }

const fieldExpects = (f: VendorField): Expects => (f.type === 'integer' ? 'integer' : 'string');

export const TYPE_TARGETS: readonly Target[] = [
  ...(['name', 'mfa_cert_profile'] as const).map((f): Target => ({ label: `body.${f}.type`, expects: 'string', choice: {}, put: (b, v) => withKey(b.body, f, v) })),
  ...CONTAINERS.map((c): Target => ({ label: `body.${c}.type`, expects: 'string', choice: { container: c }, put: (b, v) => withKey(b.body, c, v) })),
  { label: 'body.mfa_vendor_type.type', expects: 'object', choice: {}, put: (b, v) => withKey(b.body, 'mfa_vendor_type', v) },
  ...VENDOR_NAMES.map((n): Target => ({ label: `body.${n}.type`, expects: 'object', choice: { vendor: n }, put: (b, v) => withKey(b.body, 'mfa_vendor_type', { [n]: v }) })),
  ...VENDORS.flatMap((vd) => vd.fields.map((f): Target => ({
    label: `body.${vd.name}.${f.name}.type`, expects: fieldExpects(f), choice: { vendor: vd.name }, put: (b, v) => withVendorField(b, f.name, v),
    // okta_timeout "30" is an open point (openPointCases.ts), not a type error.
    ...(f.name === 'okta_timeout' && { numericStrings: false }),
  }))),
  // The whole body: any JSON that is not an object (a valid body wrapped in an array included).
  { label: 'body.not-object', expects: 'object', choice: {}, put: (_b, v) => v },
];

export function typeMutation(ctx: GenContext): fc.Arbitrary<GenCase> {
  return fc.oneof(...TYPE_TARGETS.map((t) => fc.tuple(validBody(ctx, t.choice), wrongTypeValue(t.expects, t), fc.boolean())
    .map(([b, v, wrap]) => mutatedCreate(ctx, t.label, b, t.label === 'body.not-object' && wrap ? [b.body] : t.put(b, v)))));
}

export function typeBoundaryCases(ctx: GenContext, nextName: () => string): GenCase[] {
  return TYPE_TARGETS.flatMap((t) => fixedWrongValues(t.expects, t).map((v) => {
    const b = fixedBody(nextName(), t.choice.container ?? 'folder', t.choice.vendor ?? null);
    return mutatedCreate(ctx, t.label, b, t.put(b, v), true);
  }));
}

// Timeouts: integers 5..600 (seed:35-36 okta, 56-57 ping, 72-73 rsa, 82-83
// duo). Any JSON number outside that set breaks the range rule, non-integers
// included (src/oracle/vendorRules.ts reads 30.5 as range, not type).
// Label body.<v>.<f>.range.
import fc from 'fast-check';
import type { VendorField } from '../../spec/model.ts';
import type { GenCase, GenContext } from '../genCase.ts';
import { validCreate } from '../validCase.ts';
import { fixedBody, validBody } from '../validBody.ts';
import { integerFields, VENDORS } from '../vendorFieldValue.ts';
import { mutatedCreate, withVendorField } from './mutatedCreate.ts';

/** Out-of-range numbers; each branch shrinks towards its own edge (4, 601, 4.5), never into 5..600. */
function outOfRange(f: VendorField): fc.Arbitrary<number> {
  const min = f.minimum!;
  const max = f.maximum!;
  return fc.oneof(
    fc.integer({ min: -(2 ** 31), max: min - 1 }),
    fc.integer({ min: max + 1, max: 2 ** 31 }),
    fc.integer({ min: min - 1, max }).map((n) => n + 0.5),
    fc.constantFrom(1e12, -1e12, 1e300, 0.000001),
  );
}

export function rangeMutation(ctx: GenContext): fc.Arbitrary<GenCase> {
  return fc.oneof(...VENDORS.flatMap((v) => integerFields(v).map((f) => fc.tuple(validBody(ctx, { vendor: v.name }), outOfRange(f))
    .map(([b, n]) => mutatedCreate(ctx, `body.${v.name}.${f.name}.range`, b, withVendorField(b, f.name, n))))));
}

export const BAD_TIMEOUTS = [4, 601, 0, -1, -600, 1e12, 30.5, 4.999, 600.001] as const;

export function rangeBoundaryCases(ctx: GenContext, nextName: () => string): GenCase[] {
  const out: GenCase[] = [];
  for (const v of VENDORS) {
    for (const f of integerFields(v)) {
      for (const n of [f.minimum!, f.maximum!]) {
        const ok = fixedBody(nextName(), 'folder', v.name);
        out.push(validCreate(ctx, { ...ok, body: withVendorField(ok, f.name, n) }, true));
      }
      for (const n of BAD_TIMEOUTS) {
        const bad = fixedBody(nextName(), 'folder', v.name);
        out.push(mutatedCreate(ctx, `body.${v.name}.${f.name}.range`, bad, withVendorField(bad, f.name, n), true));
      }
    }
  }
  return out;
}

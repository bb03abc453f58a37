// Valid creates: every vendor (and none) x every container, random fields
// (seed:8-90). Label 'valid': the oracle must predict 200 (create.success).
import fc from 'fast-check';
import { createRequest } from './apiRequest.ts';
import { genCase, VALID, type GenCase, type GenContext } from './genCase.ts';
import { CONTAINERS, fixedBody, validBody, vendorObject, type ValidBody } from './validBody.ts';
import { VENDOR_NAMES, vendorSpec } from './vendorFieldValue.ts';
import { fixedContainerValue } from './containerValue.ts';
import { sampleWithUnicode } from './unicodeBody.ts';

export const validCreate = (ctx: GenContext, b: ValidBody, boundary = false): GenCase =>
  genCase(VALID, createRequest(ctx, b.body), { vendor: b.vendor, container: b.container, boundary });

export function validCase(ctx: GenContext): fc.Arbitrary<GenCase> {
  return validBody(ctx).map((b) => validCreate(ctx, b));
}

/** Every vendor (and none) x every container, with full, empty and defaults-only vendor objects. */
export function validBoundaryCases(ctx: GenContext, nextName: () => string): GenCase[] {
  const out: GenCase[] = [];
  for (const c of CONTAINERS) {
    out.push(validCreate(ctx, fixedBody(nextName(), c, null), true));
    out.push(validCreate(ctx, fixedBody(nextName(), c, null, 'full', fixedContainerValue(1)), true));
    for (const v of VENDOR_NAMES) {
      for (const variant of ['full', 'empty', 'defaults'] as const) out.push(validCreate(ctx, fixedBody(nextName(), c, v, variant), true));
    }
  }
  out.push(...sampleWithUnicode(nextName).map((b) => validCreate(ctx, b, true)));
  // Each vendor field left out alone from a full vendor object: valid in the
  // default profile (every field optional), and under the strict ("openapi")
  // profile each one breaks exactly its own required rule, so every required
  // rule of that profile is reached, not only the first of each list.
  for (const v of VENDOR_NAMES) {
    for (const f of vendorSpec(v).fields) {
      const b = fixedBody(nextName(), 'folder', v, 'full');
      delete vendorObject(b)[f.name];
      out.push(validCreate(ctx, b, true));
    }
  }
  return out;
}

// Required top-level fields (spec #/components/schemas/mfa-servers/required;
// seed:24-25): name or mfa_cert_profile missing, one at a time.
import fc from 'fast-check';
import type { GenCase, GenContext } from '../genCase.ts';
import { CONTAINERS, fixedBody, validBody } from '../validBody.ts';
import { mutatedCreate, withKey } from './mutatedCreate.ts';

export const REQUIRED_FIELDS = ['name', 'mfa_cert_profile'] as const;

export function requiredMutation(ctx: GenContext): fc.Arbitrary<GenCase> {
  return fc.tuple(validBody(ctx), fc.constantFrom(...REQUIRED_FIELDS))
    .map(([b, f]) => mutatedCreate(ctx, `body.${f}.required`, b, withKey(b.body, f, undefined)));
}

export function requiredBoundaryCases(ctx: GenContext, nextName: () => string): GenCase[] {
  return REQUIRED_FIELDS.flatMap((f) => CONTAINERS.map((c) => {
    const b = fixedBody(nextName(), c, 'okta_adaptive_v1');
    return mutatedCreate(ctx, `body.${f}.required`, b, withKey(b.body, f, undefined), true);
  }));
}

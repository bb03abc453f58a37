// Body mutations, one family per rule kind (src/generate/mutations/*): each
// starts from a valid body and breaks exactly one rule.
import fc from 'fast-check';
import { orUpdate, withUpdates } from './asUpdate.ts';
import type { GenCase, GenContext } from './genCase.ts';
import { bodyFormatBoundaryCases, bodyFormatMutation } from './mutations/bodyFormatMutation.ts';
import { containerExclusivityBoundaryCases, containerExclusivityMutation } from './mutations/containerExclusivityMutation.ts';
import { lengthBoundaryCases, lengthMutation } from './mutations/lengthMutation.ts';
import { rangeBoundaryCases, rangeMutation } from './mutations/rangeMutation.ts';
import { regexBoundaryCases, regexMutation } from './mutations/regexMutation.ts';
import { requiredBoundaryCases, requiredMutation } from './mutations/requiredMutation.ts';
import { typeBoundaryCases, typeMutation } from './mutations/typeMutation.ts';
import { vendorExclusivityBoundaryCases, vendorExclusivityMutation } from './mutations/vendorExclusivityMutation.ts';

/** Random mutations by rule kind (the catalogue's `kind`; body-format covers the format.* rules), as POST or PUT. */
export function mutationArbs(ctx: GenContext): Record<string, fc.Arbitrary<GenCase>> {
  const arbs: Record<string, fc.Arbitrary<GenCase>> = {
    regex: regexMutation(ctx), length: lengthMutation(ctx), range: rangeMutation(ctx),
    'vendor-exclusivity': vendorExclusivityMutation(ctx), 'container-exclusivity': containerExclusivityMutation(ctx),
    required: requiredMutation(ctx), type: typeMutation(ctx), 'body-format': bodyFormatMutation(ctx),
  };
  return Object.fromEntries(Object.entries(arbs).map(([k, a]) => [k, orUpdate(ctx, a)]));
}

/** Every boundary mutation as a POST, and the first of each label again as a PUT to an existing object. */
export function mutationBoundaryCases(ctx: GenContext, nextName: () => string): GenCase[] {
  return withUpdates(ctx, [
    ...regexBoundaryCases(ctx, nextName), ...lengthBoundaryCases(ctx, nextName), ...rangeBoundaryCases(ctx, nextName),
    ...vendorExclusivityBoundaryCases(ctx, nextName), ...containerExclusivityBoundaryCases(ctx, nextName),
    ...requiredBoundaryCases(ctx, nextName), ...typeBoundaryCases(ctx, nextName), ...bodyFormatBoundaryCases(ctx, nextName),
  ], nextName);
}

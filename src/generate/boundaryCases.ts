// The exact boundary cases, deterministic: every rule of the default profile
// a request can break (boundaryCases.test.ts holds this against
// contracts/rules.json), then valid cases for every vendor x container. A run
// sends these first, then random cases.
import type { GenCase, GenContext } from './genCase.ts';
import { mutationBoundaryCases } from './mutationCase.ts';
import { boundaryNamer } from './objectName.ts';
import { openPointBoundaryCases } from './openPointCases.ts';
import { requestBoundaryCases } from './requestCases.ts';
import { validBoundaryCases } from './validCase.ts';

export function boundaryCases(ctx: GenContext): GenCase[] {
  const nextName = boundaryNamer(ctx);
  return [...mutationBoundaryCases(ctx, nextName), ...requestBoundaryCases(ctx, nextName), ...openPointBoundaryCases(ctx, nextName), ...validBoundaryCases(ctx, nextName)];
}

// Request-level cases: everything but the create body (authentication,
// permission, routing, item ids, list queries, uniqueness).
import fc from 'fast-check';
import type { GenCase, GenContext } from './genCase.ts';
import { authBoundaryCases, authCase } from './requests/authCases.ts';
import { listBoundaryCases, listCase } from './requests/listCases.ts';
import { permissionBoundaryCases, permissionCase } from './requests/permissionCases.ts';
import { resourceBoundaryCases, resourceCase } from './requests/resourceCases.ts';
import { routeBoundaryCases, routeCase } from './requests/routeCases.ts';
import { uniquenessBoundaryCases, uniquenessCase } from './requests/uniquenessCases.ts';

/** Random request-level arbitraries, by family; permission only when the context has a read-only token. */
export function requestCaseArbs(ctx: GenContext): Record<string, fc.Arbitrary<GenCase>> {
  const out: Record<string, fc.Arbitrary<GenCase>> = {
    auth: authCase(ctx), route: routeCase(ctx), resource: resourceCase(ctx), list: listCase(ctx), uniqueness: uniquenessCase(ctx),
  };
  const permission = permissionCase(ctx);
  if (permission) out['permission'] = permission;
  return out;
}

export function requestBoundaryCases(ctx: GenContext, nextName: () => string): GenCase[] {
  return [
    ...authBoundaryCases(ctx, nextName), ...permissionBoundaryCases(ctx, nextName), ...routeBoundaryCases(ctx, nextName),
    ...resourceBoundaryCases(ctx, nextName), ...listBoundaryCases(ctx), ...uniquenessBoundaryCases(ctx, nextName),
  ];
}

// Not found (spec GET/PUT/DELETE /mfa-servers/{id} → 404, example
// json_404_panui_mgmt_object_not_present). A malformed id (not a UUID, or
// empty) names nothing, so it is 404 too: decisions.md's first anyOf choice.
// For PUT this runs after the body is validated (decisions.md "Item operations").
import { fail } from '../errors.ts';
import type { Step } from '../types.ts';

export const existsStep: Step = {
  name: 'exists',
  run(ctx, s) {
    if (ctx.op !== 'get' && ctx.op !== 'update' && ctx.op !== 'delete') return undefined;
    return s.store.get(ctx.id ?? '') ? undefined : fail(s, 'object_not_present');
  },
};

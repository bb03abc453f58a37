// Uniqueness (semantics.md: must, 409 E006 `Name Not Unique`, seed line 324):
// `name` is unique within its container (same container key and value),
// compared exactly. PUT compares against the other objects of the target
// container, so keeping one's own name is fine. The store compares names by
// its name key (the name itself; a reading may fold case).
import { fail } from '../errors.ts';
import type { Step } from '../types.ts';
import { isObject } from '../validate/json.ts';

export const uniqueStep: Step = {
  name: 'unique',
  run(ctx, s) {
    if (ctx.op !== 'create' && ctx.op !== 'update') return undefined;
    if (!isObject(ctx.json)) return undefined;
    const candidate = s.toStored(ctx.json, s);
    // One lookup in the store's (container, name) index, not a scan.
    if (s.store.sameName(candidate, ctx.op === 'update' ? ctx.id : undefined)) return fail(s, 'name_not_unique');
    return undefined;
  },
};

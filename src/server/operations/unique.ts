// Uniqueness (semantics.md: must, 409 E006 `Name Not Unique`, seed line 324):
// `name` is unique within its container (same container key and value),
// compared exactly. PUT compares against the other objects of the target
// container, so keeping one's own name is fine.
import { fail } from '../errors.ts';
import { containerOf } from '../store.ts';
import type { Step } from '../types.ts';
import { isObject } from '../validate/json.ts';

export const uniqueStep: Step = {
  name: 'unique',
  run(ctx, s) {
    if (ctx.op !== 'create' && ctx.op !== 'update') return undefined;
    if (!isObject(ctx.json)) return undefined;
    const candidate = s.toStored(ctx.json, s);
    const where = containerOf(candidate);
    for (const other of s.store.all()) {
      if (ctx.op === 'update' && other.id === ctx.id) continue;
      const there = containerOf(other);
      if (there?.key !== where?.key || there?.value !== where?.value) continue;
      if (other.name === candidate.name) return fail(s, 'name_not_unique');
    }
    return undefined;
  },
};

// Uniqueness (semantics.md: must, 409 E006 `Name Not Unique`, seed line 324):
// `name` is unique within its container (same container key and value),
// compared exactly. PUT compares against the other objects of the target
// container, so keeping one's own name is fine. The store compares names by
// its name key (the name itself; a reading may fold case).
import { fail } from '../errors.ts';
import type { JsonObject, Step } from '../types.ts';
import { CONTAINER_KEYS } from '../types.ts';
import { has, isObject } from '../validate/json.ts';
import { normalize } from '../validate/object.ts';

/** What normalize keeps of a body's name and containers (own keys, values as sent). */
function namePlace(b: JsonObject): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (has(b, 'name')) out.name = b.name;
  for (const k of CONTAINER_KEYS) if (has(b, k)) out[k] = b[k];
  return out;
}

export const uniqueStep: Step = {
  name: 'unique',
  run(ctx, s) {
    if (ctx.op !== 'create' && ctx.op !== 'update') return undefined;
    if (!isObject(ctx.json)) return undefined;
    // The stored form's name and containers are all the check reads: with the
    // correct server's toStored (normalize copies both as sent) they are read
    // from the body, without building the whole stored form; a reading's
    // toStored (folder aliases, ...) is applied in full.
    const candidate = s.toStored === normalize ? namePlace(ctx.json) : s.toStored(ctx.json, s);
    // One lookup in the store's (container, name) index, not a scan.
    if (s.store.sameName(candidate, ctx.op === 'update' ? ctx.id : undefined)) return fail(s, 'name_not_unique');
    return undefined;
  },
};

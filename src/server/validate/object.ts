// POST/PUT body: a JSON object (semantics.md "Body rules") that passes every
// body rule in order; any broken rule is 400 E003 `Invalid Object` (seed line
// 178). Also builds the stored object from a valid body: fresh objects with
// known keys only (unknown keys dropped, `id` ignored; decisions.md "Body").
import { fail } from '../errors.ts';
import type { JsonObject, Server, Step } from '../types.ts';
import { CONTAINER_KEYS } from '../types.ts';
import { has, isObject } from './json.ts';
import { vendorEntries } from './vendor.ts';

export const validateBodyStep: Step = {
  name: 'validate-body',
  run(ctx, s) {
    if (ctx.op !== 'create' && ctx.op !== 'update') return undefined;
    const b = ctx.json;
    if (!isObject(b)) return fail(s, 'invalid_object');
    for (const rule of s.bodyRules) if (!rule.ok(b, s)) return fail(s, 'invalid_object');
    return undefined;
  },
};

/** The stored form of a valid body (without `id`), defaults filled in. */
export function normalize(b: JsonObject, s: Server): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (has(b, 'name')) out.name = b.name;
  if (has(b, 'mfa_cert_profile')) out.mfa_cert_profile = b.mfa_cert_profile;
  for (const k of CONTAINER_KEYS) if (has(b, k)) out[k] = b[k];
  if (has(b, 'mfa_vendor_type')) {
    const mvt: Record<string, unknown> = {};
    for (const [vk, value] of vendorEntries(b)) {
      const src = isObject(value) ? value : {};
      const v: Record<string, unknown> = {};
      for (const spec of s.vendor.specs[vk]) {
        if (has(src, spec.key)) v[spec.key] = src[spec.key];
        else if (s.response.fillDefaults && spec.default !== undefined) v[spec.key] = spec.default;
      }
      mvt[vk] = v;
    }
    out.mfa_vendor_type = mvt;
  }
  return out;
}

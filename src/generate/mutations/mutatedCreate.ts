// The shared last step of every body mutation: a POST of the mutated body,
// labelled with the one rule it breaks, tagged with the base's vendor and
// container so reports can group by them.
import { createRequest, type HeaderPatch } from '../apiRequest.ts';
import { genCase, type GenCase, type GenContext } from '../genCase.ts';
import type { ValidBody } from '../validBody.ts';

export function mutatedCreate(ctx: GenContext, label: string, base: ValidBody, body: unknown, boundary = false, patch: HeaderPatch = {}): GenCase {
  return genCase(label, createRequest(ctx, body, patch), { vendor: base.vendor, container: base.container, boundary });
}

/** Body with one top-level key replaced (or removed when value is `undefined`), keys kept in order. */
export function withKey(body: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) if (k !== key) out[k] = v; else if (value !== undefined) out[k] = value;
  if (!Object.hasOwn(body, key) && value !== undefined) out[key] = value;
  return out;
}

/** Body with one field of the base's vendor object replaced. */
export function withVendorField(base: ValidBody, field: string, value: unknown): Record<string, unknown> {
  const vendor = base.vendor!;
  const vt = base.body['mfa_vendor_type'] as Record<string, Record<string, unknown>>;
  return withKey(base.body, 'mfa_vendor_type', { [vendor]: withKey(vt[vendor] ?? {}, field, value) });
}

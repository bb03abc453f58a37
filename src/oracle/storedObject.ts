// The object a valid create/update stores (semantics.md "Success"): name,
// mfa_cert_profile, the container key, and mfa_vendor_type (when sent) with
// the vendor's known fields and defaults filled in (seed:37, 40, 44, 47, 57,
// 64, 74, 81, 85). Unknown keys and a client id are dropped
// (contracts/decisions.md "Body").
import { spec } from '../spec/model.ts';

export function storedObject(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { name: body['name'], mfa_cert_profile: body['mfa_cert_profile'] };
  for (const c of spec.containers) if (Object.hasOwn(body, c)) out[c] = body[c];
  const vt = body['mfa_vendor_type'] as Record<string, unknown> | undefined;
  if (vt !== undefined) {
    const vendor = spec.vendors.find((v) => Object.hasOwn(vt, v.name))!;
    const sent = vt[vendor.name] as Record<string, unknown>;
    const fields: Record<string, unknown> = {};
    for (const f of vendor.fields) {
      if (Object.hasOwn(sent, f.name)) fields[f.name] = sent[f.name];
      else if (f.default !== undefined) fields[f.name] = f.default;
    }
    out['mfa_vendor_type'] = { [vendor.name]: fields };
  }
  return out;
}

/** The container key and value of a stored object or valid body. */
export function containerOf(o: Record<string, unknown>): [string, unknown] | undefined {
  const c = spec.containers.find((k) => Object.hasOwn(o, k));
  return c === undefined ? undefined : [c, o[c]];
}

// mfa_vendor_type: vendor exclusivity and each vendor field's type, length
// and range (seed:26-90; semantics.md vendor table and "Open points"). Lengths
// count code points as JSON Schema does; integers are JSON numbers with no
// fraction.
import { spec } from '../spec/model.ts';
import type { VendorField } from '../spec/model.ts';
import type { OracleConfig } from './config.ts';
import { codePoints } from './codePoints.ts';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const vendorNames = spec.vendors.map((v) => v.name);
// ajv-formats' "hostname" (spec `format: hostname`).
export const HOSTNAME = /^(?=.{1,253}\.?$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[-0-9a-z]{0,61}[0-9a-z])?)*\.?$/i;
/** A numeric string as a Terraform provider or a lenient parser reads it ("30", " 30", "+30"). */
const NUMERIC = /^\s*[+-]?\d+\s*$/;

export interface VendorVerdict { must: string[]; shouldReject: string[]; shouldAccept: string[]; open: string[]; dropped: string[] }

export function vendorViolations(vt: unknown, cfg: OracleConfig, oddNumbers: ReadonlySet<string>): VendorVerdict {
  const out: VendorVerdict = { must: [], shouldReject: [], shouldAccept: [], open: [], dropped: [] };
  if (!isObject(vt)) return { ...out, must: ['body.mfa_vendor_type.type'] };
  const keys = Object.keys(vt);
  const known = keys.filter((k) => vendorNames.includes(k));
  if (known.length === 0) out.must.push('body.mfa_vendor_type.none');
  if (known.length > 1) out.must.push('body.mfa_vendor_type.multiple');
  // semantics.md: "any other key beside the one vendor is invalid too (should)".
  if (keys.length > known.length && known.length === 1) { out.shouldReject.push('body.mfa_vendor_type.unknown-key'); out.dropped.push(...keys.filter((k) => !known.includes(k))); }
  for (const name of known) {
    const value = vt[name];
    if (!isObject(value)) { out.must.push(`body.${name}.type`); continue; }
    const vendor = spec.vendors.find((v) => v.name === name)!;
    for (const f of vendor.fields) fieldViolations(name, f, value, cfg, oddNumbers, out);
    // semantics.md: "Unknown keys inside a vendor object are ignored (should)".
    const extra = Object.keys(value).filter((k) => !vendor.fields.some((f) => f.name === k));
    if (extra.length > 0) { out.shouldAccept.push('body.vendor.unknown-key'); out.dropped.push(...extra.map((k) => `${name}.${k}`)); }
  }
  return out;
}

function fieldViolations(vendor: string, f: VendorField, obj: Record<string, unknown>, cfg: OracleConfig, oddNumbers: ReadonlySet<string>, out: VendorVerdict): void {
  const id = `body.${vendor}.${f.name}`;
  if (!Object.hasOwn(obj, f.name)) {
    // The spec's required lists: must under --profile openapi, an open point otherwise.
    if (f.requiredStrict) (cfg.profile === 'openapi' ? out.must.push(`${id}.required`) : out.open.push('body.vendor.spec-required'));
    return;
  }
  const value = obj[f.name];
  if (f.type === 'integer') {
    if (typeof value === 'string' && f.name === 'okta_timeout' && NUMERIC.test(value)) {
      // Open point: okta_timeout as a numeric string (Terraform provider v1.0.10). Out of range, every reading rejects it.
      const n = Number(value);
      if (n >= f.minimum! && n <= f.maximum!) out.open.push(`${id}.numeric-string`);
      else out.must.push(`${id}.type`);
      return;
    }
    if (typeof value !== 'number') { out.must.push(`${id}.type`); return; }
    // Any JSON number outside the integers 5..600 (4, 601, 30.5, 1e400) breaks
    // the range rule: the seed states the domain as ">= 5 and <= 600" (seed:35-36).
    if (!Number.isInteger(value) || value < f.minimum! || value > f.maximum!) { out.must.push(`${id}.range`); return; }
    if (oddNumbers.has(`${vendor}.${f.name}`)) out.open.push('body.timeout.integral-number');
    return;
  }
  if (typeof value !== 'string') { out.must.push(`${id}.type`); return; }
  if (f.minLength !== undefined && codePoints(value) < f.minLength) { out.must.push(`${id}.length`); return; }
  if (f.hostname && !HOSTNAME.test(value)) (cfg.profile === 'openapi' ? out.must.push(`${id}.format`) : out.open.push('body.vendor.hostname'));
}

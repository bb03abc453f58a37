// mfa_vendor_type: vendor exclusivity and each vendor field's type, length
// and range (seed:26-90; semantics.md vendor table). Lengths count code
// points as JSON Schema does; integers are JSON numbers with no fraction.
import { spec } from '../spec/model.ts';
import type { VendorField } from '../spec/model.ts';
import type { OracleConfig } from './config.ts';
import { codePoints } from './codePoints.ts';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const vendorNames = spec.vendors.map((v) => v.name);

// ajv-formats' "hostname" (strict profile only, spec `format: hostname`).
const HOSTNAME = /^(?=.{1,253}\.?$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[-0-9a-z]{0,61}[0-9a-z])?)*\.?$/i;

export function vendorViolations(vt: unknown, cfg: OracleConfig): { must: string[]; should: string[] } {
  const must: string[] = [];
  const should: string[] = [];
  if (!isObject(vt)) return { must: ['body.mfa_vendor_type.type'], should };
  const keys = Object.keys(vt);
  const known = keys.filter((k) => vendorNames.includes(k));
  if (known.length === 0) must.push('body.mfa_vendor_type.none');
  if (known.length > 1) must.push('body.mfa_vendor_type.multiple');
  if (keys.length > known.length && known.length >= 1) should.push('body.mfa_vendor_type.unknown-key');
  for (const name of known) {
    const value = vt[name];
    if (!isObject(value)) { must.push(`body.${name}.type`); continue; }
    const vendor = spec.vendors.find((v) => v.name === name)!;
    for (const f of vendor.fields) must.push(...fieldViolations(name, f, value, cfg));
  }
  return { must, should };
}

function fieldViolations(vendor: string, f: VendorField, obj: Record<string, unknown>, cfg: OracleConfig): string[] {
  const id = `body.${vendor}.${f.name}`;
  if (!Object.hasOwn(obj, f.name)) return cfg.profile === 'openapi' && f.requiredStrict ? [`${id}.required`] : [];
  const value = obj[f.name];
  if (f.type === 'integer') {
    if (typeof value !== 'number') return [`${id}.type`];
    // Any JSON number outside the integers 5..600 (4, 601, 30.5, 1e400) breaks
    // the range rule: the seed states the domain as ">= 5 and <= 600" (seed:35-36).
    return !Number.isInteger(value) || value < f.minimum! || value > f.maximum! ? [`${id}.range`] : [];
  }
  if (typeof value !== 'string') return [`${id}.type`];
  const out: string[] = [];
  if (f.minLength !== undefined && codePoints(value) < f.minLength) out.push(`${id}.length`);
  if (cfg.profile === 'openapi' && f.hostname && !HOSTNAME.test(value)) out.push(`${id}.format`);
  return out;
}

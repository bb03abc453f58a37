// The create/update body rules (semantics.md "Body rules"; seed:8-90;
// contracts/openapi.yaml #/components/schemas/mfa-servers). Returns every
// rule the body breaks, must rules before should rules; all of them answer
// 400 E003 "Invalid Object", so the order only decides the reported rule id.
import { spec } from '../spec/model.ts';
import type { OracleConfig } from './config.ts';
import { vendorViolations } from './vendorRules.ts';
import { codePoints } from './codePoints.ts';

export interface BodyVerdict {
  must: string[];
  should: string[];
  /** Rules where either outcome passes (semantics.md: name ""). */
  either: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const has = (o: Record<string, unknown>, k: string): boolean => Object.hasOwn(o, k);
const containerRe = new RegExp(spec.containerPattern);
export function bodyViolations(body: unknown, cfg: OracleConfig): BodyVerdict {
  const v: BodyVerdict = { must: [], should: [], either: [] };
  if (!isObject(body)) return { ...v, must: ['body.not-object'] };
  for (const f of ['name', 'mfa_cert_profile']) {
    if (!has(body, f)) v.must.push(`body.${f}.required`);
    else if (typeof body[f] !== 'string') v.must.push(`body.${f}.type`);
  }
  if (body['name'] === '') v.either.push('body.name.empty');
  const present = spec.containers.filter((c) => has(body, c));
  if (present.length === 0) v.must.push('body.container.none');
  if (present.length > 1) v.must.push('body.container.multiple');
  for (const c of present) {
    const value = body[c];
    if (typeof value !== 'string') v.must.push(`body.${c}.type`);
    else {
      // Whole-string match (seed:16): "a/b", "a\n", "", "ü" all fail.
      if (!containerRe.test(value)) v.must.push(`body.${c}.pattern`);
      if (codePoints(value) > spec.containerMaxLength) v.must.push(`body.${c}.length`);
    }
  }
  if (has(body, 'mfa_vendor_type')) {
    const vendor = vendorViolations(body['mfa_vendor_type'], cfg);
    v.must.push(...vendor.must);
    v.should.push(...vendor.should);
  }
  return v;
}

// The create/update body rules (semantics.md "Body rules"; seed:8-90;
// contracts/openapi.yaml #/components/schemas/mfa-servers), sorted by what a
// conforming target does with them. Every rejection answers 400 E003
// "Invalid Object", so the order within a list only decides the rule a case
// is counted under.
import { spec } from '../spec/model.ts';
import type { OracleConfig } from './config.ts';
import { vendorViolations } from './vendorRules.ts';
import { codePoints } from './codePoints.ts';

export interface BodyVerdict {
  /** Must rules broken: 400 Invalid Object. */
  must: string[];
  /** Should rules whose conforming answer is 400 (one vendor plus another key). */
  shouldReject: string[];
  /** Should rules whose conforming answer is to accept and drop (unknown keys, a client id). */
  shouldAccept: string[];
  /** Open points: 200 or 400 Invalid Object both pass (semantics.md "Open points"). */
  open: string[];
  /** The dropped keys, as paths (`x`, `mfa_vendor_type.okta_adaptive_v1.y`). */
  dropped: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const has = (o: Record<string, unknown>, k: string): boolean => Object.hasOwn(o, k);
const containerRe = new RegExp(spec.containerPattern);
const KNOWN = new Set(['name', 'mfa_cert_profile', 'mfa_vendor_type', ...spec.containers]);

/** `oddNumbers`: vendor.field paths whose number was written 30.0 or 3e1 (jsonText.ts). */
export function bodyViolations(body: unknown, cfg: OracleConfig, oddNumbers: ReadonlySet<string> = new Set()): BodyVerdict {
  const v: BodyVerdict = { must: [], shouldReject: [], shouldAccept: [], open: [], dropped: [] };
  if (!isObject(body)) return { ...v, must: ['body.not-object'] };
  for (const f of ['name', 'mfa_cert_profile']) {
    if (!has(body, f)) v.must.push(`body.${f}.required`);
    else if (typeof body[f] !== 'string') v.must.push(`body.${f}.type`);
    // semantics.md: an empty name "may be accepted or rejected with 400 E003"; Open points: mfa_cert_profile "" either.
    else if (body[f] === '') v.open.push(`body.${f}.empty`);
  }
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
  // semantics.md: "Unknown top-level keys (should): ignored and not stored. A client-supplied id is ignored".
  const unknown = Object.keys(body).filter((k) => !KNOWN.has(k));
  if (unknown.length > 0) { v.shouldAccept.push('body.unknown-key'); v.dropped.push(...unknown); }
  if (has(body, 'mfa_vendor_type')) {
    const vendor = vendorViolations(body['mfa_vendor_type'], cfg, oddNumbers);
    v.must.push(...vendor.must);
    v.shouldReject.push(...vendor.shouldReject);
    v.shouldAccept.push(...vendor.shouldAccept);
    v.open.push(...vendor.open);
    v.dropped.push(...vendor.dropped.map((k) => `mfa_vendor_type.${k}`));
  }
  return v;
}

// Is an answered object the stored object it should be? (semantics.md
// "Success": name, mfa_cert_profile, the container key, mfa_vendor_type with
// the defaults filled in, must; Open points "Stored objects and answers".)
// What passes, whatever is expected:
//   - secret fields: as sent, masked, encrypted, null or absent (never compared);
//   - okta_timeout as an integer or a numeric string of the same value;
//   - a built-in folder named by its other name (Shared / Prisma Access);
//   - mfa_vendor_type not sent: absent, null or {};
//   - another container key, or a vendor field neither sent nor defaulted:
//     absent or null ("" too for a field), as typed languages write them;
//   - keys the spec does not have and the request did not send.
// Echoing a key the request sent and a conforming target drops is a should.
import { spec } from '../spec/model.ts';
import type { Strength } from '../spec/types.ts';
import { sameContainer } from '../spec/aliases.ts';

export interface Difference { strength: Exclude<Strength, 'open'>; summary: string }

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const VENDORS = new Map(spec.vendors.map((v) => [v.name, v]));
const SECRET = new Set(spec.secretFields);
const TOP = new Set(['id', 'name', 'mfa_cert_profile', 'mfa_vendor_type', ...spec.containers]);
const blank = (v: unknown): boolean => v === undefined || v === null || v === '';
const noVendor = (v: unknown): boolean => v === undefined || v === null || (isObject(v) && Object.keys(v).length === 0);
const show = (v: unknown): string => { const s = JSON.stringify(v) ?? String(v); return s.length > 80 ? `${s.slice(0, 80)}…` : s; };

function sameField(field: string, got: unknown, want: unknown): boolean {
  if (got === want) return true;
  // Open point: "a response may carry it [okta_timeout] as an integer or a numeric string".
  if (field !== 'okta_timeout') return false;
  const n = (v: unknown): number => (typeof v === 'number' ? v : typeof v === 'string' && /^\s*[+-]?\d+\s*$/.test(v) ? Number(v) : NaN);
  return n(got) === n(want);
}

/** The strongest difference between `got` and `want` (ids compared when `want` has one), or undefined. */
export function storedDifference(got: Record<string, unknown>, want: Record<string, unknown>, dropped: readonly string[] = []): Difference | undefined {
  const diffs: Difference[] = [];
  const must = (summary: string): void => { diffs.push({ strength: 'must', summary }); };
  const echoed = (path: string): void => { if (dropped.includes(path)) diffs.push({ strength: 'should', summary: `${path} was sent and should be dropped, but is answered (semantics.md: unknown keys are ignored and not stored)` }); };
  if (want['id'] !== undefined && got['id'] !== want['id']) must(`id ${show(got['id'])} / Expected ${show(want['id'])}`);
  for (const k of ['name', 'mfa_cert_profile']) if (got[k] !== want[k]) must(`${k} ${show(got[k])} / Expected ${show(want[k])}`);
  for (const k of spec.containers) {
    const w = want[k] ?? null;
    const g = got[k] ?? null;
    if (w === null ? g !== null : !sameContainer(k, g, w)) must(`${k} ${show(got[k])} / Expected ${w === null ? '(none)' : show(w)}`);
  }
  vendorDifference(got['mfa_vendor_type'], want['mfa_vendor_type'], must, echoed);
  for (const k of Object.keys(got)) if (!TOP.has(k)) echoed(k);
  return diffs.find((d) => d.strength === 'must') ?? diffs[0];
}

function vendorDifference(got: unknown, want: unknown, must: (s: string) => void, echoed: (path: string) => void): void {
  if (noVendor(want)) {
    if (!noVendor(got)) must(`mfa_vendor_type ${show(got)} / Expected none (not sent)`);
    return;
  }
  if (!isObject(got) || !isObject(want)) { must(`mfa_vendor_type ${show(got)} / Expected ${show(want)}`); return; }
  const wantKeys = Object.keys(want).filter((k) => VENDORS.has(k)).sort().join(',');
  const gotKeys = Object.keys(got).filter((k) => VENDORS.has(k)).sort().join(',');
  if (wantKeys !== gotKeys) { must(`mfa_vendor_type holds ${gotKeys || 'no vendor'} / Expected ${wantKeys}`); return; }
  for (const k of Object.keys(got)) if (!VENDORS.has(k)) echoed(`mfa_vendor_type.${k}`);
  for (const name of wantKeys.split(',')) {
    const g = got[name];
    const w = want[name];
    if (!isObject(g)) { must(`mfa_vendor_type.${name} ${show(g)} / Expected an object`); continue; }
    const wf = isObject(w) ? w : {};
    const vendor = VENDORS.get(name)!;
    for (const f of vendor.fields) {
      if (SECRET.has(f.name)) continue; // secrets may come back masked, encrypted, null or absent
      const gv = g[f.name];
      const wv = wf[f.name];
      if (blank(wv) ? !blank(gv) : !sameField(f.name, gv, wv)) {
        must(`mfa_vendor_type.${name}.${f.name} ${show(gv)} / Expected ${blank(wv) ? '(not sent, no default)' : show(wv)}`);
      }
    }
    for (const k of Object.keys(g)) if (!vendor.fields.some((f) => f.name === k)) echoed(`mfa_vendor_type.${name}.${k}`);
  }
}

// Helpers for readings: wrap one step of the server so that readings compose
// (each wrapper calls what was there before it), and copy answers before
// changing them (the stored object is never edited in place).
import { byName, replaceByName } from '../pipeline.ts';
import type { Ctx, Reply, Server, Step } from '../types.ts';
import { isObject } from '../validate/json.ts';

/** Replaces the step called `name` by `run`, which gets the step it replaces as `prev`. */
export function wrapStep(s: Server, name: string, run: (prev: Step, ctx: Ctx, s: Server) => Reply | undefined): void {
  const prev = byName(s.steps, name);
  replaceByName(s.steps, name, { name, run: (ctx, srv) => run(prev, ctx, srv) });
}

/** Wraps how stored objects are answered: `f` gets a copy of the previous answer (vendor objects copied too). */
export function mapAnswer(s: Server, f: (o: Record<string, unknown>, srv: Server) => void): void {
  const prev = s.toAnswer;
  s.toAnswer = (obj, srv) => {
    const out = copyObject(prev(obj, srv));
    f(out, srv);
    return out;
  };
}

/** Wraps how valid bodies are stored: `f` gets a copy of the previous stored form. */
export function mapStored(s: Server, f: (o: Record<string, unknown>, srv: Server) => void): void {
  const prev = s.toStored;
  s.toStored = (body, srv) => {
    const out = copyObject(prev(body, srv));
    f(out, srv);
    return out;
  };
}

/** A copy of an object, its mfa_vendor_type and vendor objects (the only nested parts). */
function copyObject(o: Record<string, unknown>): Record<string, unknown> {
  const out = { ...o };
  const mvt = out.mfa_vendor_type;
  if (isObject(mvt)) {
    const m: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(mvt)) m[k] = isObject(v) ? { ...v } : v;
    out.mfa_vendor_type = m;
  }
  return out;
}

/** The vendor objects of a stored form or answer: [vendor key, fields] for each object-valued vendor. */
export function vendorObjects(o: Record<string, unknown>): Array<[string, Record<string, unknown>]> {
  const mvt = o.mfa_vendor_type;
  if (!isObject(mvt)) return [];
  return Object.entries(mvt).filter((e): e is [string, Record<string, unknown>] => isObject(e[1]));
}

export const isWrite = (ctx: Ctx): boolean => ctx.op === 'create' || ctx.op === 'update';

// Small helpers for reading parsed JSON safely: own keys only (a body's
// "__proto__" or "constructor" key is data, never the prototype), code-point
// lengths as JSON Schema counts them.

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function has(o: Record<string, unknown>, key: string): boolean {
  return Object.hasOwn(o, key);
}

/** The value of an own key, or undefined. */
export function own(o: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}

/** Length in Unicode code points ("ü" and "😀" are one each). */
export function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

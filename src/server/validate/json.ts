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

/** Length in Unicode code points ("ü" and "😀" are one each; a lone surrogate is one, as a string's iterator counts it). */
export function codePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i + 1 < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) continue;
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) {
      n--; // a surrogate pair is one code point
      i++;
    }
  }
  return n;
}

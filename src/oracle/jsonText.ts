// Readings of a JSON body text that JSON.parse alone cannot give: where the
// first complete value ends (semantics.md Open points: "Data after a complete
// JSON value"), and how each timeout number was written ("Timeouts written
// 30.0 or 3e1").

export type FirstValue =
  | { kind: 'whole'; value: unknown }
  | { kind: 'trailing'; value: unknown; end: number }
  | { kind: 'malformed' };

const WS = /^[ \t\n\r]*/;
const SCALAR = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/;

function parse(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

/** The text as one JSON value, or its first complete value followed by more data, or neither. */
export function firstValue(text: string): FirstValue {
  const whole = parse(text);
  if (whole) return { kind: 'whole', value: whole.value };
  const start = WS.exec(text)![0].length;
  const end = valueEnd(text, start);
  if (end === undefined) return { kind: 'malformed' };
  const first = parse(text.slice(0, end));
  // What follows the first value cannot be JSON white space alone (the whole text would have parsed): it is data,
  // even where it is white space to String.prototype.trim (U+00A0, U+FEFF, U+2028), which JSON is not.
  if (!first) return { kind: 'malformed' };
  return { kind: 'trailing', value: first.value, end };
}

/** Where the value starting at `i` ends (brackets matched outside strings); undefined when it does not. */
function valueEnd(text: string, i: number): number | undefined {
  const ch = text[i];
  if (ch === '"') return stringEnd(text, i);
  if (ch !== '{' && ch !== '[') {
    const m = SCALAR.exec(text.slice(i, i + 400));
    return m ? i + m[0].length : undefined;
  }
  let depth = 0;
  for (let j = i; j < text.length; j++) {
    const c = text[j];
    if (c === '"') {
      const e = stringEnd(text, j);
      if (e === undefined) return undefined;
      j = e - 1;
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return j + 1;
    }
  }
  return undefined;
}

function stringEnd(text: string, i: number): number | undefined {
  for (let j = i + 1; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '"') return j + 1;
  }
  return undefined;
}

// A cheap test first: most bodies write no timeout with a fraction or exponent.
const ODD_TIMEOUT = /_timeout"\s*:\s*-?\d+(?:\.\d|[eE])/;

/**
 * The `vendor.field` paths under mfa_vendor_type whose number was written
 * with a fraction or an exponent (30.0, 3e1). `text` must be valid JSON.
 */
export function oddlyWrittenNumbers(text: string): Set<string> {
  const out = new Set<string>();
  if (!ODD_TIMEOUT.test(text) && !/\\u/.test(text)) return out;
  walk(text, { i: 0 }, [], out);
  return out;
}

/** A small reader over valid JSON that records number lexemes three levels under mfa_vendor_type (the last duplicate key wins, as in JSON.parse). */
function walk(text: string, at: { i: number }, path: string[], out: Set<string>): void {
  skip(text, at);
  const c = text[at.i];
  if (c === '{') {
    at.i++;
    for (;;) {
      skip(text, at);
      if (text[at.i] === '}') { at.i++; return; }
      const end = stringEnd(text, at.i)!;
      const key = JSON.parse(text.slice(at.i, end)) as string;
      at.i = end;
      skip(text, at);
      at.i++; // ':'
      const inner = [...path, key];
      if (inner.length === 3 && inner[0] === 'mfa_vendor_type') out.delete(`${inner[1]}.${inner[2]}`);
      walk(text, at, inner, out);
      skip(text, at);
      if (text[at.i] === ',') at.i++;
    }
  }
  if (c === '[') {
    at.i++;
    for (;;) {
      skip(text, at);
      if (text[at.i] === ']') { at.i++; return; }
      walk(text, at, [...path, '[]'], out);
      skip(text, at);
      if (text[at.i] === ',') at.i++;
    }
  }
  if (c === '"') { at.i = stringEnd(text, at.i)!; return; }
  const m = SCALAR.exec(text.slice(at.i, at.i + 400))!;
  at.i += m[0].length;
  if (path.length === 3 && path[0] === 'mfa_vendor_type' && /[.eE]/.test(m[0])) out.add(`${path[1]}.${path[2]}`);
}

function skip(text: string, at: { i: number }): void {
  while (at.i < text.length && ' \t\n\r'.includes(text[at.i]!)) at.i++;
}

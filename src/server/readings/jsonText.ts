// A small scanner over JSON text, for the readings that need what JSON.parse
// does not keep: where the first complete value ends (data after it), and the
// lexeme a number was written with (30 or 30.0 or 3e1). Iterative, so deep
// nesting costs no stack. Written for this server; the oracle has its own.

const isWs = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** The index of the first non-whitespace character at or after `i`. */
export function skipWs(text: string, i: number): number {
  while (i < text.length && isWs(text[i])) i++;
  return i;
}

/** The index just after the string literal starting at `i` (a `"`), or -1 when it does not end. */
function endOfString(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    const c = text[j];
    if (c === '\\') j++;
    else if (c === '"') return j + 1;
  }
  return -1;
}

const DELIMITERS = new Set([',', ':', '[', ']', '{', '}', '"']);

/**
 * The index just after the JSON value starting at `i`, or -1 when it does
 * not end. Brackets are counted, not matched: the caller parses the span.
 */
export function endOfValue(text: string, i: number): number {
  const c = text[i];
  if (c === undefined) return -1;
  if (c === '"') return endOfString(text, i);
  if (c !== '{' && c !== '[') {
    let j = i;
    while (j < text.length && !isWs(text[j]) && !DELIMITERS.has(text[j] ?? '')) j++;
    return j > i ? j : -1;
  }
  let depth = 0;
  for (let j = i; j < text.length; j++) {
    const d = text[j];
    if (d === '"') {
      j = endOfString(text, j) - 1;
      if (j < 0) return -1;
    } else if (d === '{' || d === '[') depth++;
    else if (d === '}' || d === ']') {
      depth--;
      if (depth === 0) return j + 1;
    }
  }
  return -1;
}

/**
 * The text of the value at `path` (object keys from the top) in a valid JSON
 * text, as written; undefined when there is none. A key given twice counts by
 * its last occurrence, as JSON.parse reads it.
 */
export function lexemeAt(text: string, path: readonly string[]): string | undefined {
  let start = skipWs(text, 0);
  let end = endOfValue(text, start);
  for (const key of path) {
    if (text[start] !== '{') return undefined;
    let i = skipWs(text, start + 1);
    let found: [number, number] | undefined;
    while (text[i] === '"') {
      const keyEnd = endOfString(text, i);
      if (keyEnd < 0) return undefined;
      const k = JSON.parse(text.slice(i, keyEnd)) as string;
      const vStart = skipWs(text, skipWs(text, keyEnd) + 1); // past ':'
      const vEnd = endOfValue(text, vStart);
      if (vEnd < 0) return undefined;
      if (k === key) found = [vStart, vEnd];
      i = skipWs(text, vEnd);
      if (text[i] !== ',') break;
      i = skipWs(text, i + 1);
    }
    if (!found) return undefined;
    [start, end] = found;
  }
  return end < 0 ? undefined : text.slice(start, end);
}

// Lengths count Unicode code points, as JSON Schema does (semantics.md
// "Vendor fields"): "😀" is one character, not two UTF-16 units.
/** Length in code points (JSON Schema's reading): UTF-16 units less the low halves of pairs. */
export function codePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) { n--; i++; }
  }
  return n;
}

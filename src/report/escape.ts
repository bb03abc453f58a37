// Hostile counterexamples (`<script>`, quotes, NUL, ANSI escapes, lone
// surrogates, emoji) must neither break a report's syntax nor drive a
// terminal. One place decides how each output escapes them.

// C0 controls except tab/newline, DEL, C1 controls, lone surrogates and the
// two XML noncharacters: none is valid XML 1.0, and none is readable as text.
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Shows invisible characters as `\x1b` / `\ud800` so a reader sees what was sent; `\r` too. */
export function showControls(s: string): string {
  return s.replace(INVISIBLE, (c) => {
    const n = c.charCodeAt(0);
    return n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
  }).replace(/\r/g, '\\r');
}

/** For one-line contexts (console lines, XML attributes): newlines and tabs shown escaped too. */
export function oneLine(s: string): string {
  return showControls(s).replace(/\n/g, '\\n').replace(/\t/g, '\\t');
}

export function escapeHtml(s: string): string {
  return showControls(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** XML text and attribute values; newlines and tabs in attributes are kept as character references. */
export function escapeXml(s: string, attribute = false): string {
  const out = showControls(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
  return attribute ? out.replace(/\n/g, '&#10;').replace(/\t/g, '&#9;') : out;
}

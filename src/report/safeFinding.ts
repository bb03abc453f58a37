// A Finding as the reports show it: request and response rendered as text,
// every part redacted (reportRedaction.ts), nothing else changed. Escaping for
// HTML/XML/terminal happens later, in each writer.
import { redactBody, redactJson, redactRequest, REDACTED } from '../spec/redact.ts';
import type { ApiResponse, Finding } from '../runner/results.ts';
import type { Expectation } from '../spec/expectation.ts';
import { CREDENTIAL_HEADERS, safeText, secretVariants } from './reportRedaction.ts';

export interface SafeFinding {
  check: string;
  rule: string;
  strength: string;
  severity: string;
  summary: string;
  /** What the response was held to, as data (spec/expectation.ts), every string redacted. */
  expected?: Expectation;
  /** `METHOD path`, headers, blank line, body. */
  request: string;
  /** `HTTP status`, headers, blank line, body; or `(no response)`. */
  response: string;
  replay: string;
  seed: number;
  path?: string;
  /** A shrunk command sequence: its steps, redacted (`replay FILE` resends them). */
  sequence?: SafeSequence;
}

export interface SafeSequence {
  file: string;
  seed: number;
  path?: string;
  containers: Array<{ key: string; value: string; owned: boolean }>;
  steps: Array<{
    n: number; command: string; method: string; path: string; replayPath: string; replayBody?: string;
    token: string; expected: string; received: string; replay: string; failed?: boolean;
  }>;
}

/** A JSON value with every string (keys too) through safeText. */
function safeStrings(v: unknown, secrets: readonly string[]): unknown {
  if (typeof v === 'string') return safeText(v, secrets);
  if (Array.isArray(v)) return v.map((x) => safeStrings(x, secrets));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [safeText(k, secrets), safeStrings(x, secrets)]));
  return v;
}

/** JSON bodies are pretty-printed so a reader sees the offending field. */
function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

// The shape redactRequest gives an Authorization value: kept, it carries the token length.
const ALREADY = /^(?:\S+ )?\[REDACTED\](?: \(\d+ chars\))?$/;

// A newline inside a header value or path would read as a new header line: show it escaped.
const flat = (s: string): string => s.replace(/\r/g, '\\r').replace(/\n/g, '\\n');

function headerLines(headers: Record<string, string>, secrets: readonly string[]): string {
  return Object.entries(headers)
    .map(([k, v]) => `${flat(k)}: ${CREDENTIAL_HEADERS.has(k.toLowerCase()) && !ALREADY.test(v) ? redactAuth(v) : flat(safeText(v, secrets))}`)
    .join('\n');
}

/** Keeps the scheme word so a reader can tell "Basic" from "Bearer". */
function redactAuth(v: string): string {
  const scheme = /^\s*([A-Za-z]+)\s+\S/.exec(v)?.[1];
  return scheme ? `${scheme} ${REDACTED}` : REDACTED;
}

/** A body shown in a report: at most `max` characters, the rest elided with its size. */
export function elide(body: string, max: number, fullBytes?: number): string {
  const size = fullBytes ?? Buffer.byteLength(body);
  if (body.length <= max) return fullBytes !== undefined && fullBytes > Buffer.byteLength(body) ? `${body}\n… (cut: ${Buffer.byteLength(body)} of ${fullBytes} bytes kept)` : body;
  return `${body.slice(0, max)}\n… (${size} bytes; ${size - Buffer.byteLength(body.slice(0, max))} elided)`;
}

/** Characters of a body a report shows (conformance.json; the HTML page shows fewer: htmlSections.ts). */
export const REPORT_BODY_CHARS = 16 * 1024;

export function requestText(f: Finding, secrets: readonly string[], max = REPORT_BODY_CHARS): string {
  const req = redactRequest(f.request, secretVariants(secrets));
  const head = flat(`${req.method} ${safeText(req.path, secrets)}`);
  const headers = headerLines(req.headers, secrets);
  const body = req.body === undefined ? '' : `\n\n${elide(safeText(pretty(req.body as string), secrets), max, f.requestBodyBytes)}`;
  return [head, headers].filter((s) => s !== '').join('\n') + body;
}

export function responseText(res: ApiResponse | undefined, secrets: readonly string[], max = REPORT_BODY_CHARS): string {
  if (!res) return '(no response)';
  const headers = headerLines(res.headers, secrets);
  const body = elide(safeText(pretty(redactBody(res.body, secretVariants(secrets))), secrets), max, res.bodyBytes);
  return `HTTP ${res.status}${headers ? `\n${headers}` : ''}\n\n${body}${res.truncated ? '\n… (truncated by the harness at 1 MiB)' : ''}`;
}

const SCHEMES = /^(bearer|basic|digest|token|apikey)$/i;

/**
 * redactText turns `Authorization: Bearer x` into `Authorization: [REDACTED]`,
 * which leaves a replay line that cannot be pasted. Put back the scheme (only
 * a known scheme word, never a token fragment) and a shell variable, so the
 * reader sets MFA_TOKEN and runs the line. Needs the header in double quotes
 * (`-H "Authorization: …"`): inside single quotes redactText eats the rest of
 * the line.
 */
export function safeReplay(replay: string, secrets: readonly string[]): string {
  const schemes = [...replay.matchAll(/authorization\s*:\s*"?([^"\r\n]*)/gi)].map((m) => /^\s*([A-Za-z]+)\s+\S/.exec(m[1] ?? '')?.[1]);
  let i = 0;
  return safeText(replay, secrets).replace(/(authorization\s*:\s*)\[REDACTED\]/gi, (_m, head: string) => {
    const scheme = schemes[i++];
    return scheme && SCHEMES.test(scheme) ? `${head}${scheme} $MFA_TOKEN` : `${head}$MFA_AUTHORIZATION`;
  });
}

export function safeFinding(f: Finding, secrets: readonly string[]): SafeFinding {
  const out: SafeFinding = {
    check: f.check,
    rule: f.rule,
    strength: f.strength,
    severity: f.severity,
    summary: safeText(f.summary, secrets),
    ...(f.expected && { expected: safeStrings(redactJson(f.expected), secrets) as Expectation }),
    request: requestText(f, secrets),
    response: responseText(f.response, secrets),
    replay: safeReplay(f.replay, secrets),
    seed: f.seed,
  };
  if (f.path !== undefined) out.path = safeText(f.path, secrets);
  if (f.sequence) {
    const q = f.sequence;
    out.sequence = {
      file: q.file, seed: q.seed, ...(q.path !== undefined && { path: q.path }),
      containers: q.containers.map((c) => ({ key: c.key, value: safeText(c.value, secrets), owned: c.owned })),
      steps: q.steps.map((st) => ({
        n: st.n, command: st.command, method: st.request.method, path: safeText(st.request.path, secrets), replayPath: safeText(st.replayPath, secrets),
        ...(st.replayBody !== undefined && { replayBody: safeText(redactBody(st.replayBody, secretVariants(secrets)), secrets) }),
        token: st.token, expected: safeText(st.expected, secrets), received: safeText(st.received, secrets), replay: safeReplay(st.replay, secrets),
        ...(st.failed && { failed: true }),
      })),
    };
  }
  return out;
}

/** Steps of one command run together (a fill's creates): shown as one line with a count. */
export function groupedSteps(q: SafeSequence): Array<{ from: number; to: number; step: SafeSequence['steps'][number]; count: number }> {
  const out: Array<{ from: number; to: number; step: SafeSequence['steps'][number]; count: number }> = [];
  for (const st of q.steps) {
    const last = out[out.length - 1];
    if (last && !st.failed && !last.step.failed && last.step.command === st.command && last.step.method === st.method && last.step.expected === st.expected && last.step.received === st.received) {
      last.to = st.n; last.count++;
      continue;
    }
    out.push({ from: st.n, to: st.n, step: st, count: 1 });
  }
  return out;
}

/** One line per step (or group of steps): `3. POST /mfa-servers (create ...) → expected 200, got 200`. */
export function stepLines(q: SafeSequence): string[] {
  return groupedSteps(q).map((g) => {
    const n = g.count > 1 ? `${g.from}-${g.to}` : String(g.from);
    const what = g.count > 1 ? `${g.step.method} ×${g.count}` : `${g.step.method} ${g.step.path}`;
    return `${n}. ${what} (${g.step.command}) → expected ${g.step.expected}, got ${g.step.received}${g.step.failed ? '  ✗' : ''}`;
  });
}

// Secrets never reach a log, console line or report (README "Reports"):
// bearer tokens, Authorization values, and the secret vendor fields
// (`format: password` in the spec: okta_token, ping_use_base64_key,
// rsa_accesskey, duo_secret_key). Every writer passes text through here.
import { spec } from './model.ts';
import type { ApiRequest } from './types.ts';

export const REDACTED = '[REDACTED]';

const secretKey = new Set(spec.secretFields);

/**
 * What a secret field's value becomes: its length stays readable, so a
 * failed length rule can be read (`[REDACTED 7 chars]`, code points as the
 * rules count them). A value that is no string (a type case) is no secret.
 */
export function redactedSecret(value: unknown): unknown {
  return typeof value === 'string' ? `[REDACTED ${[...value].length} chars]` : value;
}

/** A copy of a JSON value with every secret field's value replaced. */
export function redactJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactJson);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = secretKey.has(k) ? redactedSecret(v) : redactJson(v);
    return out;
  }
  return value;
}

/** The JSON string literal's text, or undefined when it is not one. */
function stringLiteral(literal: string): string | undefined {
  try {
    const v = JSON.parse(literal) as unknown;
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const fieldRe = new RegExp(`("(?:${spec.secretFields.map(escape).join('|')})"\\s*:\\s*)("(?:[^"\\\\]|\\\\.)*"|[^,}\\]\\s]+)`, 'g');

/**
 * Redacts free text: known secret strings (tokens the run was given, secret
 * values it generated), `Bearer <x>` / Authorization values, and secret
 * fields inside JSON-looking text even when the JSON does not parse.
 */
export function redactText(text: string, secrets: Iterable<string> = []): string {
  let out = text;
  const list = [...new Set([...secrets].filter((s) => s.length >= 4))].sort((a, b) => b.length - a.length);
  for (const s of list) out = out.split(s).join(REDACTED);
  out = out.replace(/(authorization\s*[:=]\s*"?)([^"\r\n]*)/gi, `$1${REDACTED}`);
  out = out.replace(/\b(bearer)\s+[^\s"',;]+/gi, `$1 ${REDACTED}`);
  out = out.replace(fieldRe, (m, head: string, value: string) => {
    // A replay line's splice `"'"$MFA_OKTA_TOKEN"'"` holds no value: the variable is read by the shell.
    if (value === `"'"`) return m;
    const text = stringLiteral(value);
    if (text !== undefined && ALREADY_REDACTED.test(text)) return `${head}${value}`;
    return `${head}"${text === undefined ? REDACTED : (redactedSecret(text) as string)}"`;
  });
  return out;
}

const ALREADY_REDACTED = /^\[REDACTED(?: \d+ chars)?\]$/;

/** The environment variable a replay line reads a secret field's value from: `MFA_OKTA_TOKEN`. */
export const secretEnvVar = (field: string): string => `MFA_${field.toUpperCase()}`;

const replayFieldRe = new RegExp(`("(?:${spec.secretFields.map(escape).join('|')})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'g');

/**
 * A JSON body as pieces for a replay line: the text, with each secret
 * field's string value replaced by a reference to its environment variable
 * (`{ env: 'MFA_OKTA_TOKEN' }`). Other secrets in free text are redacted.
 */
export function replayPieces(text: string, secrets: Iterable<string> = []): Array<string | { env: string }> {
  const out: Array<string | { env: string }> = [];
  let last = 0;
  for (const m of text.matchAll(replayFieldRe)) {
    const field = /"([^"]+)"/.exec(m[1]!)![1]!;
    out.push(redactText(text.slice(last, m.index! + m[1]!.length), secrets), '"', { env: secretEnvVar(field) }, '"');
    last = m.index! + m[0].length;
  }
  out.push(redactText(text.slice(last), secrets));
  // Adjacent texts as one piece: one quoted shell word each.
  const merged: Array<string | { env: string }> = [];
  for (const p of out) {
    const prev = merged[merged.length - 1];
    if (typeof p === 'string' && typeof prev === 'string') merged[merged.length - 1] = prev + p;
    else if (p !== '') merged.push(p);
  }
  return merged;
}

/** A request safe to report: Authorization replaced, secret fields redacted in the body. */
export function redactRequest(req: ApiRequest, secrets: Iterable<string> = []): ApiRequest {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) headers[k] = k.toLowerCase() === 'authorization' ? authShape(v) : redactText(v, secrets);
  const out: ApiRequest = { method: req.method, path: redactText(req.path, secrets), headers };
  if (req.body !== undefined) out.body = redactBody(typeof req.body === 'string' ? req.body : new TextDecoder().decode(req.body), secrets);
  return out;
}

/** Keeps what a reader needs (scheme, length) and drops the credential. */
function authShape(v: string): string {
  const m = /^\s*(\S+)\s+(.*)$/s.exec(v);
  return m ? `${m[1]} ${REDACTED} (${m[2]!.length} chars)` : v.trim() === '' ? v : REDACTED;
}

export function redactBody(body: string, secrets: Iterable<string> = []): string {
  try {
    return redactText(JSON.stringify(redactJson(JSON.parse(body))), secrets);
  } catch {
    return redactText(body, secrets);
  }
}

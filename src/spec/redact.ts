// Secrets never reach a log, console line or report (README "Standards"):
// bearer tokens, Authorization values, and the secret vendor fields
// (`format: password` in the spec: okta_token, ping_use_base64_key,
// rsa_accesskey, duo_secret_key). Every writer passes text through here.
import { spec } from './model.ts';
import type { ApiRequest } from './types.ts';

export const REDACTED = '[REDACTED]';

const secretKey = new Set(spec.secretFields);

/** A copy of a JSON value with every secret field's value replaced. */
export function redactJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactJson);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = secretKey.has(k) ? REDACTED : redactJson(v);
    return out;
  }
  return value;
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
  out = out.replace(fieldRe, `$1"${REDACTED}"`);
  return out;
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

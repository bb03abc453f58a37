// Redaction at the writer boundary (README "Reports": no token, no
// Authorization value, no secret field value in any report). Every string a
// reporter prints goes through `safeText`, which runs src/spec/redact.ts and
// then a few report-only extras, so the runner's own redaction is never
// trusted alone.
import { REDACTED, redactText } from '../spec/redact.ts';
import { spec } from '../spec/model.ts';

/**
 * The forms a secret takes once it has been encoded somewhere: JSON string
 * escapes (inside a body), percent-encoding (inside a path or query) and the
 * shell's `'\''` (inside a single-quoted replay argument).
 */
export function secretVariants(secrets: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const s of secrets) {
    if (s.length < 4) continue;
    out.add(s);
    out.add(JSON.stringify(s).slice(1, -1));
    out.add(encodeURIComponent(s));
    out.add(encodeURI(s));
    out.add(s.replace(/'/g, `'\\''`));
  }
  return [...out];
}

const secretNames = [...spec.secretFields, 'token', 'access_token', 'client_secret', 'api_key'];
// `?okta_token=x` in a path, `--token x` / `--token=x` on a command line,
// `MFA_TOKEN=x` env assignments, `user:pass@` in a URL. A value that is a
// shell variable (`$MFA_TOKEN`) is kept: it tells the reader what to set.
const queryRe = new RegExp(`([?&](?:${secretNames.join('|')})=)([^&#\\s'"]*)`, 'gi');
const flagRe = /(--[a-z-]*(?:token|secret|password)(?:=|\s+))(?!"?\$)("[^"]*"|'[^']*'|\S+)/gi;
const envRe = /\b([A-Z][A-Z0-9_]*(?:TOKEN|SECRET|PASSWORD)=)(?!\$)("[^"]*"|'[^']*'|\S+)/g;
const userinfoRe = /(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s@'"]+@/gi;

export function safeText(text: string, secrets: readonly string[]): string {
  let out = redactText(text, secretVariants(secrets));
  out = out.replace(queryRe, `$1${REDACTED}`);
  out = out.replace(flagRe, `$1${REDACTED}`);
  out = out.replace(envRe, `$1${REDACTED}`);
  out = out.replace(userinfoRe, `$1${REDACTED}@`);
  return out;
}

/** Response headers that carry credentials too (`set-cookie`, `www-authenticate` challenges are fine). */
export const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key']);

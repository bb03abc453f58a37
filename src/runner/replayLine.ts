// A curl line that replays one request. Tokens never appear: a configured
// token becomes an environment variable reference, any other Authorization
// value is described, and a secret field's value is read from an environment
// variable of its own (`$MFA_OKTA_TOKEN`; the report shows its length), so
// the line replays (README "Concepts": Finding).
import { redactText, replayPieces } from '../spec/redact.ts';
import type { ApiRequest } from '../spec/types.ts';

export interface ReplayTokens { token?: string; readOnlyToken?: string; expiredToken?: string }

export function shellQuote(s: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[\x00-\x1f\x7f]/.test(s)) return `'${s.replace(/'/g, `'\\''`)}'`;
  const esc = s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/[\x00-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return `$'${esc}'`;
}

/** The Authorization header as a shell word: a configured token becomes an env var reference. */
function authHeader(name: string, v: string, tokens: ReplayTokens): string {
  const m = /^(\s*\S+\s+)(.*)$/s.exec(v);
  if (!m) return shellQuote(`${name}: ${v.length > 0 ? '[REDACTED]' : ''}`);
  const scheme = m[1]!;
  const cred = m[2]!;
  const env = cred === tokens.token ? 'MFA_TOKEN' : cred === tokens.readOnlyToken ? 'MFA_READ_ONLY_TOKEN' : cred === tokens.expiredToken ? 'MFA_EXPIRED_TOKEN' : undefined;
  if (env) return `"${`${name}: ${scheme}`.replace(/["$`\\]/g, '\\$&')}\${${env}}"`;
  return `"${`${name}: ${scheme}`.replace(/["$`\\]/g, '\\$&')}[REDACTED: ${cred.length} chars, not a configured token]"`;
}

export function replayLine(url: string, req: ApiRequest, tokens: ReplayTokens): string {
  const parts = ['curl -sS -i', '-X', req.method, shellQuote(url)];
  for (const [k, v] of Object.entries(req.headers)) {
    parts.push('-H', k.toLowerCase() === 'authorization' ? authHeader(k, v, tokens) : shellQuote(`${k}: ${redactText(v)}`));
  }
  if (req.body !== undefined) {
    // Byte-faithful except secret values: the text as sent (30.0 stays 30.0;
    // a JSON re-serialisation would not), each secret value an env var.
    const raw = typeof req.body === 'string' ? req.body : new TextDecoder().decode(req.body);
    const trimmed = raw.trimEnd();
    const pad = raw.length - trimmed.length;
    if (pad > 64) parts.push('--data-binary', `"$(printf '%s%${pad}s' ${shellWord(trimmed)} '')"`);
    else if (raw.length > 8192) parts.push('--data-binary', shellQuote(`${redactText(raw.slice(0, 200))}…(${raw.length} bytes, cut)`));
    else parts.push('--data-binary', shellWord(raw));
  }
  return parts.join(' ');
}

/** One shell word: quoted text, with `"$MFA_<FIELD>"` wherever a secret field's value goes. */
function shellWord(text: string): string {
  const pieces = replayPieces(text);
  if (pieces.length === 0) return "''";
  return pieces.map((p) => (typeof p === 'string' ? shellQuote(p) : `"$${p.env}"`)).join('');
}

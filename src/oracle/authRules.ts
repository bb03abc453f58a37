// Authentication and permission (semantics.md "Authentication"; seed:212-282).
// Order within authentication: contracts/decisions.md "Authentication".
import type { OracleConfig } from './config.ts';
import type { ParsedRequest } from './parseRequest.ts';

export type Caller = 'read-write' | 'read-only';

/**
 * The credential of an Authorization value, '' when there is none. HTTP
 * strips optional whitespace (space, tab) around a header value; RFC 7235:
 * credentials = auth-scheme [ 1*SP token68 ], the scheme case-insensitive.
 */
export function bearerToken(header: string | undefined): string {
  const h = header?.replace(/^[ \t]+|[ \t]+$/g, '');
  const m = h === undefined ? null : /^([^ ]+)(?: +(.*))?$/s.exec(h);
  return m && m[1]!.toLowerCase() === 'bearer' ? (m[2] ?? '') : '';
}

/** The rule id the Authorization header breaks, or the caller it identifies. */
export function authenticate(req: ParsedRequest, cfg: OracleConfig, ignoreLength = false): { rule: string } | { caller: Caller } {
  const token = bearerToken(req.header('authorization'));
  if (token === '') return { rule: 'auth.not-authenticated' };
  // Key Too Long is a should; a target without it treats the token as unknown.
  if (token.length > 8192 && !ignoreLength) return { rule: 'auth.key-too-long' };
  if (cfg.expiredTokens.includes(token)) return { rule: 'auth.key-expired' };
  if (cfg.tokens.includes(token)) return { caller: 'read-write' };
  if (cfg.readOnlyTokens.includes(token)) return { caller: 'read-only' };
  return { rule: 'auth.invalid-credential' };
}

// Authentication (semantics.md "Authentication"; seed:212-242) and
// permission (seed:282). 401s come first, as a gateway answers before routing.
import { param } from '../spec/model.ts';
import type { Evaluation } from './evaluation.ts';
import { outcomeOf } from './outcome.ts';

export type Caller = 'read-write' | 'read-only';

/** RFC 7235: credentials = auth-scheme [ 1*SP token68 ]; HTTP strips spaces and tabs around a header value. */
const CREDENTIALS = /^(\S+)(?:( +)(.*))?$/s;

/** The credential of an Authorization value, '' when there is none (as the reference reads it). */
export function bearerToken(header: string | undefined): string {
  const m = CREDENTIALS.exec(header?.replace(/^[ \t]+|[ \t]+$/g, '') ?? '');
  return m && m[1]!.toLowerCase() === 'bearer' ? (m[3] ?? '') : '';
}

const INVALID_CREDENTIAL = { message: 'Invalid Credential' } as const;

export function authStep(e: Evaluation): boolean {
  const m = CREDENTIALS.exec(e.p.header('authorization')?.replace(/^[ \t]+|[ \t]+$/g, '') ?? '');
  if (!m || m[1]!.toLowerCase() !== 'bearer') return notAuthenticated(e);
  if (m[1] !== 'Bearer') {
    // semantics.md "Precedence" (should): the scheme word is case-insensitive (RFC 7235).
    if (e.c.choose('auth.scheme-case', 'should', ['accept', 'reject']) === 'reject') {
      e.push(outcomeOf('auth.scheme-case', undefined, { status: 401, code: 'E016', message: 'Not Authenticated' }));
      return false;
    }
    e.claim('auth.scheme-case');
    e.capSuccess = true;
  }
  const token = m[3] ?? '';
  if (token === '') {
    // Open point: "Bearer with an empty token: Not Authenticated or Invalid Credential".
    const how = e.c.choose('auth.empty-token', 'open', ['not-authenticated', 'invalid-credential']);
    e.push(outcomeOf('auth.empty-token', undefined, how === 'invalid-credential' ? INVALID_CREDENTIAL : undefined));
    return false;
  }
  if (m[2]!.length > 1) {
    // RFC 7235 allows 1*SP; a target that splits on one space reads an empty or a space-led token.
    const how = e.c.choose('auth.token-spacing', 'open', ['trim', 'not-authenticated', 'invalid-credential']);
    if (how !== 'trim') {
      e.push(outcomeOf('auth.token-spacing', undefined, how === 'invalid-credential' ? INVALID_CREDENTIAL : undefined));
      return false;
    }
    e.claim('auth.token-spacing');
  }
  if (tooLong(e, token.length)) return false;
  const { cfg } = e;
  if (cfg.expiredTokens.includes(token)) e.push(outcomeOf('auth.key-expired'));
  else if (cfg.tokens.includes(token)) e.caller = 'read-write';
  else if (cfg.readOnlyTokens.includes(token)) e.caller = 'read-only';
  else e.push(outcomeOf('auth.invalid-credential'));
  return false;
}

function notAuthenticated(e: Evaluation): boolean {
  e.push(outcomeOf('auth.not-authenticated'));
  return false;
}

/**
 * Key Too Long is a should, and so is its threshold (Open points): over 8192
 * characters, Key Too Long; a target without the rule reads it as a token, or
 * its HTTP layer answers 400 or 431 (often without the envelope). Near the
 * threshold the token is read as any other, and those answers warn. An
 * unknown token is never accepted, whatever the reading: a must.
 */
function tooLong(e: Evaluation, length: number): boolean {
  const max = param('auth.key-too-long', 'maxTokenLength');
  if (length <= param('auth.key-too-long', 'nearTokenLength')) return false;
  const how = length > max
    ? e.c.choose('auth.key-too-long', 'should', ['key-too-long', 'as-token', 'http-400', 'http-431'])
    : e.c.choose('auth.key-too-long', 'should', ['as-token', 'key-too-long', 'http-400', 'http-431']);
  if (how === 'as-token') return false;
  e.raise();
  const base = outcomeOf('auth.key-too-long');
  e.push(how === 'key-too-long' ? base : outcomeOf('auth.key-too-long', undefined, { status: how === 'http-400' ? 400 : 431, code: undefined, message: undefined }));
  return true;
}

const WRITES = new Set(['POST', 'PUT', 'DELETE']);

/** A read-only token may not write (seed:282, must). */
export function permissionStep(e: Evaluation): boolean {
  if (e.caller === 'read-only' && WRITES.has(e.p.method)) e.push(outcomeOf('permission.read-only'));
  return false;
}

// Authentication and permission (semantics.md "Authentication"; seed lines
// 208-247 for the 401 bodies, 278-287 for the 403 body; decisions.md
// "Authentication" for the order of the four 401 cases).
import { fail } from '../errors.ts';
import type { Ctx, Step } from '../types.ts';

export type Credential =
  | { kind: 'none' }
  | { kind: 'token'; token: string };

/**
 * Reads `Authorization: Bearer <token>`. The scheme word is compared
 * case-insensitively (RFC 7235); the token is the text after the scheme and
 * its spaces, with trailing spaces trimmed (decisions.md). Only the first
 * header value counts.
 */
export function parseAuthorization(value: string | undefined): Credential {
  if (value === undefined) return NONE;
  // Index arithmetic rather than regex replaces (a per-request cost): the
  // value without leading and trailing spaces and tabs is value[a, b).
  let a = 0;
  let b = value.length;
  while (a < b && isSpaceOrTab(value.charCodeAt(a))) a++;
  while (b > a && isSpaceOrTab(value.charCodeAt(b - 1))) b--;
  let sp = value.indexOf(' ', a);
  if (sp >= b) sp = -1;
  const scheme = value.slice(a, sp < 0 ? b : sp);
  if (scheme !== 'Bearer' && scheme.toLowerCase() !== 'bearer') return NONE;
  if (sp < 0) return NONE;
  let t = sp + 1;
  while (t < b && value.charCodeAt(t) === 0x20) t++; // the spaces after the scheme (b already excludes trailing ones)
  if (t === b) return NONE;
  return { kind: 'token', token: value.slice(t, b) };
}

const NONE: Credential = Object.freeze({ kind: 'none' });
const isSpaceOrTab = (c: number): boolean => c === 0x20 || c === 0x09;

/** Step 1 of "Precedence": 401 before routing, as a gateway does. */
export const authStep: Step = {
  name: 'auth',
  run(ctx: Ctx, s) {
    const cred = parseAuthorization(ctx.header('authorization'));
    if (cred.kind === 'none') return fail(s, 'not_authenticated');
    const t = cred.token;
    // should: tokens over 8192 characters are "Key Too Long" (seed line 232).
    if (t.length > s.maxTokenLength) return fail(s, 'key_too_long');
    if (s.tokens.expired.has(t)) return fail(s, 'key_expired');
    if (s.tokens.rw.has(t)) ctx.role = 'rw';
    else if (s.tokens.ro.has(t)) ctx.role = 'ro';
    else return fail(s, 'invalid_credential');
    return undefined;
  },
};

/** After routing: a read-only token may not POST, PUT or DELETE (403 E007, seed line 282). */
export const permissionStep: Step = {
  name: 'permission',
  run(ctx, s) {
    const writes = ctx.op === 'create' || ctx.op === 'update' || ctx.op === 'delete';
    if (writes && ctx.role !== 'rw') return fail(s, 'unauthorized');
    return undefined;
  },
};

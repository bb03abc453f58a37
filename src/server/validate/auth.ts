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
  if (value === undefined) return { kind: 'none' };
  const h = value.replace(/^[ \t]+|[ \t]+$/g, '');
  const sp = h.indexOf(' ');
  const scheme = sp < 0 ? h : h.slice(0, sp);
  if (scheme.toLowerCase() !== 'bearer') return { kind: 'none' };
  const token = sp < 0 ? '' : h.slice(sp + 1).replace(/^ +/, '').replace(/ +$/, '');
  if (token === '') return { kind: 'none' };
  return { kind: 'token', token };
}

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

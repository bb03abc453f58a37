// Readings of authentication (semantics.md "Authentication" and "Open
// points"; rules auth.empty-token, auth.token-spacing, auth.key-too-long).
import { fail } from '../errors.ts';
import { parseAuthorization } from '../validate/auth.ts';
import type { Reading } from './types.ts';
import { wrapStep } from './wrap.ts';

/** `Bearer` followed by two or more spaces and then a token. */
const SPACED = /^[ \t]*bearer {2,}(?=[^ ])/i;

export const AUTH_READINGS: Record<string, Reading> = {
  'empty-bearer-invalid-credential': {
    point: 'auth.empty-token',
    strength: 'open',
    description: '`Bearer` with an empty token gets 401 E016 Invalid Credential (an empty token is an unknown token).',
    apply: (s) =>
      wrapStep(s, 'auth', (prev, ctx, srv) => {
        const h = ctx.header('authorization');
        return h !== undefined && /^[ \t]*bearer[ \t]*$/i.test(h) ? fail(srv, 'invalid_credential') : prev.run(ctx, srv);
      }),
  },
  'token-spacing-strict': {
    point: 'auth.token-spacing',
    strength: 'open',
    description: '`Bearer  <token>` (more than one space) gets 401 E016 Not Authenticated (a server splitting the header on one space).',
    apply: (s) =>
      wrapStep(s, 'auth', (prev, ctx, srv) => (SPACED.test(ctx.header('authorization') ?? '') ? fail(srv, 'not_authenticated') : prev.run(ctx, srv))),
  },
  'token-spacing-invalid-credential': {
    point: 'auth.token-spacing',
    strength: 'open',
    description: '`Bearer  <token>`: the token is read with its leading space, an unknown token: 401 E016 Invalid Credential (Key Too Long past 8192 characters).',
    apply: (s) =>
      wrapStep(s, 'auth', (prev, ctx, srv) => {
        const h = ctx.header('authorization') ?? '';
        const m = SPACED.exec(h);
        if (!m) return prev.run(ctx, srv);
        const token = h.slice(h.toLowerCase().indexOf('bearer') + 7).replace(/[ \t]+$/, '');
        return fail(srv, token.length > srv.maxTokenLength ? 'key_too_long' : 'invalid_credential');
      }),
  },
  'long-token-431': {
    point: 'auth.key-too-long',
    strength: 'should',
    description: 'A token over 8192 characters gets 431 with an empty body (an HTTP layer refusing the header).',
    apply: (s) =>
      wrapStep(s, 'auth', (prev, ctx, srv) => {
        const cred = parseAuthorization(ctx.header('authorization'));
        if (cred.kind === 'token' && cred.token.length > srv.maxTokenLength) return { status: 431, body: undefined, text: '' };
        return prev.run(ctx, srv);
      }),
  },
};

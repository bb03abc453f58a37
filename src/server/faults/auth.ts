// Faults in authentication (semantics.md "Authentication") and permission.
import { fail } from '../errors.ts';
import { byName, replaceByName } from '../pipeline.ts';
import type { Fault } from './types.ts';

export const AUTH_FAULTS: Record<string, Fault> = {
  'no-auth': {
    kind: 'auth',
    description: 'Any request, with any token or none, is treated as read-write.',
    apply: (s) =>
      replaceByName(s.steps, 'auth', {
        name: 'auth',
        run(ctx) {
          ctx.role = 'rw';
          return undefined;
        },
      }),
  },
  'expired-token-accepted': {
    kind: 'auth',
    description: 'Expired tokens are accepted as read-write tokens instead of 401 Key Expired.',
    apply: (s) => {
      for (const t of s.tokens.expired) s.tokens.rw.add(t);
      s.tokens.expired.clear();
    },
  },
  'key-too-long-not-checked': {
    kind: 'auth',
    description: 'Tokens over 8192 characters get 401 Invalid Credential instead of Key Too Long.',
    apply: (s) => {
      s.maxTokenLength = Number.POSITIVE_INFINITY;
    },
  },
  'bearer-case-sensitive': {
    kind: 'auth',
    description: 'The scheme word must be spelt exactly "Bearer" ("bearer" gets 401 Not Authenticated).',
    apply: (s) => {
      const prev = byName(s.steps, 'auth');
      replaceByName(s.steps, 'auth', {
        name: 'auth',
        run(ctx, srv) {
          const h = ctx.header('authorization');
          if (h !== undefined && !/^[ \t]*Bearer( |$)/.test(h)) return fail(srv, 'not_authenticated');
          return prev.run(ctx, srv);
        },
      });
    },
  },
  'no-www-authenticate': {
    kind: 'auth',
    description: '401 responses lack the WWW-Authenticate: Bearer header.',
    apply: (s) => {
      s.response.wwwAuthenticate = false;
    },
  },
  'read-only-can-write': {
    kind: 'permission',
    description: 'A read-only token may POST, PUT and DELETE (no 403).',
    apply: (s) => replaceByName(s.steps, 'permission', undefined),
  },
};

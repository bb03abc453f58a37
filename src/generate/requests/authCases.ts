// Authentication (semantics.md "Authentication", "Open points: Authentication";
// seed:212-242): the Authorization header alone varies; the rest of the
// request is valid (a valid POST or a valid list), so only the auth rule is
// broken. `bearer` in another case is accepted (should, RFC 7235); an empty
// token and a token after two spaces are open points.
import fc from 'fast-check';
import type { ApiRequest } from '../../spec/types.ts';
import { apiRequest, bearer, COLLECTION } from '../apiRequest.ts';
import { genCase, type GenCase, type GenContext, type Needs } from '../genCase.ts';
import { fixedBody, validBody } from '../validBody.ts';
import { containerValue } from '../containerValue.ts';

export const MAX_TOKEN = 8192;
const TOKEN_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/';

/** A valid request whose Authorization header the case then replaces (or removes). */
function baseRequest(ctx: GenContext): fc.Arbitrary<ApiRequest> {
  return fc.oneof(
    validBody(ctx).map((b) => apiRequest(ctx, 'POST', COLLECTION, JSON.stringify(b.body))),
    containerValue().map((v) => apiRequest(ctx, 'GET', `${COLLECTION}?${new URLSearchParams({ folder: v, position: 'pre' })}`)),
  );
}

const withAuth = (req: ApiRequest, auth: string | undefined): ApiRequest => {
  const headers = { ...req.headers };
  if (auth === undefined) delete headers['authorization']; else headers['authorization'] = auth;
  return { ...req, headers };
};

const knownTokens = (ctx: GenContext): string[] => [ctx.token, ctx.readOnlyToken, ctx.expiredToken].filter((t): t is string => t !== undefined);

/** [label, Authorization arbitrary, needs] for every auth rule. */
function headers(ctx: GenContext): Array<[string, fc.Arbitrary<string | undefined>, Needs?]> {
  const unknown = fc.string({ unit: fc.constantFrom(...TOKEN_CHARS), minLength: 1, maxLength: 64 }).filter((t) => !knownTokens(ctx).includes(t));
  const out: Array<[string, fc.Arbitrary<string | undefined>, Needs?]> = [
    ['auth.not-authenticated', fc.constantFrom(undefined, 'Basic xyz', `Token ${ctx.token}`, ctx.token, `Basic ${ctx.token}`)],
    ['auth.empty-token', fc.constantFrom('Bearer', 'Bearer   ')],
    ['auth.invalid-credential', unknown.map(bearer)],
    ['auth.key-too-long', fc.integer({ min: MAX_TOKEN + 1, max: MAX_TOKEN + 500 }).map((n) => bearer('k'.repeat(n)))],
    ['auth.scheme-case', fc.constantFrom(`bearer ${ctx.token}`, `BEARER ${ctx.token}`, `bEaReR ${ctx.token}`)],
    ['auth.token-spacing', fc.integer({ min: 2, max: 4 }).map((n) => `Bearer${' '.repeat(n)}${ctx.token}`)],
  ];
  if (ctx.expiredToken !== undefined) out.push(['auth.key-expired', fc.constant(bearer(ctx.expiredToken)), 'expired-token']);
  return out;
}

export function authCase(ctx: GenContext): fc.Arbitrary<GenCase> {
  return fc.oneof(...headers(ctx).map(([label, h, needs]) => fc.tuple(baseRequest(ctx), h)
    .map(([req, a]) => genCase(label, withAuth(req, a), { needs }))));
}

export function authBoundaryCases(ctx: GenContext, nextName: () => string): GenCase[] {
  const post = (): ApiRequest => apiRequest(ctx, 'POST', COLLECTION, JSON.stringify(fixedBody(nextName(), 'folder').body));
  const c = (label: string, auth: string | undefined, needs?: Needs): GenCase => genCase(label, withAuth(post(), auth), { boundary: true, needs });
  const out = [
    c('auth.not-authenticated', undefined), c('auth.not-authenticated', 'Basic xyz'), c('auth.not-authenticated', ctx.token),
    c('auth.empty-token', 'Bearer'), c('auth.empty-token', 'Bearer    '),
    c('auth.invalid-credential', bearer('unknown-token-0000')), c('auth.invalid-credential', bearer(`${ctx.token}x`)),
    c('auth.invalid-credential', bearer('k'.repeat(MAX_TOKEN))), // 8192: still checked as a token (the threshold itself is a should)
    c('auth.key-too-long', bearer('k'.repeat(MAX_TOKEN + 1))),
    c('auth.scheme-case', `bearer ${ctx.token}`), c('auth.scheme-case', `BEARER ${ctx.token}`), c('auth.token-spacing', `Bearer  ${ctx.token}`),
  ];
  if (ctx.expiredToken !== undefined) out.push(c('auth.key-expired', bearer(ctx.expiredToken), 'expired-token'));
  return out;
}

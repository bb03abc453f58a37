// Routing (contracts/decisions.md "Routing"; semantics.md last line of "Rest
// of the lifecycle"): a method the path does not have → 405 E012; a path
// under the base that is neither /mfa-servers nor /mfa-servers/{id} → 404 E005.
import fc from 'fast-check';
import { apiRequest, COLLECTION, itemPath } from '../apiRequest.ts';
import { genCase, type GenCase, type GenContext } from '../genCase.ts';
import { fixedBody, validBody } from '../validBody.ts';

/** Only methods that usually carry a body get one (a DELETE or OPTIONS body would be an oddity of its own). */
const bodyFor = (m: string, body: Record<string, unknown>): string | undefined => (['POST', 'PUT', 'PATCH'].includes(m) ? JSON.stringify(body) : undefined);

/** [method, on the item path?]: every method neither path has (collection GET/POST; item GET/PUT/DELETE). */
export const UNSUPPORTED: ReadonlyArray<readonly [string, boolean]> = [
  ['PATCH', false], ['OPTIONS', false], ['PUT', false], ['DELETE', false],
  ['PATCH', true], ['OPTIONS', true], ['POST', true],
];

export const UNKNOWN_PATHS = [
  '/', '/mfa-server', '/mfa-serverss', '/mfa-servers-x', '/MFA-SERVERS', '/mfa-servers/a/b',
  '/mfa-servers//', '/mfa-servers/00000000-0000-4000-8000-000000000001/extra', '/authentication-servers', '/mfa-serverz?folder=Shared',
] as const;

export function routeCase(ctx: GenContext): fc.Arbitrary<GenCase> {
  const method = fc.tuple(fc.constantFrom(...UNSUPPORTED), fc.uuid({ version: 4 }), validBody(ctx)).map(([[m, item], id, b]) =>
    genCase('route.method-not-supported', apiRequest(ctx, m, item ? itemPath(id) : COLLECTION, bodyFor(m, b.body))));
  const path = fc.tuple(fc.constantFrom(...UNKNOWN_PATHS), fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'), validBody(ctx)).map(([p, m, b]) =>
    genCase('route.unknown-path', apiRequest(ctx, m, p, bodyFor(m, b.body))));
  const slash = fc.tuple(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'), validBody(ctx)).map(([m, b]) =>
    genCase('route.trailing-slash', apiRequest(ctx, m, `${COLLECTION}/`, bodyFor(m, b.body))));
  return fc.oneof(method, path, slash);
}

export function routeBoundaryCases(ctx: GenContext, nextName: () => string): GenCase[] {
  const id = '00000000-0000-4000-8000-000000000002';
  const methods = UNSUPPORTED.map(([m, item]) => genCase('route.method-not-supported',
    apiRequest(ctx, m, item ? itemPath(id) : COLLECTION, bodyFor(m, fixedBody(nextName(), 'folder').body)), { boundary: true }));
  const paths = UNKNOWN_PATHS.map((p) => genCase('route.unknown-path', apiRequest(ctx, 'GET', p), { boundary: true }));
  return [...methods, ...paths];
}

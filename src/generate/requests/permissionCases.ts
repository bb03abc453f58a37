// Read-only token on POST, PUT, DELETE → 403 E007 (seed:282; semantics.md
// "Authentication"); on GET it is a valid caller. PUT and DELETE name an
// object that exists (created first with the read-write token) or an
// unknown UUID: permission comes before existence in the precedence
// (semantics.md "Precedence", a should), so a target that answers 404 there
// only warns, while one that lets the read-only caller write fails. Cases
// with a second broken rule hold the precedence of permission before the
// formats and the body.
import fc from 'fast-check';
import { apiRequest, bearer, COLLECTION, itemPath } from '../apiRequest.ts';
import { EXISTING_ID, genCase, type GenCase, type GenContext } from '../genCase.ts';
import { fixedBody, validBody, type ValidBody } from '../validBody.ts';
import { containerValue } from '../containerValue.ts';

/** A PUT of `next` (in `existing`'s container, under its name) or a DELETE of an object that exists. */
function onExisting(ctx: GenContext, method: 'PUT' | 'DELETE', existing: ValidBody, next: ValidBody, auth: Record<string, string>, boundary = false): GenCase {
  const body = { ...next.body, name: existing.body['name'], [next.container]: undefined, [existing.container]: existing.body[existing.container] };
  const c = genCase('permission.read-only', apiRequest(ctx, method, `${COLLECTION}/${EXISTING_ID}`, method === 'PUT' ? JSON.stringify(body) : undefined, auth), {
    boundary, container: existing.container, needs: { existing: [existing.body] },
  });
  return c;
}

/** Broken after permission: Content-Type, Accept, the body (semantics.md "Precedence": permission → Content-Type → Accept → ... → invalid object). */
const SECOND: ReadonlyArray<readonly [string, (b: ValidBody) => { body: string; headers?: Record<string, string | undefined> }]> = [
  ['format.content-type', (b) => ({ body: JSON.stringify(b.body), headers: { 'content-type': 'text/plain' } })],
  ['format.accept', (b) => ({ body: JSON.stringify(b.body), headers: { accept: 'application/xml' } })],
  ['format.missing-body', () => ({ body: '' })],
  ['body.name.required', (b) => ({ body: JSON.stringify({ ...b.body, name: undefined }) })],
];

export function permissionCase(ctx: GenContext): fc.Arbitrary<GenCase> | undefined {
  const ro = ctx.readOnlyToken;
  if (ro === undefined) return undefined;
  const auth = { authorization: bearer(ro) };
  const meta = { needs: 'read-only-token' as const };
  return fc.oneof(
    validBody(ctx).map((b) => genCase('permission.read-only', apiRequest(ctx, 'POST', COLLECTION, JSON.stringify(b.body), auth), meta)),
    fc.tuple(validBody(ctx), fc.uuid({ version: 4 })).map(([b, id]) => genCase('permission.read-only', apiRequest(ctx, 'PUT', itemPath(id), JSON.stringify(b.body), auth), meta)),
    fc.uuid({ version: 4 }).map((id) => genCase('permission.read-only', apiRequest(ctx, 'DELETE', itemPath(id), undefined, auth), meta)),
    fc.tuple(fc.constantFrom('PUT', 'DELETE') as fc.Arbitrary<'PUT' | 'DELETE'>, validBody(ctx), validBody(ctx)).map(([m, a, b]) => onExisting(ctx, m, a, b, auth)),
    fc.tuple(validBody(ctx), fc.constantFrom(...SECOND)).map(([b, [also, make]]) => {
      const { body, headers } = make(b);
      return genCase('permission.read-only', apiRequest(ctx, 'POST', COLLECTION, body, { ...auth, ...headers }), { ...meta, also });
    }),
    containerValue().map((v) => genCase('valid', apiRequest(ctx, 'GET', `${COLLECTION}?${new URLSearchParams({ snippet: v, position: 'pre' })}`, undefined, auth), meta)),
  );
}

export function permissionBoundaryCases(ctx: GenContext, nextName: () => string): GenCase[] {
  const ro = ctx.readOnlyToken;
  if (ro === undefined) return [];
  const auth = { authorization: bearer(ro) };
  const meta = { boundary: true, needs: 'read-only-token' as const };
  const id = '00000000-0000-4000-8000-000000000001';
  return [
    genCase('permission.read-only', apiRequest(ctx, 'POST', COLLECTION, JSON.stringify(fixedBody(nextName(), 'folder').body), auth), meta),
    genCase('permission.read-only', apiRequest(ctx, 'PUT', itemPath(id), JSON.stringify(fixedBody(nextName(), 'folder').body), auth), meta),
    genCase('permission.read-only', apiRequest(ctx, 'DELETE', itemPath(id), undefined, auth), meta),
    onExisting(ctx, 'PUT', fixedBody(nextName(), 'snippet', 'duo_security_v2'), fixedBody(nextName(), 'snippet', 'duo_security_v2'), auth, true),
    onExisting(ctx, 'DELETE', fixedBody(nextName(), 'device'), fixedBody(nextName(), 'device'), auth, true),
    ...SECOND.map(([also, make]) => {
      const { body, headers } = make(fixedBody(nextName(), 'folder', 'okta_adaptive_v1'));
      return genCase('permission.read-only', apiRequest(ctx, 'POST', COLLECTION, body, { ...auth, ...headers }), { ...meta, also });
    }),
    genCase('valid', apiRequest(ctx, 'GET', `${COLLECTION}?folder=Shared&position=pre`, undefined, auth), meta),
  ];
}

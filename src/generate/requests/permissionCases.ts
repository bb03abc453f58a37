// Read-only token on POST, PUT, DELETE → 403 E007 (seed:282; semantics.md
// "Authentication"); on GET it is a valid caller. PUT/DELETE target an
// unknown UUID: `needs` holds one requirement only, and permission comes
// before existence in the precedence (semantics.md "Precedence").
import fc from 'fast-check';
import { apiRequest, bearer, COLLECTION, itemPath } from '../apiRequest.ts';
import { genCase, type GenCase, type GenContext } from '../genCase.ts';
import { fixedBody, validBody } from '../validBody.ts';
import { containerValue } from '../containerValue.ts';

export function permissionCase(ctx: GenContext): fc.Arbitrary<GenCase> | undefined {
  const ro = ctx.readOnlyToken;
  if (ro === undefined) return undefined;
  const auth = { authorization: bearer(ro) };
  const meta = { needs: 'read-only-token' as const };
  return fc.oneof(
    validBody(ctx).map((b) => genCase('permission.read-only', apiRequest(ctx, 'POST', COLLECTION, JSON.stringify(b.body), auth), meta)),
    fc.tuple(validBody(ctx), fc.uuid({ version: 4 })).map(([b, id]) => genCase('permission.read-only', apiRequest(ctx, 'PUT', itemPath(id), JSON.stringify(b.body), auth), meta)),
    fc.uuid({ version: 4 }).map((id) => genCase('permission.read-only', apiRequest(ctx, 'DELETE', itemPath(id), undefined, auth), meta)),
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
    genCase('valid', apiRequest(ctx, 'GET', `${COLLECTION}?folder=Shared&position=pre`, undefined, auth), meta),
  ];
}

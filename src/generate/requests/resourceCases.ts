// Item operations on ids that hold nothing (spec paths /mfa-servers/{id};
// semantics.md "Rest of the lifecycle"): an unknown UUID → 404 E005
// (resource.not-found); an id that is not a UUID → 404 E005 or 400 E003
// (resource.malformed-id, anyOf). PUT carries a valid body: the body is
// checked before existence, so it must not break a rule of its own.
import fc from 'fast-check';
import { apiRequest, COLLECTION, itemPath } from '../apiRequest.ts';
import { genCase, type GenCase, type GenContext } from '../genCase.ts';
import { fixedBody, validBody } from '../validBody.ts';

export const ITEM_METHODS = ['GET', 'PUT', 'DELETE'] as const;
/** UUIDs in upper case or of another version or variant than a lower-case v4 (semantics.md Open points: 404 or 400). */
export const OTHER_UUIDS = ['FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF', '00000000-0000-1000-8000-000000000001', '00000000-0000-0000-0000-000000000000', '00000000-0000-4000-c000-000000000001'] as const;
export const MALFORMED_IDS = ['not-a-uuid', '123', '00000000-0000-4000-8000-00000000000', '00000000-0000-4000-8000-0000000000001', 'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz', ' ', 'ü', '{id}'] as const;

/** Anything 1..20 characters long cannot be a 36-character UUID; '.' and '..' are left out
 * because URL clients resolve them as dot-segments (another path altogether). */
const malformedId = fc.oneof(fc.constantFrom(...MALFORMED_IDS), fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s !== '.' && s !== '..'));

function itemCase(ctx: GenContext, label: string, method: string, path: string, body: Record<string, unknown> | undefined, boundary = false): GenCase {
  return genCase(label, apiRequest(ctx, method, path, method === 'PUT' ? JSON.stringify(body) : undefined), { boundary });
}

/** A UUID that is not a lower-case v4: upper case, or another version. */
const otherUuid = fc.oneof(fc.uuid({ version: 4 }).map((u) => `A${u.slice(1)}`.toUpperCase()), fc.uuid({ version: [1, 3, 5, 6, 7] }));

export function resourceCase(ctx: GenContext): fc.Arbitrary<GenCase> {
  const method = fc.constantFrom(...ITEM_METHODS);
  return fc.oneof(
    fc.tuple(method, fc.uuid({ version: 4 }), validBody(ctx)).map(([m, id, b]) => itemCase(ctx, 'resource.not-found', m, itemPath(id), b.body)),
    fc.tuple(method, malformedId, validBody(ctx)).map(([m, id, b]) => itemCase(ctx, 'resource.malformed-id', m, itemPath(id), b.body)),
    fc.tuple(method, otherUuid, validBody(ctx)).map(([m, id, b]) => itemCase(ctx, 'resource.id-form', m, itemPath(id), b.body)),
    // Precedence (a should): the body is checked before existence, so a PUT of an invalid body to an unknown id is 400, and 404 warns.
    fc.tuple(fc.uuid({ version: 4 }), validBody(ctx)).map(([id, b]) => invalidPut(ctx, id, b.body)),
  );
}

function invalidPut(ctx: GenContext, id: string, body: Record<string, unknown>, boundary = false): GenCase {
  const { mfa_cert_profile: _dropped, ...rest } = body;
  return genCase('body.mfa_cert_profile.required', apiRequest(ctx, 'PUT', itemPath(id), JSON.stringify(rest)), { boundary, also: 'resource.not-found' });
}

export function resourceBoundaryCases(ctx: GenContext, nextName: () => string): GenCase[] {
  const out: GenCase[] = [invalidPut(ctx, '00000000-0000-4000-8000-000000000004', fixedBody(nextName(), 'folder').body, true)];
  for (const m of ITEM_METHODS) {
    out.push(itemCase(ctx, 'resource.not-found', m, itemPath('00000000-0000-4000-8000-000000000003'), fixedBody(nextName(), 'folder').body, true));
    out.push(itemCase(ctx, 'resource.not-found', m, itemPath('ffffffff-ffff-4fff-bfff-ffffffffffff'), fixedBody(nextName(), 'folder').body, true));
    for (const id of OTHER_UUIDS) out.push(itemCase(ctx, 'resource.id-form', m, itemPath(id), fixedBody(nextName(), 'folder').body, true));
    for (const id of MALFORMED_IDS) out.push(itemCase(ctx, 'resource.malformed-id', m, itemPath(id), fixedBody(nextName(), 'folder').body, true));
    // `/mfa-servers/`: the collection, the item with an empty id, or 404/400/405 (semantics.md Open points).
    out.push(itemCase(ctx, 'route.trailing-slash', m, `${COLLECTION}/`, fixedBody(nextName(), 'folder').body, true));
  }
  return out;
}

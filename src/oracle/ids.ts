// Id forms (semantics.md "Rest of the lifecycle": an unknown id → 404 E005;
// a malformed id → 404 E005 or 400 E003; Open points: "An id in upper case,
// or a UUID of another version: 404 E005 or 400 E003").

const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Lower case, version 4, RFC 4122 variant: the form a conforming server's ids have. */
const LOWER_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export type IdForm = 'v4' | 'other-uuid' | 'malformed';

export function idForm(id: string): IdForm {
  if (LOWER_V4.test(id)) return 'v4';
  return UUID_SHAPE.test(id) ? 'other-uuid' : 'malformed';
}

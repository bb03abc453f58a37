// PUT gets every body mutation POST gets (issue "Stateful testing", item 4):
// semantics.md "PUT": "a full replacement, validated exactly like POST". A
// mutated create becomes a PUT of the same body (headers and bytes as they
// were) to an object the case creates first. That object sits in the
// container the body names, when it names one valid container, so the PUT
// stays in place and only the broken rule is in play (a move is an open
// point of its own: openPointCases.ts).
import fc from 'fast-check';
import { spec } from '../spec/model.ts';
import { COLLECTION } from './apiRequest.ts';
import { EXISTING_ID, type GenCase, type GenContext } from './genCase.ts';
import { objectName } from './objectName.ts';
import { containerFromName, fixedBody } from './validBody.ts';

const CONTAINER = new RegExp(spec.containerPattern);

/** The one container a JSON body names, when its value is a valid container; else undefined. */
function containerOfBody(body: unknown): readonly [(typeof spec.containers)[number], string] | undefined {
  if (typeof body !== 'string') return undefined;
  let v: unknown;
  try { v = JSON.parse(body); } catch { return undefined; }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  const named = spec.containers.filter((k) => Object.hasOwn(o, k));
  if (named.length !== 1) return undefined;
  const value = o[named[0]!];
  return typeof value === 'string' && CONTAINER.test(value) && [...value].length <= spec.containerMaxLength ? [named[0]!, value] : undefined;
}

/** `c` (a POST of a mutated body) as a PUT of that body to a new object named `existingName`; any other case unchanged. */
export function asUpdate(c: GenCase, existingName: string): GenCase {
  if (c.request.method !== 'POST' || c.request.path !== COLLECTION || c.needs !== undefined) return c;
  const [key, value] = containerOfBody(c.request.body) ?? (['folder', containerFromName(existingName)] as const);
  const existing = fixedBody(existingName, key, null, 'full', value).body;
  return { ...c, request: { ...c.request, method: 'PUT', path: `${COLLECTION}/${EXISTING_ID}` }, needs: { existing: [existing] } };
}

/** One mutated body in this many goes as a PUT to an existing object, the rest as a POST. */
const PUT_ONE_IN = 4;

/** A random case family as POST, or (one in PUT_ONE_IN) as PUT to an object created first. */
export function orUpdate(ctx: GenContext, arb: fc.Arbitrary<GenCase>): fc.Arbitrary<GenCase> {
  const put = fc.tuple(arb, objectName(ctx)).map(([c, name]) => asUpdate(c, name));
  return fc.oneof({ arbitrary: arb, weight: PUT_ONE_IN - 1 }, { arbitrary: put, weight: 1 });
}

/** Boundary cases, then the first POST of each label again as a PUT to an object created first. */
export function withUpdates(posts: GenCase[], nextName: () => string): GenCase[] {
  const seen = new Set<string>();
  const puts = posts.filter((c) => c.request.method === 'POST' && c.needs === undefined && !seen.has(c.label) && seen.add(c.label)).map((c) => asUpdate(c, nextName()));
  return [...posts, ...puts];
}

// PUT gets every body mutation POST gets (issue "Stateful testing", item 4):
// semantics.md "PUT": "a full replacement, validated exactly like POST". A
// mutated create becomes a PUT of the same body (headers and bytes as they
// were) to an object the case creates first. That object sits in the
// container the body names, when it names one valid container, and, when the
// body's name is one of the run's, it has that name with one character
// changed, and the PUT keeps it (same length, so size edges stay exact): the
// POST of the same body, if accepted, makes an object the PUT never clashes
// with, so neither case's outcome hangs on which ran first (or in which
// shard). Only the broken rule is in play (a move is an open point of its
// own: openPointCases.ts).
import fc from 'fast-check';
import { spec } from '../spec/model.ts';
import { COLLECTION } from './apiRequest.ts';
import { EXISTING_ID, type GenCase, type GenContext } from './genCase.ts';
import { objectName } from './objectName.ts';
import { containerFromName, fixedBody } from './validBody.ts';

const CONTAINER = new RegExp(spec.containerPattern);

function parsed(body: unknown): Record<string, unknown> | undefined {
  const text = typeof body === 'string' ? body : body instanceof Uint8Array ? Buffer.from(body).toString('utf8') : undefined;
  if (text === undefined) return undefined;
  let v: unknown;
  try { v = JSON.parse(text); } catch { return undefined; }
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** The one container a JSON body names, when its value is a valid container; else undefined. */
function containerOfBody(o: Record<string, unknown> | undefined): readonly [(typeof spec.containers)[number], string] | undefined {
  if (!o) return undefined;
  const named = spec.containers.filter((k) => Object.hasOwn(o, k));
  if (named.length !== 1) return undefined;
  const value = o[named[0]!];
  return typeof value === 'string' && CONTAINER.test(value) && [...value].length <= spec.containerMaxLength ? [named[0]!, value] : undefined;
}

/** `name` with one ASCII letter or digit after the prefix changed to another: same length in bytes, another name. */
function sibling(name: string, prefix: string): string | undefined {
  for (let i = name.length - 1; i >= prefix.length; i--) {
    const ch = name[i]!;
    if (/[A-Za-z0-9]/.test(ch)) return `${name.slice(0, i)}${ch === 'q' ? 'w' : 'q'}${name.slice(i + 1)}`;
  }
  return undefined;
}

/** The body with the first JSON string `from` replaced by `to` (same byte length), bytes kept as bytes. */
function renamed(body: string | Uint8Array, from: string, to: string): string | Uint8Array {
  const a = JSON.stringify(from);
  const b = JSON.stringify(to);
  if (typeof body === 'string') return body.replace(a, () => b);
  const buf = Buffer.from(body);
  const at = buf.indexOf(a, 0, 'utf8');
  if (at < 0) return body;
  const out = Buffer.from(buf);
  out.write(b, at, 'utf8');
  return new Uint8Array(out);
}

/**
 * `c` (a POST of a mutated body) as a PUT of that body to an object created
 * first: named after the body's run name (its sibling), else `fallbackName`.
 * Any other case is returned unchanged.
 */
export function asUpdate(c: GenCase, prefix: string, fallbackName: string): GenCase {
  if (c.request.method !== 'POST' || c.request.path !== COLLECTION || c.needs !== undefined || c.request.body === undefined) return c;
  const o = parsed(c.request.body);
  const [key, value] = containerOfBody(o) ?? (['folder', containerFromName(fallbackName)] as const);
  const name = o?.['name'];
  const own = typeof name === 'string' && name.startsWith(prefix) ? sibling(name, prefix) : undefined;
  const existing = fixedBody(own ?? fallbackName, key, null, 'full', value).body;
  const body = own !== undefined ? renamed(c.request.body, name as string, own) : c.request.body;
  return { ...c, request: { ...c.request, method: 'PUT', path: `${COLLECTION}/${EXISTING_ID}`, body }, needs: { existing: [existing] } };
}

/** One mutated body in this many goes as a PUT to an existing object, the rest as a POST. */
const PUT_ONE_IN = 4;

/** A random case family as POST, or (one in PUT_ONE_IN) as PUT to an object created first. */
export function orUpdate(ctx: GenContext, arb: fc.Arbitrary<GenCase>): fc.Arbitrary<GenCase> {
  const put = fc.tuple(arb, objectName(ctx)).map(([c, name]) => asUpdate(c, ctx.namePrefix, name));
  return fc.oneof({ arbitrary: arb, weight: PUT_ONE_IN - 1 }, { arbitrary: put, weight: 1 });
}

/** Boundary cases, then the first POST of each label again as a PUT to an object created first. */
export function withUpdates(ctx: GenContext, posts: GenCase[], nextName: () => string): GenCase[] {
  const seen = new Set<string>();
  const puts = posts.filter((c) => c.request.method === 'POST' && c.needs === undefined && !seen.has(c.label) && seen.add(c.label)).map((c) => asUpdate(c, ctx.namePrefix, nextName()));
  return [...posts, ...puts];
}

// Name uniqueness within a container (semantics.md "Uniqueness": 409 E006;
// names that differ only in case are an open point: 200 or 409). The runner
// creates `needs.existing` first; the case then POSTs the same name into the
// same container (uniqueness.name) or into another container (valid), or a
// name differing only in case (uniqueness.case).
import fc from 'fast-check';
import { containerValue, fixedContainerValue } from '../containerValue.ts';
import { genCase, type GenCase, type GenContext } from '../genCase.ts';
import { createRequest } from '../apiRequest.ts';
import { CONTAINERS, fixedBody, validBody, type ValidBody } from '../validBody.ts';
import { withKey } from '../mutations/mutatedCreate.ts';

/** `container` names where the new object goes, which for the valid cases is not where the existing one is. */
const post = (ctx: GenContext, label: string, existing: ValidBody, body: Record<string, unknown>, boundary = false): GenCase =>
  genCase(label, createRequest(ctx, body), { container: CONTAINERS.find((c) => Object.hasOwn(body, c)), boundary, needs: { existing: [existing.body] } });

/** Swaps the case of the last cased letter after the prefix (the prefix stays as it is). */
export function recase(name: string, prefix: string): string {
  const chars = [...name];
  const start = [...prefix].length;
  for (let i = chars.length - 1; i >= start; i--) {
    const ch = chars[i]!;
    const other = ch === ch.toLowerCase() ? ch.toUpperCase() : ch.toLowerCase();
    if (other !== ch && [...other].length === 1) { chars[i] = other; return chars.join(''); }
  }
  return `${name}X`; // no cased letter: a different name anyway
}

/** A clash half of the time, so uniqueness.name is not drowned by its valid neighbours. */
const how = fc.oneof({ weight: 3, arbitrary: fc.constant('same') }, fc.constantFrom('other-value', 'other-key', 'recased'));

export function uniquenessCase(ctx: GenContext): fc.Arbitrary<GenCase> {
  // The second body is another valid body that takes the existing name, so only the name can clash.
  return fc.tuple(validBody(ctx), validBody(ctx), how, containerValue())
    .map(([existing, second, how, v]) => {
      const name = existing.body['name'] as string;
      const c = existing.container;
      const cv = existing.body[c] as string;
      let body = withKey(second.body, second.container, undefined);
      if (how === 'same') return post(ctx, 'uniqueness.name', existing, { ...withKey(body, 'name', name), [c]: cv });
      if (how === 'recased') return post(ctx, 'uniqueness.case', existing, { ...withKey(body, 'name', recase(name, ctx.namePrefix)), [c]: cv });
      if (how === 'other-key') body = { ...body, [CONTAINERS[(CONTAINERS.indexOf(c) + 1) % 3]!]: cv };
      else body = { ...body, [c]: v === cv ? `${v.slice(0, 63)}${v.endsWith('x') ? 'y' : 'x'}`.slice(-64) : v };
      return post(ctx, 'valid', existing, withKey(body, 'name', name));
    });
}

export function uniquenessBoundaryCases(ctx: GenContext, nextName: () => string): GenCase[] {
  const out: GenCase[] = [];
  // Each case its own existing object: cases that shared one made the second's setup a 409 whenever the
  // first had run (its outcome then hung on which ran first, and on which shard of a sharded run had it).
  const existingIn = (c: (typeof CONTAINERS)[number]): ValidBody => fixedBody(nextName(), c, 'rsa_securid_access_v1');
  for (const c of CONTAINERS) {
    const taken = existingIn(c);
    out.push(post(ctx, 'uniqueness.name', taken, fixedBody(taken.body['name'] as string, c, 'duo_security_v2').body, true));
    const elsewhere = existingIn(c);
    out.push(post(ctx, 'valid', elsewhere, fixedBody(elsewhere.body['name'] as string, CONTAINERS[(CONTAINERS.indexOf(c) + 1) % 3]!).body, true));
    const otherValue = existingIn(c);
    out.push(post(ctx, 'valid', otherValue, fixedBody(otherValue.body['name'] as string, c, null, 'full', fixedContainerValue(12, 5)).body, true));
    const recased = existingIn(c);
    out.push(post(ctx, 'uniqueness.case', recased, fixedBody(recase(recased.body['name'] as string, ctx.namePrefix), c, null, 'full', recased.body[c] as string).body, true));
  }
  return out;
}

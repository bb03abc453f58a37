// Container exclusivity (seed:8-10; spec oneOf folder|snippet|device):
// none of them → body.container.none; two or three, each with a valid value
// → body.container.multiple.
import fc from 'fast-check';
import { containerValue, fixedContainerValue } from '../containerValue.ts';
import type { GenCase, GenContext } from '../genCase.ts';
import { CONTAINERS, fixedBody, validBody } from '../validBody.ts';
import { mutatedCreate, withKey } from './mutatedCreate.ts';

/** A body with no container has none to report. */
function withoutContainer(c: GenCase): GenCase {
  delete c.container;
  return c;
}

function none(ctx: GenContext): fc.Arbitrary<GenCase> {
  return validBody(ctx).map((b) => withoutContainer(mutatedCreate(ctx, 'body.container.none', b, withKey(b.body, b.container, undefined))));
}

function multiple(ctx: GenContext): fc.Arbitrary<GenCase> {
  // Extra containers: a non-empty subset of the two others (so 2 or 3 in all).
  return validBody(ctx).chain((b) => {
    const others = CONTAINERS.filter((c) => c !== b.container);
    return fc.tuple(fc.subarray(others, { minLength: 1 }), containerValue(), containerValue()).map(([extra, v1, v2]) => {
      let body = b.body;
      extra.forEach((c, i) => { body = withKey(body, c, i === 0 ? v1 : v2); });
      return mutatedCreate(ctx, 'body.container.multiple', b, body);
    });
  });
}

export function containerExclusivityMutation(ctx: GenContext): fc.Arbitrary<GenCase> {
  return fc.oneof(none(ctx), multiple(ctx));
}

export function containerExclusivityBoundaryCases(ctx: GenContext, nextName: () => string): GenCase[] {
  const out: GenCase[] = [];
  const b = fixedBody(nextName(), 'folder', 'duo_security_v2');
  out.push(withoutContainer(mutatedCreate(ctx, 'body.container.none', b, withKey(b.body, 'folder', undefined), true)));
  const sets = [['folder', 'snippet'], ['folder', 'device'], ['snippet', 'device'], ['folder', 'snippet', 'device']] as const;
  for (const set of sets) {
    const base = fixedBody(nextName(), set[0]);
    let body = base.body;
    set.forEach((c, i) => { body = withKey(body, c, fixedContainerValue(10, i)); });
    out.push(mutatedCreate(ctx, 'body.container.multiple', base, body, true));
  }
  return out;
}

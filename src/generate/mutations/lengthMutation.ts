// Length rules: containers at most 64 characters (seed:15, 18, 21) and
// vendor strings at least their minLength in code points (seed:30-39, 42-55,
// 60-71, 77-89). Labels body.<c>.length and body.<v>.<f>.length.
// `name: ""` (body.name.empty, an anyOf rule) lives here too: its kind is length.
import fc from 'fast-check';
import type { VendorField } from '../../spec/model.ts';
import { CONTAINER_MAX, containerValue, fixedContainerValue } from '../containerValue.ts';
import { freeText } from '../freeText.ts';
import type { GenCase, GenContext } from '../genCase.ts';
import { validCreate } from '../validCase.ts';
import { CONTAINERS, fixedBody, validBody } from '../validBody.ts';
import { lengthFields, VENDORS } from '../vendorFieldValue.ts';
import { mutatedCreate, withKey, withVendorField } from './mutatedCreate.ts';

const containerTooLong = (): fc.Arbitrary<string> => containerValue({ minLength: CONTAINER_MAX + 1, maxLength: CONTAINER_MAX + 40 });
/** 0..min-1 code points; shrinks towards "" which is still too short. */
const tooShort = (f: VendorField): fc.Arbitrary<string> => freeText({ minLength: 0, maxLength: f.minLength! - 1 });

export function lengthMutation(ctx: GenContext): fc.Arbitrary<GenCase> {
  const containers = CONTAINERS.map((c) => fc.tuple(validBody(ctx, { container: c }), containerTooLong())
    .map(([b, v]) => mutatedCreate(ctx, `body.${c}.length`, b, withKey(b.body, c, v))));
  const fields = VENDORS.flatMap((v) => lengthFields(v).map((f) => fc.tuple(validBody(ctx, { vendor: v.name }), tooShort(f))
    .map(([b, s]) => mutatedCreate(ctx, `body.${v.name}.${f.name}.length`, b, withVendorField(b, f.name, s)))));
  const emptyName = validBody(ctx).map((b) => mutatedCreate(ctx, 'body.name.empty', b, withKey(b.body, 'name', '')));
  return fc.oneof(...containers, ...fields, emptyName);
}

/** Exact edges: 64 ok / 65 bad; min ok / min-1 bad, in ASCII and in astral code points (2 UTF-16 units each). */
export function lengthBoundaryCases(ctx: GenContext, nextName: () => string): GenCase[] {
  const out: GenCase[] = [];
  for (const c of CONTAINERS) {
    out.push(validCreate(ctx, fixedBody(nextName(), c, null, 'full', fixedContainerValue(CONTAINER_MAX)), true));
    const b = fixedBody(nextName(), c);
    out.push(mutatedCreate(ctx, `body.${c}.length`, b, withKey(b.body, c, fixedContainerValue(CONTAINER_MAX + 1)), true));
  }
  for (const v of VENDORS) {
    for (const f of lengthFields(v)) {
      const min = f.minLength!;
      for (const unit of ['x', 'ü', '🦊']) {
        const ok = fixedBody(nextName(), 'folder', v.name);
        out.push(validCreate(ctx, { ...ok, body: withVendorField(ok, f.name, unit.repeat(min)) }, true));
        const bad = fixedBody(nextName(), 'folder', v.name);
        out.push(mutatedCreate(ctx, `body.${v.name}.${f.name}.length`, bad, withVendorField(bad, f.name, unit.repeat(min - 1)), true));
      }
      const empty = fixedBody(nextName(), 'snippet', v.name);
      out.push(mutatedCreate(ctx, `body.${v.name}.${f.name}.length`, empty, withVendorField(empty, f.name, ''), true));
    }
  }
  const b = fixedBody(nextName(), 'device');
  out.push(mutatedCreate(ctx, 'body.name.empty', b, withKey(b.body, 'name', ''), true));
  return out;
}

// GET /mfa-servers (spec #/paths/~1mfa-servers/get; semantics.md "Rest of the
// lifecycle" and "Open points: Lists"): exactly one of folder/snippet/device,
// optional name, limit, offset (decimal integers), and position=pre, which the
// vendor's clients always send (vendor-facts.md "Lists"). One broken rule, or
// one open point, per case.
import fc from 'fast-check';
import { apiRequest, COLLECTION } from '../apiRequest.ts';
import { containerValue, fixedContainerValue, type Container } from '../containerValue.ts';
import { genCase, type GenCase, type GenContext } from '../genCase.ts';
import { objectName } from '../objectName.ts';
import { CONTAINERS } from '../validBody.ts';

/** Negative, fractional or not a number: 400 Invalid Query Parameter (should). */
export const BAD_PAGING = ['-1', 'abc', '1.5', '-0.5', 'x1', '--1'] as const;
/** Integers a common parser reads though written oddly, and the empty value: an open point (src/oracle/listRules.ts). */
export const ODD_PAGING = ['', ' 1', '+1', '1e2', '0x10'] as const;
export const GOOD_PAGING = ['1', '200', '5000', '007'] as const;

type Params = Array<[string, string]>;
const list = (params: Params): string => {
  const q = new URLSearchParams(params).toString();
  return q === '' ? COLLECTION : `${COLLECTION}?${q}`;
};
/** A list request; position=pre is added unless the case is about position (`position: false`). */
const listGet = (ctx: GenContext, label: string, params: Params, boundary = false, container?: Container, position = true): GenCase =>
  genCase(label, apiRequest(ctx, 'GET', list(position && !params.some(([k]) => k === 'position') ? [...params, ['position', 'pre']] : params)), { boundary, container });

const optional = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined });
const extras = (ctx: GenContext): fc.Arbitrary<Params> =>
  fc.tuple(optional(fc.constantFrom(...GOOD_PAGING)), optional(fc.constantFrom('0', ...GOOD_PAGING)))
    .map(([limit, offset]) => {
      const out: Params = [];
      if (limit !== undefined) out.push(['limit', limit]);
      if (offset !== undefined) out.push(['offset', offset]);
      return out;
    });

export function listCase(ctx: GenContext): fc.Arbitrary<GenCase> {
  const one = fc.tuple(fc.constantFrom(...CONTAINERS), containerValue());
  const valid = fc.tuple(one, extras(ctx)).map(([[c, v], e]) => listGet(ctx, 'valid', [[c, v], ...e], false, c));
  const named = fc.tuple(one, objectName(ctx), extras(ctx)).map(([[c, v], n, e]) => listGet(ctx, 'list.name-lookup', [[c, v], ['name', n], ...e], false, c));
  const missing = extras(ctx).map((e) => listGet(ctx, 'list.missing-container', e));
  const multiple = fc.tuple(fc.subarray([...CONTAINERS], { minLength: 2 }), containerValue(), extras(ctx))
    .map(([cs, v, e]) => listGet(ctx, 'list.multiple-containers', [...cs.map((c): [string, string] => [c, v]), ...e]));
  const paging = (p: 'limit' | 'offset'): fc.Arbitrary<GenCase> => fc.tuple(one, fc.constantFrom(...BAD_PAGING))
    .map(([[c, v], bad]) => listGet(ctx, `list.invalid-${p}`, [[c, v], [p, bad]], false, c));
  const odd = fc.tuple(one, fc.constantFrom('limit', 'offset'), fc.constantFrom(...ODD_PAGING))
    .map(([[c, v], p, raw]) => listGet(ctx, 'list.odd-paging', [[c, v], [p, raw]], false, c));
  const position = fc.tuple(one, fc.constantFrom(undefined, 'post', 'PRE', 'x'))
    .map(([[c, v], pos]) => (pos === undefined ? listGet(ctx, 'list.position', [[c, v]], false, c, false) : listGet(ctx, 'list.position-ignored', [[c, v], ['position', pos]], false, c)));
  const limits = fc.tuple(one, fc.constantFrom('0', '5001', '100000')).map(([[c, v], l]) => listGet(ctx, l === '0' ? 'list.limit-zero' : 'list.large-limit', [[c, v], ['limit', l]], false, c));
  const badContainer = fc.tuple(fc.constantFrom(...CONTAINERS), fc.constantFrom('', 'a/b', 'ü', 'x'.repeat(65), 'a\n')).map(([c, v]) => listGet(ctx, 'list.invalid-container', [[c, v]], false, c));
  return fc.oneof({ weight: 3, arbitrary: valid }, named, missing, multiple, paging('limit'), paging('offset'), odd, position, limits, badContainer);
}

export function listBoundaryCases(ctx: GenContext): GenCase[] {
  const v = fixedContainerValue(10);
  const out: GenCase[] = [];
  for (const c of CONTAINERS) {
    out.push(listGet(ctx, 'valid', [[c, v]], true, c));
    out.push(listGet(ctx, 'valid', [[c, v], ['limit', '1'], ['offset', '0']], true, c));
    out.push(listGet(ctx, 'list.name-lookup', [[c, v], ['name', `${ctx.namePrefix}none`]], true, c));
    out.push(listGet(ctx, 'list.position', [[c, v]], true, c, false));
    out.push(listGet(ctx, 'list.position-ignored', [[c, v], ['position', 'post']], true, c));
    out.push(listGet(ctx, 'list.limit-zero', [[c, v], ['limit', '0']], true, c));
    out.push(listGet(ctx, 'list.large-limit', [[c, v], ['limit', '5001']], true, c));
    out.push(listGet(ctx, 'valid', [[c, v], ['limit', '5000']], true, c));
    for (const p of ['limit', 'offset'] as const) {
      for (const bad of BAD_PAGING) out.push(listGet(ctx, `list.invalid-${p}`, [[c, v], [p, bad]], true, c));
      for (const odd of ODD_PAGING) out.push(listGet(ctx, 'list.odd-paging', [[c, v], [p, odd]], true, c));
    }
    for (const bad of ['', 'a/b', 'x'.repeat(65)]) out.push(listGet(ctx, 'list.invalid-container', [[c, bad]], true, c));
  }
  out.push(listGet(ctx, 'list.missing-container', [], true), listGet(ctx, 'list.missing-container', [['name', 'x'], ['limit', '5']], true));
  out.push(listGet(ctx, 'list.multiple-containers', [['folder', v], ['snippet', v]], true));
  out.push(listGet(ctx, 'list.multiple-containers', [['snippet', v], ['device', v]], true));
  out.push(listGet(ctx, 'list.multiple-containers', [['folder', v], ['snippet', v], ['device', v]], true));
  return out;
}

// GET /mfa-servers (spec #/paths/~1mfa-servers/get; contracts/decisions.md
// "List"): exactly one of folder/snippet/device, optional name, limit,
// offset (decimal integers), position (ignored). One broken rule per case.
import fc from 'fast-check';
import { apiRequest, COLLECTION } from '../apiRequest.ts';
import { containerValue, fixedContainerValue, type Container } from '../containerValue.ts';
import { genCase, type GenCase, type GenContext } from '../genCase.ts';
import { objectName } from '../objectName.ts';
import { CONTAINERS } from '../validBody.ts';

export const BAD_PAGING = ['-1', 'abc', '1.5', '', ' 1', '1e2', '0x10', '+1'] as const;
export const GOOD_PAGING = ['0', '1', '200', '5000', '007'] as const;

const list = (params: Array<[string, string]>): string => {
  const q = new URLSearchParams(params).toString();
  return q === '' ? COLLECTION : `${COLLECTION}?${q}`;
};
const listGet = (ctx: GenContext, label: string, params: Array<[string, string]>, boundary = false, container?: Container): GenCase =>
  genCase(label, apiRequest(ctx, 'GET', list(params)), { boundary, container });

const optional = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined });
const extras = (ctx: GenContext): fc.Arbitrary<Array<[string, string]>> =>
  fc.tuple(optional(objectName(ctx)), optional(fc.constantFrom(...GOOD_PAGING)), optional(fc.constantFrom(...GOOD_PAGING)), fc.boolean())
    .map(([name, limit, offset, position]) => {
      const out: Array<[string, string]> = [];
      if (name !== undefined) out.push(['name', name]);
      if (limit !== undefined) out.push(['limit', limit]);
      if (offset !== undefined) out.push(['offset', offset]);
      if (position) out.push(['position', 'pre']);
      return out;
    });

export function listCase(ctx: GenContext): fc.Arbitrary<GenCase> {
  const one = fc.tuple(fc.constantFrom(...CONTAINERS), containerValue());
  const valid = fc.tuple(one, extras(ctx)).map(([[c, v], e]) => listGet(ctx, 'valid', [[c, v], ...e], false, c));
  const missing = extras(ctx).map((e) => listGet(ctx, 'list.missing-container', e));
  const multiple = fc.tuple(fc.subarray([...CONTAINERS], { minLength: 2 }), containerValue(), extras(ctx))
    .map(([cs, v, e]) => listGet(ctx, 'list.multiple-containers', [...cs.map((c): [string, string] => [c, v]), ...e]));
  const paging = (p: 'limit' | 'offset'): fc.Arbitrary<GenCase> => fc.tuple(one, fc.constantFrom(...BAD_PAGING))
    .map(([[c, v], bad]) => listGet(ctx, `list.invalid-${p}`, [[c, v], [p, bad]], false, c));
  return fc.oneof({ weight: 3, arbitrary: valid }, missing, multiple, paging('limit'), paging('offset'));
}

export function listBoundaryCases(ctx: GenContext): GenCase[] {
  const v = fixedContainerValue(10);
  const out: GenCase[] = [];
  for (const c of CONTAINERS) {
    out.push(listGet(ctx, 'valid', [[c, v]], true, c));
    out.push(listGet(ctx, 'valid', [[c, v], ['name', `${ctx.namePrefix}none`], ['limit', '0'], ['offset', '0'], ['position', 'post']], true, c));
    for (const p of ['limit', 'offset'] as const) {
      for (const bad of BAD_PAGING) out.push(listGet(ctx, `list.invalid-${p}`, [[c, v], [p, bad]], true, c));
    }
  }
  out.push(listGet(ctx, 'list.missing-container', [], true), listGet(ctx, 'list.missing-container', [['name', 'x'], ['limit', '5']], true));
  out.push(listGet(ctx, 'list.multiple-containers', [['folder', v], ['snippet', v]], true));
  out.push(listGet(ctx, 'list.multiple-containers', [['snippet', v], ['device', v]], true));
  out.push(listGet(ctx, 'list.multiple-containers', [['folder', v], ['snippet', v], ['device', v]], true));
  return out;
}

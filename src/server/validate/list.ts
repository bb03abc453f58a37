// List query (decisions.md "List"; spec GET /mfa-servers parameters folder,
// snippet, device, name, limit (default 200), offset (default 0), position;
// seed lines 144-163 for the two query-parameter messages).
import { fail } from '../errors.ts';
import type { ContainerKey, Step } from '../types.ts';
import { CONTAINER_KEYS } from '../types.ts';

const DECIMAL = /^[0-9]+$/;

/** decisions.md "List" step 3: a limit/offset is a decimal integer `^[0-9]+$`. */
export function parseDecimal(raw: string): number | undefined {
  return DECIMAL.test(raw) ? Number(raw) : undefined;
}

export const listQueryStep: Step = {
  name: 'list-query',
  run(ctx, s) {
    if (ctx.op !== 'list') return undefined;
    // application/x-www-form-urlencoded; a repeated parameter counts by its first value.
    const q = new URLSearchParams(ctx.query);
    const present = CONTAINER_KEYS.filter((k) => q.has(k));
    const first: ContainerKey | undefined = present[0];
    if (first === undefined) return fail(s, 'missing_query_parameter', 'Missing Query Parameter: folder');
    const second = present[1];
    if (second !== undefined) {
      return fail(s, 'invalid_query_parameter', `Invalid Query Parameter: ${second}=${q.get(second) ?? ''}`);
    }
    const paging: Record<'limit' | 'offset', number> = { limit: 200, offset: 0 };
    for (const k of ['limit', 'offset'] as const) {
      const raw = q.get(k);
      if (raw === null) continue;
      const n = s.paging.parse(raw, k, paging[k]);
      const used = n === undefined || k === 'offset' ? n : s.paging.limit(n);
      if (used === undefined) return fail(s, 'invalid_query_parameter', `Invalid Query Parameter: ${k}=${raw}`);
      paging[k] = used;
    }
    const name = q.get('name');
    ctx.list = {
      containerKey: first,
      containerValue: q.get(first) ?? '',
      ...(name === null ? {} : { name }),
      limit: paging.limit,
      offset: paging.offset,
    };
    return undefined;
  },
};

// GET /mfa-servers query rules and the expected envelope (spec
// #/paths/~1mfa-servers/get; semantics.md "Rest of the lifecycle";
// contracts/decisions.md "List").
import { spec } from '../spec/model.ts';
import type { Outcome } from '../spec/types.ts';
import type { StateView } from './stateView.ts';
import { outcomeOf } from './outcome.ts';

export function predictList(query: URLSearchParams, state: StateView): Outcome {
  const present = spec.containers.filter((c) => query.has(c));
  if (present.length === 0) return outcomeOf('list.missing-container');
  if (present.length > 1) {
    const k = present[1]!;
    return outcomeOf('list.multiple-containers', { param: k, value: query.get(k)! });
  }
  const paging: Record<string, number> = { limit: 200, offset: 0 };
  for (const p of ['limit', 'offset'] as const) {
    const raw = query.get(p);
    if (raw === null) continue;
    if (!/^[0-9]+$/.test(raw)) return outcomeOf(`list.invalid-${p}`, { value: raw });
    paging[p] = Number(raw);
  }
  const key = present[0]!;
  const value = query.get(key);
  const name = query.get('name');
  const inside = state.inContainer(key, value);
  const matches = name === null ? inside : inside.filter((o) => o['name'] === name);
  const { limit, offset } = paging as { limit: number; offset: number };
  return outcomeOf('list.success', {}, {
    list: {
      data: matches.slice(offset, offset + limit), all: matches, limit, offset, total: matches.length,
      filter: { key, value: value!, ...(name !== null && { name }) },
    },
  });
}

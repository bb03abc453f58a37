// `run --dry-run`: what a run would send, without sending anything (issue
// "Real tenants and real clients": cases by kind, requests, objects to be
// created, containers used). The cases are the run's own (the same
// generators, seeds and tenant mapping as runConformance); "may create" is
// what the oracle says a conforming target stores, against an empty state.
import fc from 'fast-check';
import { boundaryCases, randomCase, type GenCase, type GenContext } from '../generate/index.ts';
import { forTenant, type Tenant } from '../generate/tenant.ts';
import { flat, predict } from '../oracle/predict.ts';
import type { OracleConfig } from '../oracle/config.ts';
import { spec } from '../spec/model.ts';
import type { ApiRequest } from '../spec/types.ts';
import { runScenario, scenarios } from './lifecycle.ts';
import { chunkSeed, RANDOM_CHUNK } from './run.ts';

export interface RunPlan {
  boundary: { cases: number; byKind: Record<string, number> };
  random: { cases: number; byKind: Record<string, number> };
  lifecycles: { scenarios: number; requests: number };
  /** Every request the run sends, clean-up not counted (objects a case needs created first included). */
  requests: number;
  /** Requests a conforming target answers by storing an object (each is deleted at the end). */
  creates: number;
  /** Containers those objects go to: how many, and the first few. */
  containers: { count: number; first: string[] };
  namePrefix: string;
}

const parse = (b: unknown): Record<string, unknown> | undefined => {
  if (typeof b !== 'string') return undefined;
  try { const v = JSON.parse(b) as unknown; return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined; } catch { return undefined; }
};

export async function planRun(o: { ctx: GenContext; cfg: OracleConfig; seed: number; runs: number; tenant?: Tenant }): Promise<RunPlan> {
  const prep = (c: GenCase): GenCase => (o.tenant ? forTenant(o.tenant, c) : c);
  const containers = new Map<string, number>();
  let requests = 0;
  let creates = 0;
  const created = (body: Record<string, unknown> | undefined): void => {
    creates++;
    for (const k of spec.containers) if (typeof body?.[k] === 'string') containers.set(`${k} ${String(body[k])}`, (containers.get(`${k} ${String(body[k])}`) ?? 0) + 1);
  };
  const count = (c: GenCase, byKind: Record<string, number>): void => {
    byKind[c.kind] = (byKind[c.kind] ?? 0) + 1;
    const existing = c.needs && typeof c.needs === 'object' ? c.needs.existing : [];
    requests += 1 + existing.length;
    for (const e of existing) created(e);
    if (c.request.method === 'POST' && flat(predict(c.request, [], o.cfg).expected).some((x) => x.status >= 200 && x.status < 300)) created(parse(c.request.body));
  };
  const boundary = { cases: 0, byKind: {} as Record<string, number> };
  for (const c of boundaryCases(o.ctx)) { boundary.cases++; count(prep(c), boundary.byKind); }
  const random = { cases: 0, byKind: {} as Record<string, number> };
  const arbitrary = randomCase(o.ctx);
  for (let k = 0; k * RANDOM_CHUNK < o.runs; k++) {
    for (const c of fc.sample(arbitrary, { seed: chunkSeed(o.seed, k), numRuns: Math.min(RANDOM_CHUNK, o.runs - k * RANDOM_CHUNK) })) { random.cases++; count(prep(c), random.byKind); }
  }
  // The lifecycles, walked with an answer that lets every step happen (their requests do not depend on the answers' content beyond ids).
  const lifecycles = scenarios(o.ctx.namePrefix, o.tenant);
  let lifecycleRequests = 0;
  for (const s of lifecycles) {
    await runScenario(s, o.ctx.namePrefix, { authorization: `Bearer ${o.ctx.token}` }, async (req: ApiRequest) => {
      lifecycleRequests++;
      if (req.method === 'POST') created(parse(req.body));
      return { request: req, ms: 0, response: { status: 200, headers: {}, body: '{"id":"planned"}' } };
    });
  }
  requests += lifecycleRequests;
  return {
    boundary, random, lifecycles: { scenarios: lifecycles.length, requests: lifecycleRequests }, requests, creates,
    containers: { count: containers.size, first: [...containers.keys()].slice(0, 8) }, namePrefix: o.ctx.namePrefix,
  };
}

/** The plan as the console prints it. */
export function formatPlan(p: RunPlan): string {
  const kinds = (m: Record<string, number>): string => Object.entries(m).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ');
  return [
    `boundary cases: ${p.boundary.cases} (${kinds(p.boundary.byKind)})`,
    `random cases: ${p.random.cases} (${kinds(p.random.byKind)})`,
    `lifecycle scenarios: ${p.lifecycles.scenarios} (${p.lifecycles.requests} requests)`,
    `requests: ${p.requests} (clean-up not counted)`,
    `objects created by a conforming target: ${p.creates}, named ${p.namePrefix}..., all deleted at the end`,
    `containers they go to: ${p.containers.count}${p.containers.first.length > 0 ? ` (${p.containers.first.join(', ')}${p.containers.count > p.containers.first.length ? ', ...' : ''})` : ''}`,
    'dry run: nothing was sent',
    '',
  ].join('\n');
}

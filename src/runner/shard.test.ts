// run --shard i/n (issue 13): n shards of one seed together run exactly the
// cases of the unsharded run (boundary, random, lifecycles, sequences), each
// case in one shard only, and their merged report has the unsharded verdict
// and counts.
import { describe, expect, it } from 'vitest';
import { conformanceDoc } from '../report/conformanceJson.ts';
import { mergeReports } from '../report/mergeReports.ts';
import { startServer } from '../server/startServer.ts';
import { Transport } from '../transport/transport.ts';
import { runConformance, type RunOutcome } from './run.ts';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** One run against a fresh reference server; every exchange's key and request (server ids normalised). */
async function run(shard?: { index: number; count: number }, durationMs?: number): Promise<{ outcome: RunOutcome; sent: Map<string, string> }> {
  const server = await startServer({ tokens: ['sh-rw'], readOnlyTokens: ['sh-ro'], expiredTokens: ['sh-old'] });
  const transport = new Transport({ baseUrl: server.url, connections: 8, timeoutMs: 5_000 });
  const sent = new Map<string, string>();
  try {
    const outcome = await runConformance({
      send: (r) => transport.send(r), urlOf: (r) => transport.urlOf(r), target: server.url, embedded: true,
      seed: 11, runs: durationMs === undefined ? 120 : 1_000_000, statefulRuns: 12, strict: false, concurrency: 8, shrinkBudgetMs: 500,
      token: 'sh-rw', readOnlyToken: 'sh-ro', expiredToken: 'sh-old', command: 'shard test', version: 'test',
      ...(shard && { shard }), ...(durationMs !== undefined && { durationMs }),
      onExchange: (ex, _v, _r, _s, key) => {
        expect(key, `${ex.request.method} ${ex.request.path} has no key`).toBeDefined();
        expect(sent.has(key!), `key ${key} twice`).toBe(false);
        // A fill's creates go side by side: which name got which key is not fixed, their method and path are.
        const body = key!.startsWith('s') ? '' : typeof ex.request.body === 'string' ? ex.request.body : '';
        sent.set(key!, `${ex.request.method} ${ex.request.path} ${body}`.replace(UUID, '{id}'));
      },
    });
    return { outcome, sent };
  } finally {
    await transport.close();
    await server.close();
  }
}

describe('run --shard i/n', () => {
  it('three shards run exactly the unsharded run\'s cases, each once, and merge into its verdict and counts', async () => {
    const whole = await run();
    const shards = [];
    for (let index = 1; index <= 3; index++) shards.push(await run({ index, count: 3 }));
    const union = new Map<string, string>();
    for (const s of shards) for (const [k, v] of s.sent) {
      expect(union.has(k), `${k} in two shards`).toBe(false);
      union.set(k, v);
    }
    expect(shards.every((s) => s.sent.size > 0)).toBe(true);
    expect([...union.keys()].sort()).toEqual([...whole.sent.keys()].sort());
    for (const [k, v] of whole.sent) expect(union.get(k), k).toBe(v);
    // Every kind of case is split, not only random ones.
    for (const kind of ['b', 'r', 'l', 's']) expect(shards.filter((s) => [...s.sent.keys()].some((k) => k.startsWith(kind))).length, kind).toBe(3);

    const merged = mergeReports(shards.map((s, i) => ({ dir: `shard-${i + 1}`, doc: JSON.parse(JSON.stringify(conformanceDoc(s.outcome.report, []))) })));
    const r = merged.report;
    expect(r.exitCode).toBe(whole.outcome.report.exitCode);
    expect(r.totals).toEqual(whole.outcome.report.totals);
    expect(Object.fromEntries(r.rules.map((x) => [x.rule, x.cases]))).toEqual(Object.fromEntries(whole.outcome.report.rules.map((x) => [x.rule, x.cases])));
    expect(r.stateful).toEqual(whole.outcome.report.stateful);
  }, 120_000);

  it('--duration: random cases are the seed\'s stream from its start, up to where the budget ended it', async () => {
    const randomKeys = (m: Map<string, string>) => [...m.keys()].filter((k) => /^r\d+$/.test(k)).map((k) => Number(k.slice(1))).sort((a, b) => a - b);
    const short = await run(undefined, 1_000);
    const long = await run(undefined, 2_000);
    for (const r of [short, long]) expect(randomKeys(r.sent)).toEqual(randomKeys(r.sent).map((_, i) => i));
    const common = Math.min(randomKeys(short.sent).length, randomKeys(long.sent).length);
    for (let i = 0; i < common; i++) expect(short.sent.get(`r${i}`), `r${i}`).toBe(long.sent.get(`r${i}`));
    expect(long.outcome.report.duration).toEqual({ budgetMs: 2_000, randomCases: randomKeys(long.sent).length });
  }, 60_000);
});

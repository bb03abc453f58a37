// The runner against a real target: the same seed gives the same cases, and a
// run against a non-embedded target leaves nothing behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../server/startServer.ts';
import { Transport } from '../transport/transport.ts';
import { parseJson } from './evaluateExchange.ts';
import type { Exchange } from './results.ts';
import { runConformance } from './run.ts';

let server: Awaited<ReturnType<typeof startServer>>;
let transport: Transport;
beforeAll(async () => {
  server = await startServer({ tokens: ['rw'], readOnlyTokens: ['ro'], expiredTokens: ['old'] });
  transport = new Transport({ baseUrl: server.url, connections: 8 });
});
afterAll(async () => { await transport.close(); await server.close(); });

const run = (seed: number, onExchange?: (ex: Exchange) => void) => runConformance({
  send: (r) => transport.send(r), urlOf: (r) => transport.urlOf(r), target: server.url, embedded: false,
  seed, runs: 300, strict: true, concurrency: 8, token: 'rw', readOnlyToken: 'ro', expiredToken: 'old', command: 't', version: 't',
  ...(onExchange && { onExchange }),
});

describe('runConformance', () => {
  it('leaves nothing behind on a shared target', async () => {
    const created = new Set<string>();
    const { report } = await run(21, (ex) => {
      const id = (parseJson(ex.response?.body ?? '') as { id?: unknown } | undefined)?.id;
      if (ex.request.method === 'POST' && ex.response?.status === 200 && typeof id === 'string') created.add(id);
    });
    expect(report.exitCode).toBe(0);
    expect(created.size).toBeGreaterThan(50);
    const left: string[] = [];
    for (const id of created) {
      const ex = await transport.send({ method: 'GET', path: `/mfa-servers/${id}`, headers: { authorization: 'Bearer rw' } });
      if (ex.response?.status !== 404) left.push(id);
    }
    expect(left).toEqual([]);
  });

  it('gives the same cases for the same seed', async () => {
    const sent = async (seed: number) => {
      const out: string[] = [];
      await run(seed, (ex) => out.push(`${ex.request.method} ${ex.request.path} ${typeof ex.request.body === 'string' ? ex.request.body : ''}`));
      return out.sort();
    };
    const a = await sent(33);
    const b = await sent(33);
    expect(a.length).toBeGreaterThan(1000);
    // Ids the server assigns differ between runs; everything the harness chose is the same.
    const strip = (xs: string[]) => xs.map((x) => x.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<id>')).sort();
    expect(strip(b)).toEqual(strip(a));
  });
});

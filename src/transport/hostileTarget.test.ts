// A hostile target (garbage, huge or slow bodies, resets, 5xx) is a finding,
// never a crash or a hang: the transport turns each into
// data, and the checks turn the data into findings.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateExchange } from '../runner/evaluateExchange.ts';
import { predict } from '../oracle/predict.ts';
import type { ApiRequest } from '../spec/types.ts';
import { Transport } from './transport.ts';

let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    const mode = req.url!.split('/').pop();
    req.resume();
    if (mode === 'garbage') { res.writeHead(200, { 'content-type': 'application/json' }); res.end('\u0000<html>not json'); return; }
    if (mode === 'huge') {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      let sent = 0;
      const pump = (): void => { while (sent < 8 * 1024 * 1024) { sent += chunk.length; if (!res.write(chunk)) { res.once('drain', pump); return; } } res.end(); };
      pump();
      return;
    }
    if (mode === 'trickle') { res.writeHead(200, { 'content-type': 'application/json' }); const t = setInterval(() => res.write(' '), 100); res.on('close', () => clearInterval(t)); return; }
    if (mode === 'silent') return; // never answers
    if (mode === 'reset') { req.socket.destroy(); return; }
    if (mode === '5xx') { res.writeHead(503, { 'content-type': 'text/plain' }); res.end('down'); return; }
    res.writeHead(404); res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}/api`;
});
afterAll(async () => { server.closeAllConnections(); await new Promise((r) => server.close(r)); });

const get = (mode: string): ApiRequest => ({ method: 'GET', path: `/mfa-servers/${mode}`, headers: { authorization: 'Bearer dev-token' } });
const findingsFor = async (t: Transport, mode: string) => {
  const ex = await t.send(get(mode));
  return { ex, checks: evaluateExchange(ex, predict(get(mode)), false).map((v) => v.check) };
};

describe('hostile target', () => {
  it('garbage body: a content finding, no crash', async () => {
    const t = new Transport({ baseUrl: base, timeoutMs: 2_000 });
    const { checks } = await findingsFor(t, 'garbage');
    expect(checks).toContain('content-type');
    await t.close();
  });
  it('huge body: cut at 1 MiB, a transport finding', async () => {
    const t = new Transport({ baseUrl: base, timeoutMs: 5_000 });
    const { ex, checks } = await findingsFor(t, 'huge');
    expect(ex.response?.truncated).toBe(true);
    expect(ex.response!.body.length).toBeLessThanOrEqual(1_048_576);
    expect(checks).toContain('transport');
    await t.close();
  });
  it('a body that trickles forever is cut at the deadline', async () => {
    const t = new Transport({ baseUrl: base, timeoutMs: 1_000 });
    const started = Date.now();
    const { ex, checks } = await findingsFor(t, 'trickle');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(ex.transportError?.code).toBe('TIMEOUT');
    expect(checks).toContain('transport');
    await t.close();
  });
  it('a target that never answers: a timeout, not a hang', async () => {
    const t = new Transport({ baseUrl: base, timeoutMs: 500 });
    const { ex, checks } = await findingsFor(t, 'silent');
    expect(ex.transportError).toBeDefined();
    expect(checks).toContain('transport');
    await t.close();
  });
  it('connection reset: a transport finding', async () => {
    const t = new Transport({ baseUrl: base, timeoutMs: 2_000 });
    const { ex, checks } = await findingsFor(t, 'reset');
    expect(ex.transportError?.code).toMatch(/ECONNRESET|UND_ERR_SOCKET|EPIPE/);
    expect(checks).toContain('transport');
    await t.close();
  });
  it('5xx: a no-5xx finding', async () => {
    const t = new Transport({ baseUrl: base, timeoutMs: 2_000 });
    const { checks } = await findingsFor(t, '5xx');
    expect(checks).toContain('no-5xx');
    await t.close();
  });
});

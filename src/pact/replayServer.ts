// Answers `GET /replay/<n>` with the n-th recorded response, byte for byte
// (status, headers, body), so Pact's Verifier can judge responses that were
// received earlier from a real target (contractCheck.ts).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiResponse } from '../runner/results.ts';

const HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'date']);

export async function startReplayServer(responses: ApiResponse[]): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const m = /^\/replay\/(\d+)$/.exec(req.url ?? '');
    const r = m ? responses[Number(m[1])] : undefined;
    req.resume();
    if (!r) {
      res.writeHead(599).end();
      return;
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(r.headers)) if (!HOP.has(k.toLowerCase())) headers[k] = v;
    res.writeHead(r.status, { ...headers, 'content-length': Buffer.byteLength(r.body) });
    res.end(r.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

// A local HTTP endpoint in front of a Client, for a sender the harness does
// not control (Pact's Verifier, a Rust child that takes a base URL and static
// headers): it sends placeholder tokens to 127.0.0.1, and the Client puts the
// OAuth2 identity's current token in, waits out 429s, refreshes on Key
// Expired and trusts the target's CA (transport/client.ts). The Verifier sees
// the target's answers, real tokens put back to placeholders.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from './client.ts';

/** Headers of one hop only (RFC 9110 7.6.1), and those the proxy sets itself. */
const HOP = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'upgrade', 'proxy-connection', 'te', 'trailer']);
const MAX_BODY = 16 * 1024 * 1024;

export interface ForwardProxy { url: string; close(): Promise<void> }

export async function startForwardProxy(client: Client, basePath: string): Promise<ForwardProxy> {
  const server = createServer((req, res) => { forward(client, basePath, req, res).catch(() => reply(res, 502, 'the proxy could not forward the request')); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${basePath}`,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

async function forward(client: Client, basePath: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req as AsyncIterable<Buffer>) {
    size += c.length;
    if (size > MAX_BODY) { reply(res, 413, 'request body over 16 MiB'); return; }
    chunks.push(c);
  }
  const url = req.url ?? '/';
  const path = basePath !== '' && url.startsWith(basePath) ? url.slice(basePath.length) || '/' : url;
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined && !HOP.has(k)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  const ex = await client.send({ method: req.method ?? 'GET', path, headers, ...(chunks.length > 0 && { body: Buffer.concat(chunks).toString('utf8') }) });
  if (!ex.response) { reply(res, 502, `no answer from the target: ${ex.transportError?.code ?? ''}`); return; }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(ex.response.headers)) if (!HOP.has(k)) out[k] = v;
  res.writeHead(ex.response.status, out);
  res.end(ex.response.body);
}

function reply(res: ServerResponse, status: number, message: string): void {
  if (res.headersSent) { res.destroy(); return; }
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ _errors: [{ code: 'PROXY', message }] }));
}

// Deliberately broken targets for the provider tests: a small proxy in front
// of a conforming server that breaks one thing in its responses. Written here
// (not taken from the server's fault catalogue) so the Pact tests depend only
// on startServer() and on the contract.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';

export type BreakKind =
  /** 400 E003 answers carry E004 instead (a wrong code, right status). */
  | 'code-e003-to-e004'
  /** Error envelopes lose `_request_id` (status, code and message stay right). */
  | 'strip-request-id'
  /** 409 answers become 400 (a wrong status, right envelope). */
  | 'status-409-to-400';

export interface BrokenTarget {
  /** Same API prefix as the upstream: http://127.0.0.1:PORT/config/identity/v1. */
  url: string;
  close(): Promise<void>;
}

export function breakResponse(kind: BreakKind, status: number, body: string): { status: number; body: string } {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { status, body };
  }
  const env = json as { _errors?: { code?: string }[]; _request_id?: string };
  if (kind === 'code-e003-to-e004' && status === 400) for (const e of env._errors ?? []) if (e.code === 'E003') e.code = 'E004';
  if (kind === 'strip-request-id' && env._errors) delete env._request_id;
  if (kind === 'status-409-to-400' && status === 409) status = 400;
  return { status, body: JSON.stringify(json) };
}

// Hop-by-hop and framing headers: undici sets its own (it rejects a forwarded transfer-encoding).
const HOP = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'upgrade']);

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** A proxy to `upstream` (a base URL with its path prefix) that breaks responses as `kind` says. */
export async function startBrokenTarget(upstream: string, kind: BreakKind): Promise<BrokenTarget> {
  const up = new URL(upstream);
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && !HOP.has(k)) headers[k] = v;
      const r = await request(`${up.origin}${req.url ?? '/'}`, {
        method: (req.method ?? 'GET') as 'GET',
        headers,
        body: body.length > 0 || req.method === 'POST' || req.method === 'PUT' ? body : undefined,
      });
      const broken = breakResponse(kind, r.statusCode, await r.body.text());
      res.writeHead(broken.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(broken.body) });
      res.end(broken.body);
    })().catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}${up.pathname.replace(/\/+$/, '')}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

// Test support: throwaway hostile targets for the CLI's own tests (issue
// "Hostile, broken and misconfigured targets"). Each answers the pre-flight's
// list probe as the API would, then misbehaves the way its name says.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export type Hostility = 'huge' | 'hang-after-first' | 'trickle' | 'reset' | 'garbage' | '5xx' | 'html';

const LIST = JSON.stringify({ data: [], limit: 200, offset: 0, total: 0 });

export interface Hostile { url: string; close(): Promise<void> }

export async function hostileServer(how: Hostility): Promise<Hostile> {
  const huge = how === 'huge' ? Buffer.alloc(20 * 1024 * 1024, 0x20) : undefined;
  if (huge) huge.write('{"data":[],"pad":"', 0);
  let answered = 0;
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    const first = answered++ === 0;
    if (how === 'html') { res.writeHead(200, { 'content-type': 'text/html' }); res.end('<!doctype html><title>Welcome</title>'); return; }
    if (first) { res.writeHead(200, { 'content-type': 'application/json' }); res.end(LIST); return; }
    switch (how) {
      case 'huge': res.writeHead(200, { 'content-type': 'application/json', 'content-length': huge!.length }); res.end(huge); return;
      case 'hang-after-first': return; // never answers again
      case 'trickle': { res.writeHead(200, { 'content-type': 'application/json' }); const t = setInterval(() => res.write(' '), 1_000); res.on('close', () => clearInterval(t)); return; }
      case 'reset': req.socket.destroy(); return;
      case 'garbage': res.writeHead(200, { 'content-type': 'application/json' }); res.end('\u0000\u0001 not json at all {{{'); return;
      case '5xx': res.writeHead(503, { 'content-type': 'text/plain' }); res.end('down for maintenance'); return;
    }
  });
  server.on('clientError', (_e, socket) => socket.destroy());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/config/identity/v1`,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

// The reference server: plain node:http, one in-memory store per instance.
// Bodies are counted as they arrive and never stored past the 1 MiB limit
// (decisions.md: more than 1,048,576 bytes → 413 E003).
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server as HttpServer, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { createBehaviour } from './behaviour.ts';
import { edgeRouter } from './edge/router.ts';
import { tlsMaterial } from './edge/tls.ts';
import { handle } from './handle.ts';
import type { Reply, Server, ServerOptions } from './types.ts';
import { BASE_PATH } from './validate/route.ts';

export type { ServerOptions } from './types.ts';

export interface RunningServer {
  url: string;
  port: number;
  /** With `tls`: where the certificate's PEM is, and the PEM (clients trust it as their CA). */
  certificate?: { path: string; pem: string };
  /** Objects stored now (a test or an operator asks whether a client left anything behind). */
  objects(): number;
  close(): Promise<void>;
}

/** Past this many bytes the server stops draining, answers (413) and closes the connection. */
const DRAIN_LIMIT = 16 * 1024 * 1024;

/** Characters JSON.stringify writes as they are inside a string: printable ASCII but `"` and `\\`. */
const PLAIN_JSON_CHARS = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
const isPlainString = (v: unknown): v is string => typeof v === 'string' && PLAIN_JSON_CHARS.test(v);

function keysAre(o: object, a: string, b: string, c?: string): boolean {
  const keys = Object.keys(o);
  return keys.length === (c === undefined ? 2 : 3) && keys[0] === a && keys[1] === b && (c === undefined || keys[2] === c);
}

/**
 * JSON.stringify(body), with a fast path for the shape of most answers, the
 * error envelope as errors.ts makes it: `{"_errors":[{"code","message",
 * "details":{}}],"_request_id"}` with plain strings (JSON.stringify took a
 * third of the server's own time on a 409 in the bench's profile). Any other
 * shape, key order or character goes to JSON.stringify; replyText.test.ts
 * holds the two equal.
 */
export function jsonText(body: unknown): string | undefined {
  if (typeof body === 'object' && body !== null && Object.getPrototypeOf(body) === Object.prototype && keysAre(body, '_errors', '_request_id')) {
    const { _errors: errors, _request_id: id } = body as { _errors: unknown; _request_id: unknown };
    const e: unknown = Array.isArray(errors) && Object.getPrototypeOf(errors) === Array.prototype && errors.length === 1 ? errors[0] : undefined;
    if (typeof e === 'object' && e !== null && Object.getPrototypeOf(e) === Object.prototype && keysAre(e, 'code', 'message', 'details') && isPlainString(id)) {
      const { code, message, details } = e as { code: unknown; message: unknown; details: unknown };
      const emptyDetails = typeof details === 'object' && details !== null && Object.getPrototypeOf(details) === Object.prototype && Object.keys(details).length === 0;
      if (emptyDetails && isPlainString(code) && isPlainString(message)) {
        return `{"_errors":[{"code":"${code}","message":"${message}","details":{}}],"_request_id":"${id}"}`;
      }
    }
  }
  return JSON.stringify(body);
}

function send(res: ServerResponse, reply: Reply, closeAfter: boolean): void {
  if (res.headersSent || res.destroyed) return;
  let text: string;
  const headers: Record<string, string | number> = reply.headers === undefined ? {} : { ...reply.headers };
  if (reply.text !== undefined) {
    // A reading answering like an HTTP framework: the text as is.
    text = reply.text;
    if (reply.contentType !== undefined) headers['content-type'] = reply.contentType;
  } else {
    try {
      text = jsonText(reply.body) ?? '{}';
    } catch {
      text = '{"_errors":[{"code":"E003","message":"Invalid Command","details":{}}]}';
    }
    headers['content-type'] = 'application/json';
  }
  headers['content-length'] = Buffer.byteLength(text);
  if (closeAfter) headers.connection = 'close';
  try {
    res.writeHead(reply.status, headers);
    res.end(text);
  } catch {
    res.destroy(); // a header value Node refuses: no answer rather than a crash
  }
}

/**
 * One request's body as it arrives. A class, not closures: tsx compiles with
 * esbuild's keepNames, which names every named closure with
 * Object.defineProperty each time it is made (a per-request cost the
 * profile showed); the listeners below are unnamed arrows.
 */
class BodyReader {
  private readonly chunks: Buffer[] = [];
  private stored = 0;
  private bytes = 0;
  private over = false;
  private done = false;

  constructor(
    private readonly s: Server,
    private readonly req: IncomingMessage,
    private readonly res: ServerResponse,
  ) {}

  data(chunk: Buffer): void {
    if (this.done) return;
    this.bytes += chunk.length;
    if (!this.over && this.stored + chunk.length <= this.s.maxBodyBytes) {
      this.chunks.push(chunk);
      this.stored += chunk.length;
    } else if (!this.over) {
      this.over = true; // over the limit: drop what we hold, keep counting, store nothing more
      this.chunks.length = 0;
      if (this.s.resetOverBodyLimit) {
        // A reading: a server that drops the connection mid-upload instead of answering 413.
        this.done = true;
        this.req.socket.destroy();
        return;
      }
    }
    if (this.bytes > DRAIN_LIMIT + this.s.maxBodyBytes) this.finish(true);
  }

  finish(closeAfter: boolean): void {
    if (this.done) return;
    this.done = true;
    const { chunks, req, res } = this;
    // One chunk (the usual small body) is used as it is, not copied.
    const body = this.over ? Buffer.alloc(0) : chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, this.stored);
    chunks.length = 0;
    // rawHeaders: the first value of a header is looked up there (handle.ts),
    // rather than built into req.headersDistinct for every request.
    const reply = handle({ method: req.method ?? '', url: req.url ?? '', rawHeaders: req.rawHeaders, body, bodyBytes: this.bytes }, this.s);
    send(res, reply, closeAfter);
    if (closeAfter) res.once('finish', () => req.socket.destroySoon());
  }
}

function onRequest(s: Server, req: IncomingMessage, res: ServerResponse): void {
  const reader = new BodyReader(s, req, res);
  req.on('data', (chunk: Buffer) => reader.data(chunk));
  req.on('end', () => reader.finish(false));
  // A client that goes away mid-request: nothing to answer, nothing to crash.
  // (An IncomingMessage emits 'error' only to listeners, node:http's
  // _http_incoming onError: the request needs none.)
  res.on('error', ignore);
}

function ignore(): void {}

export async function startServer(opts: ServerOptions = {}): Promise<RunningServer> {
  const s = createBehaviour(opts);
  const api = (req: IncomingMessage, res: ServerResponse): void => {
    try {
      onRequest(s, req, res);
    } catch {
      res.destroy();
    }
  };
  // The edge (./edge): token endpoint and rate limit in front of the API; https with `tls`.
  const listener = edgeRouter(s, opts, api);
  const tls = opts.tls ? await tlsMaterial(opts.tls, opts.host ?? '127.0.0.1') : undefined;
  const server: HttpServer = tls
    ? createHttpsServer({ maxHeaderSize: 64 * 1024, key: tls.key, cert: tls.cert }, listener)
    : createServer({ maxHeaderSize: 64 * 1024 }, listener);
  // Unparseable HTTP (including methods llhttp does not know, e.g. FOO): a JSON
  // 400 E003 envelope (or 431 for oversized headers) and close.
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable || (err.code === 'ECONNRESET')) return void socket.destroy();
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    const body = JSON.stringify({ _errors: [{ code: 'E003', message: 'Malformed Command', details: {} }], _request_id: randomUUID() });
    socket.end(`HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    const failed = (e: Error): void => {
      tls?.dispose();
      reject(e);
    };
    server.once('error', failed);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', failed);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return {
    url: `${tls ? 'https' : 'http'}://${shown}:${port}${BASE_PATH}`,
    port,
    ...(tls && { certificate: { path: tls.certPath, pem: tls.cert } }),
    objects: () => s.store.size,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          tls?.dispose();
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}

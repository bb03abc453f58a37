// The one place the harness talks HTTP: an undici Pool with keep-alive and
// bounded connections. Every status is data; only socket failures, timeouts
// and over-long bodies become a TransportFailure (a stable code, never a
// throw), so a hostile target is a finding, never a crash or a hang
// (undici lib/core/errors.js: errors carry a stable `code`).
import { Pool } from 'undici';
import type { ApiRequest } from '../spec/types.ts';
import type { ApiResponse, Exchange, TransportFailure } from '../runner/results.ts';

export interface TransportOptions {
  /** Base URL including the API prefix, e.g. http://127.0.0.1:8080/config/identity/v1 */
  baseUrl: string;
  connections?: number;
  /** Whole-exchange deadline (headers and body), ms. */
  timeoutMs?: number;
  /** Response bytes kept; the rest is discarded and the response marked truncated. */
  maxResponseBytes?: number;
}

export class Transport {
  readonly origin: string;
  readonly basePath: string;
  private readonly pool: Pool;
  private readonly timeoutMs: number;
  private readonly maxResponseBytes: number;

  constructor(opts: TransportOptions) {
    const url = new URL(opts.baseUrl);
    this.origin = url.origin;
    this.basePath = url.pathname.replace(/\/+$/, '');
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    this.maxResponseBytes = opts.maxResponseBytes ?? 1_048_576;
    this.pool = new Pool(this.origin, {
      connections: opts.connections ?? 16,
      keepAliveTimeout: 10_000,
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
      connectTimeout: Math.min(this.timeoutMs, 5_000),
    });
  }

  /** Full URL of a request (for replay lines). */
  urlOf(req: ApiRequest): string {
    return this.origin + this.basePath + req.path;
  }

  async send(req: ApiRequest): Promise<Exchange> {
    const started = performance.now();
    // headersTimeout bounds a silent target; a body that trickles in forever
    // is cut by the one deadline sweeper below (a per-request AbortSignal
    // cost ~40 µs a request, a third of the harness's own work).
    const flight: InFlight = { deadline: started + this.timeoutMs, expired: false };
    this.inFlight.add(flight);
    this.startSweeper();
    try {
      const res = await this.pool.request({
        path: this.basePath + req.path,
        method: req.method as never,
        headers: req.headers,
        body: req.body === undefined ? undefined : typeof req.body === 'string' ? req.body : Buffer.from(req.body),
      });
      flight.body = res.body;
      // Fast path: a declared length within the cap is read whole; anything
      // else is streamed and cut at the cap (a huge or endless body).
      const declared = Number(res.headers['content-length']);
      const { body, truncated } = Number.isInteger(declared) && declared <= this.maxResponseBytes
        ? { body: await res.body.text(), truncated: false }
        : await readCapped(res.body, this.maxResponseBytes);
      const response: ApiResponse = { status: res.statusCode, headers: flattenHeaders(res.headers), body };
      if (truncated) response.truncated = true;
      return { request: req, response, ms: performance.now() - started };
    } catch (err) {
      return { request: req, transportError: failureOf(err, flight.expired), ms: performance.now() - started };
    } finally {
      this.inFlight.delete(flight);
    }
  }

  private readonly inFlight = new Set<InFlight>();
  private sweeper: ReturnType<typeof setInterval> | undefined;

  private startSweeper(): void {
    if (this.sweeper) return;
    this.sweeper = setInterval(() => {
      const now = performance.now();
      for (const f of this.inFlight) {
        if (f.body && now > f.deadline && !f.expired) {
          f.expired = true;
          f.body.destroy(new Error('deadline'));
        }
      }
      if (this.inFlight.size === 0) { clearInterval(this.sweeper); this.sweeper = undefined; }
    }, Math.min(1_000, this.timeoutMs));
    this.sweeper.unref();
  }

  async close(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    await this.pool.destroy();
  }
}

/** Reads at most `max` bytes; a larger body is drained and cut, never buffered whole. */
async function readCapped(body: AsyncIterable<Buffer> & { destroy(err?: Error): unknown }, max: number): Promise<{ body: string; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    if (size + chunk.length > max) {
      chunks.push(chunk.subarray(0, max - size));
      body.destroy();
      return { body: Buffer.concat(chunks).toString('utf8'), truncated: true };
    }
    chunks.push(chunk);
    size += chunk.length;
  }
  return { body: Buffer.concat(chunks).toString('utf8'), truncated: false };
}

function flattenHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

interface InFlight { deadline: number; expired: boolean; body?: { destroy(err?: Error): unknown } }

function failureOf(err: unknown, expired: boolean): TransportFailure {
  const e = err as { code?: string; name?: string; message?: string; cause?: { code?: string } };
  if (expired) return { code: 'TIMEOUT', message: 'no complete answer within the per-request timeout' };
  const code = e.code ?? e.cause?.code ?? e.name ?? 'UNKNOWN';
  return { code, message: (e.message ?? String(err)).split('\n')[0]! };
}

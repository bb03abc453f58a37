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

  /**
   * One request through `Pool#dispatch` with a small handler: no Readable
   * per response, no AbortSignal per request (measured: ~2x the throughput of
   * `Pool#request` here). The body is collected up to the cap; past it the
   * request is aborted and the response kept, marked truncated.
   */
  send(req: ApiRequest): Promise<Exchange> {
    const started = performance.now();
    const max = this.maxResponseBytes;
    return new Promise<Exchange>((resolve) => {
      const flight: InFlight = { deadline: started + this.timeoutMs, expired: false };
      let status = 0;
      let headers: Record<string, string> = {};
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      const finish = (ex: Exchange): void => { this.inFlight.delete(flight); resolve(ex); };
      const response = (): ApiResponse => {
        const r: ApiResponse = { status, headers, body: Buffer.concat(chunks, size).toString('utf8') };
        if (truncated) r.truncated = true;
        return r;
      };
      this.inFlight.add(flight);
      this.startSweeper();
      try {
        this.pool.dispatch({
          path: this.basePath + req.path,
          method: req.method as never,
          headers: req.headers,
          body: req.body === undefined ? null : typeof req.body === 'string' ? req.body : Buffer.from(req.body),
        }, {
          onRequestStart: (controller) => { flight.abort = (err) => controller.abort(err); },
          onResponseStart: (_c, statusCode, h) => { status = statusCode; headers = flattenHeaders(h as Record<string, string | string[] | undefined>); },
          onResponseData: (controller, chunk) => {
            if (truncated) return;
            if (size + chunk.length > max) {
              chunks.push(chunk.subarray(0, max - size));
              size = max;
              truncated = true;
              controller.abort(new Error('response over the cap'));
              return;
            }
            chunks.push(chunk);
            size += chunk.length;
          },
          onResponseEnd: () => finish({ request: req, response: response(), ms: performance.now() - started }),
          onResponseError: (_c, err) => {
            if (truncated) finish({ request: req, response: response(), ms: performance.now() - started });
            else finish({ request: req, transportError: failureOf(err, flight.expired), ms: performance.now() - started });
          },
        });
      } catch (err) {
        finish({ request: req, transportError: failureOf(err, false), ms: performance.now() - started });
      }
    });
  }

  private readonly inFlight = new Set<InFlight>();
  private sweeper: ReturnType<typeof setInterval> | undefined;

  private startSweeper(): void {
    if (this.sweeper) return;
    this.sweeper = setInterval(() => {
      const now = performance.now();
      for (const f of this.inFlight) {
        if (f.abort && now > f.deadline && !f.expired) {
          f.expired = true;
          f.abort(new Error('deadline'));
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

function flattenHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

interface InFlight { deadline: number; expired: boolean; abort?: (err: Error) => void }

function failureOf(err: unknown, expired: boolean): TransportFailure {
  const e = err as { code?: string; name?: string; message?: string; cause?: { code?: string } };
  if (expired) return { code: 'TIMEOUT', message: 'no complete answer within the per-request timeout' };
  const code = e.code ?? e.cause?.code ?? e.name ?? 'UNKNOWN';
  return { code, message: (e.message ?? String(err)).split('\n')[0]! };
}

// The one place the harness talks HTTP: an undici Pool with keep-alive and
// bounded connections. Every status is data; only socket failures, timeouts
// and over-long bodies become a TransportFailure (a stable code, never a
// throw), so a hostile target is a finding, never a crash or a hang
// (undici lib/core/errors.js: errors carry a stable `code`).
import { rootCertificates } from 'node:tls';
import { Pool } from 'undici';
import type { ApiRequest, ApiResponse, Exchange, TransportFailure } from '../spec/types.ts';

export interface TransportOptions {
  /** Base URL including the API prefix, e.g. http://127.0.0.1:8080/config/identity/v1 */
  baseUrl: string;
  connections?: number;
  /** Whole-exchange deadline (headers and body), ms. */
  timeoutMs?: number;
  /** Response bytes kept; the rest is discarded and the response marked truncated. */
  maxResponseBytes?: number;
  /** TLS: a CA certificate (PEM) to trust beside the system's, or no verification at all (SCM_SKIP_VERIFY_CERTIFICATE). */
  tls?: { ca?: string; insecure?: boolean };
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
      ...(opts.tls && { connect: { ...(opts.tls.ca !== undefined && { ca: [...rootCertificates, opts.tls.ca] }), ...(opts.tls.insecure && { rejectUnauthorized: false }) } }),
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
   * request is aborted and the response kept, marked truncated. The handler
   * is a class, not closures: tsx compiles with esbuild's keepNames, which
   * costs a defineProperty for every named closure made per request.
   */
  send(req: ApiRequest): Promise<Exchange> {
    return new Promise<Exchange>((resolve) => {
      const flight = new InFlight(req, this.timeoutMs, this.maxResponseBytes, resolve, this.inFlight);
      this.inFlight.add(flight);
      this.startSweeper();
      try {
        this.pool.dispatch({
          path: this.basePath + req.path,
          method: req.method as never,
          headers: req.headers,
          body: req.body === undefined ? null : typeof req.body === 'string' ? req.body : Buffer.from(req.body),
        }, flight);
      } catch (err) {
        flight.fail(err);
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
        if (f.controller && now > f.deadline && !f.expired) {
          f.expired = true;
          f.controller.abort(new Error('deadline'));
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

/** Of a body over the cap, the bytes kept (what a finding and the reports show of it). */
const KEPT_OF_CUT_BODY = 16 * 1024;

function flattenHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k in h) {
    const v = h[k];
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

interface Controller { abort(err: Error): void }

/** One exchange in flight: undici's handler, and what the deadline sweeper looks at. */
class InFlight {
  readonly started = performance.now();
  readonly deadline: number;
  expired = false;
  controller: Controller | undefined;
  private status = 0;
  private headers: Record<string, string> = {};
  private readonly chunks: Buffer[] = [];
  private size = 0;
  private truncated = false;
  /** Bytes read before the body counts as over the cap: the cap, or less when the declared length is over it. */
  private limit: number;

  constructor(
    private readonly req: ApiRequest,
    timeoutMs: number,
    private readonly max: number,
    private readonly resolve: (ex: Exchange) => void,
    private readonly registry: Set<InFlight>,
  ) {
    this.deadline = this.started + timeoutMs;
    this.limit = max;
  }

  onRequestStart(controller: Controller): void { this.controller = controller; }

  onResponseStart(_c: Controller, statusCode: number, h: Record<string, string | string[] | undefined>): void {
    this.status = statusCode;
    this.headers = flattenHeaders(h);
    // A declared length over the cap: the body is a finding, and only its start is kept (read no more of it).
    const declared = Number(this.headers['content-length']);
    if (Number.isSafeInteger(declared) && declared > this.max) this.limit = KEPT_OF_CUT_BODY;
  }

  onResponseData(controller: Controller, chunk: Buffer): void {
    if (this.truncated) return;
    if (this.size + chunk.length > this.limit) {
      // Over the cap: a finding. Keep only its start (what a finding shows), so a
      // target answering huge bodies costs the harness no more than a small one.
      const kept: Buffer[] = [];
      let n = 0;
      for (const c of [...this.chunks, chunk]) {
        if (n >= KEPT_OF_CUT_BODY) break;
        const part = c.subarray(0, KEPT_OF_CUT_BODY - n);
        kept.push(Buffer.from(part)); // a copy: the rest of the chunk is not kept alive
        n += part.length;
      }
      this.chunks.length = 0;
      this.chunks.push(...kept);
      this.size = n;
      this.truncated = true;
      controller.abort(new Error('response over the cap'));
      return;
    }
    this.chunks.push(chunk);
    this.size += chunk.length;
  }

  onResponseEnd(): void { this.finish({ request: this.req, response: this.response(), ms: performance.now() - this.started }); }

  onResponseError(_c: Controller, err: unknown): void {
    if (this.truncated) this.finish({ request: this.req, response: this.response(), ms: performance.now() - this.started });
    else this.fail(err, this.expired);
  }

  fail(err: unknown, expired = false): void {
    this.finish({ request: this.req, transportError: failureOf(err, expired), ms: performance.now() - this.started });
  }

  private response(): ApiResponse {
    const r: ApiResponse = { status: this.status, headers: this.headers, body: Buffer.concat(this.chunks, this.size).toString('utf8') };
    if (this.truncated) {
      r.truncated = true;
      const declared = Number(this.headers['content-length']);
      r.bodyBytes = Number.isSafeInteger(declared) && declared > this.max ? declared : this.max + 1;
    }
    return r;
  }

  private finish(ex: Exchange): void {
    this.registry.delete(this);
    this.resolve(ex);
  }
}

function failureOf(err: unknown, expired: boolean): TransportFailure {
  const e = err as { code?: string; name?: string; message?: string; cause?: { code?: string } };
  if (expired) return { code: 'TIMEOUT', message: 'no complete answer within the per-request timeout' };
  const code = e.code ?? e.cause?.code ?? e.name ?? 'UNKNOWN';
  return { code, message: (e.message ?? String(err)).split('\n')[0]! };
}

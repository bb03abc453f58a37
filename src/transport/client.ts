// What a run against a tenant needs on top of the raw transport (issue "Real
// tenants and real clients"; vendor-facts.md "Authentication", "Rate limits"):
//   - identities: the core knows each OAuth2 identity by a placeholder token
//     (`Bearer oauth-read-write`); on the way out the placeholder becomes the
//     identity's current token, on the way back the real token becomes the
//     placeholder again, so no real token reaches a finding or a report. A
//     401 Key Expired for it is refreshed once and resent: not a finding.
//   - rate limits: a 429, or a 503 with Retry-After, was not processed: it is
//     waited out (Retry-After, in seconds or as a date; else exponential
//     backoff with jitter) and resent, a bounded number of times, counted
//     and never a finding; the requests in flight are halved on each one
//     and grow back one at a time (AIMD), so the run slows instead of hammering;
//   - `rateLimit`: a cap on requests per second from this side.
import { HarnessError } from '../spec/errors.ts';
import type { ApiRequest, Exchange } from '../spec/types.ts';
import { retryAfterMs, type Identity } from './tokenSource.ts';
import type { Transport } from './transport.ts';

export interface ClientOptions {
  /** Placeholder token → the identity whose current token goes out instead. */
  identities?: Readonly<Record<string, Identity>>;
  /** Resends of one request after a 429 or 503 + Retry-After (default 8). */
  maxRetries?: number;
  /** Requests per second at most (default: no cap). */
  rateLimit?: number;
  /** The most requests in flight (the run's --concurrency). */
  concurrency: number;
}

export interface ClientStats {
  /** Requests resent after a 429 or a 503 with Retry-After, and the time spent waiting. */
  retried: number;
  waitedMs: number;
  /** Requests resent after a Key Expired for the harness's own token. */
  reauthenticated: number;
  /** The fewest requests in flight the run slowed down to. */
  slowestConcurrency: number;
}

export class Client {
  readonly stats: ClientStats;
  private limit: number;
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private successes = 0;
  private nextSlot = 0;
  private lastSign = performance.now();
  private sleeping = 0;

  constructor(private readonly transport: Transport, private readonly o: ClientOptions) {
    this.limit = o.concurrency;
    this.stats = { retried: 0, waitedMs: 0, reauthenticated: 0, slowestConcurrency: o.concurrency };
  }

  urlOf(req: ApiRequest): string {
    return this.transport.urlOf(req);
  }

  /** Every real token the identities were given (the writers redact them too). */
  issuedTokens(): string[] {
    return Object.values(this.o.identities ?? {}).flatMap((i) => [...i.issued]);
  }

  /** Token refreshes across the identities. */
  refreshes(): number {
    return Object.values(this.o.identities ?? {}).reduce((n, i) => n + i.refreshes, 0);
  }

  /**
   * When the target last showed it is there: its last answer (a 429 too), or
   * now while the client deliberately waits out a Retry-After. The run's
   * stopper reads it, so a long wait is not taken for a silent target.
   */
  lastSignOfLife(): number {
    return this.sleeping > 0 ? performance.now() : this.lastSign;
  }

  /**
   * Sends a request, waiting out 429s, and a 503 with Retry-After, a bounded
   * number of times. Throws HarnessError RATE_LIMITED when they never end
   * and AUTH_FAILED when a token cannot be had: the run stops, neither is a
   * finding of the target's conformance.
   */
  async send(req: ApiRequest): Promise<Exchange> {
    const placeholders = this.placeholdersIn(req);
    let reauthenticated = false;
    for (let attempt = 1; ; attempt++) {
      await this.acquire();
      let ex: Exchange;
      let real: Array<[string, string]> = [];
      try {
        let out = req;
        if (placeholders.length > 0) ({ out, real } = await this.withTokens(req, placeholders));
        ex = await this.transport.send(out);
      } finally {
        this.release();
      }
      if (real.length > 0) ex = restore(ex, req, real);
      const res = ex.response;
      if (res) this.lastSign = performance.now();
      if (res && (res.status === 429 || (res.status === 503 && res.headers['retry-after'] !== undefined))) {
        const max = this.o.maxRetries ?? 8;
        if (attempt > max) throw new HarnessError('RATE_LIMITED', `the target still answered ${res.status} after ${max} resends of ${req.method} ${req.path.split('?')[0]}: lower --concurrency or --rate-limit`);
        this.slowDown();
        const wait = retryAfterMs(res.headers['retry-after'], attempt);
        this.stats.retried++;
        this.stats.waitedMs += wait;
        this.sleeping++;
        try { await sleep(wait); } finally { this.sleeping--; }
        continue;
      }
      // The harness's own token refused: Key Expired, or any 401 once the token had lived half its life
      // (a stand-in may word an expired token otherwise). Refreshed once and resent; a fresh token's 401 is the target's answer.
      if (res && res.status === 401 && !reauthenticated && this.ownToken(req, placeholders)) {
        const stale = real.filter(([token, p]) => /Key Expired/i.test(res.body) || this.o.identities![p]!.aging(token));
        if (stale.length > 0) {
          reauthenticated = true;
          this.stats.reauthenticated++;
          await Promise.all(stale.map(([token, p]) => this.o.identities![p]!.refresh(token)));
          continue;
        }
      }
      this.speedUp();
      return ex;
    }
  }

  /** The request carries exactly an identity's token (whatever the scheme's spelling), not a token made from it. */
  private ownToken(req: ApiRequest, placeholders: string[]): boolean {
    const t = /^\s*\S+\s+(\S+)\s*$/.exec(req.headers['authorization'] ?? '')?.[1];
    return t !== undefined && placeholders.includes(t);
  }

  private placeholdersIn(req: ApiRequest): string[] {
    const ids = this.o.identities;
    const auth = req.headers['authorization'];
    if (!ids || auth === undefined) return [];
    return Object.keys(ids).filter((p) => auth.includes(p));
  }

  private async withTokens(req: ApiRequest, placeholders: string[]): Promise<{ out: ApiRequest; real: Array<[string, string]> }> {
    const real: Array<[string, string]> = [];
    let auth = req.headers['authorization']!;
    for (const p of placeholders) {
      const token = await this.o.identities![p]!.token();
      real.push([token, p]);
      auth = auth.split(p).join(token);
    }
    return { out: { ...req, headers: { ...req.headers, authorization: auth } }, real };
  }

  private async acquire(): Promise<void> {
    const rate = this.o.rateLimit;
    if (rate !== undefined) {
      // One slot every 1/rate seconds: a smooth cap, not a burst each second.
      const now = performance.now();
      const at = Math.max(now, this.nextSlot);
      this.nextSlot = at + 1000 / rate;
      if (at > now) await sleep(at - now);
    }
    if (this.active < this.limit) { this.active++; return; }
    await new Promise<void>((resolve) => this.waiting.push(() => { this.active++; resolve(); }));
  }

  private release(): void {
    this.active--;
    this.drain();
  }

  /** Wakes waiters while there is room (each increments `active` itself). */
  private drain(): void {
    while (this.active < this.limit && this.waiting.length > 0) this.waiting.shift()!();
  }

  private slowDown(): void {
    this.limit = Math.max(1, Math.floor(this.limit / 2));
    this.successes = 0;
    this.stats.slowestConcurrency = Math.min(this.stats.slowestConcurrency, this.limit);
  }

  private speedUp(): void {
    if (this.limit >= this.o.concurrency) return;
    if (++this.successes >= this.limit) {
      this.successes = 0;
      this.limit++;
      this.drain();
    }
  }
}

/** The exchange as the core sees it: the request as it was built (placeholders), real tokens in the response put back to them. */
function restore(ex: Exchange, req: ApiRequest, real: Array<[string, string]>): Exchange {
  const swap = (s: string): string => real.reduce((t, [token, p]) => (t.includes(token) ? t.split(token).join(p) : t), s);
  const out: Exchange = { ...ex, request: req };
  if (ex.response) {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(ex.response.headers)) headers[k] = swap(v);
    out.response = { ...ex.response, headers, body: swap(ex.response.body) };
  }
  if (ex.transportError) out.transportError = { ...ex.transportError, message: swap(ex.transportError.message) };
  return out;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

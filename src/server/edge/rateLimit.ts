// `serve --rate-limit N`: at most N API requests in any window of one second
// (a sliding window over the times of the last N admitted requests). One more
// is answered 429 before the API sees it: not authenticated, not read, not
// processed, no side effect. The vendor documents no limit and no answer for
// its configuration APIs (vendor-facts.md "Rate limits"), so the answer is
// this server's choice: the E003-style error envelope every other error of the
// API has (the Python SDK's error handler needs `_errors`), with
// `Retry-After` in whole seconds (the Python SDK honours it; a harness must
// wait and resend, never count a 429 as a finding).
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';

const WINDOW_MS = 1000;

export class RateLimiter {
  /** Admission times of the last `limit` admitted requests, a ring: `next` is the oldest. */
  private readonly times: number[];
  private next = 0;

  constructor(
    readonly limit: number,
    private readonly now: () => number = Date.now,
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`rate limit must be an integer >= 1, got ${limit}`);
    this.times = new Array<number>(limit).fill(Number.NEGATIVE_INFINITY);
  }

  /** Admits a request (undefined), or answers the whole seconds to wait before one would be admitted. */
  take(): number | undefined {
    const t = this.now();
    const oldest = this.times[this.next] ?? Number.NEGATIVE_INFINITY;
    if (t - oldest < WINDOW_MS) return Math.max(1, Math.ceil((oldest + WINDOW_MS - t) / 1000));
    this.times[this.next] = t;
    this.next = (this.next + 1) % this.limit;
    return undefined;
  }
}

export function tooManyRequests(res: ServerResponse, retryAfterSeconds: number): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify({
    _errors: [{ code: 'E003', message: 'Too Many Requests', details: { retry_after: retryAfterSeconds } }],
    _request_id: randomUUID(),
  });
  res.writeHead(429, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'retry-after': String(retryAfterSeconds),
  });
  res.end(text);
}

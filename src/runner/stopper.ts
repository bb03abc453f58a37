// When a run stops early, and why (issue "Hostile, broken and misconfigured
// targets"): an interrupt (SIGINT/SIGTERM, an AbortSignal from the CLI), the
// run's deadline, a request budget, a target that stopped answering (N
// transport failures in a row, or no answer for a while across every
// request), or a target whose every answer is the same 401 or 404 (a wrong
// token or base URL, not 75 rule failures). Once stopped, no request is sent:
// `guard` throws RunStopped instead, and the runner treats that as skipped.
import type { Exchange, TransportFailure } from './results.ts';

export type StopKind = 'interrupted' | 'deadline' | 'budget' | 'silent' | 'degenerate' | 'auth' | 'rate-limited';

export interface StopReason { kind: StopKind; message: string; lastError?: TransportFailure }

export class RunStopped extends Error {
  constructor(readonly reason: StopReason) {
    super(reason.message);
    this.name = 'RunStopped';
  }
}

export interface StopperOptions {
  signal?: AbortSignal;
  /** Wall-clock budget of the sending phase, ms. */
  deadlineMs?: number;
  /** At most this many requests (cases, setups, lifecycles, clean-up not counted). */
  maxRequests?: number;
  /** Transport failures in a row that mean the target stopped answering (default 20). */
  failuresInARow?: number;
  /** No answer at all for this long while requests are in flight (ms, default 30 s). */
  silenceMs?: number;
  /** When the transport last heard from the target, or now while it waits out a Retry-After (performance.now()). */
  aliveAt?: () => number;
}

/** An abort whose reason is a StopReason stops the run for that reason (the CLI's: a token that cannot be had); any other is an interrupt. */
const reasonOf = (signal: AbortSignal): StopReason => {
  const r = signal.reason as Partial<StopReason> | undefined;
  return r && typeof r.kind === 'string' && typeof r.message === 'string' ? (r as StopReason) : { kind: 'interrupted', message: 'interrupted' };
};

/** Answers looked at to tell a target that answers everything alike (a wrong token or prefix). */
const DEGENERATE_SAMPLE = 40;

export class Stopper {
  reason: StopReason | undefined;
  sent = 0;
  answered = 0;
  private streak = 0;
  private lastAnswer = performance.now();
  private inFlight = 0;
  private readonly first: Array<{ status: number; code: string | undefined; expectedSame: boolean }> = [];
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly started = performance.now();

  constructor(private readonly o: StopperOptions = {}) {
    if (o.signal?.aborted) this.stop(reasonOf(o.signal));
    o.signal?.addEventListener('abort', () => this.stop(reasonOf(o.signal!)), { once: true });
    this.timer = setInterval(() => this.tick(), 250);
    this.timer.unref();
  }

  get stopped(): boolean {
    return this.reason !== undefined;
  }

  stop(reason: StopReason): void {
    this.reason ??= reason;
  }

  /** Before a request: throws RunStopped when the run is stopped or its budget spent. */
  guard(): void {
    if (this.reason) throw new RunStopped(this.reason);
    if (this.o.maxRequests !== undefined && this.sent >= this.o.maxRequests) {
      this.stop({ kind: 'budget', message: `the request budget (--max-requests ${this.o.maxRequests}) is spent` });
      throw new RunStopped(this.reason!);
    }
    this.sent++;
    this.inFlight++;
  }

  /** After a request: counts answers and transport failures. */
  record(ex: Exchange, expectedStatuses?: readonly number[]): void {
    this.inFlight--;
    if (ex.transportError) {
      this.streak++;
      if (this.streak >= (this.o.failuresInARow ?? 20)) {
        this.stop({ kind: 'silent', message: `target stopped answering after ${this.answered} answers (${this.streak} transport failures in a row)`, lastError: ex.transportError });
      }
      return;
    }
    this.streak = 0;
    this.answered++;
    this.lastAnswer = performance.now();
    if (this.first.length < DEGENERATE_SAMPLE && ex.response) {
      const code = errorCode(ex.response.body);
      this.first.push({ status: ex.response.status, code, expectedSame: expectedStatuses?.includes(ex.response.status) ?? false });
      if (this.first.length === DEGENERATE_SAMPLE) this.checkDegenerate(ex);
    }
  }

  close(): void {
    clearInterval(this.timer);
  }

  private tick(): void {
    const now = performance.now();
    if (this.o.deadlineMs !== undefined && now - this.started > this.o.deadlineMs) {
      this.stop({ kind: 'deadline', message: `the run's deadline (--deadline ${Math.round(this.o.deadlineMs / 1000)} s) passed after ${this.answered} answers` });
    }
    const silence = this.o.silenceMs ?? 30_000;
    if (this.inFlight > 0 && now - Math.max(this.lastAnswer, this.o.aliveAt?.() ?? 0) > silence) {
      this.stop({ kind: 'silent', message: `target stopped answering after ${this.answered} answers (no answer for ${Math.round(silence / 1000)} s)` });
    }
  }

  /** Every one of the first answers the same 401, 403 or 404, where the oracle mostly expected another status. */
  private checkDegenerate(ex: Exchange): void {
    const [a] = this.first;
    if (!a || ![401, 403, 404].includes(a.status)) return;
    if (!this.first.every((x) => x.status === a.status && x.code === a.code)) return;
    if (this.first.filter((x) => x.expectedSame).length > DEGENERATE_SAMPLE / 5) return;
    const message = errorMessage(ex.response!.body);
    this.stop({ kind: 'degenerate', message: `every one of the first ${DEGENERATE_SAMPLE} answers is ${a.status}${a.code ? ` ${a.code}` : ''}${message ? ` ${message}` : ''}: ${hint(a.status)}` });
  }
}

function hint(status: number): string {
  if (status === 401) return 'the token is not accepted (check --token, or the client credentials)';
  if (status === 403) return 'the token may not do this (check it is a read-write token)';
  return 'nothing answers under the base URL (it must include the API prefix, e.g. https://host/config/identity/v1)';
}

function first(body: string): { code?: unknown; message?: unknown } | undefined {
  try {
    return (JSON.parse(body) as { _errors?: Array<{ code?: unknown; message?: unknown }> } | null)?._errors?.[0];
  } catch {
    return undefined;
  }
}
const errorCode = (body: string): string | undefined => { const c = first(body)?.code; return typeof c === 'string' ? c : undefined; };
const errorMessage = (body: string): string | undefined => { const m = first(body)?.message; return typeof m === 'string' ? m : undefined; };

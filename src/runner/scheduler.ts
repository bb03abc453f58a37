// Sends cases concurrently while keeping every case that can see another's
// effect in order: cases touching the same container run one after another
// (uniqueness and lists depend on the container's contents), different
// containers run in parallel, up to `concurrency` requests in flight.
import { CONTAINER_KEYS } from '../oracle/stateView.ts';

export class KeyedScheduler {
  private readonly chains = new Map<string, Promise<void>>();
  private active = 0;
  /** FIFO of tasks waiting for a slot; a head index, since Array#shift is O(n) on long queues. */
  private waiting: Array<(() => void) | undefined> = [];
  private head = 0;

  constructor(private readonly concurrency: number) {}

  /**
   * Runs `task` after every earlier task that shares one of its keys (no keys:
   * no ordering). Chaining on each key in submission order cannot deadlock.
   */
  schedule<T>(keys: readonly string[], task: () => Promise<T>): Promise<T> {
    let prev: Promise<void> | Promise<void[]> | undefined;
    let many: Promise<void>[] | undefined;
    for (const k of keys) {
      const p = this.chains.get(k);
      if (p === undefined || p === prev) continue;
      if (prev === undefined) prev = p;
      else (many ??= [prev as Promise<void>]).push(p);
    }
    if (many) prev = Promise.all(many);
    const start = prev === undefined ? this.acquire() : prev.then(() => this.acquire());
    const next = start.then(task).finally(() => this.release());
    if (keys.length > 0) {
      const tail: Promise<void> = next.then(() => {
        for (const k of keys) if (this.chains.get(k) === tail) this.chains.delete(k);
      }, () => {
        for (const k of keys) if (this.chains.get(k) === tail) this.chains.delete(k);
      });
      for (const k of keys) this.chains.set(k, tail);
    }
    return next;
  }

  private acquire(): Promise<void> {
    if (this.active < this.concurrency) { this.active++; return Promise.resolve(); }
    return new Promise((resolve) => this.waiting.push(() => { this.active++; resolve(); }));
  }

  private release(): void {
    this.active--;
    const next = this.waiting[this.head];
    if (next === undefined) return;
    // Drop the taken entry: a kept closure would hold its task (and case) alive.
    this.waiting[this.head++] = undefined;
    if (this.head > 1024 && this.head * 2 > this.waiting.length) { this.waiting = this.waiting.slice(this.head); this.head = 0; }
    next();
  }
}

const CONTAINER_MEMBER = /"(folder|snippet|device)"\s*:\s*("(?:[^"\\]|\\.)*")/g;

/** The containers an object to be created names (a case's `needs.existing`). */
export function objectContainerKeys(o: Record<string, unknown>): string[] {
  const keys: string[] = [];
  for (const k of CONTAINER_KEYS) if (typeof o[k] === 'string') keys.push(`${k}=${o[k]}`);
  return keys;
}

/** The containers a request's body or query names: the keys that order it. */
export function containerKeys(req: { method: string; path: string; body?: string | Uint8Array }): string[] {
  const keys: string[] = [];
  const q = req.path.indexOf('?');
  if (req.method === 'GET' && q !== -1) {
    const query = new URLSearchParams(req.path.slice(q + 1));
    for (const k of CONTAINER_KEYS) if (query.has(k)) keys.push(`${k}=${query.get(k)}`);
  }
  if (typeof req.body === 'string') {
    // Every "folder"/"snippet"/"device" string member anywhere in the body: a
    // nested one only adds an ordering constraint, which is always safe, and
    // this avoids parsing every body once more.
    CONTAINER_MEMBER.lastIndex = 0;
    for (let m = CONTAINER_MEMBER.exec(req.body); m !== null; m = CONTAINER_MEMBER.exec(req.body)) {
      const quoted = m[2]!;
      if (!quoted.includes('\\')) { keys.push(`${m[1]}=${quoted.slice(1, -1)}`); continue; }
      try { keys.push(`${m[1]}=${JSON.parse(quoted) as string}`); } catch { /* not a JSON string */ }
    }
  }
  return keys;
}

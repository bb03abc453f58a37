// Sends cases concurrently while keeping every case that can see another's
// effect in order: cases touching the same container run one after another
// (uniqueness and lists depend on the container's contents), different
// containers run in parallel, up to `concurrency` requests in flight.
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
    const prev = keys.map((k) => this.chains.get(k)).filter((p): p is Promise<void> => p !== undefined);
    const next = (prev.length === 0 ? Promise.resolve() : Promise.all(prev)).then(async () => {
      await this.acquire();
      try { return await task(); } finally { this.release(); }
    });
    const tail = next.then(() => undefined, () => undefined);
    for (const k of keys) this.chains.set(k, tail);
    void tail.then(() => { for (const k of keys) if (this.chains.get(k) === tail) this.chains.delete(k); });
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

/** The containers a request's body or query names: the keys that order it. */
export function containerKeys(req: { method: string; path: string; body?: string | Uint8Array }): string[] {
  const keys: string[] = [];
  const q = req.path.indexOf('?');
  if (req.method === 'GET' && q !== -1) {
    const query = new URLSearchParams(req.path.slice(q + 1));
    for (const k of ['folder', 'snippet', 'device']) if (query.has(k)) keys.push(`${k}=${query.get(k)}`);
  }
  if (typeof req.body === 'string') {
    // Every "folder"/"snippet"/"device" string member anywhere in the body: a
    // nested one only adds an ordering constraint, which is always safe, and
    // this avoids parsing every body once more.
    for (const m of req.body.matchAll(CONTAINER_MEMBER)) {
      try { keys.push(`${m[1]}=${JSON.parse(m[2]!) as string}`); } catch { /* not a JSON string */ }
    }
  }
  return keys;
}

// Sends cases concurrently while keeping every case that can see another's
// effect in order: cases touching the same container run one after another
// (uniqueness and lists depend on the container's contents), different
// containers run in parallel, up to `concurrency` requests in flight.
export class KeyedScheduler {
  private readonly chains = new Map<string, Promise<void>>();
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly concurrency: number) {}

  /** Runs `task` after earlier tasks of the same key; `undefined` key: no ordering. */
  schedule<T>(key: string | undefined, task: () => Promise<T>): Promise<T> {
    const run = async (): Promise<T> => {
      await this.acquire();
      try { return await task(); } finally { this.release(); }
    };
    if (key === undefined) return run();
    const prev = this.chains.get(key) ?? Promise.resolve();
    const next = prev.then(run);
    const tail = next.then(() => undefined, () => undefined);
    this.chains.set(key, tail);
    void tail.then(() => { if (this.chains.get(key) === tail) this.chains.delete(key); });
    return next;
  }

  private acquire(): Promise<void> {
    if (this.active < this.concurrency) { this.active++; return Promise.resolve(); }
    return new Promise((resolve) => this.waiting.push(() => { this.active++; resolve(); }));
  }

  private release(): void {
    this.active--;
    this.waiting.shift()?.();
  }
}

/** The container a request's body or query names, as the ordering key. */
export function containerKey(req: { method: string; path: string; body?: string | Uint8Array }): string | undefined {
  const q = req.path.indexOf('?');
  if (req.method === 'GET' && q !== -1) {
    const query = new URLSearchParams(req.path.slice(q + 1));
    for (const k of ['folder', 'snippet', 'device']) if (query.has(k)) return `${k}=${query.get(k)}`;
  }
  if (typeof req.body === 'string' && req.body.length <= 2_097_152 && req.body.startsWith('{')) {
    try {
      const o = JSON.parse(req.body) as Record<string, unknown>;
      for (const k of ['folder', 'snippet', 'device']) if (Object.hasOwn(o, k)) return `${k}=${String(o[k])}`;
    } catch { /* not JSON: no container */ }
  }
  return undefined;
}

// Arbitraries are immutable and can be shared. Built afresh at every call,
// the families of one run made ~40,000 arbitrary objects (12,800
// IntegerArbitrary alone, heap snapshot mid-run): ~7 ms to build and ~10 MB
// that the run's first scavenge had to promote. Builders whose result depends
// only on their arguments are memoised here.

/** Memoises `build` by a key computed from its arguments (a string, or an object identity). */
export function memoBy<A extends unknown[], R>(keyOf: (...args: A) => unknown, build: (...args: A) => R): (...args: A) => R {
  const cache = new Map<unknown, R>();
  return (...args: A): R => {
    const k = keyOf(...args);
    let v = cache.get(k);
    if (v === undefined) cache.set(k, (v = build(...args)));
    return v;
  };
}

/** Memoises a per-context builder: one cache per context object, dropped with it. */
export function memoPerContext<C extends object, A extends unknown[], R>(keyOf: (...args: A) => string, build: (ctx: C, ...args: A) => R): (ctx: C, ...args: A) => R {
  const caches = new WeakMap<C, Map<string, R>>();
  return (ctx: C, ...args: A): R => {
    let cache = caches.get(ctx);
    if (!cache) caches.set(ctx, (cache = new Map()));
    const k = keyOf(...args);
    let v = cache.get(k);
    if (v === undefined) cache.set(k, (v = build(ctx, ...args)));
    return v;
  };
}

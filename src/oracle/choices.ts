// Every reasonable answer, enumerated. semantics.md gives some requests more
// than one acceptable answer (its open points) and marks some rules should:
// a target that ignores them deviates only from a should. A step meets such
// a point by asking `choose`; `enumerate` runs the evaluation once per
// combination of answers, depth first, so each combination is seen once.
//
// Option 0 of a should point is the conforming answer; any other option
// marks the whole path as a deviation (a warning). Options of an open point
// are all conforming. Most requests meet no point at all: one run.

export type PointKind = 'open' | 'should';

export interface Chooser {
  /** One of `options`; the enumeration comes back for the others. */
  choose<T extends string>(point: string, kind: PointKind, options: readonly T[]): T;
}

export interface Path<T> {
  value: T;
  /** The path took a non-conforming option of a should point. */
  deviated: boolean;
}

/** Past this many paths a request is pathological; the rest are not explored. */
const MAX_PATHS = 256;

class Run implements Chooser {
  readonly taken: number[] = [];
  readonly sizes: number[] = [];
  deviated = false;
  constructor(private readonly prefix: readonly number[]) {}

  choose<T extends string>(_point: string, kind: PointKind, options: readonly T[]): T {
    const i = this.taken.length;
    const pick = i < this.prefix.length ? this.prefix[i]! : 0;
    this.taken.push(pick);
    this.sizes.push(options.length);
    if (kind === 'should' && pick !== 0) this.deviated = true;
    return options[pick]!;
  }
}

export function enumerate<T>(evaluate: (c: Chooser) => T): Path<T>[] {
  const out: Path<T>[] = [];
  const todo: number[][] = [[]];
  while (todo.length > 0 && out.length < MAX_PATHS) {
    const prefix = todo.pop()!;
    const run = new Run(prefix);
    const value = evaluate(run);
    out.push({ value, deviated: run.deviated });
    // The points this run met beyond its prefix: queue every other option of each.
    for (let i = run.taken.length - 1; i >= prefix.length; i--) {
      for (let j = run.sizes[i]! - 1; j >= 1; j--) todo.push([...run.taken.slice(0, i), j]);
    }
  }
  return out;
}

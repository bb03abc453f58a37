// In-memory store: one per server instance; a Map keeps creation order, which
// is the list order (decisions.md "List" step 4).
import type { ContainerKey } from './types.ts';
import { CONTAINER_KEYS } from './types.ts';

export type Stored = Record<string, unknown> & { id: string };

export class Store {
  readonly byId = new Map<string, Stored>();

  get(id: string): Stored | undefined {
    return this.byId.get(id);
  }

  /** Insert or replace; a replaced id keeps its place in creation order. */
  put(obj: Stored): void {
    this.byId.set(obj.id, obj);
  }

  delete(id: string): boolean {
    return this.byId.delete(id);
  }

  all(): IterableIterator<Stored> {
    return this.byId.values();
  }
}

/** The container an object lives in: its first container key and that key's value. */
export function containerOf(obj: Record<string, unknown>): { key: ContainerKey; value: unknown } | undefined {
  for (const key of CONTAINER_KEYS) if (Object.hasOwn(obj, key)) return { key, value: obj[key] };
  return undefined;
}

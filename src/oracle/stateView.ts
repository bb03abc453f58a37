// What the oracle reads of the target's objects: by id, and by container
// (uniqueness and lists only ever look inside one container). An array is
// indexed on the way in; the runner's StateTracker keeps the index itself, so
// a prediction costs the same with 10 objects as with 10,000.
import type { StoredObject } from '../spec/types.ts';

export interface StateView {
  byId(id: string): StoredObject | undefined;
  /** The objects whose `key` (folder, snippet or device) equals `value`, in creation order. */
  inContainer(key: string, value: unknown): readonly StoredObject[];
  /**
   * Whether the target already gave this id to an object the state knows (a
   * live one, or one deleted in a command sequence): a create must answer a
   * new id (semantics.md "Success"). Absent: only live objects are known.
   */
  idTaken?(id: string): boolean;
  /**
   * The objects of one container whose name is `name` ignoring case
   * (names.ts sameIgnoringCase, so the same name too), in any order: what
   * the uniqueness step reads. Absent: the oracle filters inContainer, which
   * costs a scan of the container for every write (issue 13: a tenant's
   * named folder holds thousands of the run's objects).
   */
  sameNameInContainer?(key: string, value: unknown, name: string): readonly StoredObject[];
}

export const CONTAINER_KEYS = ['folder', 'snippet', 'device'] as const;

/** Index key of a container value; non-strings (a faulty target's) cannot collide with strings. */
export const containerIndexKey = (key: string, value: unknown): string =>
  `${key}\u0000${typeof value === 'string' ? `s:${value}` : `j:${JSON.stringify(value)}`}`;

export function indexState(objects: readonly StoredObject[]): StateView {
  const ids = new Map<string, StoredObject>();
  const containers = new Map<string, StoredObject[]>();
  for (const o of objects) {
    ids.set(o.id, o);
    for (const k of CONTAINER_KEYS) {
      if (!Object.hasOwn(o, k)) continue;
      const ck = containerIndexKey(k, o[k]);
      const list = containers.get(ck);
      if (list) list.push(o); else containers.set(ck, [o]);
    }
  }
  return { byId: (id) => ids.get(id), inContainer: (k, v) => containers.get(containerIndexKey(k, v)) ?? [] };
}

export const isStateView = (s: readonly StoredObject[] | StateView): s is StateView => !Array.isArray(s);

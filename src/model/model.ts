// The model of a target's store for one command sequence (issue "Stateful
// testing"): the objects alive per container, by id and by name, the objects
// deleted (for "get/delete again" and "create again under a deleted name"),
// and each object's earlier names (for "rename back"). The oracle predicts
// every command from it (it is a StateView); it advances only on a 2xx answer
// the oracle predicted, with the target's own id and body, so a faulty answer
// never becomes the model's truth.
import { CONTAINER_KEYS, containerIndexKey, type StateView } from '../oracle/stateView.ts';
import type { ApiRequest, StoredObject } from '../spec/types.ts';

interface Entry { object: StoredObject; seq: number }

const ITEM = /^\/mfa-servers\/([^/?]+)/;

export interface AnsweredExchange {
  request: ApiRequest;
  response?: { status: number; body: string };
}

export class StoreModel implements StateView {
  private readonly live = new Map<string, Entry>();
  private readonly byContainer = new Map<string, Map<string, Entry>>();
  private readonly sorted = new Map<string, StoredObject[]>();
  /** Deleted objects, last known form, in deletion order. */
  readonly deleted = new Map<string, StoredObject>();
  /** An object's names before its renames, oldest first. */
  private readonly formerNames = new Map<string, string[]>();
  private seq = 0;

  byId(id: string): StoredObject | undefined {
    return this.live.get(id)?.object;
  }

  inContainer(key: string, value: unknown): readonly StoredObject[] {
    const ck = containerIndexKey(key, value);
    let list = this.sorted.get(ck);
    if (!list) {
      list = [...(this.byContainer.get(ck)?.values() ?? [])].sort((a, b) => a.seq - b.seq).map((e) => e.object);
      this.sorted.set(ck, list);
    }
    return list;
  }

  /** The live objects named exactly `name` in a container. */
  named(key: string, value: unknown, name: unknown): StoredObject[] {
    return this.inContainer(key, value).filter((o) => o['name'] === name);
  }

  /** Live objects in creation order. */
  liveObjects(): StoredObject[] {
    return [...this.live.values()].sort((a, b) => a.seq - b.seq).map((e) => e.object);
  }

  deletedObjects(): StoredObject[] {
    return [...this.deleted.values()];
  }

  /** An object's names before its latest rename, oldest first. */
  earlierNames(id: string): readonly string[] {
    return this.formerNames.get(id) ?? [];
  }

  idTaken(id: string): boolean {
    return this.live.has(id) || this.deleted.has(id);
  }

  get size(): number {
    return this.live.size;
  }

  /**
   * After an exchange: `predicted` is true when the oracle accepted the
   * answer (it matched one of the outcomes it allows). Only then does a 2xx
   * change the model.
   */
  apply(ex: AnsweredExchange, json: unknown, predicted: boolean): void {
    const res = ex.response;
    if (!predicted || !res || res.status < 200 || res.status >= 300) return;
    const { method, path } = ex.request;
    const item = ITEM.exec(path);
    const id = item ? safeDecode(item[1]!) : undefined;
    if (method === 'DELETE' && id !== undefined) {
      const e = this.live.get(id);
      if (e) { this.remove(id); this.deleted.set(id, e.object); }
      return;
    }
    if (method !== 'POST' && method !== 'PUT') return;
    const body = json as Record<string, unknown> | undefined;
    if (!body || typeof body !== 'object' || typeof body['id'] !== 'string') return;
    const previous = method === 'PUT' && id !== undefined ? this.live.get(id) : undefined;
    if (previous) {
      const before = previous.object['name'];
      if (typeof before === 'string' && before !== body['name']) this.formerNames.set(previous.object.id, [...this.earlierNames(previous.object.id), before]);
      this.remove(previous.object.id);
    }
    this.add({ object: { ...body, id: body['id'] } as StoredObject, seq: previous?.seq ?? this.seq++ });
  }

  private add(e: Entry): void {
    this.live.set(e.object.id, e);
    this.deleted.delete(e.object.id);
    for (const ck of keysOf(e.object)) {
      let m = this.byContainer.get(ck);
      if (!m) this.byContainer.set(ck, (m = new Map()));
      m.set(e.object.id, e);
      this.sorted.delete(ck);
    }
  }

  private remove(id: string): void {
    const e = this.live.get(id);
    if (!e) return;
    this.live.delete(id);
    for (const ck of keysOf(e.object)) {
      this.byContainer.get(ck)?.delete(id);
      this.sorted.delete(ck);
    }
  }
}

const keysOf = (o: StoredObject): string[] => CONTAINER_KEYS.filter((k) => Object.hasOwn(o, k)).map((k) => containerIndexKey(k, o[k]));

function safeDecode(s: string): string {
  try { return decodeURIComponent(s); } catch { return s; }
}

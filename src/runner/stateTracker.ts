// What the target holds, as far as this run knows: objects it created,
// learnt from the target's own 2xx answers (so the oracle predicts against
// the target's real ids). Creation order is kept: a PUT keeps an object's
// place, as the target's store does. Indexed by id and by container so the
// oracle's look-ups stay O(objects in one container), and by name ignoring
// case within a container, so a uniqueness prediction scans none (a long run
// fills some containers with hundreds of objects, a tenant's named folder
// with up to LIVE_OBJECTS).
import { CONTAINER_KEYS, containerIndexKey, type StateView } from '../oracle/stateView.ts';
import type { StoredObject } from '../spec/types.ts';
import type { Exchange } from './results.ts';
import { parseJson } from './evaluateExchange.ts';

const ITEM = /^\/mfa-servers\/([^/?]+)/;

interface Entry { object: StoredObject; seq: number }

const NONE: readonly StoredObject[] = Object.freeze([]);

export class StateTracker implements StateView {
  private readonly objects = new Map<string, Entry>();
  private readonly containers = new Map<string, Map<string, Entry>>();
  /** Per-container arrays in creation order, rebuilt only after a change there. */
  private readonly sorted = new Map<string, StoredObject[]>();
  /**
   * Objects by container and folded name, both foldings (names.ts: two names
   * are the same ignoring case when their lower or their upper cases are
   * equal): what a uniqueness prediction reads without a scan of the container.
   */
  private readonly byName = new Map<string, Map<string, Set<Entry>>>();
  private seq = 0;

  byId(id: string): StoredObject | undefined {
    return this.objects.get(id)?.object;
  }

  inContainer(key: string, value: unknown): readonly StoredObject[] {
    const ck = containerIndexKey(key, value);
    let list = this.sorted.get(ck);
    if (!list) {
      const m = this.containers.get(ck);
      // Not cached when empty: nearly every case asks for a container of its own, and a long run would keep them all.
      if (!m) return NONE;
      const entries = [...m.values()].sort((a, b) => a.seq - b.seq);
      list = entries.map((e) => e.object);
      this.sorted.set(ck, list);
    }
    return list;
  }

  sameNameInContainer(key: string, value: unknown, name: string): readonly StoredObject[] {
    const names = this.byName.get(containerIndexKey(key, value));
    const lower = names?.get(`l${name.toLowerCase()}`);
    const upper = names?.get(`u${name.toUpperCase()}`);
    if (!lower && !upper) return NONE;
    // Each object in either set is the same name ignoring case (sameIgnoringCase: lower or upper cases equal); one in both is listed once.
    const out = new Set<Entry>(lower);
    for (const e of upper ?? []) out.add(e);
    return [...out].map((e) => e.object);
  }

  ids(): string[] {
    return [...this.objects.keys()];
  }

  /** Objects held. */
  get size(): number {
    return this.objects.size;
  }

  /** An object the target no longer holds (the run deleted it outside a case). */
  forget(id: string): void {
    this.remove(id);
  }

  /** `json`: the response body already parsed, when the caller has it. */
  apply(ex: Exchange, json?: unknown): void {
    const res = ex.response;
    if (!res || res.status < 200 || res.status >= 300) return;
    const { method, path } = ex.request;
    const item = ITEM.exec(path);
    if (method === 'DELETE' && item) {
      this.remove(safeDecode(item[1]!));
      return;
    }
    if (method !== 'POST' && method !== 'PUT') return;
    const body = (json ?? parseJson(res.body)) as Record<string, unknown> | undefined;
    if (!body || typeof body !== 'object' || typeof body['id'] !== 'string') return;
    const id = body['id'];
    const previous = method === 'PUT' && item ? this.objects.get(safeDecode(item[1]!)) : undefined;
    // A PUT keeps the object's place; a target that changed the id loses the old entry.
    if (previous) this.remove(safeDecode(item![1]!));
    this.add({ object: { ...body, id } as StoredObject, seq: previous?.seq ?? this.seq++ });
  }

  private add(e: Entry): void {
    this.remove(e.object.id);
    this.objects.set(e.object.id, e);
    for (const ck of this.keysOf(e.object)) {
      let m = this.containers.get(ck);
      if (!m) this.containers.set(ck, (m = new Map()));
      m.set(e.object.id, e);
      this.sorted.delete(ck);
      const keys = nameKeys(e.object);
      if (keys.length > 0) {
        let names = this.byName.get(ck);
        if (!names) this.byName.set(ck, (names = new Map()));
        for (const nk of keys) {
          let set = names.get(nk);
          if (!set) names.set(nk, (set = new Set()));
          set.add(e);
        }
      }
    }
  }

  private remove(id: string): void {
    const e = this.objects.get(id);
    if (!e) return;
    this.objects.delete(id);
    for (const ck of this.keysOf(e.object)) {
      const m = this.containers.get(ck);
      // An emptied container goes too: a long run passes through ~10^5 of them.
      if (m?.delete(id) && m.size === 0) this.containers.delete(ck);
      this.sorted.delete(ck);
      const names = this.byName.get(ck);
      for (const nk of names ? nameKeys(e.object) : []) {
        const set = names!.get(nk);
        if (set?.delete(e) && set.size === 0) names!.delete(nk);
      }
      if (names?.size === 0) this.byName.delete(ck);
    }
  }

  private keysOf(o: StoredObject): string[] {
    return CONTAINER_KEYS.filter((k) => Object.hasOwn(o, k)).map((k) => containerIndexKey(k, o[k]));
  }
}

/** An object's keys in its container's name index, 'l' or 'u' and the folded name: none for a name that is no string (it equals no string name). */
function nameKeys(o: StoredObject): string[] {
  const name = o['name'];
  return typeof name === 'string' ? [`l${name.toLowerCase()}`, `u${name.toUpperCase()}`] : [];
}

function safeDecode(s: string): string {
  try { return decodeURIComponent(s); } catch { return s; }
}

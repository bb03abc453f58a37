// What the target holds, as far as this run knows: objects it created,
// learnt from the target's own 2xx answers (so the oracle predicts against
// the target's real ids). Insertion order is creation order.
import type { StoredObject } from '../spec/types.ts';
import type { Exchange } from './results.ts';
import { parseJson } from './evaluateExchange.ts';

const ITEM = /^\/mfa-servers\/([^/?]+)/;

export class StateTracker {
  private readonly objects = new Map<string, StoredObject>();
  /** The snapshot is rebuilt only after a change (the oracle reads it for every request). */
  private cached: StoredObject[] | undefined;

  snapshot(): readonly StoredObject[] {
    return (this.cached ??= [...this.objects.values()]);
  }

  ids(): string[] {
    return [...this.objects.keys()];
  }

  apply(ex: Exchange): void {
    const res = ex.response;
    if (!res || res.status < 200 || res.status >= 300) return;
    const { method, path } = ex.request;
    const body = parseJson(res.body) as Record<string, unknown> | undefined;
    const item = ITEM.exec(path);
    if (method === 'DELETE' && item) {
      if (this.objects.delete(safeDecode(item[1]!))) this.cached = undefined;
      return;
    }
    if ((method === 'POST' || method === 'PUT') && body && typeof body === 'object' && typeof body['id'] === 'string') {
      const id = body['id'];
      // A PUT keeps the object's place in creation order (Map.set on an
      // existing key); a target that changed the id loses the old entry.
      if (method === 'PUT' && item && safeDecode(item[1]!) !== id) this.objects.delete(safeDecode(item[1]!));
      this.objects.set(id, { ...body, id } as StoredObject);
      this.cached = undefined;
    }
  }
}

function safeDecode(s: string): string {
  try { return decodeURIComponent(s); } catch { return s; }
}

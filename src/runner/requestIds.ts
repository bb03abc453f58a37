// `_request_id` should be "new for every response" (semantics.md "Error
// envelope", should): the run remembers the recent ones and warns on a repeat.
// Bounded, so a long run's memory does not grow with its cases.
import type { Verdict } from '../checks/index.ts';
import { severityOf } from '../checks/check.ts';

const KEEP = 4096;

export class RequestIds {
  private readonly seen = new Set<string>();

  /** A verdict when `json`'s `_request_id` was answered before. */
  check(json: unknown, rule: string, strict: boolean): Verdict | undefined {
    const id = (json as { _request_id?: unknown } | undefined)?._request_id;
    if (typeof id !== 'string' || id === '') return undefined;
    if (this.seen.has(id)) {
      return { check: 'request-id', rule, strength: 'should', severity: severityOf('should', strict), summary: `_request_id ${JSON.stringify(id.slice(0, 40))} was answered before (should: new for every response)` };
    }
    this.seen.add(id);
    if (this.seen.size > KEEP) this.seen.delete(this.seen.values().next().value!);
    return undefined;
  }
}

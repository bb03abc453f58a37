// Finding and deleting a run's objects by name (issue "Real tenants and real
// clients": every object a run creates carries its prefix; `cleanup` deletes
// what killed runs left behind). Lists each container with position=pre (the
// vendor's clients always send it, vendor-facts.md "Lists") a page of 200 at a
// time, collects the objects whose name the caller claims, and only then
// deletes them, so deletions do not shift the pages still to read. An object
// whose name is not claimed is never touched.
import type { ApiRequest } from '../spec/types.ts';
import type { Exchange } from './results.ts';
import { parseJson } from './evaluateExchange.ts';

export interface SweepTarget { send(req: ApiRequest): Promise<Exchange> }

export interface Listed { id: string; name: string; container: string }

export interface SweepResult {
  found: Listed[];
  deleted: Listed[];
  /** Claimed objects whose DELETE was refused or got no answer, with why. */
  failed: Array<Listed & { why: string }>;
  /** Containers that could not be listed, with why. */
  unlisted: Array<{ container: string; why: string }>;
}

const PAGE = 200;
/** Pages read per container at most (a million objects): a target that pages forever ends. */
const MAX_PAGES = 5_000;

/** Every object in a container (key=value) whose name `claim` accepts. */
export async function listClaimed(t: SweepTarget, headers: Record<string, string>, key: string, value: string, claim: (name: string) => boolean): Promise<{ objects: Listed[]; why?: string; answered: boolean }> {
  const out: Listed[] = [];
  const seen = new Set<string>();
  const container = `${key} ${value}`;
  for (let page = 0; page < MAX_PAGES; page++) {
    const path = `/mfa-servers?${key}=${encodeURIComponent(value)}&position=pre&limit=${PAGE}&offset=${page * PAGE}`;
    const ex = await t.send({ method: 'GET', path, headers: { ...headers, accept: 'application/json' } });
    if (!ex.response) return { objects: out, why: `GET ${path}: ${ex.transportError?.code ?? 'no answer'}`, answered: false };
    if (ex.response.status !== 200) return { objects: out, why: `GET ${path} answered ${ex.response.status}`, answered: true };
    const data = (parseJson(ex.response.body) as { data?: unknown } | undefined)?.data;
    if (!Array.isArray(data)) return { objects: out, why: `GET ${path}: no data array in the answer`, answered: true };
    let fresh = 0;
    for (const o of data as Array<Record<string, unknown>>) {
      const id = o?.['id'];
      const name = o?.['name'];
      if (typeof id !== 'string' || seen.has(id)) continue;
      seen.add(id);
      fresh++;
      if (typeof name === 'string' && claim(name)) out.push({ id, name, container });
    }
    // The last page, or a target that ignores offset (nothing new): done.
    if (data.length < PAGE || fresh === 0) break;
  }
  return { objects: out, answered: true };
}

/** Deletes the claimed objects of each container; `dryRun` only lists them. */
export async function sweep(
  t: SweepTarget, headers: Record<string, string>, containers: ReadonlyArray<readonly [string, string]>,
  claim: (name: string) => boolean, o: { dryRun?: boolean; concurrency?: number } = {},
): Promise<SweepResult> {
  const r: SweepResult = { found: [], deleted: [], failed: [], unlisted: [] };
  let silent = false;
  for (const [key, value] of containers) {
    // A target that gave no answer to one listing is not asked for the rest (each would wait out the timeout).
    if (silent) { r.unlisted.push({ container: `${key} ${value}`, why: 'skipped: the target stopped answering' }); continue; }
    const { objects, why, answered } = await listClaimed(t, headers, key, value, claim);
    r.found.push(...objects);
    if (why !== undefined) r.unlisted.push({ container: `${key} ${value}`, why });
    silent = !answered;
  }
  if (o.dryRun) return r;
  const queue = [...r.found];
  const worker = async (): Promise<void> => {
    for (let x = queue.shift(); x; x = queue.shift()) {
      const why = await deleteObject(t, headers, x.id);
      if (why === undefined) r.deleted.push(x);
      else r.failed.push({ ...x, why });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(o.concurrency ?? 4, queue.length)) }, worker));
  return r;
}

/** One DELETE, once more if it got no answer or a 5xx; undefined when the object is gone (204/200, or 404: already gone). */
export async function deleteObject(t: SweepTarget, headers: Record<string, string>, id: string): Promise<string | undefined> {
  let why = '';
  for (let attempt = 0; attempt < 2; attempt++) {
    const ex = await t.send({ method: 'DELETE', path: `/mfa-servers/${encodeURIComponent(id)}`, headers });
    const s = ex.response?.status;
    if (s !== undefined && ((s >= 200 && s < 300) || s === 404)) return undefined;
    why = s === undefined ? (ex.transportError?.code ?? 'no answer') : `answered ${s}`;
    if (s !== undefined && s < 500) break;
  }
  return why;
}

// One run's set of reports in a reports folder that other runs share.
//
// A run writes its whole set into a staging folder of its own
// (`reports/.staging-<pid>-<hex>/`), then, holding `reports/.lock`, moves it
// into place: first the current set's manifest.json goes (from then on no
// reader takes the folder for a whole set), then the current set's entries,
// then the new set's entries, the new manifest.json last. A reader that finds
// a manifest whose runId every file matches has one whole run's set.
//
// The replaced set is kept in `reports/superseded/<run-id>/` when its run
// ran alongside this one (it was published after this run started, or its
// process is still alive); at most SUPERSEDED_KEEP such sets are kept. A set
// from a run that had ended before this one started is simply replaced.
// Nothing outside its own staging folder is deleted by a run, except sets
// it replaced or pruned (finished sets, moved into its staging folder first).
import { createHash, randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { acquireDirLock, pidAlive, type LockOwner } from './dirLock.ts';

export const MANIFEST = 'manifest.json';
/** The entries of a set, in the order they are moved into place (the manifest last). */
export const SET_ENTRIES = ['conformance.json', 'junit.xml', 'conformance.html', 'allure-results', 'sequences', MANIFEST] as const;
export const SUPERSEDED = 'superseded';
export const SUPERSEDED_KEEP = 5;
export const LOCK = '.lock';

export interface FileEntry { bytes: number; sha256: string }

export interface Manifest {
  runId: string;
  tool: { name: string; version: string };
  pid: number;
  host: string;
  /** When the run began (the moment a set published after it counts as concurrent). */
  runStartedAt: string;
  /** When this set was moved into place. */
  publishedAt: string;
  verdict: string;
  exitCode: number;
  /** The set this one replaced, and where it went (absent: replaced, not kept). */
  replaced?: { runId: string; keptIn?: string };
  /** Every file of the set but this manifest, by path relative to the folder (`/` separated). */
  files: Record<string, FileEntry>;
}

/** `20250102T030405123Z-<pid>-<hex>`: sorts by start time, unique per process and call. */
export function newRunId(startedAt: number, nonce: string): string {
  return `${new Date(startedAt).toISOString().replace(/[-:.]/g, '')}-${process.pid}-${nonce}`;
}

export function newNonce(): string {
  return randomBytes(3).toString('hex');
}

async function listFiles(root: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  for (const d of await readdir(join(root, rel), { withFileTypes: true })) {
    const p = rel ? `${rel}/${d.name}` : d.name;
    if (d.isDirectory()) out.push(...(await listFiles(root, p)));
    else out.push(p);
  }
  return out.sort();
}

/** Size and SHA-256 of every file of a set in `dir` (the manifest and anything not a set entry excluded). */
export async function setFiles(dir: string): Promise<Record<string, FileEntry>> {
  const files: Record<string, FileEntry> = {};
  for (const entry of SET_ENTRIES) {
    if (entry === MANIFEST) continue;
    const s = await stat(join(dir, entry)).catch(() => undefined);
    if (!s) continue;
    const paths = s.isDirectory() ? (await listFiles(dir, entry)) : [entry];
    for (const p of paths) {
      const data = await readFile(join(dir, p));
      files[p] = { bytes: data.length, sha256: createHash('sha256').update(data).digest('hex') };
    }
  }
  return files;
}

export async function readManifest(dir: string): Promise<Manifest | undefined> {
  try {
    const m = JSON.parse(await readFile(join(dir, MANIFEST), 'utf8')) as Partial<Manifest>;
    return typeof m.runId === 'string' && typeof m.publishedAt === 'string' && m.files && typeof m.files === 'object' ? m as Manifest : undefined;
  } catch {
    return undefined;
  }
}

export interface SetCheck { runId: string | undefined; whole: boolean; problems: string[] }

/**
 * What a reader checks: a manifest, every file it lists present with its size
 * and hash, no other file in the set's entries, and conformance.json naming
 * the same run.
 */
export async function checkReportSet(dir: string): Promise<SetCheck> {
  const m = await readManifest(dir);
  if (!m) return { runId: undefined, whole: false, problems: [`no readable ${MANIFEST}`] };
  const problems: string[] = [];
  const actual = await setFiles(dir);
  for (const [p, want] of Object.entries(m.files)) {
    const got = actual[p];
    if (!got) problems.push(`missing ${p}`);
    else if (got.sha256 !== want.sha256 || got.bytes !== want.bytes) problems.push(`changed ${p}`);
  }
  for (const p of Object.keys(actual)) if (!Object.hasOwn(m.files, p)) problems.push(`not of run ${m.runId}: ${p}`);
  try {
    const doc = JSON.parse(await readFile(join(dir, 'conformance.json'), 'utf8')) as { runId?: unknown };
    if (doc.runId !== m.runId) problems.push(`conformance.json is of run ${String(doc.runId)}`);
  } catch {
    problems.push('conformance.json unreadable');
  }
  return { runId: m.runId, whole: problems.length === 0, problems };
}

function concurrent(old: Manifest, runStartedAt: number): boolean {
  if ((Date.parse(old.publishedAt) || 0) > runStartedAt) return true;
  return old.host === hostname() && old.pid !== process.pid && pidAlive(old.pid);
}

/** A run id as a folder name (ours are already safe; a foreign manifest's may not be). */
function folderName(runId: string): string {
  return runId.replace(/[^A-Za-z0-9._-]/g, '_') || '_';
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(() => true, () => false);
}

/** Keeps the SUPERSEDED_KEEP most recently published sets; moves the others into `trash`. */
async function pruneSuperseded(folder: string, trash: string): Promise<void> {
  const names = await readdir(folder).catch(() => [] as string[]);
  const sets = await Promise.all(names.map(async (name) => {
    const m = await readManifest(join(folder, name));
    const t = m ? Date.parse(m.publishedAt) : NaN;
    return { name, t: Number.isFinite(t) ? t : (await stat(join(folder, name)).catch(() => undefined))?.mtimeMs ?? 0 };
  }));
  sets.sort((a, b) => b.t - a.t || (a.name < b.name ? 1 : -1));
  await mkdir(trash, { recursive: true });
  for (const s of sets.slice(SUPERSEDED_KEEP)) await rename(join(folder, s.name), join(trash, s.name));
}

export interface PublishInput {
  dir: string;
  staging: string;
  runId: string;
  runStartedAt: number;
  lockTimeoutMs: number;
  manifest: Omit<Manifest, 'publishedAt' | 'replaced'>;
}

export type PublishOutcome =
  /** replaced.keptIn is relative to `dir`. */
  | { published: true; replaced?: { runId: string; keptIn?: string } }
  | { published: false; heldBy: LockOwner | undefined };

/** Moves the set in `staging` into `dir` under the lock (see the top of this file). */
export async function publishSet(p: PublishInput): Promise<PublishOutcome> {
  const lock = await acquireDirLock(join(p.dir, LOCK), p.staging, { runId: p.runId, token: `${p.runId}-${newNonce()}` }, p.lockTimeoutMs);
  if (!lock.acquired) return { published: false, heldBy: lock.heldBy };
  try {
    const old = await readManifest(p.dir);
    const present: string[] = [];
    for (const e of SET_ENTRIES) if (await exists(join(p.dir, e))) present.push(e);
    const aside = join(p.staging, 'replaced');
    if (present.length > 0) {
      await mkdir(aside);
      // SET_ENTRIES ends with the manifest: take it first.
      for (const e of [...present].sort((a, b) => Number(b === MANIFEST) - Number(a === MANIFEST))) await rename(join(p.dir, e), join(aside, e));
    }
    let replaced: { runId: string; keptIn?: string } | undefined;
    if (old && concurrent(old, p.runStartedAt)) {
      const folder = join(p.dir, SUPERSEDED);
      await mkdir(folder, { recursive: true });
      let name = folderName(old.runId);
      for (let i = 2; await exists(join(folder, name)); i++) name = `${folderName(old.runId)}-${i}`;
      await rename(aside, join(folder, name));
      replaced = { runId: old.runId, keptIn: `${SUPERSEDED}/${name}` };
    } else if (old) {
      replaced = { runId: old.runId };
    }
    const manifest: Manifest = { ...p.manifest, publishedAt: new Date().toISOString(), ...(replaced && { replaced }) };
    await writeFile(join(p.staging, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    for (const e of SET_ENTRIES) if (await exists(join(p.staging, e))) await rename(join(p.staging, e), join(p.dir, e));
    if (replaced?.keptIn) await pruneSuperseded(join(p.dir, SUPERSEDED), join(p.staging, 'pruned'));
    return { published: true, ...(replaced && { replaced }) };
  } finally {
    await lock.release();
  }
}

/** Where `superseded/` keeps run `runId`'s set, if it does. */
async function supersededFolderOf(dir: string, runId: string): Promise<string | undefined> {
  const folder = join(dir, SUPERSEDED);
  const names = await readdir(folder).catch(() => [] as string[]);
  for (const name of [folderName(runId), ...names.filter((n) => n.startsWith(`${folderName(runId)}-`))]) {
    if ((await readManifest(join(folder, name)))?.runId === runId) return `${join(folder, name)}/`;
  }
  return undefined;
}

/**
 * After publishing: undefined while `dir` still holds run `runId`'s set,
 * else one line saying which run replaced it and where this run's set went.
 * Reads without the lock, as any reader does: a missing manifest means a
 * move is under way, so it looks again for up to ~2 s.
 */
export async function replacedLine(dir: string, runId: string): Promise<string | undefined> {
  let m = await readManifest(dir);
  for (let i = 0; !m && i < 20; i++) {
    await new Promise((r) => setTimeout(r, 100));
    m = await readManifest(dir);
  }
  if (m?.runId === runId) return undefined;
  const kept = await supersededFolderOf(dir, runId);
  const by = m ? `run ${m.runId}` : 'another run';
  return `replaced: ${by} replaced this run's reports (run ${runId}) in ${dir} before this run ended; ${kept ? `this run's set is kept in ${kept}` : `this run's set was not kept (${SUPERSEDED}/ keeps the last ${SUPERSEDED_KEEP})`}`;
}

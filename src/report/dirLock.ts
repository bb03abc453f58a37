// A lock shared by processes: a directory (`reports/.lock`) holding its
// owner's pid, host and a token. Taken by renaming a directory we built (with
// owner.json already inside) onto the lock's name: rename(2) onto a non-empty
// directory fails, so the lock and its owner appear together or not at all.
// A lock whose owner is a dead pid on this host (a killed run) is stale and is
// broken; any lock (one from another host sharing the folder) after STALE_AGE_MS.
// Waiting sleeps between attempts (10 ms doubling to 200 ms) up to a bound.
//
// Known limit: breaking a stale lock is rename-aside, re-read, delete. If a
// live process took the lock between our read and our rename, we put it back;
// if a third process took it in that microsecond window too, the put-back
// fails and two holders overlap once. This needs a killed holder and three
// contenders interleaving within one rename.
import { hostname } from 'node:os';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface LockOwner { pid: number; host: string; token: string; runId: string; since: string }

export type LockResult =
  | { acquired: true; release: () => Promise<void> }
  | { acquired: false; heldBy: LockOwner | undefined };

/** A lock directory with no readable owner (not made by us) is stale once this old. */
const STALE_UNOWNED_MS = 10_000;
/** Any lock is stale once this old; from another host (pid not checkable) only then. */
const STALE_AGE_MS = 10 * 60_000;

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // alive, another user's
  }
}

/** The owner of a lock directory: 'gone' when there is no lock, undefined when its owner cannot be read. */
async function readOwner(lockDir: string): Promise<LockOwner | 'gone' | undefined> {
  try {
    const o = JSON.parse(await readFile(join(lockDir, 'owner.json'), 'utf8')) as Partial<LockOwner>;
    if (typeof o.pid === 'number' && typeof o.host === 'string' && typeof o.token === 'string') return o as LockOwner;
    return undefined;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return undefined;
    try { await stat(lockDir); return undefined; } catch { return 'gone'; }
  }
}

async function isStale(lockDir: string, owner: LockOwner | undefined): Promise<boolean> {
  if (owner === undefined) {
    try { return Date.now() - (await stat(lockDir)).mtimeMs > STALE_UNOWNED_MS; } catch { return false; }
  }
  // Holding takes milliseconds: a lock this old is stale even if its pid is
  // alive (reused by another process after the holder was killed).
  if (Date.now() - (Date.parse(owner.since) || 0) > STALE_AGE_MS) return true;
  return owner.host === hostname() && !pidAlive(owner.pid);
}

/** Moves a stale lock aside (into `scratch`) and deletes it, unless it turned out to be a new, live one. */
async function breakLock(lockDir: string, stale: LockOwner | undefined, scratch: string, n: number): Promise<void> {
  const aside = join(scratch, `broken-lock-${n}`);
  try { await rename(lockDir, aside); } catch { return; } // released or broken by someone else meanwhile
  const now = await readOwner(aside);
  const same = now === undefined ? stale === undefined : now !== 'gone' && stale !== undefined && now.token === stale.token;
  if (!same) {
    await rename(aside, lockDir).catch(() => undefined); // see the known limit above
    return;
  }
  await rm(aside, { recursive: true, force: true });
}

const HELD = new Set(['EEXIST', 'ENOTEMPTY', 'EPERM']);

/**
 * Takes `lockDir`, waiting at most `timeoutMs`. `scratch` is a folder of the
 * caller's own on the same file system (the lock is assembled there).
 */
export async function acquireDirLock(lockDir: string, scratch: string, who: { runId: string; token: string }, timeoutMs: number): Promise<LockResult> {
  const owner: LockOwner = { pid: process.pid, host: hostname(), token: who.token, runId: who.runId, since: new Date().toISOString() };
  const mine = join(scratch, 'lock');
  await mkdir(mine, { recursive: true });
  await writeFile(join(mine, 'owner.json'), `${JSON.stringify(owner)}\n`);
  const deadline = Date.now() + timeoutMs;
  let delay = 10;
  let breaks = 0;
  for (;;) {
    try {
      await rename(mine, lockDir);
      return { acquired: true, release: () => releaseDirLock(lockDir, scratch, owner.token) };
    } catch (e) {
      if (!HELD.has((e as NodeJS.ErrnoException).code ?? '')) throw e;
    }
    const held = await readOwner(lockDir);
    if (held === 'gone') continue;
    if (await isStale(lockDir, held)) {
      await breakLock(lockDir, held, scratch, breaks++);
      continue;
    }
    if (Date.now() >= deadline) {
      await rm(mine, { recursive: true, force: true });
      return { acquired: false, heldBy: held };
    }
    await sleep(delay);
    delay = Math.min(delay * 2, 200);
  }
}

/** Removes the lock if it is still ours (a holder taken for dead may have lost it). */
async function releaseDirLock(lockDir: string, scratch: string, token: string): Promise<void> {
  const held = await readOwner(lockDir);
  if (held === 'gone' || held?.token !== token) return;
  const aside = join(scratch, 'released-lock');
  await rename(lockDir, aside);
  await rm(aside, { recursive: true, force: true });
}

// Running `serve` processes register their token sets, hashed, so that
// `explain` predicts for the server the user actually started ("why did my
// server answer 403?") without being told the tokens again. Only salted
// SHA-256 digests are written, one file per server under the OS temp
// folder, removed when the server stops; dead servers' files are ignored.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TokenSets } from './tokens.ts';

const DIR = join(tmpdir(), 'mfa-conformance-servers');

interface Entry { pid: number; started: number; salt: string; tokens: string[]; readOnlyTokens: string[]; expiredTokens: string[] }

const digest = (salt: string, token: string): string => createHash('sha256').update(salt).update(token).digest('hex');

/** Registers a running server's tokens; returns the function that removes the entry. */
export function registerServer(sets: TokenSets): () => void {
  const salt = randomBytes(16).toString('hex');
  const entry: Entry = {
    pid: process.pid, started: Date.now(), salt,
    tokens: sets.tokens.map((t) => digest(salt, t)),
    readOnlyTokens: sets.readOnlyTokens.map((t) => digest(salt, t)),
    expiredTokens: sets.expiredTokens.map((t) => digest(salt, t)),
  };
  const file = join(DIR, `serve-${process.pid}-${salt.slice(0, 8)}.json`);
  try {
    mkdirSync(DIR, { recursive: true, mode: 0o700 });
    writeFileSync(file, JSON.stringify(entry), { mode: 0o600 });
  } catch {
    return () => undefined; // a read-only temp folder only costs explain its convenience
  }
  const remove = (): void => { rmSync(file, { force: true }); };
  process.once('exit', remove);
  return remove;
}

const alive = (pid: number): boolean => {
  try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; }
};

function entries(): Entry[] {
  let names: string[];
  try { names = readdirSync(DIR); } catch { return []; }
  const out: Entry[] = [];
  for (const n of names) {
    try {
      const e = JSON.parse(readFileSync(join(DIR, n), 'utf8')) as Entry;
      if (alive(e.pid)) out.push(e);
    } catch { /* a half-written or foreign file: not ours */ }
  }
  return out.sort((a, b) => b.started - a.started);
}

/**
 * Token sets in which `token` has the class the newest running server gives
 * it (expired, read-write, read-only, or none: unknown), or undefined when no
 * server is registered.
 */
export function setsForRunningServers(token: string): TokenSets | undefined {
  const all = entries();
  if (all.length === 0) return undefined;
  const sets: TokenSets = { tokens: [], readOnlyTokens: [], expiredTokens: [] };
  if (token === '') return sets;
  for (const e of all) {
    const d = digest(e.salt, token);
    if (e.expiredTokens.includes(d)) return { ...sets, expiredTokens: [token] };
    if (e.tokens.includes(d)) return { ...sets, tokens: [token] };
    if (e.readOnlyTokens.includes(d)) return { ...sets, readOnlyTokens: [token] };
  }
  return sets;
}

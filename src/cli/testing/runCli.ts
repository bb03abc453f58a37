// Test helper (not shipped logic): the CLI as a child process, as a user runs
// it, its output collected and its peak RSS sampled from /proc; stopped with a
// signal after a time or once its output shows something.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin.mjs', import.meta.url));

export interface Ran { code: number | null; signal: string | null; out: string; err: string; peakRssMb: number; reports: string; ms: number }

export interface RunCliOptions {
  /** The command (default run; `run` gets a fresh --reports-dir). */
  command?: string;
  killAfterMs?: number;
  /** Sends `signal` once this is true of the output so far (checked on every chunk). */
  killWhen?: (out: string, err: string) => boolean;
  signal?: NodeJS.Signals;
  env?: Record<string, string>;
}

const dirs: string[] = [];
/** Removes the reports folders the runs made (call from afterAll). */
export function removeRunDirs(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

export function runCli(args: string[], opts: RunCliOptions = {}): Promise<Ran> {
  const command = opts.command ?? 'run';
  const reports = mkdtempSync(join(tmpdir(), 'mfa-cli-'));
  dirs.push(reports);
  const started = Date.now();
  const argv = command === 'run' ? ['run', '--reports-dir', reports, ...args] : [command, ...args];
  const child = spawn(process.execPath, ['--max-semi-space-size=32', BIN, ...argv], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, MFA_TOKEN: '', SCM_CLIENT_ID: '', SCM_CLIENT_SECRET: '', SCM_SCOPE: '', SCM_AUTH_URL: '', PACT_DO_NOT_TRACK: 'true', ...opts.env },
  });
  let out = '';
  let err = '';
  let peak = 0;
  let killed = false;
  const maybeKill = (): void => {
    if (!killed && opts.killWhen?.(out, err)) { killed = true; child.kill(opts.signal ?? 'SIGINT'); }
  };
  child.stdout.on('data', (d: Buffer) => { out += d.toString(); maybeKill(); });
  child.stderr.on('data', (d: Buffer) => { err += d.toString(); maybeKill(); });
  const sample = setInterval(() => {
    try {
      const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0);
      peak = Math.max(peak, kb / 1024);
    } catch { /* exited */ }
  }, 50);
  if (opts.killAfterMs !== undefined) setTimeout(() => { killed = true; child.kill(opts.signal ?? 'SIGINT'); }, opts.killAfterMs);
  return new Promise((resolve) => child.on('exit', (code, signal) => {
    clearInterval(sample);
    resolve({ code, signal, out, err, peakRssMb: peak, reports, ms: Date.now() - started });
  }));
}

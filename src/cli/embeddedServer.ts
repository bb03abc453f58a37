// Starts the reference server in a child process (its own core: a server
// sharing the harness's event loop would halve both) and waits for its one
// "listening <url>" line.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { HarnessError } from './harnessError.ts';

export interface EmbeddedServer {
  url: string;
  close(): Promise<void>;
  /** The server's process (the soak bench reads its RSS). */
  pid?: number;
}

const BIN = fileURLToPath(new URL('./bin.mjs', import.meta.url));

export async function startEmbeddedServer(args: string[] = []): Promise<EmbeddedServer> {
  // An IPC channel, and MFA_SERVE_WITH_PARENT: the server stops when the
  // channel closes, which the OS does when this process ends, however it
  // ends (SIGKILL, an OOM kill, a CI job's timeout): no server outlives its run.
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'], env: { ...process.env, PACT_DO_NOT_TRACK: 'true', MFA_SERVE_WITH_PARENT: '1' } });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => { child.kill(); reject(new HarnessError('UNREACHABLE_TARGET', 'the embedded reference server did not start within 20 s')); }, 20_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening (\S+)/.exec(out);
      if (m) { clearTimeout(timer); resolve(m[1]!); }
    });
    child.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
    child.on('exit', (code) => { clearTimeout(timer); reject(new HarnessError('UNREACHABLE_TARGET', `the embedded reference server exited (${code}): ${err.split('\n')[0] ?? ''}`)); });
  });
  return { url, close: () => stop(child), ...(child.pid !== undefined && { pid: child.pid }) };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const t = setTimeout(() => child.kill('SIGKILL'), 3_000);
    child.once('exit', () => { clearTimeout(t); resolve(); });
    child.kill('SIGTERM');
  });
}

// Test helper (not shipped logic): `mfa-conformance serve ...` in a child
// process, as a CI job would start it, until its "listening <url>" line (and
// with TLS the "certificate <file>" line before it).
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../cli/bin.mjs', import.meta.url));

export interface ServeProcess {
  url: string;
  /** https://host:port */
  origin: string;
  certPath?: string;
  close(): Promise<void>;
}

export async function startServeProcess(args: string[]): Promise<ServeProcess> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const close = (): Promise<void> => stop(child);
  const { url, certPath } = await new Promise<{ url: string; certPath?: string }>((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      void close();
      reject(new Error('serve did not start within 30 s'));
    }, 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^listening (\S+)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        const cert = /^certificate (.+)$/m.exec(out)?.[1];
        resolve(cert === undefined ? { url: m[1]! } : { url: m[1]!, certPath: cert });
      }
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${code}): ${err.split('\n')[0] ?? ''}`));
    });
  });
  return { url, origin: new URL(url).origin, ...(certPath === undefined ? {} : { certPath }), close };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const t = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(t);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

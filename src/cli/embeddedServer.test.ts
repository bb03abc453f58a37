// The embedded reference server ends with the harness that started it, even
// when the harness is killed outright (SIGKILL, an OOM kill, a CI job's
// timeout): no server left running on the machine after the run.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const alive = (pid: number): boolean => {
  try { process.kill(pid, 0); return true; } catch { return false; }
};

describe('startEmbeddedServer', () => {
  it('its server exits when the harness process is killed with SIGKILL', async () => {
    const script = "const { startEmbeddedServer } = await import('./src/cli/embeddedServer.ts'); const s = await startEmbeddedServer(); process.stdout.write(`server ${s.pid}\\n`); setInterval(() => {}, 1000);";
    const harness = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const pid = await new Promise<number>((resolve, reject) => {
      let out = '';
      harness.stdout!.on('data', (d: Buffer) => { out += d.toString(); const m = /server (\d+)/.exec(out); if (m) resolve(Number(m[1])); });
      harness.on('exit', (code) => reject(new Error(`the harness process exited (${code}) before its server started`)));
    });
    expect(alive(pid)).toBe(true);
    harness.kill('SIGKILL');
    const until = Date.now() + 10_000;
    while (alive(pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    const left = alive(pid);
    if (left) process.kill(pid, 'SIGKILL'); // the test leaves nothing behind either way
    expect(left, 'the embedded server outlived its harness by 10 s').toBe(false);
  }, 30_000);
});

// The community Python SDK (pan-scm-sdk 0.15.1 from PyPI) against
// `serve --tls --oauth`: in a venv made in a temp folder, our script
// (./python/scm_sdk_mfa_servers.py) lists, creates, gets, updates and deletes
// an MFA server through the SDK's `Scm` client, checks a read-only client's
// write is refused (403, the SDK's UnauthorizedError), and waits for the token
// to expire to see the SDK fetch a new one. TLS is verified against the
// certificate serve printed (REQUESTS_CA_BUNDLE for requests, SSL_CERT_FILE
// for the key set the SDK fetches with urllib). Skipped, with the reason,
// where python3, venv/pip or PyPI is missing.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { startServeProcess } from './serveProcess.ts';

const run = promisify(execFile);
const SDK = 'pan-scm-sdk==0.15.1';
const SCRIPT = fileURLToPath(new URL('./python/scm_sdk_mfa_servers.py', import.meta.url));
const RW = { id: 'sdk-ci@1234567890.iam.panserviceaccount.com', secret: 'sdk-rw-secret-0f3a' };
const RO = { id: 'sdk-reader', secret: 'sdk-ro-secret-9b21' };

function lastLine(e: unknown): string {
  const err = e as { stderr?: string; message?: string };
  const lines = (err.stderr || err.message || String(e)).split('\n').map((l) => l.trim()).filter((l) => l !== '');
  return lines.at(-1) ?? 'unknown error';
}

function skipWith(ctx: { skip(note?: string): never }, reason: string): never {
  process.stderr.write(`pythonSdk.test.ts: skipped: ${reason}\n`);
  return ctx.skip(reason);
}

describe(`community Python SDK (${SDK}) against serve --tls --oauth`, () => {
  it('lists, creates, gets, updates and deletes an MFA server; a read-only client gets 403; an expired token is renewed', async (ctx) => {
    try {
      await run('python3', ['--version'], { timeout: 30_000 });
    } catch {
      skipWith(ctx, 'python3 is not installed here');
    }
    const dir = mkdtempSync(join(tmpdir(), 'mfa-pysdk-'));
    let server: Awaited<ReturnType<typeof startServeProcess>> | undefined;
    try {
      const venv = join(dir, 'venv');
      try {
        await run('python3', ['-m', 'venv', venv], { timeout: 120_000 });
      } catch (e) {
        skipWith(ctx, `python3 -m venv failed (${lastLine(e)})`);
      }
      const pipEnv = { ...process.env, PIP_NO_INPUT: '1', PIP_DISABLE_PIP_VERSION_CHECK: '1' };
      try {
        await run(join(venv, 'bin', 'pip'), ['install', '--quiet', '--retries', '1', '--timeout', '30', SDK], { env: pipEnv, timeout: 300_000 });
      } catch (e) {
        skipWith(ctx, `pip install ${SDK} failed: PyPI or pip unavailable (${lastLine(e)})`);
      }

      server = await startServeProcess(['--tls', '--oauth', '--client', `${RW.id}:${RW.secret}`, '--client', `${RO.id}:${RO.secret}:ro`, '--token-ttl', '5']);
      expect(server.certPath).toBeDefined();
      const env = {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? dir,
        PYTHONDONTWRITEBYTECODE: '1',
        SCM_API_BASE: server.origin,
        SCM_AUTH_URL: `${server.origin}/am/oauth2/access_token`,
        SCM_CLIENT_ID: RW.id,
        SCM_CLIENT_SECRET: RW.secret,
        SCM_RO_CLIENT_ID: RO.id,
        SCM_RO_CLIENT_SECRET: RO.secret,
        SCM_TSG_ID: '1234567890',
        SCM_WAIT_FOR_EXPIRY: '1',
        REQUESTS_CA_BUNDLE: server.certPath!,
        SSL_CERT_FILE: server.certPath!,
      };
      let stdout = '';
      try {
        ({ stdout } = await run(join(venv, 'bin', 'python'), [SCRIPT], { env, timeout: 120_000 }));
      } catch (e) {
        const err = e as { stdout?: string; stderr?: string };
        throw new Error(`the SDK script failed:\n${err.stdout ?? ''}\n${(err.stderr ?? '').split('\n').slice(-15).join('\n')}`);
      }
      const steps = stdout.trim().split('\n').map((l) => JSON.parse(l) as { step: string; ok: boolean });
      expect(steps.map((s) => s.step)).toEqual(['token', 'list-empty', 'create', 'get', 'update', 'list-one', 'read-only-write', 'read-only-list', 'delete', 'get-deleted', 'refresh', 'done']);
      expect(steps.every((s) => s.ok)).toBe(true);
      expect(stdout).not.toContain(RW.secret);
      expect(stdout).not.toContain(RO.secret);
    } finally {
      await server?.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);
});

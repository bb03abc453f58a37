// The vendor's Go SDK (module github.com/paloaltonetworks/scm-go, which the
// Terraform provider is built on) against the reference server. The Go module
// proxy this machine reaches refuses the module: "403 This module version is
// not available" for its version list and for every version tried (v1.0.10,
// v1.0.9, v1.0.0, v0.4.0), so no Go client could be compiled here and none is
// written against an SDK that cannot be built. This test probes the proxy the
// same way each run and reports itself skipped with the reason, so CI shows
// why; the day the module resolves it says so (and asks for the client test).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, it } from 'vitest';

const run = promisify(execFile);
const MODULE = 'github.com/paloaltonetworks/scm-go';

function firstLines(text: string): string {
  return text.split('\n').map((l) => l.trim()).filter((l) => l !== '').slice(0, 2).join(' / ');
}

describe('vendor Go SDK (scm-go) against serve --tls --oauth', () => {
  it('resolves the module from the Go module proxy (skipped with the reason when it cannot)', async (ctx) => {
    try {
      await run('go', ['version'], { timeout: 30_000 });
    } catch {
      ctx.skip('go is not installed here');
    }
    const dir = mkdtempSync(join(tmpdir(), 'mfa-go-probe-'));
    const env = { ...process.env, GOFLAGS: `${process.env.GOFLAGS ?? ''} -mod=mod`.trim(), GOTOOLCHAIN: 'local', GOWORK: 'off' };
    let resolved: string | undefined;
    const refusals: string[] = [];
    try {
      await run('go', ['mod', 'init', 'mfa-conformance/go-probe'], { cwd: dir, env, timeout: 30_000 });
      for (const version of ['latest', 'v1.0.10']) {
        try {
          const { stdout } = await run('go', ['list', '-m', '-json', `${MODULE}@${version}`], { cwd: dir, env, timeout: 90_000 });
          resolved = (JSON.parse(stdout) as { Version?: string }).Version ?? version;
          break;
        } catch (e) {
          const err = e as { stderr?: string; message?: string };
          refusals.push(`@${version}: ${firstLines(err.stderr ?? err.message ?? String(e))}`);
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    if (resolved === undefined) {
      const reason = `the Go module proxy does not serve ${MODULE} (${refusals.join('; ')}), so the vendor's Go SDK cannot be built here`;
      process.stderr.write(`goSdk.test.ts: skipped: ${reason}\n`);
      ctx.skip(reason);
    }
    const reason = `${MODULE} now resolves (${resolved}); no Go client test is written yet: add one in src/interop that lists, creates, gets, updates and deletes through the SDK against serve --tls --oauth`;
    process.stderr.write(`goSdk.test.ts: skipped: ${reason}\n`);
    ctx.skip(reason);
  }, 240_000);
});

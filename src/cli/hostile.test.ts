// Hostile, broken and misconfigured targets end within bounds, with a
// finding or a clear exit 2 and reports written, never a crash (issue
// "Hostile, broken and misconfigured targets"). The CLI runs as a child
// process, as a user runs it; its peak RSS is sampled from /proc.
import { readFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../server/startServer.ts';
import { hostileServer, type Hostility } from './testing/hostileServer.ts';
import { removeRunDirs, runCli, type Ran } from './testing/runCli.ts';

afterAll(removeRunDirs);

const reportsWritten = (dir: string): boolean => ['conformance.json', 'junit.xml', 'conformance.html'].every((f) => existsSync(join(dir, f)));

async function against(how: Hostility, args: string[] = [], opts: { killAfterMs?: number; signal?: NodeJS.Signals } = {}): Promise<Ran> {
  const t = await hostileServer(how);
  try {
    return await runCli(['--target', t.url, '--token', 'hostile-test-rw', '--runs', '50', '--no-contract', '--seed', '3', ...args], opts);
  } finally {
    await t.close();
  }
}

describe('hostile targets: a finding or a clear exit 2, reports written, never a crash', () => {
  it('20 MB bodies: findings, the harness under 300 MB RSS, a conformance.html under 10 MB', async () => {
    const r = await against('huge', ['--concurrency', '8']);
    expect(r.code, r.err).toBe(1);
    expect(r.out).toMatch(/over the harness limit/);
    expect(reportsWritten(r.reports)).toBe(true);
    expect(statSync(join(r.reports, 'conformance.html')).size).toBeLessThan(10 * 1024 * 1024);
    expect(r.peakRssMb).toBeGreaterThan(0);
    expect(r.peakRssMb).toBeLessThan(300);
  }, 180_000);

  it('a target that answers once and then hangs: exit 2 "target stopped answering", partial reports, within bounds', async () => {
    const r = await against('hang-after-first', ['--timeout', '500']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/target stopped answering after \d+ answers .*last transport error: TIMEOUT/);
    expect(reportsWritten(r.reports)).toBe(true);
    expect((JSON.parse(readFileSync(join(r.reports, 'conformance.json'), 'utf8')) as { stopped?: { kind: string } }).stopped?.kind).toBe('silent');
    expect(r.ms).toBeLessThan(60_000);
  }, 90_000);

  it('a body that trickles 1 byte/s: each request ends at --timeout, then exit 2', async () => {
    const r = await against('trickle', ['--timeout', '500']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/target stopped answering/);
    expect(r.ms).toBeLessThan(60_000);
  }, 90_000);

  it('resets, garbage and 5xx: findings (exit 1 or 2), never a crash', async () => {
    for (const how of ['reset', 'garbage', '5xx'] as const) {
      const r = await against(how, ['--timeout', '1000']);
      expect([1, 2], `${how}: ${r.err}`).toContain(r.code);
      expect(r.err).not.toMatch(/TypeError|RangeError|at .*\.ts:\d+/);
      expect(reportsWritten(r.reports)).toBe(true);
    }
  }, 180_000);

  it('a target that is not this API (HTML): exit 2 naming it', async () => {
    const r = await against('html');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/the target is not this API: GET .* answered 200 text\/html/);
  }, 60_000);
});

describe('interrupts', () => {
  it('SIGINT: one line, clean-up, partial reports, exit 130', async () => {
    const r = await runCli(['--runs', '200000', '--no-contract', '--seed', '4'], { killWhen: (_out, err) => /\[mfa-conformance\] [1-9]\d*\/\d+ cases/.test(err) });
    expect(r.code).toBe(130);
    expect(r.err).toMatch(/SIGINT: stopping, deleting the objects this run created, writing partial reports/);
    expect(reportsWritten(r.reports)).toBe(true);
    expect((JSON.parse(readFileSync(join(r.reports, 'conformance.json'), 'utf8')) as { stopped?: { kind: string } }).stopped?.kind).toBe('interrupted');
  }, 60_000);
});

describe('misconfigured runs name the mistake (exit 2), never 75 rule failures', () => {
  it('a refused token, a base URL without the API prefix, and with --no-preflight every answer the same 401', async () => {
    const server = await startServer({ tokens: ['misconfig-rw'] });
    try {
      const wrong = await runCli(['--target', server.url, '--token', 'not-this-one', '--runs', '10', '--no-contract']);
      expect(wrong.code).toBe(2);
      expect(wrong.err).toMatch(/the token is not accepted: GET .*\/mfa-servers\?.* answered 401 E016 Invalid Credential/);
      const base = await runCli(['--target', server.url.replace('/config/identity/v1', ''), '--token', 'misconfig-rw', '--runs', '10', '--no-contract']);
      expect(base.code).toBe(2);
      expect(base.err).toMatch(/nothing serves \/mfa-servers under the base URL: .* answered 404.*must include the API prefix/);
      const blind = await runCli(['--target', server.url, '--token', 'not-this-one', '--runs', '10', '--no-contract', '--no-preflight']);
      expect(blind.code).toBe(2);
      expect(blind.err).toMatch(/every one of the first 40 answers is 401 E016 Invalid Credential: the token is not accepted/);
      expect(blind.out).not.toMatch(/FAIL: \d+ rules: \d+ passed, [1-9]\d+ failed/);
    } finally {
      await server.close();
    }
  }, 90_000);
});

// Provider verification: the reference server satisfies the consumer pact
// (exit 0); targets broken in one way each fail it (exit 1) with one line per
// failed interaction; misuse exits 2. Needs the pact the consumer project
// writes first (vitest groupOrder).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../cli/main.ts';
import { startServer } from '../server/startServer.ts';
import { PACT_DIR } from './names.ts';
import { startBrokenTarget, type BrokenTarget } from './testTargets.ts';

/** The interactions verify reads (every pact in contracts/pacts): counts derive from them, so a new interaction breaks no test. */
type Interaction = { response: { status: number; body?: { content?: { _errors?: Array<{ code?: string }> } } } };
const contract = (): Interaction[] => readdirSync(PACT_DIR).filter((n) => n.endsWith('.json')).flatMap((n) => (JSON.parse(readFileSync(join(PACT_DIR, n), 'utf8')) as { interactions: Interaction[] }).interactions);

const TOKEN = 'pact-provider-test-token-5a9c';
/** `mfa-conformance verify` through main(), as bin.mjs runs it: misuse is its one line and exit status. */
const verifyCommand = (argv: string[], io: Parameters<typeof main>[1]): Promise<number> => main(['verify', ...argv], io);
const RO = 'pact-provider-test-ro-token-77d1';

function capture(): { out: string[]; err: string[]; io: { stdout: (l: string) => void; stderr: (l: string) => void; env: Record<string, string> } } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (l) => out.push(l), stderr: (l) => err.push(l), env: {} } };
}

let server: Awaited<ReturnType<typeof startServer>>;
const broken: BrokenTarget[] = [];
beforeAll(async () => {
  server = await startServer({ port: 0, tokens: [TOKEN], readOnlyTokens: [RO] });
});
afterAll(async () => {
  for (const b of broken) await b.close();
  await server.close();
});
const args = (target: string, ...more: string[]): string[] => ['--target', target, '--token', TOKEN, '--read-only-token', RO, ...more];

describe('verify', () => {
  it('verifies the embedded reference server when no target is given (exit 0)', async () => {
    const c = capture();
    expect(await verifyCommand([], c.io)).toBe(0);
    expect(c.out.join('\n')).toMatch(new RegExp(`^verified ${contract().length} interactions against http://127\\.0\\.0\\.1:\\d+/config/identity/v1`, 'm'));
  });

  it('verifies a running reference server and never prints its tokens (exit 0)', async () => {
    const c = capture();
    expect(await verifyCommand(args(server.url, '--verbose'), c.io)).toBe(0);
    const all = [...c.out, ...c.err].join('\n');
    expect(all).toContain('has a matching body');
    expect(all).not.toContain(TOKEN);
    expect(all).not.toContain(RO);
  });

  it('fails a target that answers E004 where the contract pins E003 (exit 1, one line per interaction)', async () => {
    const t = await startBrokenTarget(server.url, 'code-e003-to-e004');
    broken.push(t);
    const c = capture();
    expect(await verifyCommand(args(t.url), c.io)).toBe(1);
    const failed = c.out.filter((l) => l.startsWith('FAILED '));
    // Every 400 E003 interaction of the contract.
    expect(failed).toHaveLength(contract().filter((i) => i.response.status === 400 && i.response.body?.content?._errors?.[0]?.code === 'E003').length);
    expect(failed.join('\n')).toContain("FAILED a create request whose body lacks mfa_cert_profile: has a matching body $._errors[0].code -> Expected 'E004' (String) to be equal to 'E003' (String)");
    expect(c.out.join('\n')).not.toContain(TOKEN);
  });

  it('fails a target whose error envelopes lack _request_id (exit 1)', async () => {
    const t = await startBrokenTarget(server.url, 'strip-request-id');
    broken.push(t);
    const c = capture();
    expect(await verifyCommand(args(t.url), c.io)).toBe(1);
    const failed = c.out.filter((l) => l.startsWith('FAILED '));
    expect(failed.length).toBe(contract().filter((i) => i.response.status >= 400).length); // every error interaction of the contract
    expect(failed.every((l) => l.includes('_request_id'))).toBe(true);
  });

  it('fails a target that answers 400 for a duplicate name (exit 1)', async () => {
    const t = await startBrokenTarget(server.url, 'status-409-to-400');
    broken.push(t);
    const c = capture();
    expect(await verifyCommand(args(t.url), c.io)).toBe(1);
    expect(c.out.filter((l) => l.startsWith('FAILED '))).toEqual([expect.stringMatching(/^FAILED a create request whose name exists in the same folder: has status code 409 .*400/)]);
  });

  it('skips the read-only interaction without --read-only-token and says so', async () => {
    const c = capture();
    expect(await verifyCommand(['--target', server.url, '--token', TOKEN], c.io)).toBe(0);
    expect(c.out).toContain('SKIPPED a create request from a read-only caller (needs --read-only-token)');
  });

  it('exits 2 with one line for misuse, an unreadable pact and an unreachable target', async () => {
    const bad = join(tmpdir(), `mfa-bad-pact-${process.pid}.json`);
    writeFileSync(bad, '{ not json');
    const cases: [string[], RegExp][] = [
      [['--nope'], /^mfa-conformance: verify: unknown flag --nope \(see mfa-conformance verify --help\)/],
      [['--target', server.url], /^mfa-conformance: --target needs --token/],
      [args(server.url, '--pact', bad), /^mfa-conformance: cannot read pact file .*mfa-bad-pact/],
      [args('http://127.0.0.1:9/config/identity/v1'), /^mfa-conformance: target unreachable: http:\/\/127\.0\.0\.1:9 \(ECONNREFUSED\)$/],
      [['--publish', '--provider-version', '1'], /^mfa-conformance: --publish needs --broker-url/],
    ];
    for (const [argv, re] of cases) {
      const c = capture();
      expect(await verifyCommand(argv, c.io), argv.join(' ')).toBe(2);
      expect(c.err).toHaveLength(1);
      expect(c.err[0]).toMatch(re);
      expect(c.err[0]).not.toContain(TOKEN);
    }
  });
});

// mfa-conformance diff: the same seeded cases and sequences to two targets.
// A faulty server against the reference: exit 1, the divergence named (place,
// request, rule, both answers) in diff.json, diff.html and the console. A
// correct server that reads open points another way against the reference:
// exit 0, the differences listed as notes. Misuse: one line, exit 2.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../server/startServer.ts';
import { inProcess } from './testing/inProcess.ts';


const servers: RunningServer[] = [];
afterAll(async () => { for (const s of servers) await s.close(); });
const TOKENS = ['--token', 'df-rw-secret', '--read-only-token', 'df-ro-secret', '--expired-token', 'df-old-secret'];
async function target(o: { faults?: string[]; readings?: string[] }): Promise<string> {
  const s = await startServer({ tokens: ['df-rw-secret'], readOnlyTokens: ['df-ro-secret'], expiredTokens: ['df-old-secret'], ...o });
  servers.push(s);
  return s.url;
}
const small = ['--seed', '7', '--runs', '50', '--stateful-runs', '16'];

describe('mfa-conformance diff', () => {
  it('a faulty target against the reference: exit 1, the divergence named in every output, no secret anywhere', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mfa-diff-'));
    const r = await inProcess(['diff', '--target', await target({ faults: ['get-cached-across-put'] }), ...TOKENS, ...small, '--reports-dir', dir]);
    expect(r.status).toBe(1);
    const doc = JSON.parse(readFileSync(join(dir, 'diff.json'), 'utf8')) as { exitCode: number; divergences: Array<{ key: string; rule: string; request: string; a: { failed: boolean }; b: { failed: boolean } }> };
    expect(doc.exitCode).toBe(1);
    const d = doc.divergences.find((x) => x.rule === 'get.success')!;
    expect(d.key).toMatch(/^s\d+\.\d+\.\d+$/);
    expect(d.request).toBe('GET /mfa-servers/{id}');
    expect([d.a.failed, d.b.failed]).toEqual([true, false]);
    expect(r.out).toContain(`✗ ${d.key} GET /mfa-servers/{id} [get.success]`);
    const html = readFileSync(join(dir, 'diff.html'), 'utf8');
    expect(html).toContain(d.key);
    for (const text of [r.out, r.err, html, readFileSync(join(dir, 'diff.json'), 'utf8')]) expect(text).not.toMatch(/df-(rw|ro|old)-secret/);
  }, 120_000);

  it('two correct targets that read open points apart: exit 0, the differences as notes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mfa-diff-'));
    const r = await inProcess(['diff', '--target', await target({ readings: ['all-open'] }), ...TOKENS, ...small, '--reports-dir', dir]);
    const doc = JSON.parse(readFileSync(join(dir, 'diff.json'), 'utf8')) as { divergences: unknown[]; notes: unknown[] };
    expect(doc.divergences).toEqual([]);
    expect(doc.notes.length).toBeGreaterThan(0);
    expect(r.status).toBe(0);
  }, 120_000);

  it.each([
    ['no target', ['diff'], /diff needs --target/],
    ['--against without its token', ['diff', '--target', 'http://127.0.0.1:9/x', '--token', 't', '--against', 'http://127.0.0.1:9/y'], /--against needs --against-token/],
    ['an ftp target', ['diff', '--target', 'ftp://x/y', '--token', 't'], /http:\/\/ or https:\/\//],
    ['an unreachable target', ['diff', '--target', 'http://127.0.0.1:9/config/identity/v1', '--token', 't'], /unreachable/],
  ])('misuse: %s is one line, exit 2', async (_, args, message) => {
    const r = await inProcess(args);
    expect(r.status).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(message);
  });
});

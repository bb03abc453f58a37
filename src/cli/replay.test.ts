// mfa-conformance replay FILE: a sequence file a failing run wrote is resent
// step by step; it fails again (exit 1) on the target it came from, passes
// (exit 0) on the correct reference server, and misuse is one line, exit 2.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../server/startServer.ts';
import { inProcess } from './testing/inProcess.ts';


let faulty: RunningServer;
let dir: string;
let file: string;
const tokens = ['--token', 'rt-rw', '--read-only-token', 'rt-ro'];

beforeAll(async () => {
  faulty = await startServer({ tokens: ['rt-rw'], readOnlyTokens: ['rt-ro'], faults: ['get-cached-across-put'] });
  dir = mkdtempSync(join(tmpdir(), 'mfa-replay-'));
  const r = await inProcess(['run', '--target', faulty.url, ...tokens, '--seed', '7', '--runs', '0', '--stateful-runs', '16', '--no-contract', '--reports-dir', dir]);
  expect(r.status).toBe(1);
  file = join(dir, 'sequences', readdirSync(join(dir, 'sequences')).find((f) => f.startsWith('get.success-'))!);
}, 120_000);
afterAll(async () => { await faulty?.close(); });

describe('mfa-conformance replay', () => {
  it('reproduces the failure on the faulty target, step by step (exit 1)', async () => {
    const r = await inProcess(['replay', file, '--target', faulty.url, ...tokens]);
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/step \d+/i);
    expect(r.out).not.toContain('rt-rw');
  });

  it('passes on the correct reference server (exit 0)', async () => {
    const r = await inProcess(['replay', file]);
    expect(r.err).toBe('');
    expect(r.status).toBe(0);
  });

  it.each([
    ['no file', () => ['replay'], /replay/],
    ['a file that does not exist', () => ['replay', join(dir, 'nowhere.json')], /cannot read .*nowhere\.json/],
    ['a JSON file that is not a sequence', () => { const f = join(dir, 'other.json'); writeFileSync(f, '{"format":"x"}'); return ['replay', f]; }, /is not a sequence file/],
  ])('misuse: %s is one line, exit 2', async (_, args, message) => {
    const r = await inProcess(args());
    expect(r.status).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(message);
  });
});

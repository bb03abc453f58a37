// --export-pact end to end: a run against a faulty reference server, its must
// failures exported as a regression pact, and that pact verified by Pact's own
// Verifier: a conforming server passes every interaction, the faulty one fails
// every interaction (each catches its finding again).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConformance } from '../runner/run.ts';
import { startServer } from '../server/startServer.ts';
import { Transport } from '../transport/transport.ts';
import { exportPact, kindOf, notWrittenLines, regressionPact } from './exportPact.ts';
import { verifyTarget } from './verifyTarget.ts';

const TOKEN = 'export-pact-token-31c7';
const RO = 'export-pact-ro-token-8e02';
const FAULTS = ['wrong-invalid-object-code', 'defaults-not-filled', 'no-error-details'];

let good: Awaited<ReturnType<typeof startServer>>;
let faulty: Awaited<ReturnType<typeof startServer>>;
let dir: string;
beforeAll(async () => {
  good = await startServer({ port: 0, tokens: [TOKEN], readOnlyTokens: [RO] });
  faulty = await startServer({ port: 0, tokens: [TOKEN], readOnlyTokens: [RO], faults: FAULTS });
  dir = mkdtempSync(join(tmpdir(), 'mfa-export-pact-'));
});
afterAll(async () => {
  await good.close();
  await faulty.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('run --export-pact', () => {
  it('writes interactions a conforming server passes and the faulty one fails, and says what it leaves out', async () => {
    const transport = new Transport({ baseUrl: faulty.url, connections: 4 });
    const { findings } = await runConformance({
      send: (r) => transport.send(r), urlOf: (r) => transport.urlOf(r), target: faulty.url, embedded: false,
      seed: 11, runs: 150, strict: false, concurrency: 4, token: TOKEN, readOnlyToken: RO, statefulRuns: 0, command: 't', version: 't',
    });
    await transport.close();
    const failures = findings.filter((f) => f.severity === 'failure');
    // Every failure is either written or counted on a line of its kind.
    const all = regressionPact(failures);
    const lines = notWrittenLines(all.notWritten);
    console.info(`export-pact: ${failures.length} must failures, ${all.written} written\n${lines.join('\n')}`);
    expect(all.written + all.notWritten.reduce((n, k) => n + k.count, 0)).toBe(failures.length);
    expect(new Set(all.notWritten.map((k) => k.kind)).size).toBe(lines.length);
    // Verified: one finding per kind and rule, a few of each kind (the Verifier takes ~30 ms an interaction on this machine).
    const perKind = new Map<string, number>();
    const seen = new Set<string>();
    const sample = failures.filter((f) => {
      const k = kindOf(f);
      if (seen.has(`${k} ${f.rule}`) || (perKind.get(k) ?? 0) >= 6) return false;
      seen.add(`${k} ${f.rule}`);
      perKind.set(k, (perKind.get(k) ?? 0) + 1);
      return true;
    });
    const file = join(dir, 'regression.json');
    const out = exportPact(sample, file, [TOKEN, RO]);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(RO);
    // Each fault's kind of finding is among those written.
    const checks = new Set(out.pact.interactions.map((i) => i.description.split(' ')[2]));
    for (const c of ['code', 'error-details', 'body']) expect(checks).toContain(c);

    const pass = await verifyTarget({ target: good.url, token: TOKEN, readOnlyToken: RO, pactFiles: [file] });
    expect(pass.failures.map((f) => `${f.description}: ${f.mismatches.join('; ')}`)).toEqual([]);
    expect(pass.ok).toBe(true);
    expect(pass.interactions).toBe(out.written);

    const fail = await verifyTarget({ target: faulty.url, token: TOKEN, readOnlyToken: RO, pactFiles: [file] });
    expect(fail.ok).toBe(false);
    expect(new Set(fail.failures.map((f) => f.description))).toEqual(new Set(out.pact.interactions.map((i) => i.description)));
  });
});

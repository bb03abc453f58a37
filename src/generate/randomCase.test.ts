import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { spec } from '../spec/model.ts';
import { randomCase, randomCaseFamilies } from './randomCase.ts';
import { labelVerdict } from './testing/labelVerdict.ts';
import { BARE_CTX, FULL_CTX } from './testing/testContext.ts';

const SEED = 20_240_611;

describe('randomCase', () => {
  const cases = fc.sample(randomCase(FULL_CTX), { seed: SEED, numRuns: 2_500 });

  it(`the oracle agrees with the label of 2,500 cases (seed ${SEED}), each breaking one rule`, () => {
    const disagreements = cases.map((c) => [labelVerdict(c, FULL_CTX), c.request] as const).filter(([v]) => v !== undefined);
    expect(disagreements).toEqual([]);
  });

  it('represents every invalid kind well and every breakable label at least once', () => {
    const byKind = new Map<string, number>();
    for (const c of cases) byKind.set(c.kind, (byKind.get(c.kind) ?? 0) + 1);
    const kinds = new Set([...spec.rules.values()].filter((r) => r.profile !== 'openapi').map((r) => r.kind));
    for (const k of kinds) expect(byKind.get(k) ?? 0, k).toBeGreaterThanOrEqual(k === 'success' ? 500 : 40);
    const labels = new Set(cases.map((c) => c.label));
    // The body-size rules are left to boundaryCases: bodies over 64 KiB are too big to draw by the thousand.
    const missing = [...spec.rules.values()].filter((r) => r.profile !== 'openapi' && r.kind !== 'success' && !labels.has(r.id)).map((r) => r.id);
    expect(missing).toEqual(['format.payload-too-large', 'format.large-body']);
  });

  it('never draws a case needing a token the context lacks', () => {
    const bare = fc.sample(randomCase(BARE_CTX), { seed: SEED, numRuns: 1_000 });
    expect(bare.filter((c) => c.needs === 'read-only-token' || c.needs === 'expired-token' || c.request.headers['authorization'] === 'Bearer dev-read-only-token')).toEqual([]);
    expect(bare.map((c) => labelVerdict(c, BARE_CTX)).filter((v) => v !== undefined)).toEqual([]);
    expect(Object.keys(randomCaseFamilies(BARE_CTX))).not.toContain('permission');
  });

  it('gives valid creates names with the prefix and a suffix of >= 8 code points, unique in the sample', () => {
    // Uniqueness cases reuse their existing object's name by design: left out here.
    const names = cases.filter((c) => c.label === 'valid' && c.request.method === 'POST' && c.needs === undefined).map((c) => (JSON.parse(c.request.body as string) as { name: string }).name);
    expect(names.length).toBeGreaterThan(300);
    for (const n of names) expect([...n.slice(FULL_CTX.namePrefix.length)].length).toBeGreaterThanOrEqual(8);
    expect(names.every((n) => n.startsWith(FULL_CTX.namePrefix))).toBe(true);
    expect(new Set(names).size).toBe(names.length);
  });

  it('same seed, same cases', () => {
    const a = fc.sample(randomCase(FULL_CTX), { seed: 42, numRuns: 50 });
    const b = fc.sample(randomCase(FULL_CTX), { seed: 42, numRuns: 50 });
    expect(a).toEqual(b);
    expect(fc.sample(randomCase(FULL_CTX), { seed: 43, numRuns: 50 })).not.toEqual(a);
  });

  it('seeded snapshot (fails when the generators drift; update with vitest -u when intended)', () => {
    const few = fc.sample(randomCase(FULL_CTX), { seed: 7, numRuns: 12 }).map((c) => ({
      ...c,
      request: { ...c.request, body: c.request.body instanceof Uint8Array ? `bytes:${Buffer.from(c.request.body).toString('hex')}` : c.request.body },
    }));
    expect(few).toMatchSnapshot();
  });
});

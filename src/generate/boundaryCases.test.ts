import { describe, expect, it } from 'vitest';
import { spec } from '../spec/model.ts';
import { boundaryCases } from './boundaryCases.ts';
import { skippedLabels } from './skippedLabels.ts';
import { labelVerdict } from './testing/labelVerdict.ts';
import { BARE_CTX, FULL_CTX } from './testing/testContext.ts';
import type { GenContext } from './genCase.ts';

/** Every default-profile rule a request can break: all but *.success and profile 'openapi'. */
const breakable = (ctx: GenContext): string[] => [...spec.rules.values()]
  .filter((r) => r.profile !== 'openapi' && r.kind !== 'success' && !skippedLabels(ctx).includes(r.id))
  .map((r) => r.id);

describe('boundaryCases', () => {
  const cases = boundaryCases(FULL_CTX);

  it('covers every breakable rule of the default profile in contracts/rules.json', () => {
    const labels = new Set(cases.map((c) => c.label));
    expect(breakable(FULL_CTX).filter((id) => !labels.has(id))).toEqual([]);
  });

  it('sends every body mutation as a PUT to an object that exists too (semantics.md "PUT": validated exactly like POST)', () => {
    const BODY_KINDS = new Set(['regex', 'length', 'range', 'vendor-exclusivity', 'container-exclusivity', 'required', 'type', 'body-format']);
    const mutated = new Set(cases.filter((c) => c.request.method === 'POST' && BODY_KINDS.has(c.kind) && !c.needs).map((c) => c.label));
    expect(mutated.size).toBeGreaterThan(0);
    const puts = cases.filter((c) => c.request.method === 'PUT' && c.request.path === '/mfa-servers/{existing}' && typeof c.needs === 'object');
    expect([...mutated].filter((l) => !puts.some((c) => c.label === l))).toEqual([]);
    // The object a PUT replaces is valid and sits where the body points, when the body names one valid container.
    for (const c of puts.filter((x) => mutated.has(x.label))) {
      const existing = (c.needs as { existing: Array<Record<string, unknown>> }).existing[0]!;
      expect(typeof existing['name']).toBe('string');
      const body = typeof c.request.body === 'string' ? (() => { try { return JSON.parse(c.request.body as string) as Record<string, unknown>; } catch { return undefined; } })() : undefined;
      if (body && typeof body['folder'] === 'string' && /^[A-Za-z0-9_. -]{1,64}$/.test(body['folder']) && !('snippet' in body) && !('device' in body)) expect(existing['folder']).toBe(body['folder']);
    }
  });

  it('uses only catalogue rule ids (or valid) as labels', () => {
    expect(cases.filter((c) => c.label !== 'valid' && !spec.rules.has(c.label))).toEqual([]);
  });

  it('the oracle agrees with every label, and each case breaks exactly one rule', () => {
    const disagreements = cases.map((c) => [labelVerdict(c, FULL_CTX), c.request] as const).filter(([v]) => v !== undefined);
    expect(disagreements).toEqual([]);
  });

  it('has a valid create for every vendor (and none) x every container', () => {
    const seen = new Set(cases.filter((c) => c.label === 'valid' && c.request.method === 'POST').map((c) => `${c.vendor ?? '-'}/${c.container}`));
    for (const v of ['-', ...spec.vendors.map((x) => x.name)]) for (const c of spec.containers) expect(seen).toContain(`${v}/${c}`);
  });

  it('is deterministic, marked boundary, and names every object with the prefix, uniquely', () => {
    expect(boundaryCases(FULL_CTX)).toEqual(cases);
    expect(cases.every((c) => c.boundary)).toBe(true);
    const names = cases.filter((c) => c.request.method === 'POST' && typeof c.request.body === 'string' && c.label !== 'format.malformed-json')
      .map((c) => { try { return (JSON.parse(c.request.body as string) as { name?: unknown }).name; } catch { return undefined; } })
      .filter((n): n is string => typeof n === 'string' && n !== '');
    expect(names.filter((n) => !n.startsWith(FULL_CTX.namePrefix))).toEqual([]);
    // Uniqueness cases reuse a name on purpose; every other create has its own.
    const plain = cases.filter((c) => c.needs === undefined || typeof c.needs !== 'object');
    const created = plain.filter((c) => c.label === 'valid' && c.request.method === 'POST').map((c) => (JSON.parse(c.request.body as string) as { name: string }).name);
    expect(new Set(created).size).toBe(created.length);
  });

  it('skips exactly the labels whose tokens the context lacks', () => {
    expect(skippedLabels(FULL_CTX)).toEqual([]);
    expect(skippedLabels(BARE_CTX).sort()).toEqual(['auth.key-expired', 'permission.read-only']);
    const bare = boundaryCases(BARE_CTX);
    const labels = new Set(bare.map((c) => c.label));
    expect(breakable(BARE_CTX).filter((id) => !labels.has(id))).toEqual([]);
    for (const l of skippedLabels(BARE_CTX)) expect(labels.has(l)).toBe(false);
    expect(bare.filter((c) => c.needs === 'read-only-token' || c.needs === 'expired-token')).toEqual([]);
    expect(bare.map((c) => labelVerdict(c, BARE_CTX)).filter((v) => v !== undefined)).toEqual([]);
  });

  it('puts the size edges exactly: 64 KiB processed, one byte more and 1 MiB either (open), 1 MiB + 1 too large (should)', () => {
    const big = (method: string) => cases.filter((c) => c.request.method === method && typeof c.request.body === 'string' && c.request.body.length >= 65_536)
      .map((c) => [c.label, Buffer.byteLength(c.request.body as string)]);
    expect(big('POST')).toEqual([
      ['valid', 65_536], ['format.large-body', 65_537], ['format.large-body', 1_048_576], ['format.payload-too-large', 1_048_577],
    ]);
    // PUT gets each label's first edge (generate/asUpdate.ts).
    expect(big('PUT')).toEqual([['format.large-body', 65_537], ['format.payload-too-large', 1_048_577]]);
  });
});

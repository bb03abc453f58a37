// The scheduler's three promises: same key in submission order, other keys
// concurrently, never more than `concurrency` at once; a failing task frees
// its slot and its key.
import { describe, expect, it } from 'vitest';
import { containerKeys, KeyedScheduler, objectContainerKeys } from './scheduler.ts';

const tick = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('KeyedScheduler', () => {
  it('runs tasks sharing a key one after another, in submission order, and others beside them', async () => {
    const s = new KeyedScheduler(8);
    const log: string[] = [];
    const task = (name: string, ms: number) => async (): Promise<string> => { log.push(`start ${name}`); await tick(ms); log.push(`end ${name}`); return name; };
    const results = await Promise.all([
      s.schedule(['folder=a'], task('a1', 30)),
      s.schedule(['folder=b'], task('b1', 5)),
      s.schedule(['folder=a', 'folder=b'], task('ab', 5)),
      s.schedule(['folder=a'], task('a2', 1)),
      s.schedule([], task('free', 1)),
    ]);
    expect(results).toEqual(['a1', 'b1', 'ab', 'a2', 'free']);
    const at = (e: string): number => log.indexOf(e);
    expect(at('start ab')).toBeGreaterThan(at('end a1'));
    expect(at('start ab')).toBeGreaterThan(at('end b1'));
    expect(at('start a2')).toBeGreaterThan(at('end ab'));
    expect(at('end b1')).toBeLessThan(at('end a1')); // b1 ran beside a1
    expect(at('end free')).toBeLessThan(at('end a1'));
  });

  it('never runs more than `concurrency` tasks at once', async () => {
    const s = new KeyedScheduler(3);
    let running = 0;
    let peak = 0;
    await Promise.all(Array.from({ length: 20 }, (_, i) => s.schedule([`k${i}`], async () => { peak = Math.max(peak, ++running); await tick(2); running--; })));
    expect(peak).toBe(3);
  });

  it('a failing task rejects its own promise and still frees its slot and key', async () => {
    const s = new KeyedScheduler(1);
    const failing = s.schedule(['k'], async () => { throw new Error('boom'); });
    const after = s.schedule(['k'], async () => 'ran');
    await expect(failing).rejects.toThrow('boom');
    await expect(after).resolves.toBe('ran');
  });
});

describe('container keys', () => {
  it('reads every container member of a body, escaped or not, and the list query', () => {
    const body = JSON.stringify({ folder: 'a b', snippet: 'q"u\\o', mfa_vendor_type: { x: { device: 'Ü' } } });
    expect(containerKeys({ method: 'POST', path: '/mfa-servers', body })).toEqual(['folder=a b', 'snippet=q"u\\o', 'device=Ü']);
    expect(containerKeys({ method: 'GET', path: '/mfa-servers?snippet=s%201&limit=5' })).toEqual(['snippet=s 1']);
    expect(objectContainerKeys({ name: 'n', device: 'd' })).toEqual(['device=d']);
  });
});

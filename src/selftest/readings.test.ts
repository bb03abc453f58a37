// The reading self-test: the fault matrix's discipline turned round. A run of
// the conformance suite against a reference server started with a reading of
// an open point must pass, by default and under --strict; one started with a
// should reading must pass by default with warnings and fail under --strict
// (semantics.md preamble and "Open points"). Every reading and every named
// set, over two seeds. The runs go to two worker threads (./readingsWorker.mjs)
// so that a two-core machine does them side by side.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READING_SETS, READINGS } from '../server/readings/catalogue.ts';

const SEEDS = [1, 2] as const;
const RUNS = 200;
/** Sequences per reading: enough that every reading meets creates, renames, deletes, moves and lists in sequence. */
const STATEFUL_RUNS = 8;
/** Shrinking only makes counterexamples smaller; the verdicts are the same without much of it. */
const SHRINK_BUDGET_MS = 500;
const TIMEOUT_MS = 180_000;

interface Summary {
  exitCode: 0 | 1;
  totals: { cases: number; passed: number; failed: number; warnings: number };
  /** Cases per rule id. */
  cases: Record<string, number>;
  /** One line per rule with failures or warnings: rule, strength, counts, first counterexample. */
  bad: string[];
}

type Pending = { resolve(s: Summary): void; reject(e: Error): void };

/** Two (or one, on a one-core machine) workers, each running one job at a time. */
class Pool {
  private readonly idle: Worker[] = [];
  private readonly queue: Array<{ job: Record<string, unknown>; pending: Pending }> = [];
  private readonly pending = new Map<number, Pending>();
  private readonly workers: Worker[] = [];
  private nextId = 0;

  async start(size: number): Promise<void> {
    await Promise.all(Array.from({ length: size }, () => new Promise<void>((ready, fail) => {
      const w = new Worker(new URL('./readingsWorker.mjs', import.meta.url));
      this.workers.push(w);
      w.on('error', (e) => {
        fail(e);
        for (const p of this.pending.values()) p.reject(e);
        this.pending.clear();
      });
      w.on('message', (m: { ready?: true; id?: number; summary?: Summary; error?: string }) => {
        if (m.ready) {
          ready();
        } else if (m.id !== undefined) {
          const p = this.pending.get(m.id);
          this.pending.delete(m.id);
          if (m.summary) p?.resolve(m.summary);
          else p?.reject(new Error(m.error ?? 'worker error'));
        }
        this.idle.push(w);
        this.pump();
      });
    })));
  }

  run(readings: string[], seed: number, strict: boolean): Promise<Summary> {
    return new Promise((resolve, reject) => {
      this.queue.push({ job: { readings, seed, strict, runs: RUNS, shrinkBudgetMs: SHRINK_BUDGET_MS, statefulRuns: STATEFUL_RUNS }, pending: { resolve, reject } });
      this.pump();
    });
  }

  private pump(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const w = this.idle.shift()!;
      const { job, pending } = this.queue.shift()!;
      const id = this.nextId++;
      this.pending.set(id, pending);
      w.postMessage({ ...job, id });
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

const pool = new Pool();
beforeAll(() => pool.start(Math.max(1, Math.min(2, availableParallelism()))), 60_000);
afterAll(() => pool.stop());

const OPEN = Object.keys(READINGS).filter((n) => READINGS[n]?.strength === 'open');
const SHOULD = Object.keys(READINGS).filter((n) => READINGS[n]?.strength === 'should');
const show = (s: Summary): string => `exit ${s.exitCode}, ${s.totals.failed} failed, ${s.totals.warnings} warnings\n${s.bad.join('\n')}`;

describe.concurrent('self-test: an open reading passes by default and under --strict', () => {
  for (const name of [...OPEN, ...Object.keys(READING_SETS)]) {
    for (const seed of SEEDS) {
      it(`${name} seed ${seed}`, async () => {
        const [lenient, strict] = await Promise.all([pool.run([name], seed, false), pool.run([name], seed, true)]);
        expect(lenient.exitCode, `default mode: ${show(lenient)}`).toBe(0);
        expect(strict.exitCode, `--strict: ${show(strict)}`).toBe(0);
        expect(strict.bad, `--strict: ${show(strict)}`).toEqual([]);
        // The run reached the point the reading answers differently at.
        const point = READINGS[name]?.point;
        if (point !== undefined) expect(strict.cases[point] ?? 0, `no case of ${point}`).toBeGreaterThan(0);
      }, TIMEOUT_MS);
    }
  }
});

describe.concurrent('self-test: a should reading warns by default and fails under --strict', () => {
  for (const name of SHOULD) {
    for (const seed of SEEDS) {
      it(`${name} seed ${seed}`, async () => {
        const [lenient, strict] = await Promise.all([pool.run([name], seed, false), pool.run([name], seed, true)]);
        expect(lenient.exitCode, `default mode: ${show(lenient)}`).toBe(0);
        expect(lenient.totals.warnings, `default mode: ${show(lenient)}`).toBeGreaterThan(0);
        expect(strict.exitCode, `--strict: ${show(strict)}`).toBe(1);
      }, TIMEOUT_MS);
    }
  }
});

// One reports folder shared by runs, in-process: a sequential re-run replaces
// the set; a set from a run alongside is kept in superseded/ (bounded) and
// announced, by both runs; the lock survives a killed holder and its wait is
// bounded. The three-process version is parallelRuns.test.ts.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { failingRun, passingRun, SECRETS } from './fixtures.ts';
import { checkReportSet, MANIFEST, readManifest, SUPERSEDED, SUPERSEDED_KEEP } from './reportSet.ts';
import { writeReports } from './writeReports.ts';

const secrets = Object.values(SECRETS);
const fresh = (): string => join(mkdtempSync(join(tmpdir(), 'mfa-set-')), 'reports');
/** Only the set, the superseded folder and what we put there: no staging folder or lock left behind. */
const entries = (dir: string): string[] => readdirSync(dir).sort();

describe('a reports folder shared by runs', () => {
  it('a sequential re-run replaces the previous set: nothing piles up', async () => {
    const dir = fresh();
    const first = await writeReports(failingRun(), dir, { secrets, runStartedAt: Date.now() });
    expect(first.notes).toEqual([]);
    expect(await checkReportSet(dir)).toEqual({ runId: first.runId, whole: true, problems: [] });
    const second = await writeReports(passingRun(), dir, { secrets, runStartedAt: Date.now() });
    expect(second.notes).toEqual([]);
    expect(await checkReportSet(dir)).toMatchObject({ runId: second.runId, whole: true });
    expect(entries(dir)).toEqual(['allure-results', 'conformance.html', 'conformance.json', 'junit.xml', MANIFEST]);
    expect((await readManifest(dir))!.replaced).toEqual({ runId: first.runId });
    expect(await first.replacedNote()).toMatch(new RegExp(`^replaced: run ${second.runId} replaced this run's reports \\(run ${first.runId}\\).*was not kept`));
    expect(await second.replacedNote()).toBeUndefined();
  });

  it('a set from a run alongside is kept in superseded/, said by both runs, whole', async () => {
    const dir = fresh();
    const started = Date.now(); // the second run started before the first published
    const first = await writeReports(failingRun(), dir, { secrets, runStartedAt: started });
    const second = await writeReports(passingRun(), dir, { secrets, runStartedAt: started });
    const kept = join(dir, SUPERSEDED, first.runId);
    expect(second.notes).toEqual([`superseded: this run replaced the reports of run ${first.runId}, which ran alongside it; they are kept in ${kept}/`]);
    expect(await first.replacedNote()).toBe(`replaced: run ${second.runId} replaced this run's reports (run ${first.runId}) in ${dir} before this run ended; this run's set is kept in ${kept}/`);
    expect(await checkReportSet(dir)).toMatchObject({ runId: second.runId, whole: true });
    expect(await checkReportSet(kept)).toMatchObject({ runId: first.runId, whole: true });
    expect(JSON.parse(readFileSync(join(kept, 'conformance.json'), 'utf8'))).toMatchObject({ runId: first.runId, exitCode: 1 });
    expect((await readManifest(dir))!.replaced).toEqual({ runId: first.runId, keptIn: `${SUPERSEDED}/${first.runId}` });
    expect(entries(dir)).toEqual(['allure-results', 'conformance.html', 'conformance.json', 'junit.xml', MANIFEST, SUPERSEDED]);
  });

  it(`superseded/ keeps the last ${SUPERSEDED_KEEP} sets`, async () => {
    const dir = fresh();
    const started = Date.now();
    const ids: string[] = [];
    for (let i = 0; i < SUPERSEDED_KEEP + 3; i++) ids.push((await writeReports(passingRun(), dir, { secrets, runStartedAt: started })).runId);
    // The last set is in place; the ones before it, newest first, up to the bound.
    expect(readdirSync(join(dir, SUPERSEDED)).sort()).toEqual(ids.slice(-1 - SUPERSEDED_KEEP, -1).sort());
  }, 30_000);

  it('every file of a set names its run; a foreign file makes the set not whole', async () => {
    const dir = fresh();
    const { runId } = await writeReports(failingRun(), dir, { secrets });
    expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).toContain(`<property name="runId" value="${runId}"/>`);
    expect(readFileSync(join(dir, 'conformance.html'), 'utf8')).toContain(`<meta name="mfa-conformance-run-id" content="${runId}">`);
    const adir = join(dir, 'allure-results');
    const results = readdirSync(adir).filter((f) => f.endsWith('-result.json')).map((f) => JSON.parse(readFileSync(join(adir, f), 'utf8')));
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) expect(r.labels).toContainEqual({ name: 'runId', value: runId });
    expect(readFileSync(join(adir, 'environment.properties'), 'utf8')).toContain(`runId=${runId}`);
    writeFileSync(join(adir, 'stray-result.json'), '{}');
    expect(await checkReportSet(dir)).toEqual({ runId, whole: false, problems: [`not of run ${runId}: allure-results/stray-result.json`] });
  });

  it("a killed holder's lock is broken; a live holder's is waited for, within a bound", async () => {
    const dir = fresh();
    mkdirSync(join(dir, '.lock'), { recursive: true });
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    writeFileSync(join(dir, '.lock', 'owner.json'), JSON.stringify({ pid: dead, host: hostname(), token: 'killed', runId: 'killed-run', since: new Date().toISOString() }));
    const w = await writeReports(passingRun(), dir, { secrets, lockTimeoutMs: 5_000 });
    expect(await checkReportSet(dir)).toMatchObject({ runId: w.runId, whole: true });
    expect(existsSync(join(dir, '.lock'))).toBe(false);

    // A live holder (this process, another token) keeps it: the set stays in the staging folder, said in one line.
    mkdirSync(join(dir, '.lock'));
    writeFileSync(join(dir, '.lock', 'owner.json'), JSON.stringify({ pid: process.pid, host: hostname(), token: 'live', runId: 'live-run', since: new Date().toISOString() }));
    const t0 = Date.now();
    const blocked = await writeReports(failingRun(), dir, { secrets, lockTimeoutMs: 400 });
    expect(Date.now() - t0).toBeLessThan(3_000);
    expect(blocked.notes).toHaveLength(1);
    expect(blocked.notes[0]).toMatch(/stayed held by run live-run .*stay in .*\.staging-\d+-[0-9a-f]+\/$/);
    expect(blocked.paths[0]).toMatch(/\.staging-\d+-[0-9a-f]+[\\/]conformance\.json$/);
    expect(JSON.parse(readFileSync(blocked.paths[0]!, 'utf8')).runId).toBe(blocked.runId);
    expect(await checkReportSet(dir)).toMatchObject({ runId: w.runId, whole: true });
  });
});

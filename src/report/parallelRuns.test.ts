// Three `run` processes at once in one folder, one shared reports dir: two
// against their embedded reference servers (pass), one against a faulty
// `serve --fault no-auth` (fails). Each ends with its own verdict, none
// crashes; the reports folder holds one whole run's set; the two replaced
// sets are kept in superseded/ and each is announced by the run that
// replaced it.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkReportSet, MANIFEST, readManifest, SUPERSEDED } from './reportSet.ts';

const BIN = fileURLToPath(new URL('../cli/bin.mjs', import.meta.url));
const TOKEN = 'parallel-rw-1';
// The runs use their flags' tokens or their embedded servers' defaults, never the caller's.
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^MFA_/.test(k)));

interface Done { status: number | null; stdout: string; stderr: string }

function start(args: string[], cwd: string): { child: ChildProcess; done: Promise<Done> } {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => { stdout += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
  return { child, done: new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr }))) };
}

/** Every file of the set in `dir` names run `id`; allure-results holds that run's results only. */
function expectOneRun(dir: string, id: string): void {
  expect(JSON.parse(readFileSync(join(dir, 'conformance.json'), 'utf8')).runId).toBe(id);
  expect(JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')).runId).toBe(id);
  expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).toContain(`<property name="runId" value="${id}"/>`);
  expect(readFileSync(join(dir, 'conformance.html'), 'utf8')).toContain(`<meta name="mfa-conformance-run-id" content="${id}">`);
  const adir = join(dir, 'allure-results');
  const names = readdirSync(adir);
  const results = names.filter((f) => f.endsWith('-result.json'));
  expect(results.length).toBeGreaterThan(50);
  for (const f of results) expect(JSON.parse(readFileSync(join(adir, f), 'utf8')).labels, f).toContainEqual({ name: 'runId', value: id });
  expect(readFileSync(join(adir, 'environment.properties'), 'utf8')).toContain(`runId=${id}`);
  expect(names.filter((f) => f.startsWith('.'))).toEqual([]); // no writer's temp file
}

describe('parallel runs sharing one reports folder', () => {
  let serve: ReturnType<typeof start>;
  let url: string;
  beforeAll(async () => {
    serve = start(['serve', '--port', '0', '--token', TOKEN, '--fault', 'no-auth'], tmpdir());
    url = await new Promise<string>((resolve, reject) => {
      let seen = '';
      serve.child.stdout!.on('data', (d: Buffer) => {
        seen += d.toString();
        const m = /listening (http\S+)/.exec(seen);
        if (m) resolve(m[1]!);
      });
      serve.child.on('close', (code) => reject(new Error(`serve exited ${code}`)));
    });
  });
  afterAll(async () => {
    serve.child.kill('SIGTERM');
    await serve.done;
  });

  it('three runs at once: own verdicts, one whole set in place, the others kept and announced', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'mfa-parallel-'));
    const common = ['--runs', '50', '--no-contract', '--concurrency', '8'];
    const runs = [
      { name: 'pass-a', expected: 0, args: ['run', ...common, '--seed', '11'] },
      { name: 'fail', expected: 1, args: ['run', '--target', url, '--token', TOKEN, ...common, '--seed', '12'] },
      { name: 'pass-b', expected: 0, args: ['run', ...common, '--seed', '13'] },
    ];
    const done = await Promise.all(runs.map((r) => start(r.args, cwd).done));

    const ids: string[] = [];
    done.forEach((d, i) => {
      const r = runs[i]!;
      expect(d.status, `${r.name}: ${d.stderr}`).toBe(r.expected);
      expect(d.stderr, r.name).not.toMatch(/ENOENT|Error|mfa-conformance:/);
      expect(d.stdout, r.name).toMatch(r.expected === 0 ? /^PASS: .*\(exit 0\)$/m : /^FAIL: .*\(exit 1\)$/m);
      const m = /^reports: reports\/conformance\.json, reports\/junit\.xml, reports\/conformance\.html, reports\/allure-results \(run (\S+)\)$/m.exec(d.stdout);
      expect(m, `${r.name} stdout:\n${d.stdout}`).not.toBeNull();
      ids.push(m![1]!);
    });
    expect(new Set(ids).size).toBe(3);

    // One whole run's set in place, nothing left of the others' staging or the lock.
    const dir = join(cwd, 'reports');
    const check = await checkReportSet(dir);
    expect(check.problems).toEqual([]);
    const last = check.runId!;
    expect(ids).toContain(last);
    expectOneRun(dir, last);
    expect(readdirSync(dir).sort()).toEqual(['allure-results', 'conformance.html', 'conformance.json', 'junit.xml', MANIFEST, SUPERSEDED]);
    expect(existsSync(join(dir, '.lock'))).toBe(false);

    // The two replaced sets are kept, whole, each with its own verdict.
    const others = ids.filter((id) => id !== last);
    expect(readdirSync(join(dir, SUPERSEDED)).sort()).toEqual([...others].sort());
    for (const id of others) {
      const kept = join(dir, SUPERSEDED, id);
      expect((await checkReportSet(kept)).problems, id).toEqual([]);
      expectOneRun(kept, id);
      expect(JSON.parse(readFileSync(join(kept, 'conformance.json'), 'utf8')).exitCode).toBe(runs[ids.indexOf(id)]!.expected);
    }
    // Each kept set is announced once, in one line, by the run that replaced it (the chain in the manifests).
    const announced = done.map((d) => d.stdout.split('\n').filter((l) => l.startsWith('superseded: ')));
    expect(announced.flat()).toHaveLength(2);
    for (const id of others) {
      const by = announced.findIndex((lines) => lines.some((l) => l === `superseded: this run replaced the reports of run ${id}, which ran alongside it; they are kept in reports/superseded/${id}/`));
      expect(by, `announcement of ${id}`).toBeGreaterThanOrEqual(0);
      expect(ids[by]).not.toBe(id);
      const replacer = ids[by] === last ? await readManifest(dir) : await readManifest(join(dir, SUPERSEDED, ids[by]!));
      expect(replacer!.replaced).toEqual({ runId: id, keptIn: `${SUPERSEDED}/${id}` });
    }
    // A run replaced before it ended says so (whether one still was depends on timing); the last one never does.
    done.forEach((d, i) => {
      const lines = d.stdout.split('\n').filter((l) => l.startsWith('replaced: '));
      expect(lines.length).toBeLessThanOrEqual(1);
      if (ids[i] === last) expect(lines).toEqual([]);
      else if (lines[0] !== undefined) expect(lines[0]).toContain(`(run ${ids[i]}) in reports before this run ended; this run's set is kept in reports/superseded/${ids[i]}/`);
    });
  }, 120_000);
});

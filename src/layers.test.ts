// The layers of src/ (ARCHITECTURE.md's picture is the rule set): dependency-
// cruiser runs .dependency-cruiser.mjs over src/ and finds no violation; each
// rule fires on a file that breaks it; and no core file but the loader reads
// process.env (an expression, which dependency-cruiser does not see).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseOptions, type ICruiseResult, type IViolation } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CORE = ['spec', 'validate', 'oracle', 'generate', 'model', 'checks', 'runner'];
const LOADER = 'src/spec/model.ts';

let options: ICruiseOptions;
const tsConfig = extractTSConfig(join(ROOT, 'tsconfig.json'));
beforeAll(async () => {
  options = await extractDepcruiseOptions(join(ROOT, '.dependency-cruiser.mjs'));
});

async function violations(baseDir: string): Promise<{ result: ICruiseResult; violations: IViolation[] }> {
  const out = await cruise(['src'], { ...options, baseDir, outputType: 'json' }, undefined, { tsConfig });
  const result = (typeof out.output === 'string' ? JSON.parse(out.output) : out.output) as ICruiseResult;
  return { result, violations: result.summary.violations };
}

/** One line per violation: the rule, the import, and what the rule says. */
function readable(vs: IViolation[]): string {
  const why = new Map((options.ruleSet?.forbidden ?? []).map((r) => [r.name, r.comment]));
  return vs.map((v) => `${v.rule.name}: ${v.from} → ${v.to}${why.get(v.rule.name) ? ` (${why.get(v.rule.name)})` : ''}`).join('\n');
}

describe('layers (dependency-cruiser, .dependency-cruiser.mjs)', () => {
  it('src/ breaks no rule', async () => {
    const { result, violations: vs } = await violations(ROOT);
    // It cruised the whole tree, not an empty or wrong folder.
    const seen = new Set(result.modules.map((m) => m.source.split('/')[1]));
    for (const dir of [...CORE, 'transport', 'server', 'pact', 'report', 'cli']) expect(seen, dir).toContain(dir);
    expect(readable(vs), 'imports that break the layers of ARCHITECTURE.md').toBe('');
  });

  describe('each rule fires on a file that breaks it', () => {
    let fixture: string;
    let found: string[];
    beforeAll(async () => {
      fixture = mkdtempSync(join(tmpdir(), 'mfa-layers-'));
      const files: Record<string, string> = {
        'package.json': JSON.stringify({ name: 'fixture', type: 'module', dependencies: { undici: '0.0.0' } }),
        'node_modules/undici/package.json': JSON.stringify({ name: 'undici', version: '0.0.0', main: 'index.js' }),
        'node_modules/undici/index.js': 'export const request = 1;\n',
        'src/cli/main.ts': 'export const main = 1;\n',
        'src/report/escape.ts': 'export const escape = 1;\n',
        'src/runner/results.ts': 'export const results = 1;\n',
        'src/oracle/predict.ts': 'export const predict = 1;\n',
        'src/spec/types.ts': 'export const types = 1;\n',
        'src/spec/model.ts': "import { readFileSync } from 'node:fs';\nexport const model = readFileSync;\n",
        // One import that breaks each rule.
        'src/checks/toCli.ts': "import { main } from '../cli/main.ts';\nexport const a = main;\n",
        'src/checks/upward.ts': "import type { results } from '../runner/results.ts';\nexport type A = typeof results;\n",
        'src/runner/readsDisk.ts': "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n",
        'src/runner/http.ts': "import { request } from 'undici';\nexport const a = request;\n",
        'src/generate/predicts.ts': "import { predict } from '../oracle/predict.ts';\nexport const a = predict;\n",
        'src/server/usesSpec.ts': "import { types } from '../spec/types.ts';\nexport const a = types;\n",
        'src/pact/toReport.ts': "import { escape } from '../report/escape.ts';\nexport const a = escape;\n",
      };
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(fixture, path)), { recursive: true });
        writeFileSync(join(fixture, path), text);
      }
      found = (await violations(fixture)).violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
    });
    afterAll(() => rmSync(fixture, { recursive: true, force: true }));

    it.each([
      ['core-imports-no-edge', 'src/checks/toCli.ts', 'src/cli/main.ts'],
      ['no-upward-from-checks', 'src/checks/upward.ts', 'src/runner/results.ts'],
      ['core-no-io', 'src/runner/readsDisk.ts', 'fs'],
      ['core-no-edge-packages', 'src/runner/http.ts', 'node_modules/undici/index.js'],
      ['generator-does-not-predict', 'src/generate/predicts.ts', 'src/oracle/predict.ts'],
      ['server-is-independent', 'src/server/usesSpec.ts', 'src/spec/types.ts'],
      ['edges-do-not-import-each-other', 'src/pact/toReport.ts', 'src/report/escape.ts'],
    ])('%s: %s → %s', (rule, from, to) => {
      expect(found).toContain(`${rule}: ${from} → ${to}`);
    });

    it('the loader may read the disk', () => {
      expect(found.filter((v) => v.includes(LOADER))).toEqual([]);
    });
  });

  it(`no core file but the loader (${LOADER}) reads process.env`, () => {
    const files = CORE.flatMap((dir) => sources(join(ROOT, 'src', dir)));
    expect(files.length).toBeGreaterThan(0);
    const hits = files
      .map((f) => relative(ROOT, f).split('\\').join('/'))
      .filter((f) => f !== LOADER)
      .flatMap((f) => readFileSync(join(ROOT, f), 'utf8').split('\n').flatMap((line, i) => (/\bprocess\s*(?:\?\.|\.)\s*env\b|\bprocess\s*\[\s*['"`]env['"`]\s*\]/.test(line) ? [`${f}:${i + 1}: ${line.trim()}`] : [])));
    expect(hits.join('\n'), 'process.env in the core (take the value as a parameter from the CLI)').toBe('');
  });
});

/** The non-test sources under a folder. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.(?:ts|mts|mjs|js)$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [p] : [];
  });
}

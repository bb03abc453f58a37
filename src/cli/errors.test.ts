// The one error catalogue (src/spec/errors.ts): every code with its exit
// status; misuse is exit 2 and one line; every HarnessError the sources throw
// names a catalogued code; and only main.ts turns an error into an exit status.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { ERRORS, HarnessError, type HarnessErrorCode } from '../spec/errors.ts';
import { errorLine, redactError } from './harnessError.ts';
import { main, usage } from './main.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Every code, its exit status, and when it is thrown. A new code gets a row here. */
const CODES: Array<[HarnessErrorCode, number]> = [
  ['UNKNOWN_COMMAND', 2],
  ['BAD_FLAG', 2],
  ['BAD_VALUE', 2],
  ['UNREADABLE_FILE', 2],
  ['BAD_STATE', 2],
  ['BAD_CONTRACT', 2],
  ['UNREACHABLE_TARGET', 2],
  ['TARGET_REFUSED', 2],
  ['NOT_THIS_API', 2],
  ['TARGET_STOPPED', 2],
  ['RUN_INCOMPLETE', 2],
  ['AUTH_FAILED', 2],
  ['RATE_LIMITED', 2],
  ['BROKER', 2],
  ['TOOL_FAILED', 2],
  ['LISTEN_FAILED', 2],
  ['INTERRUPTED', 130],
  ['TERMINATED', 143],
  ['INTERNAL', 2],
];

describe('the error catalogue', () => {
  it.each(CODES)('%s exits %i', (code, exit) => {
    expect(ERRORS[code].exit).toBe(exit);
    expect(new HarnessError(code, 'x').exitCode).toBe(exit);
    // One line that says what the code means.
    expect(ERRORS[code].what).toMatch(/^[^\n]+$/);
  });

  it('the table above lists every catalogued code, once', () => {
    const listed = CODES.map(([c]) => c);
    expect(new Set(listed).size).toBe(listed.length);
    expect([...listed].sort()).toEqual(Object.keys(ERRORS).sort());
  });

  it('misuse and a run that could not do its job are exit 2; only a signal is not', () => {
    const other = CODES.filter(([, exit]) => exit !== 2).map(([c]) => c);
    expect(other.sort()).toEqual(['INTERRUPTED', 'TERMINATED']);
  });

  it('an error is one line with its exit status; anything but a HarnessError is INTERNAL; secrets never show', () => {
    expect(errorLine(new HarnessError('BAD_FLAG', '--x is unknown\nsecond line'))).toEqual({ line: 'mfa-conformance: --x is unknown', exit: 2 });
    expect(errorLine(new HarnessError('INTERRUPTED', 'SIGINT: stopped'))).toEqual({ line: 'mfa-conformance: SIGINT: stopped', exit: 130 });
    expect(errorLine(new TypeError('x is undefined'))).toEqual({ line: 'mfa-conformance: TypeError: x is undefined', exit: ERRORS.INTERNAL.exit });
    expect(errorLine(new HarnessError('AUTH_FAILED', 'refused tok-abcdef and Bearer zzz'), ['tok-abcdef']).line).toBe('mfa-conformance: refused [REDACTED] and Bearer [REDACTED]');
    const again = redactError(new HarnessError('UNREACHABLE_TARGET', 'no answer for sekret-1234'), ['sekret-1234']);
    expect(again).toBeInstanceOf(HarnessError);
    expect([(again as HarnessError).code, (again as HarnessError).message]).toEqual(['UNREACHABLE_TARGET', 'no answer for [REDACTED]']);
  });
});

describe('every command: misuse is one line on stderr and exit 2, through main()', () => {
  // One misuse of each command, none of which reaches a target or a broker.
  const MISUSE: Array<[string, string[], RegExp]> = [
    ['unknown command', ['frobnicate'], /^mfa-conformance: unknown command 'frobnicate'/],
    ['run', ['run', '--runs', 'many'], /^mfa-conformance: --runs must be an integer/],
    ['serve', ['serve', '--port', 'x'], /^mfa-conformance: --port must be an integer/],
    ['explain', ['explain', '--path', '/mfa-servers'], /^mfa-conformance: explain needs --method/],
    ['verify', ['verify', '--target', 'http://127.0.0.1:9/config/identity/v1'], /^mfa-conformance: --target needs --token/],
    ['publish', ['publish', '--consumer-version', '1'], /^mfa-conformance: --broker-url \(or PACT_BROKER_BASE_URL\) is required/],
    ['can-i-deploy', ['can-i-deploy', '--broker-url', 'http://127.0.0.1:9'], /^mfa-conformance: one of --version, --branch, --latest is required/],
    ['merge', ['merge'], /^mfa-conformance: merge: name the reports folders to merge/],
    ['report', ['report', '--nope'], /^mfa-conformance: report: unknown flag --nope/],
    ['replay', ['replay'], /^mfa-conformance: replay takes one sequence file/],
    ['cleanup', ['cleanup'], /^mfa-conformance: cleanup needs --target/],
    ['diff', ['diff'], /^mfa-conformance: diff needs --target/],
  ];

  it('lists every command of main.ts', () => {
    const commands = [...usage().matchAll(/^ {2}([a-z][\w-]*) +/gm)].map((m) => m[1]!);
    expect(commands).toContain('run');
    expect(commands.filter((c) => !MISUSE.some(([name]) => name === c))).toEqual([]);
  });

  it.each(MISUSE)('%s', async (_name, argv, line) => {
    const err: string[] = [];
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(await main(argv, { stderr: (l) => err.push(l), env: {} })).toBe(2);
    } finally {
      out.mockRestore();
    }
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(line);
  });
});

describe('the sources', () => {
  const files = sources(join(ROOT, 'src'));
  const rel = (f: string): string => relative(ROOT, f).split('\\').join('/');

  it('every HarnessError thrown names a catalogued code', () => {
    const bad: string[] = [];
    let seen = 0;
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/new HarnessError\(\s*([^,)]*)[,)]/g)) {
        seen++;
        const arg = m[1]!.trim();
        // The code: a literal, or the branches of a choice (`signal === 'SIGTERM' ? 'TERMINATED' : 'INTERRUPTED'`).
        const codes = [...arg.matchAll(/(?:^|[?:]\s*)'([A-Z_]+)'/g)].map((c) => c[1]!);
        // A literal must be catalogued; a variable (`code`, `err.code`) is typed HarnessErrorCode.
        const ok = codes.length > 0 ? codes.every((c) => Object.hasOwn(ERRORS, c)) : /^[\w.]+$/.test(arg) && !/^['"`]/.test(arg);
        if (!ok) bad.push(`${rel(f)}: new HarnessError(${arg}, ...)`);
      }
    }
    expect(seen).toBeGreaterThan(0);
    expect(bad.join('\n'), 'a HarnessError whose code is not in src/spec/errors.ts').toBe('');
  });

  it('no other error type stands for misuse, and only main.ts decides an exit status', () => {
    // Process ends that are not a command's verdict: bin.mjs sets main()'s status; Pact's Verifier
    // runs in a child process that ends itself; the bench's echo server is a child of the bench;
    // run's second signal exits at once (the first one stops the run and main() reports it).
    const mayExit = new Set(['src/cli/bin.mjs', 'src/pact/verifierWorker.ts', 'src/bench/echoServer.ts', 'src/cli/run.ts']);
    const hits: string[] = [];
    for (const f of files) {
      const name = rel(f);
      readFileSync(f, 'utf8').split('\n').forEach((line, i) => {
        const at = `${name}:${i + 1}: ${line.trim()}`;
        if (/\bclass \w+ extends HarnessError\b/.test(line)) hits.push(at);
        // The commands' own error classes (serve's UsageError was one): misuse is a catalogued HarnessError.
        if (/^src\/(?:cli|pact|server)\//.test(name) && /\bclass \w+ extends Error\b/.test(line)) hits.push(at);
        if (/\bprocess\.exit(?:Code)?\b/.test(line) && !mayExit.has(name)) hits.push(at);
        // A command returns its verdict (0 or 1) or throws; the misuse and signal statuses are main()'s.
        if (name.startsWith('src/cli/') && name !== 'src/cli/main.ts' && /\breturn (?:2|130|143);/.test(line)) hits.push(at);
      });
    }
    expect(hits.join('\n')).toBe('');
  });
});

/** The non-test sources under a folder. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.(?:ts|mts|mjs)$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [p] : [];
  });
}

// `serve` (src/cli/serve.ts): flags, the one listening line, exit codes.
import { describe, expect, it } from 'vitest';
import { main } from '../cli/main.ts';
import { parseServeArgs } from '../cli/serve.ts';
import { client } from './testing.ts';

async function runServe(argv: string[], whileUp?: (url: string) => Promise<void>) {
  const out: string[] = [];
  const errs: string[] = [];
  const ac = new AbortController();
  let resolveUp: (url: string) => void = () => undefined;
  const up = new Promise<string>((r) => (resolveUp = r));
  // Through main(), as bin.mjs runs it: a usage error is its one line and exit status.
  const done = main(['serve', ...argv], {
    stdout: (l) => {
      out.push(l);
      resolveUp(l.replace(/^listening /, ''));
    },
    stderr: (l) => errs.push(l),
    env: {},
    signal: ac.signal,
  });
  const raced = await Promise.race([up, done.then(() => undefined)]);
  if (raced !== undefined && whileUp) await whileUp(raced);
  ac.abort();
  return { code: await done, out, errs };
}

describe('serve', () => {
  it.each([
    [['--bogus']],
    [['--port', 'x']],
    [['--port', '70000']],
    [['--profile', 'strict']],
    [['--fault', 'no-such-fault']],
    [['--reading', 'no-such-reading']],
    [['--reading', 'secrets-masked', '--reading', 'toString']],
    [['--reading']],
    [['--token', '']],
    [['positional']],
  ])('%j → exit 2 with one mfa-conformance: line', async (argv) => {
    const r = await runServe(argv);
    expect(r.code).toBe(2);
    expect(r.errs).toHaveLength(1);
    expect(r.errs[0]).toMatch(/^mfa-conformance: /);
    expect(r.out).toEqual([]);
  });

  it('prints one listening line, serves, and exits 0 when stopped; never prints tokens', async () => {
    const r = await runServe(['--port', '0', '--token', 'sekret-a', '--token', 'sekret-b', '--fault', 'create-returns-201', '--profile', 'openapi'], async (url) => {
      const send = client(url, 'sekret-b');
      expect((await send({ path: '/mfa-servers?folder=A' })).status).toBe(200);
      expect((await client(url, 'dev-token')({ path: '/mfa-servers?folder=A' })).status).toBe(401);
    });
    expect(r.code).toBe(0);
    expect(r.out).toHaveLength(1);
    expect(r.out[0]).toMatch(/^listening http:\/\/127\.0\.0\.1:\d+\/config\/identity\/v1$/);
    expect(r.out.join() + r.errs.join()).not.toMatch(/sekret/);
  });

  it('--reading (repeatable, sets too) starts the server with those readings; the listening line is unchanged', async () => {
    expect(parseServeArgs(['--reading', 'secrets-masked', '--reading', 'vendor-like']).readings).toEqual(['secrets-masked', 'vendor-like']);
    const r = await runServe(['--reading', 'position-required', '--reading', 'typed-language'], async (url) => {
      const send = client(url);
      const res = await send({ path: '/mfa-servers?folder=A' });
      expect([res.status, res.json._errors[0].message]).toEqual([400, 'Missing Query Parameter: position']);
      const created = await send({ method: 'POST', path: '/mfa-servers', body: { name: 'n', mfa_cert_profile: 'c', folder: 'A' } });
      expect(created.json).toMatchObject({ mfa_vendor_type: null, snippet: null, device: null });
    });
    expect(r.code).toBe(0);
    expect(r.errs).toEqual([]);
    expect(r.out).toHaveLength(1);
    expect(r.out[0]).toMatch(/^listening http:\/\/127\.0\.0\.1:\d+\/config\/identity\/v1$/);
  });

  it('--help prints the usage, --reading and --fault included, and exits 0 without starting', async () => {
    for (const flag of ['--help', '-h']) {
      const r = await runServe(['--port', '0', flag]);
      expect(r.code).toBe(0);
      expect(r.errs).toEqual([]);
      const text = r.out.join('\n');
      expect(text).toMatch(/^usage: mfa-conformance serve/);
      expect(text).toMatch(/--reading NAME/);
      expect(text).toMatch(/vendor-like, typed-language, all-open/);
      expect(text).toMatch(/--fault NAME/);
      expect(text).not.toMatch(/^listening http/m);
    }
  });

  it('maps flags and env onto ServerOptions; a flag replaces that kind only', () => {
    expect(parseServeArgs(['--read-only-token', 'r1', '--read-only-token', 'r2'], { MFA_TOKEN: 'a,b' })).toEqual({
      tokens: ['a', 'b'],
      readOnlyTokens: ['r1', 'r2'],
    });
    expect(parseServeArgs(['--token', 'x'], { MFA_TOKEN: 'a' }).tokens).toEqual(['x']);
    expect(parseServeArgs(['--host', '127.0.0.1', '--port', '8080'])).toEqual({ host: '127.0.0.1', port: 8080 });
  });
});

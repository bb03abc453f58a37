// `serve` as a tenant stand-in (src/cli/serve.ts): --tls, --cert/--key,
// --cert-out, --oauth, --client, --token-ttl, --token-concurrency,
// --rate-limit, --containers; the lines it prints, its usage errors, --help.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.ts';
import { parseServeArgs, SERVE_FLAGS } from '../../cli/serve.ts';
import { basic, FORM } from './testing.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function runServe(argv: string[], whileUp?: (url: string, out: string[]) => Promise<void>) {
  const out: string[] = [];
  const errs: string[] = [];
  const ac = new AbortController();
  let resolveUp: (url: string) => void = () => undefined;
  const up = new Promise<string>((r) => (resolveUp = r));
  // Through main(), as bin.mjs runs it: a usage error is its one line and exit status.
  const done = main(['serve', ...argv], {
    stdout: (l) => {
      out.push(l);
      const m = /^listening (\S+)$/.exec(l);
      if (m) resolveUp(m[1]!);
    },
    stderr: (l) => errs.push(l),
    env: {},
    signal: ac.signal,
  });
  const raced = await Promise.race([up, done.then(() => undefined)]);
  try {
    if (raced !== undefined && whileUp) await whileUp(raced, out);
  } finally {
    ac.abort();
  }
  return { code: await done, out, errs };
}

describe('serve --tls --oauth', () => {
  it('prints "certificate <file>" then the https listening line; the file is the CA clients trust; gone after exit', async () => {
    let certPath = '';
    const r = await runServe(['--tls', '--oauth', '--client', 'ci:sekret-ci-1', '--client', 'reader:sekret-ro-1:ro'], async (url, out) => {
      certPath = /^certificate (.+)$/.exec(out[0] ?? '')?.[1] ?? '';
      expect(existsSync(certPath)).toBe(true);
      const dispatcher = new Agent({ connect: { ca: readFileSync(certPath, 'utf8') } });
      const o = new URL(url).origin;
      try {
        const tok = await request(`${o}/auth/v1/oauth2/access_token`, { method: 'POST', headers: { ...FORM, authorization: basic('ci', 'sekret-ci-1') }, body: 'grant_type=client_credentials&scope=tsg_id:42', dispatcher });
        const { access_token } = (await tok.body.json()) as { access_token: string };
        expect(tok.statusCode).toBe(200);
        const list = await request(`${url}/mfa-servers?folder=Shared`, { headers: { authorization: `Bearer ${access_token}` }, dispatcher });
        await list.body.dump();
        expect(list.statusCode).toBe(200);
      } finally {
        await dispatcher.close();
      }
    });
    expect(r.code).toBe(0);
    expect(r.errs).toEqual([]);
    expect(r.out).toHaveLength(2);
    expect(r.out[0]).toMatch(/^certificate \//);
    expect(r.out[1]).toMatch(/^listening https:\/\/127\.0\.0\.1:\d+\/config\/identity\/v1$/);
    expect(r.out.join('\n')).not.toMatch(/sekret/);
    expect(existsSync(certPath)).toBe(false);
  });

  it('--token-ttl 1: a token of a :ro client reads, gets 403 on a write, and is Key Expired once its second has passed', async () => {
    const r = await runServe(['--oauth', '--client', 'reader:sekret-ro-2:ro', '--token-ttl', '1'], async (url) => {
      const o = new URL(url).origin;
      const tok = await fetch(`${o}/am/oauth2/access_token`, { method: 'POST', headers: FORM, body: 'grant_type=client_credentials&scope=tsg_id:42&client_id=reader&client_secret=sekret-ro-2' });
      const body = (await tok.json()) as { access_token: string; expires_in: number };
      expect(body.expires_in).toBe(1);
      const auth = { authorization: `Bearer ${body.access_token}` };
      const issuedAt = (JSON.parse(Buffer.from(body.access_token.split('.')[1]!, 'base64url').toString()) as { iat: number }).iat;
      const read = await fetch(`${url}/mfa-servers?folder=Shared`, { headers: auth });
      const write = await fetch(`${url}/mfa-servers`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'n', mfa_cert_profile: 'c', folder: 'Shared' }) });
      // Both may only be judged while the token's second lasts.
      if (Math.floor(Date.now() / 1000) < issuedAt + 1) {
        expect(read.status).toBe(200);
        expect(write.status).toBe(403);
      }
      await new Promise((res) => setTimeout(res, (issuedAt + 1) * 1000 - Date.now() + 50));
      const late = await fetch(`${url}/mfa-servers?folder=Shared`, { headers: auth });
      expect([late.status, ((await late.json()) as { _errors: Array<{ message: string }> })._errors[0]!.message]).toEqual([401, 'Key Expired']);
    });
    expect(r.code).toBe(0);
  });

  it('--cert-out FILE writes the PEM there and keeps it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mfa-serve-test-'));
    dirs.push(dir);
    const file = join(dir, 'ca.pem');
    const r = await runServe(['--tls', '--cert-out', file]);
    expect(r.out[0]).toBe(`certificate ${file}`);
    expect(readFileSync(file, 'utf8')).toMatch(/^-----BEGIN CERTIFICATE-----/);
  });
});

describe('serve flags of the tenant stand-in', () => {
  it('map onto ServerOptions', () => {
    expect(parseServeArgs(['--tls'])).toEqual({ tls: {} });
    expect(parseServeArgs(['--cert', 'c.pem', '--key', 'k.pem'])).toEqual({ tls: { certFile: 'c.pem', keyFile: 'k.pem' } });
    expect(parseServeArgs(['--tls', '--cert-out', '/x/ca.pem'])).toEqual({ tls: { certOut: '/x/ca.pem' } });
    expect(parseServeArgs(['--oauth'])).toEqual({ oauth: { clients: [] } });
    expect(parseServeArgs(['--oauth', '--client', 'a@b.iam:s:e:c', '--client', 'r:x:ro', '--client', 'w:y:rw', '--token-ttl', '60', '--token-concurrency', '3'])).toEqual({
      oauth: {
        clients: [{ id: 'a@b.iam', secret: 's:e:c' }, { id: 'r', secret: 'x', readOnly: true }, { id: 'w', secret: 'y' }],
        tokenTtlSeconds: 60,
        tokenConcurrency: 3,
      },
    });
    expect(parseServeArgs(['--rate-limit', '50'])).toEqual({ rateLimit: 50 });
    expect(parseServeArgs(['--containers', 'folder:Shared,folder:Prisma Access', '--containers', 'snippet:s1'])).toEqual({
      containers: [{ key: 'folder', value: 'Shared' }, { key: 'folder', value: 'Prisma Access' }, { key: 'snippet', value: 's1' }],
    });
  });

  it.each([
    [['--cert', 'c.pem'], /--cert and --key/],
    [['--key', 'k.pem'], /--cert and --key/],
    [['--cert-out', 'x.pem'], /--cert-out needs --tls/],
    [['--cert', 'c', '--key', 'k', '--cert-out', 'x'], /--cert-out/],
    [['--client', 'a:sekret-x'], /--client needs --oauth/],
    [['--token-ttl', '5'], /--token-ttl needs --oauth/],
    [['--oauth', '--client', 'sekret-x'], /--client must be ID:SECRET/],
    [['--oauth', '--client', 'a:'], /--client must be ID:SECRET/],
    [['--oauth', '--client', 'a:sekret-x', '--client', 'a:sekret-y'], /each client id once/],
    [['--oauth', '--token-ttl', '0'], /--token-ttl must be an integer/],
    [['--oauth', '--token-concurrency', 'x'], /--token-concurrency must be an integer/],
    [['--rate-limit', '0'], /--rate-limit must be an integer/],
    [['--containers', 'tenant:x'], /--containers takes/],
    [['--containers', 'folder:a/b'], /is not a container name/],
  ])('%j → exit 2 with one line, never the secret', async (argv, message) => {
    const r = await runServe(argv as string[]);
    expect(r.code).toBe(2);
    expect(r.out).toEqual([]);
    expect(r.errs).toHaveLength(1);
    expect(r.errs[0]).toMatch(/^mfa-conformance: /);
    expect(r.errs[0]).toMatch(message);
    expect(r.errs[0]).not.toMatch(/sekret/);
  });

  it('a certificate file that cannot be read → exit 2, one line', async () => {
    const r = await runServe(['--cert', '/nonexistent/c.pem', '--key', '/nonexistent/k.pem']);
    expect(r.code).toBe(2);
    expect(r.errs).toHaveLength(1);
    expect(r.errs[0]).toMatch(/^mfa-conformance: cannot set up TLS: .*ENOENT/);
  });

  it('--help lists every flag serve takes', async () => {
    const r = await runServe(['--help']);
    expect(r.code).toBe(0);
    const text = r.out.join('\n');
    for (const flag of SERVE_FLAGS) expect(text, flag).toMatch(new RegExp(`--${flag}\\b`));
    expect(text).toMatch(/ID:SECRET\[:ro\]/);
    expect(text).toMatch(/default 900/);
    expect(text).toMatch(/default 10/);
  });
});

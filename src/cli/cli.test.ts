// Bad input to the harness gets one line naming the problem and exit 2;
// a hostile target is a finding (exit 1), never a crash or a hang.
import { spawn, spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('./bin.mjs', import.meta.url));
const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, MFA_TOKEN: '', SCM_CLIENT_ID: '', SCM_CLIENT_SECRET: '', SCM_SCOPE: '', SCM_AUTH_URL: '' } });
const oneLine = (s: string) => s.trim().split('\n');

describe('usage errors: one line, exit 2', () => {
  // Names describe the misuse; token values never reach a test name (allure-vitest writes names into reports/).
  it.each([
    ['unknown command', ['bogus'], /unknown command 'bogus'/],
    ['non-integer --runs', ['run', '--runs', 'abc'], /--runs must be an integer/],
    ['unknown flag', ['run', '--nope'], /run: unknown flag --nope \(see mfa-conformance run --help\)/],
    ['--target not a URL', ['run', '--target', 'not a url', '--token', 't'], /--target must be a base URL/],
    ['--target without a token', ['run', '--target', 'http://127.0.0.1:9/x'], /--target needs --token \(or MFA_TOKEN\), or --client-id and --client-secret/],
    ['unreachable target', ['run', '--target', 'http://127.0.0.1:9/config/identity/v1', '--token', 'sekret-token-1'], /got no answer: ECONNREFUSED/],
    ['unreadable --state', ['explain', '--method', 'GET', '--path', '/mfa-servers', '--state', '/nonexistent/state.json'], /cannot read --state/],
    ['bad --port', ['serve', '--port', 'x'], /port/i],
    ['--client-id without its secret', ['run', '--target', 'http://127.0.0.1:9/config/identity/v1', '--client-id', 'cid', '--tsg-id', '1'], /--client-id needs --client-secret \(or SCM_CLIENT_SECRET\)/],
    ['client credentials without a scope', ['run', '--target', 'http://127.0.0.1:9/config/identity/v1', '--client-id', 'cid', '--client-secret', 'sekret-token-1'], /client credentials need --tsg-id N or --scope/],
    ['--tsg-id and --scope', ['run', '--target', 'http://127.0.0.1:9/config/identity/v1', '--client-id', 'cid', '--client-secret', 'sekret-token-1', '--tsg-id', '1', '--scope', 'tsg_id:1'], /--tsg-id and --scope both set the scope/],
    ['--token and --client-id', ['run', '--target', 'http://127.0.0.1:9/config/identity/v1', '--token', 'sekret-token-1', '--client-id', 'cid', '--client-secret', 's', '--tsg-id', '1'], /--token and --client-id both name the read-write identity/],
    ['unreachable token endpoint', ['run', '--target', 'http://127.0.0.1:9/config/identity/v1', '--auth-url', 'http://127.0.0.1:9/oauth2/access_token', '--client-id', 'cid', '--client-secret', 'sekret-token-1', '--tsg-id', '1'], /the token endpoint http:\/\/127.0.0.1:9\/oauth2\/access_token does not answer \(read-write client\): ECONNREFUSED/],
    ['unreadable --ca-cert', ['run', '--target', 'https://127.0.0.1:9/config/identity/v1', '--token', 't', '--ca-cert', '/nonexistent/ca.pem'], /--ca-cert \/nonexistent\/ca.pem: ENOENT/],
    ['a --folder the API would refuse', ['run', '--target', 'http://127.0.0.1:9/config/identity/v1', '--token', 't', '--folder', 'a/b'], /--folder 'a\/b' is not a valid folder name/],
    ['client credentials without --target', ['run', '--client-id', 'cid', '--client-secret', 's', '--tsg-id', '1'], /need --target/],
    ['cleanup without containers', ['cleanup', '--target', 'http://127.0.0.1:9/config/identity/v1', '--token', 't'], /cleanup needs the containers to clean/],
    ['cleanup outside the harness\'s names', ['cleanup', '--target', 'http://127.0.0.1:9/config/identity/v1', '--token', 't', '--folder', 'Shared', '--prefix', 'prod-'], /--prefix must start with mfa-conf-/],
    ['cleanup --older-than not a duration', ['cleanup', '--target', 'http://127.0.0.1:9/config/identity/v1', '--token', 't', '--folder', 'Shared', '--older-than', 'soon'], /--older-than must be a duration/],
  ] as const)('%s', (_name, args, pattern) => {
    const r = cli(...args);
    expect(r.status).toBe(2);
    expect(oneLine(r.stderr)).toHaveLength(1);
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr + r.stdout).not.toContain('sekret-token-1');
  });

  it('an unreadable --state names the problem', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mfa-'));
    writeFileSync(join(dir, 's.json'), '{"not":"an array"}');
    const r = cli('explain', '--method', 'GET', '--path', '/mfa-servers', '--state', join(dir, 's.json'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/must be a JSON array of stored objects/);
  });
});

describe('a hostile target is a finding', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    // Answers every request with a 200 of garbage, sometimes a reset or a 500.
    let n = 0;
    server = createServer((req, res) => {
      req.resume();
      n++;
      if (n % 17 === 0) { req.socket.destroy(); return; }
      if (n % 5 === 0) { res.writeHead(500, { 'content-type': 'text/html' }); res.end('<h1>oops</h1>'); return; }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"garbage":');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/config/identity/v1`;
  });
  afterAll(async () => { server.closeAllConnections(); await new Promise((r) => server.close(r)); });

  it('run exits 1 with findings, within its time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mfa-reports-'));
    // Asynchronous spawn: the hostile server lives in this process and must keep answering.
    const r = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [BIN, 'run', '--target', url, '--token', 'hostile-tok-1', '--runs', '100', '--seed', '3', '--timeout', '2000', '--reports-dir', dir]);
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
      child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/seed 3/);
    expect(r.stdout + r.stderr).not.toContain('hostile-tok-1');
  });
});

// From outside, as a user sees them: `serve` started with its own tokens and
// `explain` asked about the same requests without being told the tokens
// (they come from the running server's hashed registration) agree on status,
// code and message.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('./bin.mjs', import.meta.url));
let serve: ChildProcess;
let base: string;

beforeAll(async () => {
  serve = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--token', 'xs-rw-1', '--read-only-token', 'xs-ro-1', '--expired-token', 'xs-old-1'], { stdio: ['ignore', 'pipe', 'pipe'] });
  base = await new Promise<string>((resolve, reject) => {
    serve.stdout!.on('data', (d: Buffer) => { const m = /^listening (\S+)$/m.exec(d.toString()); if (m) resolve(m[1]!); });
    serve.on('exit', (code) => reject(new Error(`serve exited ${code}`)));
  });
});
afterAll(() => { serve.kill('SIGTERM'); });

const run = (args: string[]): Promise<{ code: number | null; out: string }> => new Promise((resolve) => {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, MFA_TOKEN: '', MFA_READ_ONLY_TOKEN: '', MFA_EXPIRED_TOKEN: '' } });
  let out = '';
  child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
  child.on('close', (code) => resolve({ code, out }));
});

type Case = { method: string; path: string; headers: Record<string, string>; body?: string };
const json = { 'content-type': 'application/json' };
const valid = JSON.stringify({ name: 'xs-1', mfa_cert_profile: 'c', folder: 'XS' });
const CASES: Case[] = [
  { method: 'POST', path: '/mfa-servers', headers: { authorization: 'Bearer xs-rw-1', ...json }, body: valid },
  { method: 'POST', path: '/mfa-servers', headers: { authorization: 'Bearer xs-ro-1', ...json }, body: valid },
  { method: 'GET', path: '/mfa-servers?folder=XS', headers: { authorization: 'Bearer xs-old-1' } },
  { method: 'GET', path: '/mfa-servers?folder=XS', headers: { authorization: 'Bearer dev-token' } },
  { method: 'GET', path: '/mfa-servers?folder=XS', headers: {} },
  { method: 'GET', path: '/mfa-servers?folder=XS&limit=x', headers: { authorization: 'bearer xs-ro-1' } },
  { method: 'PATCH', path: '/mfa-servers', headers: { authorization: 'Bearer xs-rw-1' } },
  { method: 'POST', path: '/mfa-servers', headers: { authorization: 'Bearer xs-rw-1', ...json, accept: 'application/xml' }, body: valid },
  { method: 'POST', path: '/mfa-servers', headers: { authorization: 'Bearer xs-rw-1', ...json }, body: JSON.stringify({ name: 'n', mfa_cert_profile: 'c', device: 'a/b' }) },
  { method: 'DELETE', path: '/mfa-servers/00000000-0000-4000-8000-000000000000', headers: { authorization: 'Bearer xs-rw-1' } },
];

describe('explain predicts what serve answers, tokens taken from the running server', () => {
  // Test names say which kind of caller, never the token (allure-vitest writes names into reports/).
  const caller = (a: string | undefined): string => (a === undefined ? 'no auth' : /xs-rw/.test(a) ? 'read-write' : /xs-ro/.test(a) ? 'read-only' : /xs-old/.test(a) ? 'expired' : 'unknown token');
  it.each(CASES.map((c) => [`${c.method} ${c.path} as ${caller(c.headers['authorization'])}`, c] as const))('%s', async (_name, c) => {
    const res = await fetch(base + c.path, { method: c.method, headers: c.headers, ...(c.body !== undefined && { body: c.body }) });
    const body = await res.json() as { _errors?: Array<{ code: string; message: string }> };
    const args = ['explain', '--method', c.method, '--path', c.path, ...Object.entries(c.headers).flatMap(([k, v]) => ['--header', `${k}: ${v}`]), ...(c.body !== undefined ? ['--body', c.body] : [])];
    const { code, out } = await run(args);
    expect(code).toBe(0);
    const p = JSON.parse(out) as { status: number; code: string | null; message: string | null } | { anyOf: Array<{ status: number; code: string | null; message: string | null }> };
    const options = 'anyOf' in p ? p.anyOf : [p];
    const got = { status: res.status, code: body._errors?.[0]?.code ?? null, message: body._errors?.[0]?.message ?? null };
    expect(options.some((o) => o.status === got.status && (o.code === null || o.code === got.code) && (o.message === null || o.message === got.message)), JSON.stringify({ got, options })).toBe(true);
  });
});

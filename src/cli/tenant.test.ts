// Real tenants and real clients, end to end (issue "Real tenants and real
// clients" 5): the CLI as a child process, with OAuth2 client credentials,
// against the reference server as a tenant stand-in (TLS, a token endpoint
// whose tokens live 2 s, a rate limit of 500 requests/s answered 429 +
// Retry-After). What is left behind is read from the server's own store, not
// from the harness's claim; no secret or token may appear in any output or
// report.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../server/startServer.ts';
import { removeRunDirs, runCli, type Ran } from './testing/runCli.ts';

afterAll(removeRunDirs);

/**
 * Sequences per run: under the stand-in's rate limit each sequence costs
 * tens of milliseconds; a few still put the stateful phase on the tenant's
 * named containers (and under the rate limit and the token refresh).
 */
const SEQUENCES = 16;

const RW = { id: 'e2e-rw-client', secret: 'e2e-rw-secret-9f3a' };
const RO = { id: 'e2e-ro-client', secret: 'e2e-ro-secret-41c7' };

async function standIn(extra: { faults?: string[]; containers?: boolean } = {}): Promise<RunningServer> {
  return startServer({
    tls: {},
    oauth: { clients: [{ id: RW.id, secret: RW.secret }, { id: RO.id, secret: RO.secret, readOnly: true }], tokenTtlSeconds: 2 },
    rateLimit: 500,
    expiredTokens: ['e2e-expired-token'],
    ...(extra.faults && { faults: extra.faults }),
    ...(extra.containers && { containers: [{ key: 'folder', value: 'Shared' }, { key: 'snippet', value: 'e2e-snippet' }] }),
  });
}

/** The command the checker runs, over the stand-in. */
function clientArgs(s: RunningServer): string[] {
  const origin = new URL(s.url).origin;
  return [
    '--target', s.url, '--auth-url', `${origin}/auth/v1/oauth2/access_token`, '--client-id', RW.id, '--client-secret', RW.secret, '--tsg-id', '1234567',
    '--read-only-client-id', RO.id, '--read-only-client-secret', RO.secret, '--expired-token', 'e2e-expired-token', '--ca-cert', s.certificate!.path,
  ];
}

/** Every file of a reports folder, as text. */
function reportText(dir: string): string {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out.join('\n');
}

/** No client secret and no issued token (an RS256 JWT starts eyJ) anywhere the user or a report can see. */
function expectNoSecret(r: Ran): void {
  for (const text of [r.out, r.err, reportText(r.reports)]) {
    expect(text).not.toContain(RW.secret);
    expect(text).not.toContain(RO.secret);
    expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/);
  }
}

const transportLine = (out: string): { retried: number; refreshes: number } => {
  const m = /Transport: (\d+) request\(s\) resent after 429\/503 .*?, (\d+) token refresh\(es\)/.exec(out);
  return { retried: Number(m?.[1] ?? 0), refreshes: Number(m?.[2] ?? 0) };
};

describe('OAuth2 client credentials, rate limits and clean-up against a tenant stand-in', () => {
  let good: RunningServer;
  let faulty: RunningServer;
  beforeAll(async () => { [good, faulty] = await Promise.all([standIn(), standIn({ faults: ['put-merges'] })]); });
  afterAll(async () => { await Promise.all([good?.close(), faulty?.close()]); });

  it('a correct stand-in: exit 0, at least two token refreshes and some 429s resent, nothing left, no secret shown', async () => {
    const r = await runCli([...clientArgs(good), '--runs', '400', '--seed', '101', '--no-contract', '--stateful-runs', String(SEQUENCES)]);
    expect(r.code, r.out + r.err).toBe(0);
    const t = transportLine(r.out);
    expect(t.refreshes, r.out).toBeGreaterThanOrEqual(2);
    expect(t.retried, r.out).toBeGreaterThan(0);
    expect(r.out).toMatch(/Clean-up: [1-9]\d* object\(s\) deleted, none left behind/);
    expect(good.objects()).toBe(0);
    expectNoSecret(r);
  }, 120_000);

  it('a faulty stand-in (PUT merges): exit 1, still nothing left', async () => {
    const r = await runCli([...clientArgs(faulty), '--runs', '200', '--seed', '102', '--no-contract', '--stateful-runs', String(SEQUENCES)]);
    expect(r.code, r.out + r.err).toBe(1);
    expect(r.out).toMatch(/✗ update\./);
    expect(faulty.objects()).toBe(0);
    expectNoSecret(r);
  }, 120_000);

  it('verify with client credentials: the Pact Verifier goes through the client (tokens, 429s, the CA), exit 0', async () => {
    const args = clientArgs(good).filter((a, i, all) => a !== '--expired-token' && all[i - 1] !== '--expired-token');
    const r = await runCli(args, { command: 'verify' });
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toMatch(new RegExp(`verified \\d+ interactions against ${good.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} in`));
    expect(r.out + r.err).not.toContain(RW.secret);
    expect(r.out + r.err).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\./);
    expect(good.objects()).toBe(0);
  }, 120_000);

  it('a refused client secret: exit 2 with the endpoint\'s error, never the secret', async () => {
    const args = clientArgs(good);
    args[args.indexOf(RW.secret)] = 'not-the-secret-77';
    const r = await runCli([...args, '--runs', '10']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/refused the read-write client: 401 invalid_client/);
    expect(r.err + r.out).not.toContain('not-the-secret-77');
  }, 60_000);
});

describe('a tenant is not a sandbox: named containers, a run stopped half-way, a killed run cleaned up', () => {
  let tenant: RunningServer;
  let ownId: string;
  beforeAll(async () => {
    tenant = await standIn({ containers: true });
    // The tenant's own object in the folder the runs share: no run and no clean-up may touch it.
    const { Agent, request } = await import('undici');
    const dispatcher = new Agent({ connect: { ca: tenant.certificate!.pem } });
    const origin = new URL(tenant.url).origin;
    const tok = await request(`${origin}/oauth2/access_token`, { method: 'POST', dispatcher, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `grant_type=client_credentials&scope=tsg_id:1&client_id=${RW.id}&client_secret=${RW.secret}` });
    const { access_token } = (await tok.body.json()) as { access_token: string };
    const made = await request(`${tenant.url}/mfa-servers`, { method: 'POST', dispatcher, headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'tenant-own-object', mfa_cert_profile: 'cp', folder: 'Shared' }) });
    ownId = ((await made.body.json()) as { id: string }).id;
    await dispatcher.close();
    expect(tenant.objects()).toBe(1);
  });
  afterAll(async () => { await tenant?.close(); });
  const tenantArgs = (): string[] => [...clientArgs(tenant), '--folder', 'Shared', '--snippet', 'e2e-snippet', '--cert-profile', 'e2e-cert-profile', '--no-contract'];

  it('--dry-run prints the plan and sends nothing (an unreachable target is fine)', async () => {
    const r = await runCli(['--target', 'https://127.0.0.1:9/config/identity/v1', '--token', 'x', '--folder', 'Shared', '--dry-run', '--runs', '50', '--seed', '5']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/boundary cases: \d+ \(/);
    expect(r.out).toMatch(/objects created by a conforming target: \d+, named mfa-conf-5t[0-9a-z]+-/);
    expect(r.out).toMatch(/containers they go to: 1 \(folder Shared\)/);
  }, 60_000);

  it('a run in the named containers passes and leaves only the tenant\'s own object', async () => {
    const r = await runCli([...tenantArgs(), '--runs', '300', '--seed', '103', '--stateful-runs', String(SEQUENCES)]);
    expect(r.code, r.out + r.err).toBe(0);
    expect(tenant.objects()).toBe(1);
    expectNoSecret(r);
  }, 120_000);

  it('SIGINT half-way: it stops, deletes what it created, writes partial reports, exits 130', async () => {
    const r = await runCli([...tenantArgs(), '--runs', '20000', '--seed', '104'], { killWhen: (_o, e) => /\[mfa-conformance\] [1-9]\d{2,}\/\d+ cases/.test(e) });
    expect(r.code, r.out + r.err).toBe(130);
    expect(r.out).toMatch(/PARTIAL: the run stopped after \d+ of \d+ cases: interrupted/);
    expect(tenant.objects()).toBe(1);
  }, 120_000);

  it('cleanup removes what a SIGKILLed run left, and nothing else', async () => {
    const killed = await runCli([...tenantArgs(), '--runs', '20000', '--seed', '105'], { killWhen: () => tenant.objects() > 20, signal: 'SIGKILL' });
    expect(killed.signal).toBe('SIGKILL');
    // A chunk may still be in flight when the check fires; the store holds at least what it saw.
    const left = tenant.objects();
    expect(left).toBeGreaterThan(1);
    const cleanupArgs = clientArgs(tenant).filter((a, i, all) => !['--read-only-client-id', '--read-only-client-secret', '--expired-token'].includes(a) && !['--read-only-client-id', '--read-only-client-secret', '--expired-token'].includes(all[i - 1]!));
    const young = await runCli([...cleanupArgs, '--folder', 'Shared', '--snippet', 'e2e-snippet', '--older-than', '1h'], { command: 'cleanup' });
    expect(young.code, young.out + young.err).toBe(0);
    expect(young.out).toMatch(/0 deleted/);
    expect(tenant.objects()).toBe(left);
    const r = await runCli([...cleanupArgs, '--folder', 'Shared', '--snippet', 'e2e-snippet'], { command: 'cleanup' });
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toMatch(new RegExp(`${left - 1} deleted, 0 not`));
    expect(tenant.objects()).toBe(1);
    expect(r.out + r.err).not.toContain(RW.secret);
    expect(ownId).toMatch(/./);
  }, 120_000);
});

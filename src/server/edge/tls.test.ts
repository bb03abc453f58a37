// serve --tls: https with a self-signed certificate made at start (its PEM in
// a temp file, removed at close, or --cert-out), or --cert FILE --key FILE.
// Clients trust the printed certificate as their CA.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { Agent, request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../startServer.ts';
import { edgeClient } from './testing.ts';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'mfa-tls-test-'));
  dirs.push(d);
  return d;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function ourTempCerts(): string[] {
  return readdirSync(tmpdir()).filter((f) => f.startsWith(`mfa-conformance-cert-${process.pid}-`));
}

async function listWith(srv: RunningServer): Promise<number> {
  const send = edgeClient(srv);
  try {
    return (await send({ path: '/config/identity/v1/mfa-servers?folder=Shared', headers: { authorization: 'Bearer dev-token' } })).status;
  } finally {
    await send.close();
  }
}

describe('--tls', () => {
  it('answers over https with a certificate made at start, written to a temp file that is removed at close', async () => {
    const srv = await startServer({ tls: {} });
    const path = srv.certificate!.path;
    try {
      expect(srv.url).toBe(`https://127.0.0.1:${srv.port}/config/identity/v1`);
      expect(path.startsWith(tmpdir())).toBe(true);
      expect(readFileSync(path, 'utf8')).toBe(srv.certificate!.pem);
      expect(srv.certificate!.pem).toMatch(/^-----BEGIN CERTIFICATE-----/);
      expect(srv.certificate!.pem).not.toMatch(/PRIVATE KEY/);
      expect(await listWith(srv)).toBe(200);
      // The trust is real: without the certificate as CA the handshake fails.
      const untrusted = new Agent();
      await expect(request(`${new URL(srv.url).origin}/`, { dispatcher: untrusted })).rejects.toThrow(/self[- ]signed|certificate/i);
      await untrusted.close();
    } finally {
      await srv.close();
    }
    expect(existsSync(path)).toBe(false);
  });

  it('the certificate names localhost, 127.0.0.1 and ::1, and is valid now', async () => {
    const srv = await startServer({ tls: {} });
    try {
      const { X509Certificate } = await import('node:crypto');
      const cert = new X509Certificate(srv.certificate!.pem);
      expect(cert.subjectAltName).toMatch(/DNS:localhost/);
      expect(cert.subjectAltName).toMatch(/IP Address:127\.0\.0\.1/);
      expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
      expect(new Date(cert.validFrom).getTime()).toBeLessThan(Date.now());
      expect(new Date(cert.validTo).getTime()).toBeGreaterThan(Date.now() + 7 * 24 * 3600 * 1000);
    } finally {
      await srv.close();
    }
  });

  it('--cert-out FILE: the PEM is written there and kept at close', async () => {
    const out = join(tempDir(), 'server.pem');
    const srv = await startServer({ tls: { certOut: out } });
    expect(srv.certificate!.path).toBe(out);
    expect(await listWith(srv)).toBe(200);
    await srv.close();
    expect(readFileSync(out, 'utf8')).toMatch(/^-----BEGIN CERTIFICATE-----/);
  });

  it('--cert FILE --key FILE: serves that certificate; the printed path is that file, left in place', async () => {
    const dir = tempDir();
    const made = await generate([{ name: 'commonName', value: 'given' }], {
      keyType: 'ec',
      algorithm: 'sha256',
      extensions: [{ name: 'basicConstraints', cA: true }, { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
    });
    writeFileSync(join(dir, 'c.pem'), made.cert);
    writeFileSync(join(dir, 'k.pem'), made.private);
    const srv = await startServer({ tls: { certFile: join(dir, 'c.pem'), keyFile: join(dir, 'k.pem') } });
    expect(srv.certificate).toEqual({ path: join(dir, 'c.pem'), pem: made.cert });
    expect(await listWith(srv)).toBe(200);
    await srv.close();
    expect(existsSync(join(dir, 'c.pem'))).toBe(true);
  });

  it('a port already in use: startServer rejects and leaves no certificate file behind', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    const before = ourTempCerts();
    try {
      await expect(startServer({ tls: {}, port })).rejects.toThrow();
      expect(ourTempCerts()).toEqual(before);
    } finally {
      await new Promise((r) => blocker.close(r));
    }
  });
});

// `serve --tls`: the vendor's generated Go clients force https (vendor-facts.md
// "Using the reference server from the vendor's clients"), so the server can
// answer over TLS. Either the PEM files given (`--cert FILE --key FILE`), or a
// self-signed certificate made at start by `selfsigned` (an ECDSA P-256 key,
// valid from an hour ago for 30 days, for localhost, 127.0.0.1, ::1 and the
// listening host). Its PEM is written where clients can trust it (`--cert-out
// FILE`, or a new file in the OS temp folder, removed when the server closes);
// the private key is never written anywhere.
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { generate } from 'selfsigned';
import type { TlsOptions } from '../types.ts';

export interface TlsMaterial {
  key: string;
  cert: string;
  /** Where the certificate's PEM is (the file given, or the one written). */
  certPath: string;
  /** Removes what this server wrote to the temp folder (nothing otherwise). */
  dispose(): void;
}

type AltName = { type: 2; value: string } | { type: 7; ip: string };

function altNames(host: string): AltName[] {
  const names: AltName[] = [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }, { type: 7, ip: '::1' }];
  const add = (h: string): void => {
    const bare = h.replace(/^\[|\]$/g, '');
    if (isIP(bare) !== 0) {
      if (!names.some((n) => n.type === 7 && n.ip === bare)) names.push({ type: 7, ip: bare });
    } else if (bare !== '' && !names.some((n) => n.type === 2 && n.value === bare)) {
      names.push({ type: 2, value: bare });
    }
  };
  if (host === '0.0.0.0' || host === '::') add(hostname());
  else add(host);
  return names;
}

export async function tlsMaterial(opts: TlsOptions, host: string): Promise<TlsMaterial> {
  if (opts.certFile !== undefined || opts.keyFile !== undefined) {
    if (opts.certFile === undefined || opts.keyFile === undefined) throw new Error('a certificate file needs its key file, and a key file its certificate');
    return { cert: readFileSync(opts.certFile, 'utf8'), key: readFileSync(opts.keyFile, 'utf8'), certPath: resolve(opts.certFile), dispose: () => undefined };
  }
  const notBefore = new Date(Date.now() - 60 * 60 * 1000);
  const notAfter = new Date(notBefore.getTime() + 30 * 24 * 60 * 60 * 1000);
  const made = await generate([{ name: 'commonName', value: 'mfa-conformance reference server' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: notBefore,
    notAfterDate: notAfter,
    extensions: [
      // Its own CA, as `openssl req -x509` makes one: clients that are given it as a trusted CA accept it.
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: altNames(host) },
    ],
  });
  const temp = opts.certOut === undefined;
  const certPath = resolve(opts.certOut ?? join(tmpdir(), `mfa-conformance-cert-${process.pid}-${randomBytes(6).toString('hex')}.pem`));
  writeFileSync(certPath, made.cert, { mode: 0o644, flag: temp ? 'wx' : 'w' });
  return {
    key: made.private,
    cert: made.cert,
    certPath,
    dispose: () => {
      if (temp) rmSync(certPath, { force: true });
    },
  };
}

// The token issuer of `serve --oauth` (vendor-facts.md "Authentication:
// OAuth2 client credentials"): the configured clients, and access tokens that
// are JWTs signed RS256 with a key made at start. The community Python SDK
// verifies the signature against the key set (./tokenEndpoint.ts serves it)
// with audience = client id, so the token carries `aud`, `exp`, `iat`,
// `scope`, `sub` and `client_id`; the Go SDK never decodes it and reads
// `expires_in` only. A token is known by its signature alone: nothing is
// stored per token, and a restart (a new key) makes every old token unknown
// (401 Invalid Credential).
//
// The API part accepts these tokens through `jwtAuthStep`, which sits inside
// the auth step: a known token of a read-write client is a read-write token,
// of a `:ro` client a read-only one (403 on writes), and one past its `exp`
// answers 401 E016 `Key Expired` (semantics.md "Authentication").
import { createHash, generateKeyPairSync, randomUUID, sign, timingSafeEqual, verify, type KeyObject } from 'node:crypto';
import { fail } from '../errors.ts';
import type { OAuthClient, OAuthOptions, Role, Step } from '../types.ts';
import { parseAuthorization } from '../validate/auth.ts';

export const DEFAULT_TOKEN_TTL_SECONDS = 900;

/** What `--oauth` serves when no `--client` is given (like the default tokens; decisions.md "Tenant stand-in"). */
export const DEFAULT_CLIENTS: readonly OAuthClient[] = [
  { id: 'dev-client', secret: 'dev-client-secret' },
  { id: 'dev-read-only-client', secret: 'dev-read-only-client-secret', readOnly: true },
];

const ISSUER = 'urn:mfa-conformance:reference-server';

export interface IssuedToken {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
}

export interface Jwk {
  kty: string;
  n: string;
  e: string;
  kid: string;
  use: 'sig';
  alg: 'RS256';
}

function b64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

function digest(s: string): Buffer {
  return createHash('sha256').update(s, 'utf8').digest();
}

/** Claims the issuer reads back from a token it signed. */
interface Known {
  clientId: string;
  exp: number;
}

const CACHE_LIMIT = 4096;

export class TokenIssuer {
  readonly ttlSeconds: number;
  readonly jwk: Jwk;
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  private readonly clients = new Map<string, { secretDigest: Buffer; readOnly: boolean }>();
  /** Tokens whose signature was checked already (bounded; cleared when full). */
  private readonly verified = new Map<string, Known | null>();
  private readonly now: () => number;

  constructor(opts: OAuthOptions, now: () => number = Date.now) {
    this.ttlSeconds = opts.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
    this.now = now;
    for (const c of opts.clients.length > 0 ? opts.clients : DEFAULT_CLIENTS) {
      this.clients.set(c.id, { secretDigest: digest(c.secret), readOnly: c.readOnly === true });
    }
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    const pub = publicKey.export({ format: 'jwk' }) as { kty: string; n: string; e: string };
    // RFC 7638 thumbprint as the key id.
    const kid = b64url(digest(JSON.stringify({ e: pub.e, kty: pub.kty, n: pub.n })));
    this.jwk = { kty: pub.kty, n: pub.n, e: pub.e, kid, use: 'sig', alg: 'RS256' };
  }

  /** true when `id` is a configured client whose secret is `secret` (compared in constant time). */
  authenticate(id: string, secret: string): boolean {
    const c = this.clients.get(id);
    const given = digest(secret);
    // Compare against something even for an unknown id, so timing tells nothing.
    const ok = timingSafeEqual(given, c?.secretDigest ?? digest(`\u0000${secret}`));
    return c !== undefined && ok;
  }

  /** A new access token for an authenticated client. `scope` is answered as it was asked (oauthlib compares it). */
  issue(clientId: string, scope: string): IssuedToken {
    const iat = Math.floor(this.now() / 1000);
    const header = { alg: 'RS256', typ: 'JWT', kid: this.jwk.kid };
    const payload = {
      iss: ISSUER,
      sub: clientId,
      client_id: clientId,
      aud: clientId,
      scope,
      iat,
      exp: iat + this.ttlSeconds,
      jti: randomUUID(),
    };
    const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
    const signature = sign('sha256', Buffer.from(input), this.privateKey);
    return { access_token: `${input}.${b64url(signature)}`, token_type: 'Bearer', expires_in: this.ttlSeconds, scope };
  }

  /** The role of a token this issuer signed, 'expired' past its `exp`, or undefined when it is not one of ours. */
  role(token: string): Role | 'expired' | undefined {
    const known = this.known(token);
    if (!known) return undefined;
    const client = this.clients.get(known.clientId);
    if (!client) return undefined;
    if (Math.floor(this.now() / 1000) >= known.exp) return 'expired';
    return client.readOnly ? 'ro' : 'rw';
  }

  private known(token: string): Known | undefined {
    const cached = this.verified.get(token);
    if (cached !== undefined) return cached ?? undefined;
    const found = this.check(token);
    if (this.verified.size >= CACHE_LIMIT) this.verified.clear();
    this.verified.set(token, found ?? null);
    return found;
  }

  private check(token: string): Known | undefined {
    const parts = token.split('.');
    if (parts.length !== 3) return undefined;
    const [h, p, sig] = parts as [string, string, string];
    try {
      const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as { alg?: unknown; kid?: unknown };
      if (header.alg !== 'RS256' || header.kid !== this.jwk.kid) return undefined;
      if (!verify('sha256', Buffer.from(`${h}.${p}`), this.publicKey, Buffer.from(sig, 'base64url'))) return undefined;
      const payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as { client_id?: unknown; exp?: unknown };
      if (typeof payload.client_id !== 'string' || typeof payload.exp !== 'number') return undefined;
      return { clientId: payload.client_id, exp: payload.exp };
    } catch {
      return undefined;
    }
  }
}

/**
 * Wraps the auth step: a bearer token this issuer signed is answered here
 * (its role, or 401 Key Expired); every other request goes on to `inner`,
 * which answers as before (no header, unknown token, too long, ...).
 * Installed before readings and faults, so those that wrap `auth` still
 * see every request first.
 */
export function jwtAuthStep(inner: Step, issuer: TokenIssuer): Step {
  return {
    name: inner.name,
    run(ctx, s) {
      const cred = parseAuthorization(ctx.header('authorization'));
      if (cred.kind === 'token' && cred.token.length <= s.maxTokenLength) {
        const role = issuer.role(cred.token);
        if (role === 'expired') return fail(s, 'key_expired');
        if (role !== undefined) {
          ctx.role = role;
          return undefined;
        }
      }
      return inner.run(ctx, s);
    },
  };
}

// OAuth2 client credentials for a run against a tenant (vendor-facts.md
// "Authentication"): POST grant_type=client_credentials&scope=tsg_id:<N> to
// the token URL, the client id and secret as HTTP Basic (the Go SDK and
// Terraform) or as form fields (the Python SDK) when the endpoint refuses
// Basic. One token per identity, shared by every request: the endpoint allows
// about 10 token requests in flight per tenant. It is refreshed in the
// background once 80% of `expires_in` has passed, so no request waits for
// it while the old one is still good; a 401 Key Expired for it forces one
// refresh (transport.ts). A refused request is exit 2 with the endpoint's
// `error` and `error_description`, never the secret.
import { request, type Dispatcher } from 'undici';
import { HarnessError } from '../spec/errors.ts';
import { redactText } from '../spec/redact.ts';

export type AuthStyle = 'auto' | 'basic' | 'form';

export interface ClientCredentialsOptions {
  /** What the identity is called in messages ("read-write client"): never its id or secret. */
  label: string;
  authUrl: string;
  clientId: string;
  clientSecret: string;
  scope: string;
  style?: AuthStyle;
  dispatcher?: Dispatcher;
  /** The refresh point: this part of expires_in (default 0.8). */
  refreshAt?: number;
  now?: () => number;
}

export interface Identity {
  /** A token that is good now; fetched or refreshed when needed (only the first call waits). */
  token(): Promise<string>;
  /**
   * A new token, unless the one given is no longer the current one (another
   * request refreshed it already): the target said `stale` expired.
   */
  refresh(stale?: string): Promise<string>;
  /** A token this identity issued that has lived half its life or more (a 401 for it may mean it expired). */
  aging(token: string): boolean;
  /** Every token this identity was given: redacted wherever they appear. */
  readonly issued: readonly string[];
  readonly refreshes: number;
}

interface Held { token: string; issuedAt: number; refreshAt: number; expiresAt: number }

const MAX_ATTEMPTS = 5;

export class ClientCredentials implements Identity {
  private held: Held | undefined;
  private pending: Promise<string> | undefined;
  private style: AuthStyle;
  readonly issued: string[] = [];
  refreshes = 0;
  private readonly now: () => number;

  constructor(private readonly o: ClientCredentialsOptions) {
    this.style = o.style ?? 'auto';
    this.now = o.now ?? Date.now;
  }

  async token(): Promise<string> {
    const h = this.held;
    const now = this.now();
    if (h && now < h.refreshAt) return h.token;
    if (h && now < h.expiresAt) {
      // Good for a while yet: refresh beside the run, answer with the current one.
      this.fetchOnce().catch(() => undefined);
      return h.token;
    }
    return this.fetchOnce();
  }

  refresh(stale?: string): Promise<string> {
    if (stale !== undefined && this.held !== undefined && this.held.token !== stale) return Promise.resolve(this.held.token);
    if (this.pending) return this.pending;
    this.held = undefined;
    return this.fetchOnce();
  }

  aging(token: string): boolean {
    const h = this.held;
    if (!h || h.token !== token) return this.issued.includes(token); // an older token of ours: aging by definition
    return this.now() - h.issuedAt >= (h.expiresAt - h.issuedAt) / 2;
  }

  private fetchOnce(): Promise<string> {
    this.pending ??= this.fetch().finally(() => { this.pending = undefined; });
    return this.pending;
  }

  private async fetch(): Promise<string> {
    const started = this.now();
    for (let attempt = 1; ; attempt++) {
      const styles: AuthStyle[] = this.style === 'auto' ? ['basic', 'form'] : [this.style];
      let last: { status: number; body: string; retryAfter?: string } | undefined;
      for (const style of styles) {
        let r: { status: number; body: string; retryAfter?: string };
        try {
          r = await this.ask(style);
        } catch (e) {
          // No answer at all (a reset, a timeout): once more after a pause, then exit 2 with why.
          if (attempt < MAX_ATTEMPTS) { r = { status: 503, body: '' }; } else throw e;
        }
        if (r.status === 200) {
          if (this.style === 'auto') this.style = style; // remember what the endpoint takes
          return this.keep(r.body, started);
        }
        last = r;
        // Refused Basic (400/401): the same credentials as form fields. Anything else is not about the style.
        if (r.status !== 400 && r.status !== 401) break;
      }
      // Too many token requests (the endpoint caps those in flight), or a passing 5xx: wait, ask again.
      if ((last!.status === 429 || last!.status >= 500) && attempt < MAX_ATTEMPTS) {
        await sleep(retryAfterMs(last!.retryAfter, attempt));
        continue;
      }
      throw new HarnessError('AUTH_FAILED', this.refusal(last!));
    }
  }

  private async ask(style: AuthStyle): Promise<{ status: number; body: string; retryAfter?: string }> {
    const form = new URLSearchParams({ grant_type: 'client_credentials', scope: this.o.scope });
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
    if (style === 'form') {
      form.set('client_id', this.o.clientId);
      form.set('client_secret', this.o.clientSecret);
    } else {
      // RFC 6749 2.3.1: each form-encoded, then joined by a colon and base64-encoded.
      headers['authorization'] = `Basic ${Buffer.from(`${encodeURIComponent(this.o.clientId)}:${encodeURIComponent(this.o.clientSecret)}`).toString('base64')}`;
    }
    try {
      const res = await request(this.o.authUrl, { method: 'POST', headers, body: form.toString(), ...(this.o.dispatcher && { dispatcher: this.o.dispatcher }), headersTimeout: 15_000, bodyTimeout: 15_000 });
      const body = await res.body.text();
      const ra = res.headers['retry-after'];
      return { status: res.statusCode, body, ...(typeof ra === 'string' && { retryAfter: ra }) };
    } catch (e) {
      const err = e as { code?: string; message?: string; cause?: { code?: string } };
      throw new HarnessError('AUTH_FAILED', `the token endpoint ${this.o.authUrl} does not answer (${this.o.label}): ${err.code ?? err.cause?.code ?? ''} ${redactText(err.message ?? String(e), [this.o.clientSecret])}`.trim());
    }
  }

  private keep(body: string, started: number): string {
    let json: { access_token?: unknown; expires_in?: unknown };
    try { json = JSON.parse(body) as typeof json; } catch { json = {}; }
    if (typeof json.access_token !== 'string' || json.access_token === '') {
      throw new HarnessError('AUTH_FAILED', `the token endpoint ${this.o.authUrl} answered 200 without an access_token (${this.o.label})`);
    }
    // vendor-facts.md: tokens live 15 minutes; the Go SDK never decodes the JWT, so expires_in is what counts.
    const ttl = typeof json.expires_in === 'number' && json.expires_in > 0 ? json.expires_in : typeof json.expires_in === 'string' && Number(json.expires_in) > 0 ? Number(json.expires_in) : 900;
    const ms = ttl * 1000;
    if (this.held !== undefined || this.issued.length > 0) this.refreshes++;
    this.held = { token: json.access_token, issuedAt: started, refreshAt: started + ms * (this.o.refreshAt ?? 0.8), expiresAt: started + ms };
    this.issued.push(json.access_token);
    if (this.issued.length > 64) this.issued.splice(0, this.issued.length - 64);
    return json.access_token;
  }

  private refusal(r: { status: number; body: string }): string {
    let e: { error?: unknown; error_description?: unknown } = {};
    try { e = JSON.parse(r.body) as typeof e; } catch { /* not JSON */ }
    const what = [typeof e.error === 'string' ? e.error : '', typeof e.error_description === 'string' ? e.error_description : ''].filter(Boolean).join(': ');
    return redactText(`the token endpoint ${this.o.authUrl} refused the ${this.o.label}: ${r.status}${what ? ` ${what}` : ''}`, [this.o.clientSecret]);
  }
}

/** Retry-After in seconds or as an HTTP date; without it, exponential backoff with jitter. */
export function retryAfterMs(header: string | undefined, attempt: number, now = Date.now()): number {
  if (header !== undefined) {
    const s = Number(header.trim());
    if (Number.isFinite(s) && s >= 0) return Math.min(s * 1000, 120_000);
    const at = Date.parse(header);
    if (Number.isFinite(at)) return Math.min(Math.max(0, at - now), 120_000);
  }
  const base = Math.min(200 * 2 ** (attempt - 1), 10_000);
  return base / 2 + Math.random() * base / 2;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

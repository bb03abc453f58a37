// The token endpoint of `serve --oauth`, on the API's own server, at the three
// token paths the vendor's clients use (vendor-facts.md "Authentication"):
// POST grant_type=client_credentials & scope=tsg_id:<N>, the client id and
// secret as HTTP Basic (Go SDK, Terraform), as form fields (Python SDK) or in
// a JSON body (a getting-started page). Answers as the vendor's:
//   200 {access_token, token_type: "Bearer", expires_in, scope}
//   400 {error: invalid_request | invalid_scope | unsupported_grant_type, error_description}
//   401 {error: invalid_client, error_description}
// The order of the checks (RFC 6749 leaves it open): method → body → client
// authentication → grant_type → scope. Descriptions are fixed texts: no value
// a client sent (least of all a secret) is echoed.
//
// At most `concurrency` token requests are in flight at once (the vendor's
// endpoint allows about 10 per tenant, terraform-provider-scm issue 77); one
// more is answered 429 with Retry-After: 1 and
// {error: "temporarily_unavailable"} (RFC 6749's code for an overloaded server).
// A request is in flight from its headers until its answer is sent.
//
// The key set is served at `<token path's folder>/connect/jwk_uri` (where the
// Python SDK looks for it).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TokenIssuer } from './oauth.ts';

export const TOKEN_PATHS: readonly string[] = ['/oauth2/access_token', '/auth/v1/oauth2/access_token', '/am/oauth2/access_token'];
export const JWKS_PATHS: readonly string[] = TOKEN_PATHS.map((p) => `${p.slice(0, p.lastIndexOf('/'))}/connect/jwk_uri`);

export const DEFAULT_TOKEN_CONCURRENCY = 10;

/** Token request bodies are small; past this the request is refused (400 invalid_request). */
const MAX_TOKEN_BODY = 64 * 1024;

type OAuthError = 'invalid_request' | 'invalid_client' | 'invalid_scope' | 'unsupported_grant_type' | 'temporarily_unavailable';

const SCOPE_TSG = /^tsg_id:[0-9]+$/;

function answer(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json',
    'cache-control': 'no-store',
    pragma: 'no-cache',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

function oauthError(res: ServerResponse, status: number, error: OAuthError, description: string, headers?: Record<string, string>): void {
  answer(res, status, { error, error_description: description }, headers);
}

type Params = Map<string, string[]>;

function add(params: Params, key: string, value: string): void {
  const list = params.get(key);
  if (list) list.push(value);
  else params.set(key, [value]);
}

/** The body's parameters, or a description of why it cannot be read. */
function parseBody(contentType: string | undefined, body: Buffer): Params | string {
  const params: Params = new Map();
  const text = body.toString('utf8');
  if (text.trim() === '') return params;
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const json = type === 'application/json' || type.endsWith('+json') || (type === '' && text.trimStart().startsWith('{'));
  if (json) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return 'the body is not valid JSON';
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return 'the JSON body must be an object';
    for (const [k, v] of Object.entries(parsed)) {
      if (typeof v === 'string') add(params, k, v);
      else if (typeof v === 'number') add(params, k, String(v));
      else return 'the JSON body may only hold strings';
    }
    return params;
  }
  if (type !== '' && type !== 'application/x-www-form-urlencoded') return 'the body must be application/x-www-form-urlencoded or application/json';
  for (const [k, v] of new URLSearchParams(text)) add(params, k, v);
  return params;
}

/** `Authorization: Basic` credentials; RFC 6749 §2.3.1 form-encodes id and secret first, the Go SDK does not: both are read. */
function basicCredentials(header: string | undefined): Array<{ id: string; secret: string }> | 'none' | 'malformed' {
  if (header === undefined) return 'none';
  const m = /^\s*basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header);
  if (!m) return /^\s*basic\b/i.test(header) ? 'malformed' : 'none';
  const decoded = Buffer.from(m[1] ?? '', 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return 'malformed';
  const raw = { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
  const out = [raw];
  try {
    const form = { id: decodeURIComponent(raw.id.replace(/\+/g, ' ')), secret: decodeURIComponent(raw.secret.replace(/\+/g, ' ')) };
    if (form.id !== raw.id || form.secret !== raw.secret) out.push(form);
  } catch {
    // not form-encoded: the raw reading only
  }
  return out;
}

export class TokenEndpoint {
  private inFlight = 0;

  constructor(
    private readonly issuer: TokenIssuer,
    private readonly concurrency: number = DEFAULT_TOKEN_CONCURRENCY,
  ) {}

  /** A request to one of TOKEN_PATHS. */
  token(req: IncomingMessage, res: ServerResponse, query: string): void {
    if (this.inFlight >= this.concurrency) {
      oauthError(res, 429, 'temporarily_unavailable', `more than ${this.concurrency} token requests in flight; fetch one token and share it`, { 'retry-after': '1' });
      return;
    }
    this.inFlight++;
    let released = false;
    const release = (): void => {
      if (!released) {
        released = true;
        this.inFlight--;
      }
    };
    res.once('close', release);
    res.once('finish', release);
    req.on('error', () => undefined);
    res.on('error', () => undefined);

    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_TOKEN_BODY) over = true;
      else chunks.push(c);
    });
    req.on('end', () => {
      try {
        this.respond(req, res, query, over ? undefined : Buffer.concat(chunks));
      } catch {
        oauthError(res, 400, 'invalid_request', 'the token request could not be read');
      }
    });
  }

  private respond(req: IncomingMessage, res: ServerResponse, query: string, body: Buffer | undefined): void {
    if (req.method !== 'POST') {
      oauthError(res, 405, 'invalid_request', 'the token endpoint takes POST', { allow: 'POST' });
      return;
    }
    if (body === undefined) {
      oauthError(res, 400, 'invalid_request', `the token request body is over ${MAX_TOKEN_BODY} bytes`);
      return;
    }
    const params = parseBody(req.headersDistinct['content-type']?.[0], body);
    if (typeof params === 'string') {
      oauthError(res, 400, 'invalid_request', params);
      return;
    }
    // grant_type and scope may also come in the query string (never the credentials).
    for (const [k, v] of new URLSearchParams(query)) if ((k === 'grant_type' || k === 'scope') && !params.has(k)) add(params, k, v);
    // RFC 6749 §3.2: request parameters must not be included more than once.
    for (const list of params.values()) {
      if (list.length > 1) {
        oauthError(res, 400, 'invalid_request', 'a parameter is given more than once');
        return;
      }
    }
    const one = (k: string): string | undefined => params.get(k)?.[0];

    // Client authentication: HTTP Basic, or client_id and client_secret in the body.
    const basic = basicCredentials(req.headersDistinct.authorization?.[0]);
    const unauthorized = (description: string): void =>
      oauthError(res, 401, 'invalid_client', description, { 'www-authenticate': 'Basic realm="oauth2"' });
    if (basic === 'malformed') return unauthorized('the Basic credentials cannot be read');
    let clientId: string | undefined;
    if (basic !== 'none') {
      const bodyId = one('client_id');
      const match = basic.find((c) => this.issuer.authenticate(c.id, c.secret));
      if (bodyId !== undefined && !basic.some((c) => c.id === bodyId)) {
        oauthError(res, 400, 'invalid_request', 'client_id in the body differs from the Basic credentials');
        return;
      }
      if (!match) return unauthorized('client authentication failed');
      clientId = match.id;
    } else {
      const id = one('client_id');
      const secret = one('client_secret');
      if (id === undefined || secret === undefined) return unauthorized('no client authentication: send HTTP Basic, or client_id and client_secret');
      if (!this.issuer.authenticate(id, secret)) return unauthorized('client authentication failed');
      clientId = id;
    }

    const grant = one('grant_type');
    if (grant === undefined || grant === '') {
      oauthError(res, 400, 'invalid_request', 'grant_type is required');
      return;
    }
    if (grant !== 'client_credentials') {
      oauthError(res, 400, 'unsupported_grant_type', 'only grant_type=client_credentials is supported');
      return;
    }
    const scope = one('scope');
    if (scope === undefined || scope.trim() === '') {
      oauthError(res, 400, 'invalid_request', 'scope is required: tsg_id:<TSG id>');
      return;
    }
    const words = scope.trim().split(/\s+/);
    if (words.length !== 1 || !SCOPE_TSG.test(words[0] ?? '')) {
      oauthError(res, 400, 'invalid_scope', 'scope must be tsg_id:<TSG id> (digits)');
      return;
    }
    answer(res, 200, this.issuer.issue(clientId, scope));
  }

  /** A request to one of JWKS_PATHS: the public key the tokens are signed with. */
  jwks(req: IncomingMessage, res: ServerResponse): void {
    req.resume();
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      oauthError(res, 405, 'invalid_request', 'the key set is read with GET', { allow: 'GET, HEAD' });
      return;
    }
    req.once('end', () => answer(res, 200, { keys: [this.issuer.jwk] }));
  }
}

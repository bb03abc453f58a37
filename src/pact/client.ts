// The consumer's client: a few lines over undici. The consumer tests drive it
// against Pact's mock server; the provider-state handlers drive it against the
// real target (create/delete through the target's own API).
import { request } from 'undici';

export interface ClientOptions {
  /** Base URL including the API prefix, e.g. http://127.0.0.1:8080/config/identity/v1. */
  baseUrl: string;
  /** Bearer token; undefined sends no Authorization header. */
  token?: string;
  /** Sent with every request (e.g. the role marker). */
  headers?: Record<string, string>;
}

export interface ClientResponse {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON body, or undefined when the body is empty or not JSON. */
  json: unknown;
  text: string;
}

export interface SendOptions {
  headers?: Record<string, string>;
  /** A value is sent as JSON; a string as is. */
  body?: unknown;
  /** Overrides the Content-Type that a body gets by default. */
  contentType?: string;
}

export interface MfaClient {
  send(method: string, path: string, opts?: SendOptions): Promise<ClientResponse>;
  list(query: Record<string, string | number>): Promise<ClientResponse>;
  create(body: unknown): Promise<ClientResponse>;
  get(id: string): Promise<ClientResponse>;
  update(id: string, body: unknown): Promise<ClientResponse>;
  remove(id: string): Promise<ClientResponse>;
}

export function createClient(opts: ClientOptions): MfaClient {
  const base = opts.baseUrl.replace(/\/+$/, '');
  const send = async (method: string, path: string, o: SendOptions = {}): Promise<ClientResponse> => {
    const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
    if (opts.token !== undefined) headers['authorization'] = `Bearer ${opts.token}`;
    let body: string | undefined;
    if (o.body !== undefined) {
      body = typeof o.body === 'string' ? o.body : JSON.stringify(o.body);
      headers['content-type'] = o.contentType ?? 'application/json';
    } else if (o.contentType !== undefined) headers['content-type'] = o.contentType;
    Object.assign(headers, o.headers);
    for (const [k, v] of Object.entries(headers)) if (v === '') delete headers[k];
    const res = await request(`${base}${path}`, { method: method as 'GET', headers, body });
    // Always consume the body, or undici does not reuse the connection (toolchain.md).
    const text = await res.body.text();
    const flat: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(', ') : v;
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.statusCode, headers: flat, json, text };
  };
  const item = (id: string): string => `/mfa-servers/${encodeURIComponent(id)}`;
  return {
    send,
    list: (query) => send('GET', `/mfa-servers?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`),
    create: (body) => send('POST', '/mfa-servers', { body }),
    get: (id) => send('GET', item(id)),
    update: (id, body) => send('PUT', item(id), { body }),
    remove: (id) => send('DELETE', item(id)),
  };
}

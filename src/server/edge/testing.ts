// Test helper (not shipped logic): requests to a running server over http or
// https through undici, trusting the server's own certificate as the CA.
import { Agent, request } from 'undici';
import type { RunningServer } from '../startServer.ts';

export interface EdgeResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: any;
}

export interface EdgeRequest {
  method?: string;
  /** From the origin: `/oauth2/access_token`, `/config/identity/v1/mfa-servers?folder=A`. */
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export function origin(srv: RunningServer): string {
  return new URL(srv.url).origin;
}

/** A client of `srv`; with TLS it trusts exactly the server's certificate (no `rejectUnauthorized: false`). */
export function edgeClient(srv: RunningServer) {
  const dispatcher = new Agent({ connect: srv.certificate ? { ca: srv.certificate.pem } : {}, keepAliveTimeout: 1000 });
  const base = origin(srv);
  const send = async (req: EdgeRequest): Promise<EdgeResponse> => {
    const res = await request(`${base}${req.path}`, {
      method: (req.method ?? 'GET') as 'GET',
      headers: req.headers ?? {},
      body: req.body,
      dispatcher,
    });
    const text = await res.body.text();
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.statusCode, headers: res.headers, text, json };
  };
  return Object.assign(send, { close: () => dispatcher.close() });
}

export function basic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
}

export const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
export const JSON_TYPE = { 'content-type': 'application/json' };

/** A valid create body in `folder`. */
export function mfaBody(name: string, folder = 'Shared'): string {
  return JSON.stringify({ name, mfa_cert_profile: 'cert-1', folder });
}

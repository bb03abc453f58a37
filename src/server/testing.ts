// Test helper (not shipped logic): raw node:http requests against a running
// server, so that tests control every byte (fetch would add a Content-Type
// and normalise paths).
import { Agent, request as httpRequest } from 'node:http';

export interface TestResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: any;
}

export interface TestRequest {
  method?: string;
  /** Path relative to the base URL (`/mfa-servers?folder=A`), or absolute from `/` when `raw` is set. */
  path: string;
  /** Header overrides; `undefined` removes a default header. */
  headers?: Record<string, string | string[] | undefined>;
  /** Object → JSON text; string/Buffer sent as is. */
  body?: unknown;
  /** When true, `path` is sent as the whole request target. */
  raw?: boolean;
}

const agent = new Agent({ keepAlive: true, maxSockets: 8 });

export function client(baseUrl: string, token = 'dev-token') {
  const base = new URL(baseUrl);
  return function send(req: TestRequest): Promise<TestResponse> {
    const method = req.method ?? 'GET';
    let body: Buffer | undefined;
    if (req.body !== undefined) {
      body = Buffer.isBuffer(req.body) ? req.body : Buffer.from(typeof req.body === 'string' ? req.body : JSON.stringify(req.body));
    }
    const headers: Record<string, string | string[]> = { authorization: `Bearer ${token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    for (const [k, v] of Object.entries(req.headers ?? {})) {
      if (v === undefined) delete headers[k];
      else headers[k] = v;
    }
    if (body !== undefined) headers['content-length'] = String(body.length);
    return new Promise((resolve, reject) => {
      const r = httpRequest(
        { host: base.hostname, port: base.port, method, path: req.raw ? req.path : base.pathname + req.path, headers, agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let json: unknown;
            try {
              json = text === '' ? undefined : JSON.parse(text);
            } catch {
              json = undefined;
            }
            resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
          });
          res.on('error', reject);
        },
      );
      r.on('error', reject);
      r.end(body);
    });
  };
}

/** A valid create body; `over` replaces top-level keys. */
export function validBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: 'mfa-1', mfa_cert_profile: 'cert-1', folder: 'Shared', ...over };
}

/** The error triple of a response, for compact assertions. */
export function err(res: TestResponse): [number, string | undefined, string | undefined] {
  const e = res.json?._errors?.[0];
  return [res.status, e?.code, e?.message];
}

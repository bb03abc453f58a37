// Request builders. Requests are relative to the base (semantics.md
// "Resource and base URL"); header names are lower-case (src/spec/types.ts).
import type { ApiRequest } from '../spec/types.ts';
import type { GenContext } from './genCase.ts';

export const COLLECTION = '/mfa-servers';
export const itemPath = (id: string): string => `${COLLECTION}/${encodeURIComponent(id)}`;

/** Header overrides; `undefined` removes a default header. */
export type HeaderPatch = Record<string, string | undefined>;

export function bearer(token: string): string {
  return `Bearer ${token}`;
}

/**
 * A request with the context's read-write token and the JSON headers a
 * well-behaved client sends; `patch` changes or removes any of them.
 */
export function apiRequest(ctx: GenContext, method: string, path: string, body?: string | Uint8Array, patch: HeaderPatch = {}): ApiRequest {
  const headers: Record<string, string> = { authorization: bearer(ctx.token), accept: 'application/json' };
  if (method === 'POST' || method === 'PUT' || method === 'PATCH') headers['content-type'] = 'application/json';
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete headers[k.toLowerCase()];
    else headers[k.toLowerCase()] = v;
  }
  const req: ApiRequest = { method, path, headers };
  if (body !== undefined) req.body = body;
  return req;
}

/** POST /mfa-servers with a JSON value (serialised) as the body. */
export function createRequest(ctx: GenContext, body: unknown, patch: HeaderPatch = {}): ApiRequest {
  return apiRequest(ctx, 'POST', COLLECTION, JSON.stringify(body), patch);
}

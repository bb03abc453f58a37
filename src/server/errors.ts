// Error envelopes (seed lines 109-123: `_errors[]` of {code, message, details}
// plus `_request_id`). Status, code and message come from the project's error
// catalogue, contracts/errors.json, so the server repeats no strings.
import { randomUUID } from 'node:crypto';
import catalogue from '../../contracts/errors.json' with { type: 'json' };
import type { ErrorDef, Reply, Server } from './types.ts';

/** A fresh copy of the catalogue, keyed by id (a fault may edit its own copy). */
export function loadErrors(): Record<string, ErrorDef> {
  const out: Record<string, ErrorDef> = Object.create(null) as Record<string, ErrorDef>;
  for (const e of catalogue.errors) out[e.id] = { status: e.status, code: e.code, message: e.message };
  return out;
}

/** The reply for catalogue error `id`; `message` overrides the catalogue text (templates). */
export function fail(s: Server, id: string, message?: string): Reply {
  const def = s.errors[id];
  if (!def) throw new Error(`unknown error id ${id}`);
  const body: Record<string, unknown> = {
    _errors: [{ code: def.code, message: message ?? def.message, ...(s.response.errorDetails && { details: {} }) }],
  };
  // semantics.md "Error envelope": _request_id should be a UUID, new for every response.
  if (s.response.requestId) body._request_id = randomUUID();
  const headers: Record<string, string> = {};
  // decisions.md "Authentication": 401s also carry WWW-Authenticate: Bearer (RFC 7235).
  if (def.status === 401 && s.response.wwwAuthenticate) headers['www-authenticate'] = 'Bearer';
  return { status: def.status, body, headers };
}

export function ok(body: unknown, status = 200): Reply {
  return { status, body };
}

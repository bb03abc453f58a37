// Outcome classes (contractCheck.ts): what a response claims to be, and the
// contract interaction that says what such a response must look like.
import type { ApiRequest } from '../spec/types.ts';
import type { ApiResponse } from '../runner/results.ts';

export type Operation = 'list' | 'create' | 'get' | 'update' | 'delete' | 'other';

export interface PactInteraction {
  description: string;
  type?: string;
  request: { method: string; path: string; query?: Record<string, string[]> };
  response: { status: number; headers?: Record<string, unknown>; body?: { content?: unknown }; matchingRules?: unknown; generators?: unknown };
}

export function operationOf(method: string, path: string): Operation {
  const p = path.split('?')[0]!.replace(/\/+$/, '');
  const item = /\/mfa-servers\/[^/]+$/.test(p);
  const coll = /\/mfa-servers$/.test(p);
  const m = method.toUpperCase();
  if (coll && m === 'GET') return 'list';
  if (coll && m === 'POST') return 'create';
  if (item && m === 'GET') return 'get';
  if (item && m === 'PUT') return 'update';
  if (item && m === 'DELETE') return 'delete';
  return 'other';
}

export interface ErrorHead { code?: string; message?: string }

export function errorHead(body: unknown): ErrorHead {
  const e = (body as { _errors?: unknown } | undefined)?._errors;
  const first = Array.isArray(e) ? (e[0] as Record<string, unknown> | undefined) : undefined;
  const out: ErrorHead = {};
  if (typeof first?.['code'] === 'string') out.code = first['code'];
  if (typeof first?.['message'] === 'string') out.message = first['message'];
  return out;
}

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

const firstItem = (list: unknown): unknown => {
  const data = (list as { data?: unknown } | undefined)?.data;
  return Array.isArray(data) ? data[0] : undefined;
};

/** Shape facts used to pick a success interaction: container key and vendor key. */
function objectFacts(o: unknown): { container?: string; vendor?: string } {
  if (!o || typeof o !== 'object') return {};
  const r = o as Record<string, unknown>;
  const out: { container?: string; vendor?: string } = {};
  const c = ['folder', 'snippet', 'device'].find((k) => k in r);
  if (c) out.container = c;
  const v = r['mfa_vendor_type'];
  if (v && typeof v === 'object') {
    const k = Object.keys(v)[0];
    if (k) out.vendor = k;
  }
  return out;
}

/** The class of an actual exchange: `2xx <op>` or `<status> <code> <message>`. */
export function classOf(req: ApiRequest, res: ApiResponse): { key: string; op: Operation; status: number; head: ErrorHead; body: unknown } {
  const body = parse(res.body);
  const op = operationOf(req.method, req.path);
  if (res.status >= 200 && res.status < 300) return { key: `${res.status} ${op}`, op, status: res.status, head: {}, body };
  const head = errorHead(body);
  return { key: `${res.status} ${head.code ?? '-'} ${head.message ?? '-'}`, op, status: res.status, head, body };
}

/** Sorted key paths two levels deep: a response's shape for de-duplication. */
export function shapeOf(body: unknown): string {
  const keys: string[] = [];
  const walk = (v: unknown, prefix: string, depth: number): void => {
    if (depth > 2 || !v || typeof v !== 'object') return;
    const entries = Array.isArray(v) ? (v.length ? [['*', v[0]] as const] : []) : Object.entries(v);
    for (const [k, x] of entries) {
      const p = `${prefix}${k}:${Array.isArray(x) ? 'a' : x === null ? 'n' : typeof x}`;
      keys.push(p);
      walk(x, `${p}.`, depth + 1);
    }
  };
  walk(body, '', 0);
  return keys.sort().join(',');
}

/**
 * The contract interaction for a class: errors by status + code + message,
 * then by status + message (a different code for the same situation is a
 * contract breach Pact should report); successes by operation, preferring the
 * same container and vendor. Undefined: the contract has nothing for it.
 */
export function interactionFor(
  c: ReturnType<typeof classOf>,
  interactions: PactInteraction[],
): PactInteraction | undefined {
  if (c.status >= 200 && c.status < 300) {
    const same = interactions.filter((i) => i.response.status === c.status && operationOf(i.request.method, i.request.path) === c.op);
    const actual = objectFacts(c.op === 'list' ? firstItem(c.body) : c.body);
    // The contract's list holds one folder object: only non-empty lists of the same container kind compare.
    if (c.op === 'list') return actual.container === undefined ? undefined : same.find((i) => objectFacts(firstItem(i.response.body?.content)).container === actual.container);
    const facts = (i: PactInteraction): { container?: string; vendor?: string } => objectFacts(i.response.body?.content);
    return (
      same.find((i) => facts(i).container === actual.container && facts(i).vendor === actual.vendor) ??
      // Without a vendor-specific interaction, one without a vendor still pins the rest (unexpected keys are allowed).
      same.find((i) => facts(i).container === actual.container && facts(i).vendor === undefined) ??
      // Same container, another vendor: successResponseFor drops the vendor part the request did not send.
      same.find((i) => facts(i).container === actual.container)
    );
  }
  const errs = interactions.filter((i) => i.response.status === c.status);
  const head = (i: PactInteraction): ErrorHead => errorHead(i.response.body?.content);
  return (
    errs.find((i) => head(i).code === c.head.code && head(i).message === c.head.message) ??
    errs.find((i) => head(i).message !== undefined && head(i).message === c.head.message)
  );
}

/**
 * The contract's success response adapted to one exchange: the contract's
 * create interactions echo the optional vendor fields their request sent, so
 * a fuzz request that did not send such a field is not held to it. Fields
 * with defaults stay (semantics.md: "defaults filled in").
 */
export function successResponseFor(contract: PactInteraction, sentBody: unknown): PactInteraction['response'] {
  const res = structuredClone(contract.response);
  const reqBody = (contract.request as { body?: { content?: unknown } }).body?.content as Record<string, Record<string, Record<string, unknown>>> | undefined;
  const expBody = res.body?.content as Record<string, Record<string, Record<string, unknown>>> | undefined;
  const sent = (sentBody && typeof sentBody === 'object' ? sentBody : {}) as Record<string, Record<string, Record<string, unknown>>>;
  const vendors = expBody?.['mfa_vendor_type'];
  if (!vendors || !reqBody || !expBody) return res;
  const rules = (res.matchingRules as { body?: Record<string, unknown> } | undefined)?.body;
  if (sent['mfa_vendor_type'] === undefined) {
    delete expBody['mfa_vendor_type'];
    for (const k of Object.keys(rules ?? {})) if (k.startsWith('$.mfa_vendor_type')) delete rules![k];
    return res;
  }
  for (const [v, fields] of Object.entries(vendors)) {
    for (const k of Object.keys(fields)) {
      const contractSent = reqBody['mfa_vendor_type']?.[v]?.[k] !== undefined;
      const actuallySent = sent['mfa_vendor_type']?.[v]?.[k] !== undefined;
      if (contractSent && !actuallySent) {
        delete fields[k];
        if (rules) delete rules[`$.mfa_vendor_type.${v}.${k}`];
      }
    }
  }
  return res;
}

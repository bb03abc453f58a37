// `run --export-pact <file>`: turns findings into a regression contract. Each
// finding becomes a V4 interaction whose request is the request as sent
// (redacted; the Authorization value replaced by the `^Bearer .+$` matcher)
// and whose response is what the contract expects for the predicted outcome.
//
// Where the expected outcome comes from (decision): the caller may pass
// `expected(finding)`; otherwise it is read from the finding's summary, whose
// documented form (src/runner/results.ts) ends in
// `Expected: <status> [<code>] [(<message>)]`. A finding whose expectation
// cannot be read is left out (the return value counts them).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Finding } from '../runner/results.ts';
import { redactRequest, redactText, REDACTED } from '../spec/redact.ts';
import { ERROR_CODE_RE } from './contractShapes.ts';
import { CONSUMER, PROVIDER } from './names.ts';

export interface ExpectedOutcome { status: number; code?: string; message?: string }

export function expectedFromSummary(summary: string): ExpectedOutcome | undefined {
  const m = /Expected: (\d{3})(?: (E\d{3}|\d+))?(?: \(([^)]*)\))?/.exec(summary);
  if (!m) return undefined;
  const out: ExpectedOutcome = { status: Number(m[1]) };
  if (m[2]) out.code = m[2];
  if (m[3]) out.message = m[3];
  return out;
}

const rule = (match: string, extra: Record<string, unknown> = {}): unknown => ({ combine: 'AND', matchers: [{ match, ...extra }] });

function responseFor(e: ExpectedOutcome): Record<string, unknown> {
  const res: Record<string, unknown> = { status: e.status, headers: { 'Content-Type': ['application/json'] } };
  if (e.status < 400) return res;
  // Same shape as the consumer contract's error interactions (contractShapes.ts errorEnvelope).
  const err: Record<string, string> = { code: e.code ?? 'E000' };
  const body: Record<string, string> = {};
  if (e.message !== undefined) err['message'] = e.message;
  const rules: Record<string, unknown> = {
    '$._errors': rule('type', { min: 1 }),
    '$._errors[*].code': e.code ? rule('equality') : rule('regex', { regex: ERROR_CODE_RE }),
    '$._request_id': rule('type'),
  };
  if (e.message !== undefined) rules['$._errors[*].message'] = rule('equality');
  Object.assign(body, { _request_id: '123e4567-e89b-12d3-a456-426655440000' });
  res['body'] = { content: { _errors: [err], ...body }, contentType: 'application/json', encoded: false };
  res['matchingRules'] = { body: rules };
  return res;
}

function requestFor(f: Finding): Record<string, unknown> {
  const r = redactRequest(f.request);
  const [path, query] = r.path.split('?') as [string, string | undefined];
  const req: Record<string, unknown> = { method: r.method, path };
  if (query) {
    const q: Record<string, string[]> = {};
    for (const [k, v] of new URLSearchParams(query)) (q[k] ??= []).push(v);
    req['query'] = q;
  }
  const headers: Record<string, string[]> = {};
  let auth = false;
  for (const [k, v] of Object.entries(r.headers)) {
    if (k.toLowerCase() === 'authorization') {
      auth = true;
      headers['Authorization'] = [v.startsWith('Bearer ') ? 'Bearer token' : v.includes(REDACTED) ? REDACTED : v];
    } else headers[k] = [v];
  }
  req['headers'] = headers;
  if (auth && headers['Authorization']![0] === 'Bearer token') req['matchingRules'] = { header: { Authorization: rule('regex', { regex: '^Bearer .+$' }) } };
  if (r.body !== undefined) {
    const ct = Object.entries(r.headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? 'application/octet-stream';
    let content: unknown = r.body;
    if (/json/i.test(ct)) {
      try {
        content = JSON.parse(String(r.body));
      } catch {
        content = r.body;
      }
    }
    req['body'] = { content, contentType: ct, encoded: false };
  }
  return req;
}

/**
 * Writes the findings as a V4 pact (consumer mfa-conformance, provider
 * scm-mfa-servers). Returns how many interactions were written and how many
 * findings were left out for want of an expected outcome.
 */
export function exportPact(
  findings: Finding[],
  file: string,
  expected: (f: Finding) => ExpectedOutcome | undefined = (f) => expectedFromSummary(f.summary),
): { written: number; skipped: number } {
  const interactions: unknown[] = [];
  const seen = new Set<string>();
  let skipped = 0;
  findings.forEach((f, n) => {
    const e = expected(f);
    if (!e) {
      skipped++;
      return;
    }
    let description = redactText(`regression ${n + 1}: ${f.rule}: ${f.request.method} ${f.request.path.split('?')[0]} → ${e.status}${e.code ? ` ${e.code}` : ''}`);
    while (seen.has(description)) description += ' (again)';
    seen.add(description);
    interactions.push({ type: 'Synchronous/HTTP', description, pending: false, request: requestFor(f), response: responseFor(e) });
  });
  const pact = {
    consumer: { name: CONSUMER },
    provider: { name: PROVIDER },
    interactions,
    metadata: { pactSpecification: { version: '4.0' }, 'mfa-conformance': { source: 'findings', count: findings.length } },
  };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${redactText(JSON.stringify(pact, null, 2))}\n`);
  return { written: interactions.length, skipped };
}

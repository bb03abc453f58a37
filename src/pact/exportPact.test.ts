// --export-pact from data: each check kind's must failure, made by the real
// pipeline (oracle → canned answer → checks → Session.finding), ends up as an
// interaction that rejects the answer received and admits a conforming one,
// or on the "not written" list with its reason. And no writer reads a
// finding's expected outcome back out of its summary.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ApiResponse, Exchange, Finding } from '../runner/results.ts';
import { Session } from '../runner/session.ts';
import type { ApiRequest } from '../spec/types.ts';
import { accepts, caseless, kindOf, mustMessage, notWrittenLines, regressionPact, type Interaction } from './exportPact.ts';
import { REPO_ROOT, ROLE_HEADER, STATE } from './names.ts';

const RW = 'rw-token-5d1f';
const RO = 'ro-token-77aa';
const OLD = 'expired-token-90be';
const P = 'mfa-conf-7-'; // the session's name prefix (seed 7): containers named so are the run's own
const H = { authorization: `Bearer ${RW}`, 'content-type': 'application/json' };
const valid = { name: `${P}a`, mfa_cert_profile: 'p', folder: `${P}f` };
const post = (body: unknown, headers: Record<string, string> = H): ApiRequest => ({ method: 'POST', path: '/mfa-servers', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
const list = (folder: string): ApiRequest => ({ method: 'GET', path: `/mfa-servers?${new URLSearchParams({ folder, position: 'pre' })}`, headers: { authorization: H.authorization } });
const ID = '11111111-2222-4333-8444-555555555555';

const JSON_CT = { 'content-type': 'application/json' };
const res = (status: number, body: unknown, headers: Record<string, string> = JSON_CT): ApiResponse => ({ status, headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
const envelope = (code: string, message: string, extra: Record<string, unknown> = { details: {} }): Record<string, unknown> => ({ _errors: [{ code, message, ...extra }], _request_id: '0b6f8f4e-3b1a-4c55-9a57-2f1e5d1c9a11' });
const err = (status: number, code: string, message: string): ApiResponse => res(status, envelope(code, message));
const stored = (o: Record<string, unknown> = valid): ApiResponse => res(200, { id: ID, ...o });
const emptyPage = res(200, { data: [], total: 0, limit: 200, offset: 0 });
const INVALID = err(400, 'E003', 'Invalid Object');
const OKTA = { okta_api_host: 'example.okta.com', okta_token: 'okta-secret-9f3e', okta_org: 'example-org', okta_timeout: 30, okta_baseuri: '/api/v1' };

/**
 * Sends `requests` to a target answering `answers` in turn: the findings the
 * session kept (`kept`, each exchange's first failure), and every must
 * verdict of the last exchange as a finding (`last`: a check that runs after
 * another that failed too).
 */
async function run(requests: ApiRequest[], answers: Array<ApiResponse | { transport: string }>): Promise<{ kept: Finding[]; last: Finding[] }> {
  let i = 0;
  const session = new Session({
    send: async (request): Promise<Exchange> => {
      const a = answers[i++]!;
      return 'transport' in a ? { request, transportError: { code: a.transport, message: 'socket hang up' }, ms: 1 } : { request, response: a, ms: 1 };
    },
    urlOf: (r) => `http://target.test${r.path}`,
    seed: 7, strict: false, token: RW, readOnlyToken: RO, expiredToken: OLD,
  });
  let last: Finding[] = [];
  for (const r of requests) {
    const { ex, verdicts } = await session.exec(r, { boundary: false });
    last = verdicts.filter((v) => v.strength === 'must').map((v) => session.finding(v, ex));
  }
  return { kept: session.findings, last };
}
const findingsOf = async (requests: ApiRequest[], answers: Array<ApiResponse | { transport: string }>): Promise<Finding[]> => (await run(requests, answers)).kept;

interface Row {
  name: string;
  requests: ApiRequest[];
  answers: Array<ApiResponse | { transport: string }>;
  /** The finding's kind (kindOf). */
  kind: string;
  /** A written interaction: a conforming answer it admits, and what else to hold it to. */
  written?: { conforming: ApiResponse; also?: (i: Interaction) => void };
  /** Not written: the reason. */
  not?: RegExp;
}

const rows: Row[] = [
  // transport: no answer at all.
  { name: 'a reset instead of an answer', requests: [post(valid)], answers: [{ transport: 'ECONNRESET' }], kind: 'transport',
    written: { conforming: stored(), also: (i) => expect(i.providerStates).toEqual([{ name: STATE.absentExact, params: { name: valid.name, folder: valid.folder } }]) } },
  { name: 'an answer cut at the harness limit', requests: [post({ ...valid, folder: 'a/b' })], answers: [{ ...INVALID, truncated: true, body: '{"_errors":[' }], kind: 'transport', written: { conforming: INVALID } },
  // no-5xx, status, code, message.
  { name: 'a 500 for a valid create', requests: [post(valid)], answers: [res(500, 'boom', {})], kind: 'no-5xx', written: { conforming: stored() } },
  { name: 'a 200 for an invalid folder', requests: [post({ ...valid, folder: 'a/b' })], answers: [stored({ ...valid, folder: 'a/b' })], kind: 'status',
    written: { conforming: INVALID, also: (i) => expect(i.response.matchingRules?.body?.['$._errors[0].code']).toEqual({ combine: 'AND', matchers: [{ match: 'equality' }] }) } },
  { name: 'E004 where E003 is expected', requests: [post({ ...valid, folder: 'a/b' })], answers: [err(400, 'E004', 'Invalid Object')], kind: 'code', written: { conforming: INVALID } },
  { name: 'a wrong message', requests: [post({ ...valid, folder: 'a/b' })], answers: [err(400, 'E003', 'Bad folder')], kind: 'message', written: { conforming: INVALID } },
  // content-type: the media type, and a body that is not JSON.
  { name: 'text/plain on an error envelope', requests: [post({ ...valid, folder: 'a/b' })], answers: [{ ...INVALID, headers: { 'content-type': 'text/plain' } }], kind: 'content-type (media type)',
    written: { conforming: { ...INVALID, headers: { 'Content-Type': 'application/json; charset=utf-8' } } } },
  { name: 'a create answered with a body that is not JSON', requests: [post(valid)], answers: [res(200, 'created')], kind: 'content-type (body not JSON)', written: { conforming: stored() } },
  // schema: each of the three schemas.
  { name: 'an error envelope without _request_id', requests: [post({ ...valid, folder: 'a/b' })], answers: [res(400, { _errors: [{ code: 'E003', message: 'Invalid Object', details: {} }] })], kind: 'schema (error envelope)', written: { conforming: INVALID } },
  { name: 'a stored object whose id is a number', requests: [post(valid)], answers: [res(200, { ...valid, id: 5 })], kind: 'schema (stored object)', written: { conforming: stored() } },
  { name: 'a list page without limit, offset or total', requests: [list(`${P}f`)], answers: [res(200, { data: [] })], kind: 'schema (list envelope)', written: { conforming: emptyPage } },
  { name: 'an error entry without details', requests: [post({ ...valid, folder: 'a/b' })], answers: [res(400, envelope('E003', 'Invalid Object', {}))], kind: 'error-details', written: { conforming: INVALID } },
  // body: a 2xx item is the stored object.
  { name: 'a created object without a server id', requests: [post(valid)], answers: [res(200, { ...valid, id: '' })], kind: 'body (server-id)', written: { conforming: stored() } },
  { name: 'a created object with another name', requests: [post(valid)], answers: [stored({ ...valid, name: 'other' })], kind: 'body (fields)', written: { conforming: stored() } },
  { name: 'a vendor field dropped (okta_timeout as text and a masked secret pass)', requests: [post({ ...valid, mfa_vendor_type: { okta_adaptive_v1: OKTA } })],
    answers: [stored({ ...valid, mfa_vendor_type: { okta_adaptive_v1: { ...OKTA, okta_org: undefined, okta_token: undefined } } })], kind: 'body (fields)',
    written: {
      conforming: stored({ ...valid, mfa_vendor_type: { okta_adaptive_v1: { ...OKTA, okta_timeout: '30', okta_token: '****' } } }),
      also: (i) => {
        expect(JSON.stringify(i)).not.toContain(OKTA.okta_token);
        // The secret goes out again as a filler of the same length (its length rule judges it alike); the answer's secret is not asserted.
        expect((i.request.body!.content as { mfa_vendor_type: { okta_adaptive_v1: { okta_token: string } } }).mfa_vendor_type.okta_adaptive_v1.okta_token).toBe('x'.repeat(OKTA.okta_token.length));
        expect(JSON.stringify(i.response.body)).not.toContain('okta_token');
      },
    } },
  { name: 'an id given before', requests: [post(valid), post({ ...valid, name: `${P}b` })], answers: [stored(), stored({ ...valid, name: `${P}b` })], kind: 'body (new-id)', not: /one interaction has no earlier answers/ },
  // list: a page of a container the run owns (empty on a fresh target), or of one it does not.
  { name: 'a stray object on an owned page', requests: [list(`${P}f`)], answers: [res(200, { data: [{ id: ID, name: 'x', mfa_cert_profile: 'p', folder: 'elsewhere' }], total: 1, limit: 200, offset: 0 })], kind: 'list (page)', written: { conforming: emptyPage } },
  { name: 'a stray object on a shared folder\'s page', requests: [list('Shared')], answers: [res(200, { data: [{ id: ID, name: 'x', mfa_cert_profile: 'p', folder: 'elsewhere' }], total: 1, limit: 200, offset: 0 })], kind: 'list (page)', not: /may list others' objects/ },
  // The answer depends on objects the target held.
  { name: 'a duplicate name accepted', requests: [post(valid), post(valid)], answers: [stored(), res(200, { ...valid, id: '99999999-2222-4333-8444-555555555555' })], kind: 'status', not: /depends on objects the target held/ },
  // Credentials: forms of the run's token, the read-only token, the expired one, none of the run's.
  { name: 'a token without a scheme accepted', requests: [post(valid, { ...H, authorization: RW })], answers: [stored()], kind: 'status',
    written: { conforming: err(401, 'E016', 'Not Authenticated'), also: (i) => expect(i.request.headers).toMatchObject({ Authorization: ['{token}'], [ROLE_HEADER]: ['template'] }) } },
  { name: 'a read-only token allowed to create', requests: [post(valid, { ...H, authorization: `Bearer ${RO}` })], answers: [stored()], kind: 'status',
    written: { conforming: err(403, 'E007', 'Unauthorized'), also: (i) => expect(i.request.headers).toMatchObject({ Authorization: ['Bearer token'], [ROLE_HEADER]: ['read-only'] }) } },
  { name: 'an unknown token accepted', requests: [post(valid, { ...H, authorization: 'Bearer not-a-known-token' })], answers: [stored()], kind: 'status',
    written: { conforming: err(401, 'E016', 'Invalid Credential'), also: (i) => expect(i.request.headers).toMatchObject({ Authorization: ['Bearer not-a-known-token'], [ROLE_HEADER]: ['unknown-token'] }) } },
  { name: 'an expired token accepted', requests: [post(valid, { ...H, authorization: `Bearer ${OLD}` })], answers: [stored()], kind: 'status', not: /expired token/ },
  // Requests Pact's Verifier cannot send as they were.
  { name: 'a BOM sent as bytes', requests: [{ ...post(valid), body: new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(JSON.stringify(valid))]) }], answers: [res(500, '', {})], kind: 'no-5xx', not: /not UTF-8 text \(or began with a BOM\)/ },
  { name: 'malformed JSON under a JSON Content-Type', requests: [post('{"name": ')], answers: [res(500, '', {})], kind: 'no-5xx', not: /not JSON under a JSON Content-Type/ },
  { name: 'a dot segment in the path', requests: [{ method: 'GET', path: '/mfa-servers/%2e%2e', headers: { authorization: H.authorization } }], answers: [res(500, '', {})], kind: 'no-5xx', not: /normalised/ },
];

describe('--export-pact: every must failure of every check kind is written, or said', () => {
  it.each(rows.map((r) => [r.name, r] as const))('%s', async (_name, row) => {
    const { last } = await run(row.requests, row.answers);
    // Every check's verdict carries its expected outcome as data.
    for (const g of last) expect(g.expected, g.check).toBeDefined();
    const findings = last.filter((f) => kindOf(f) === row.kind);
    expect(findings).toHaveLength(1);
    const f = findings[0]!;
    expect(kindOf(f)).toBe(row.kind);
    expect(f.expected).toBeDefined();
    const out = regressionPact([f]);
    if (row.not) {
      expect(out.written).toBe(0);
      expect(out.notWritten).toEqual([{ kind: row.kind, count: 1, reasons: [expect.stringMatching(row.not)] }]);
      return;
    }
    expect(out.notWritten).toEqual([]);
    const [i] = out.pact.interactions;
    expect(i).toBeDefined();
    if (f.response) expect(accepts(i!.response, f.response)).toBe(false);
    expect(accepts(i!.response, row.written!.conforming)).toBe(true);
    row.written!.also?.(i!);
    expect(JSON.stringify(out.pact)).not.toContain(RW);
    expect(JSON.stringify(out.pact)).not.toContain(RO);
  });

  it('names every must-capable check in its table (a check added without a row fails here)', () => {
    const kinds = new Set(rows.map((r) => r.kind.split(' ')[0]));
    for (const c of ['transport', 'no-5xx', 'status', 'code', 'message', 'content-type', 'schema', 'error-details', 'body', 'list']) expect(kinds).toContain(c);
  });

  it('one answer of several: the union of their statuses, and said when the answer received falls inside it', async () => {
    // okta without the spec's required fields: 400 Invalid Object, or 200 (an open point).
    const okta = post({ ...valid, mfa_vendor_type: { okta_adaptive_v1: { okta_api_host: 'example.okta.com', okta_token: 'okta-secret-1234' } } });
    const written = regressionPact(await findingsOf([okta], [res(409, envelope('E006', 'Name Not Unique'))]));
    expect(written.pact.interactions[0]!.response.matchingRules?.status).toEqual({ $: { combine: 'AND', matchers: [{ match: 'statusCode', status: [200, 400] }] } });
    const inside = regressionPact(await findingsOf([okta], [err(400, 'E004', 'Invalid Object')]));
    expect(inside.written).toBe(0);
    expect(inside.notWritten[0]!.reasons[0]).toMatch(/admits the answer received/);
  });

  it('a contract-check finding: the contract\'s response as it is, or said when not known to reproduce', () => {
    const base: Finding = {
      check: 'pact', rule: 'resource.not-found', strength: 'must', severity: 'failure', summary: 'x', seed: 1, replay: '',
      request: { method: 'GET', path: `/mfa-servers/${ID}`, headers: { authorization: 'Bearer [REDACTED] (13 chars)' } }, authorization: 'Bearer {token}',
      response: res(404, { _errors: [{ code: 'E005', message: 'Object Not Present' }] }),
    };
    const answer = { status: 404, code: 'E005', message: 'Object Not Present', rule: 'resource.not-found', strength: 'must' as const, basis: 'seed' as const };
    const response = { status: 404, body: { content: envelope('E005', 'Object Not Present') }, matchingRules: { body: { '$._request_id': { combine: 'AND', matchers: [{ match: 'type' }] } } }, generators: { body: {} } };
    const expected = { anyOf: [answer], heldTo: answer, assert: { kind: 'pact' as const, interaction: 'a request for an MFA server id that does not exist', response } };
    const ok = regressionPact([{ ...base, expected: { ...expected, state: 'none' } }]);
    expect(ok.pact.interactions[0]!.response).toEqual({ status: 404, body: response.body, matchingRules: response.matchingRules });
    const unknown = regressionPact([{ ...base, expected }]);
    expect(unknown.notWritten).toEqual([{ kind: 'pact', count: 1, reasons: [expect.stringMatching(/contract check keeps no prediction/)] }]);
  });

  it('says what it cannot write in one line per finding kind, and leaves should findings out', async () => {
    const findings = [
      ...(await findingsOf([post(valid, { ...H, authorization: `Bearer ${OLD}` })], [stored()])),
      ...(await findingsOf([post(valid, { ...H, authorization: `Bearer ${OLD}` })], [stored()])),
      ...(await findingsOf([post(valid), post(valid)], [stored(), stored()])),
      { ...(await findingsOf([post({ ...valid, folder: 'a/b' })], [INVALID]))[0] ?? ({} as Finding), strength: 'should' as const, check: 'precedence' },
    ];
    const lines = notWrittenLines(regressionPact(findings).notWritten);
    expect(lines.filter((l) => l.includes(' status finding(s)'))).toHaveLength(1);
    expect(lines.find((l) => l.includes(' status finding(s)'))).toMatch(/^export-pact: 3 status finding\(s\) not written: .*expired token.*; .*objects the target held/);
    expect(lines.find((l) => l.includes('precedence'))).toMatch(/should finding/);
  });
});

describe('message matchers: what outcomeConformance passes at must', () => {
  const a = { status: 400, code: 'E003', rule: 'r', strength: 'must' as const, basis: 'seed' as const };
  const re = (m: ReturnType<typeof mustMessage>): RegExp => new RegExp('regex' in m! ? m.regex : `^${m!.equal}$`);
  it.each([
    ['equal only', { message: 'Invalid Object' }, ['Invalid Object'], ['invalid object', 'Invalid Object!']],
    ['other forms, any case', { message: 'Invalid Query Parameter: a', messageAlso: '(?:folder|snippet)' }, ['Invalid Query Parameter: a', 'x FOLDER y'], ['Invalid Query Parameter: b']],
    ['a must prefix lowers the rest to a should', { message: 'Output Format Mismatch: output-format=json Accept=a', messageMust: '^Output Format Mismatch: output-format=json' }, ['Output Format Mismatch: output-format=json Accept=b'], ['Output Format Mismatch: xml']],
  ])('%s', (_n, o, pass, fail) => {
    const m = re(mustMessage({ ...a, ...o }));
    for (const p of pass) expect(m.test(p)).toBe(true);
    for (const f of fail) expect(m.test(f)).toBe(false);
  });
  it('none when the message is not held at must', () => {
    expect(mustMessage({ ...a, message: 'x', messageStrength: 'should' })).toBeUndefined();
    expect(mustMessage({ ...a, message: 'x', strength: 'should' })).toBeUndefined();
  });
  it('caseless keeps escapes and classes', () => expect(caseless('a\\.b[c]D')).toBe('[aA]\\.[bB][c][dD]'));
});

describe('no writer parses a summary', () => {
  const sources = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    return d.isDirectory() ? sources(p) : /\.ts$/.test(d.name) && !/\.test\.ts$/.test(d.name) ? [p] : [];
  });
  it('src has no regular expression applied to a summary, and no expectedFromSummary', () => {
    const offenders: string[] = [];
    for (const file of sources(join(REPO_ROOT, 'src'))) {
      const text = readFileSync(file, 'utf8');
      const hits = [
        /FromSummary/,
        /\.summary\)?\.(?:match|matchAll|replace|replaceAll|split|search)\(/,
        /\.(?:exec|test)\([^)]*\.summary\b/,
        /\/Expected: \(/, // the old summary-parsing pattern
      ].filter((re) => re.test(text));
      if (hits.length > 0) offenders.push(`${relative(REPO_ROOT, file)}: ${hits.join(', ')}`);
    }
    expect(offenders).toEqual([]);
  });
});

// `run --export-pact <file>`: the run's must failures as a V4 regression
// contract, built from each finding's expected outcome as data
// (Finding.expected, spec/expectation.ts), never from its summary's text.
//
// Each must failure becomes one interaction: its request as sent (the
// Authorization form kept, the run's token put in by `verify`'s request
// filter; secret fields as same-length fillers), and the response every
// acceptable answer satisfies at must: the status (a statusCode matcher when
// several answers or a range pass), the error code and message as matchers,
// the JSON content type, the error envelope or the stored object or an empty
// page where the answer predicts one. An interaction is only written when its
// matchers reject the answer the target gave (judged here by the same
// matchers, `accepts`). What Pact cannot express or replay is left out and
// said, one line per finding kind (`run` prints them on stderr and stdout;
// the pact's metadata lists them too).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ApiResponse, Finding } from '../runner/results.ts';
import { folderAliases } from '../spec/aliases.ts';
import type { ExpectedAnswer } from '../spec/expectation.ts';
import { spec } from '../spec/model.ts';
import { REDACTED } from '../spec/redact.ts';
import { EXAMPLE_ID } from './contractShapes.ts';
import { CONSUMER, PROVIDER, ROLE_HEADER, STATE, TOKEN_PLACEHOLDER } from './names.ts';

type Rule = { combine: 'AND'; matchers: Array<Record<string, unknown>> };
type Rules = Record<string, Rule>;
export interface PactRequest {
  method: string;
  path: string;
  query?: Record<string, string[]>;
  headers: Record<string, string[]>;
  body?: { content: unknown; contentType: string; encoded: false | 'base64' };
  matchingRules?: { header?: Rules };
}
export interface PactResponse {
  status: number;
  headers?: Record<string, string[]>;
  body?: { content: unknown; contentType: string; encoded: false };
  matchingRules?: { status?: Rules; header?: Rules; body?: Rules };
}
export interface Interaction {
  type: 'Synchronous/HTTP';
  description: string;
  pending: false;
  providerStates?: Array<{ name: string; params: Record<string, string> }>;
  request: PactRequest;
  response: PactResponse;
}

/** Findings of one kind that were not written, and why. */
export interface NotWritten { kind: string; count: number; reasons: string[] }

export interface RegressionPact {
  pact: { consumer: { name: string }; provider: { name: string }; interactions: Interaction[]; metadata: Record<string, unknown> };
  written: number;
  notWritten: NotWritten[];
}

const rule = (match: string, extra: Record<string, unknown> = {}): Rule => ({ combine: 'AND', matchers: [{ match, ...extra }] });
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const SECRET = new Set(spec.secretFields);
const VENDORS = new Map(spec.vendors.map((v) => [v.name, v]));

/**
 * A case-insensitive form of a regular expression without flags (Pact's
 * Rust regexes and JavaScript's share no inline flag): letters outside
 * classes and escapes become `[aA]`.
 */
export function caseless(src: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '\\') { out += c + (src[i + 1] ?? ''); i++; continue; }
    if (inClass) { if (c === ']') inClass = false; out += c; continue; }
    if (c === '[') { inClass = true; out += c; continue; }
    const lo = c.toLowerCase();
    const up = c.toUpperCase();
    out += lo !== up && lo.length === 1 && up.length === 1 ? `[${lo}${up}]` : c;
  }
  return out;
}

/** The kind a finding is counted under in the "not written" lines: its check, and the aspect its assertion names. */
export function kindOf(f: Finding): string {
  const a = f.expected?.assert;
  if (!a) return f.check;
  if (a.kind === 'stored-object' || a.kind === 'list-page' || a.kind === 'request-id') return `${f.check} (${a.aspect})`;
  if (a.kind === 'schema') return `${f.check} (${a.schema})`;
  if (a.kind === 'content-type') return `${f.check} (${a.parses ? 'body not JSON' : 'media type'})`;
  return f.check;
}

/** Every status an answer passes with. */
function statusesOf(a: ExpectedAnswer): number[] {
  if (a.statusMax === undefined) return [a.status];
  return Array.from({ length: a.statusMax - a.status + 1 }, (_, i) => a.status + i);
}

/**
 * The messages an answer passes with at must, as one anchored regular
 * expression (outcomeConformance.ts messageDeviation): the message, its other
 * forms (messageAlso), and what messageMust lowers to a should. Undefined
 * when the message is not held at must.
 */
export function mustMessage(a: ExpectedAnswer): { equal: string } | { regex: string } | undefined {
  if (a.message === undefined || a.status < 400 || (a.messageStrength ?? a.strength) !== 'must') return undefined;
  const alts: string[] = [];
  if (a.messageAlso !== undefined) alts.push(`[\\s\\S]*(?:${caseless(a.messageAlso)})[\\s\\S]*`);
  if (a.messageMust !== undefined) alts.push(`[\\s\\S]*(?:${a.messageMust})[\\s\\S]*`);
  return alts.length === 0 ? { equal: a.message } : { regex: `^(?:${escape(a.message)}|${alts.join('|')})$` };
}

/** jsonContentType.ts: the media type, any case, parameters allowed. */
const CONTENT_TYPE_RE = `^\\s*${caseless('application/json')}\\s*(?:;.*)?$`;

/** The error envelope every one of these (must, error) answers has: codes and messages as matchers. */
function envelope(answers: ExpectedAnswer[]): { content: unknown; rules: Rules } {
  const first = answers[0]!;
  const rules: Rules = {
    '$._errors': rule('type', { min: 1 }),
    '$._errors[*].code': rule('type'),
    '$._errors[*].message': rule('type'),
    // errorDetails.ts: every entry has details (an object or a string; Pact has one example type per key, so presence only).
    '$._errors[*].details': rule('regex', { regex: '^[\\s\\S]*$' }),
    '$._request_id': rule('type'),
  };
  const codes = [...new Set(answers.map((a) => a.code))];
  if (!codes.includes(undefined)) {
    rules['$._errors[0].code'] = codes.length === 1 ? rule('equality') : rule('regex', { regex: `^(?:${codes.map((c) => escape(c!)).join('|')})$` });
  }
  const messages = answers.map(mustMessage);
  if (!messages.includes(undefined)) {
    const plain = [...new Set(messages.map((m) => ('equal' in m! ? m.equal : undefined)))];
    rules['$._errors[0].message'] = plain.length === 1 && plain[0] !== undefined
      ? rule('equality')
      : rule('regex', { regex: `^(?:${messages.map((m) => ('equal' in m! ? escape(m.equal) : m!.regex)).join('|')})$` });
  }
  const err = { code: first.code ?? 'E000', message: first.message ?? 'an error', details: {} };
  return { content: { _errors: [err], _request_id: EXAMPLE_ID }, rules };
}

/** The stored object a 2xx item answer's body equals, as Pact matchers (storedDifference.ts says what may differ). */
function storedBody(object: Record<string, unknown>): { content: Record<string, unknown>; rules: Rules } {
  const content: Record<string, unknown> = {};
  const rules: Rules = {};
  for (const [k, v] of Object.entries(object)) {
    if (k === 'mfa_vendor_type') continue;
    if (v === undefined) continue;
    content[k] = v;
    const aliases = k === 'folder' ? folderAliases(v) : [];
    if (aliases.length > 0) rules[`$.${k}`] = rule('regex', { regex: `^(?:${[v as string, ...aliases].map(escape).join('|')})$` });
  }
  if (object['id'] === undefined) {
    // A server id: a string, not empty (successBody.ts).
    content['id'] = EXAMPLE_ID;
    rules['$.id'] = { combine: 'AND', matchers: [{ match: 'type' }, { match: 'regex', regex: '^[\\s\\S]+$' }] };
  }
  const vt = object['mfa_vendor_type'];
  // Not sent: absent, null or {} all pass, which Pact cannot say but by leaving it out.
  if (isObject(vt) && Object.keys(vt).length > 0) {
    const out: Record<string, Record<string, unknown>> = {};
    for (const [name, fields] of Object.entries(vt)) {
      const vendor = VENDORS.get(name);
      if (!vendor || !isObject(fields)) continue;
      out[name] = {};
      for (const f of vendor.fields) {
        const v = fields[f.name];
        // Secrets may come back masked, encrypted, null or absent; a blank field absent, null or "".
        if (SECRET.has(f.name) || v === undefined || v === null || v === '') continue;
        out[name][f.name] = v;
        // Open point: okta_timeout as an integer or a numeric string of the same value.
        if (f.name === 'okta_timeout' && typeof v === 'number' && Number.isInteger(v)) {
          rules[`$.mfa_vendor_type.${name}.${f.name}`] = rule('regex', { regex: `^\\s*${v < 0 ? '-' : '\\+?'}0*${Math.abs(v)}\\s*$` });
        }
      }
    }
    content['mfa_vendor_type'] = out;
  }
  return { content, rules };
}

/**
 * The response every answer of `answers` satisfies at must: the status (or
 * statuses), and where every answer is a must one, the JSON content type and
 * the body all of them share (an error envelope; one answer's stored object
 * or empty page). Anything else is left unasserted, so a conforming target
 * always passes.
 */
function responseFor(answers: ExpectedAnswer[], method: string): PactResponse {
  const statuses = [...new Set(answers.flatMap(statusesOf))];
  const res: PactResponse = { status: answers[0]!.status };
  const rules: NonNullable<PactResponse['matchingRules']> = {};
  const single = answers.length === 1 && answers[0]!.statusMax === undefined;
  if (!single) rules.status = { $: rule('statusCode', { status: statuses.sort((a, b) => a - b) }) };
  const allMust = answers.every((a) => a.strength === 'must');
  const errors = answers.every((a) => a.status >= 400 && a.statusMax === undefined);
  const body = (content: unknown, bodyRules: Rules): void => {
    res.headers = { 'Content-Type': ['application/json'] };
    rules.header = { 'Content-Type': rule('regex', { regex: CONTENT_TYPE_RE }) };
    res.body = { content, contentType: 'application/json', encoded: false };
    if (Object.keys(bodyRules).length > 0) rules.body = bodyRules;
  };
  if (allMust && errors && method !== 'HEAD') {
    const e = envelope(answers);
    body(e.content, e.rules);
  } else if (allMust && answers.length === 1 && method !== 'HEAD') {
    const a = answers[0]!;
    if (a.object) {
      const o = storedBody(a.object);
      body(o.content, o.rules);
    } else if (a.list) {
      const l = a.list;
      if (l.objects === 0 && l.maybe === 0) {
        // An empty container the run owns: a page with nothing on it (limit and offset are should: typed only).
        body({ data: [], total: 0, limit: l.limits[0] ?? 0, offset: l.offset }, { '$.limit': rule('integer'), '$.offset': rule('integer') });
      }
    }
  }
  if (Object.keys(rules).length > 0) res.matchingRules = rules;
  return res;
}

/**
 * Whether a response satisfies an interaction's response, judged by the
 * subset of Pact's matching these interactions use (equality, regex, type
 * with min, integer, statusCode; an object may hold more keys, a list as
 * many items as the example unless a type matcher says otherwise).
 */
export function accepts(want: PactResponse, got: ApiResponse): boolean {
  const statusRule = want.matchingRules?.status?.['$']?.matchers[0];
  if (statusRule ? !(statusRule['status'] as number[]).includes(got.status) : got.status !== want.status) return false;
  for (const [k, v] of Object.entries(want.headers ?? {})) {
    const actual = Object.entries(got.headers).find(([h]) => h.toLowerCase() === k.toLowerCase())?.[1];
    if (actual === undefined) return false;
    const m = want.matchingRules?.header?.[k]?.matchers[0];
    if (m ? !new RegExp(m['regex'] as string).test(actual) : actual !== v[0]) return false;
  }
  if (!want.body) return true;
  let body: unknown;
  try { body = JSON.parse(got.body); } catch { return false; }
  return matches('$', want.body.content, body, want.matchingRules?.body ?? {}, false);
}

function ruleAt(path: string, rules: Rules): Rule | undefined {
  return rules[path] ?? rules[path.replace(/\[\d+\]/g, '[*]')];
}

const typeName = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

function matches(path: string, want: unknown, got: unknown, rules: Rules, byType: boolean): boolean {
  const r = ruleAt(path, rules);
  if (r) return r.matchers.every((m) => matcher(m, path, want, got, rules));
  if (isObject(want)) return isObject(got) && children(path, want, got, rules, byType);
  if (Array.isArray(want)) return Array.isArray(got) && got.length === want.length && want.every((w, i) => matches(`${path}[${i}]`, w, got[i], rules, byType));
  return byType ? typeName(got) === typeName(want) : got === want;
}

function matcher(m: Record<string, unknown>, path: string, want: unknown, got: unknown, rules: Rules): boolean {
  switch (m['match']) {
    case 'equality': return JSON.stringify(got) === JSON.stringify(want);
    case 'regex': return new RegExp(m['regex'] as string).test(typeof got === 'string' ? got : JSON.stringify(got));
    case 'integer': return Number.isInteger(got);
    case 'type': {
      if (typeName(got) !== typeName(want)) return false;
      if (Array.isArray(got)) return got.length >= ((m['min'] as number | undefined) ?? 0) && got.every((g, i) => matches(`${path}[${i}]`, (want as unknown[])[0], g, rules, true));
      return isObject(want) ? children(path, want, got, rules, true) : true;
    }
    default: return false; // not a matcher these interactions use
  }
}

function children(path: string, want: Record<string, unknown>, got: unknown, rules: Rules, byType: boolean): boolean {
  const g = got as Record<string, unknown>;
  return Object.entries(want).every(([k, w]) => Object.hasOwn(g, k) && matches(`${path}.${k}`, w, g[k], rules, byType));
}

/** What `verify` sends as this Authorization value, or why it cannot. */
function authorizationFor(f: Finding): { headers: Record<string, string[]>; rules?: Rules } | { cannot: string } {
  const sent = Object.keys(f.request.headers).some((k) => k.toLowerCase() === 'authorization');
  if (f.authorization === undefined) return sent ? { cannot: 'the Authorization header as sent is not recorded with the finding' } : { headers: {} };
  const a = f.authorization;
  if (a.includes(REDACTED)) return { cannot: 'the Authorization header held a secret other than the run\'s tokens' };
  if (a.includes('{expired-token}')) return { cannot: 'it sends the expired token, which verify has none of' };
  if (a === 'Bearer {read-only-token}') return { headers: { Authorization: ['Bearer token'], [ROLE_HEADER]: ['read-only'] }, rules: { Authorization: rule('regex', { regex: '^Bearer .+$' }) } };
  if (a.includes('{read-only-token}')) return { cannot: 'it sends the read-only token in a form other than "Bearer <token>", which verify\'s request filter cannot' };
  if (a === 'Bearer {token}') return { headers: { Authorization: ['Bearer token'] }, rules: { Authorization: rule('regex', { regex: '^Bearer .+$' }) } };
  if (a.includes('{token}')) return { headers: { Authorization: [a.split('{token}').join(TOKEN_PLACEHOLDER)], [ROLE_HEADER]: ['template'] } };
  // No token of the run's: sent as it is (an unknown token, another scheme, an over-long key).
  return { headers: { Authorization: [a], [ROLE_HEADER]: ['unknown-token'] } };
}

/** A secret field's redacted value (`[REDACTED 7 chars]`) as a non-secret filler of the same length: length rules judge it alike. */
const fillSecrets = (text: string): string => text.replace(/\[REDACTED (\d+) chars\]/g, (_m, n: string) => 'x'.repeat(Number(n)));

/** The request as Pact's Verifier sends it again, or why it cannot. */
function requestFor(f: Finding): { request: PactRequest; state?: Interaction['providerStates'] } | { cannot: string } {
  const r = f.request;
  if (r.path.includes(REDACTED)) return { cannot: 'the request path held a secret' };
  const [path, query] = r.path.split('?') as [string, string | undefined];
  // Pact's Verifier resolves dot segments (%2e too) the way a URL parser does: such a path reaches the target changed.
  if (new URL(path, 'http://x').pathname !== path) return { cannot: 'Pact\'s Verifier sends this path normalised (dot segments resolved)' };
  const auth = authorizationFor(f);
  if ('cannot' in auth) return auth;
  const headers: Record<string, string[]> = { ...auth.headers };
  for (const [k, v] of Object.entries(r.headers)) {
    if (k.toLowerCase() === 'authorization') continue;
    if (v.includes(REDACTED)) return { cannot: `the ${k} header held a secret` };
    headers[k] = [v];
  }
  const req: PactRequest = { method: r.method, path, headers };
  if (query !== undefined && query !== '') {
    const q: Record<string, string[]> = {};
    for (const [k, v] of new URLSearchParams(query)) (q[k] ??= []).push(v);
    req.query = q;
  }
  if (auth.rules) req.matchingRules = { header: auth.rules };
  if (r.body !== undefined) {
    if (f.requestBodyBytes !== undefined) return { cannot: 'the request body was cut in the finding (it keeps 16 KiB)' };
    if (f.requestBodyNotText) return { cannot: 'the request body was bytes that are not UTF-8 text (or began with a BOM), and the finding keeps only their text' };
    const text = fillSecrets(typeof r.body === 'string' ? r.body : new TextDecoder().decode(r.body));
    if (text.includes(REDACTED)) return { cannot: 'the request body held a secret the finding redacted' };
    const ct = Object.entries(r.headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1];
    // Measured: without a Content-Type header Pact's Verifier sends the length but not the body; under a JSON one it parses and re-serialises the body.
    if (ct === undefined) return { cannot: 'the request has a body but no Content-Type header, and Pact\'s Verifier then sends no body' };
    if (/json/i.test(ct)) {
      let parsed: unknown;
      try { parsed = JSON.parse(text); } catch { return { cannot: 'Pact\'s Verifier cannot send a body that is not JSON under a JSON Content-Type' }; }
      if (JSON.stringify(parsed) !== text) return { cannot: 'Pact\'s Verifier re-serialises a JSON body: its bytes (spacing, size, number forms, repeated keys) would differ' };
      // Measured: the Verifier's proxy (Pact JS, a strict JSON body parser) answers 400 text/html itself.
      if (parsed === null || typeof parsed !== 'object') return { cannot: 'Pact JS\'s verifier proxy refuses a JSON body that is neither an object nor an array' };
      req.body = { content: parsed, contentType: ct, encoded: false };
    } else {
      req.body = { content: Buffer.from(text, 'utf8').toString('base64'), contentType: ct, encoded: 'base64' };
    }
  }
  return { request: req };
}

/** A create that stores an object: the run's name is deleted before and after (providerStates.ts), so the pact verifies again and leaves nothing. */
function createState(f: Finding, answers: ExpectedAnswer[]): Interaction['providerStates'] {
  if (f.request.method !== 'POST' || !answers.some((a) => a.status < 300 && a.object)) return undefined;
  const object = answers.find((a) => a.object)!.object!;
  const name = object['name'];
  const key = spec.containers.find((k) => typeof object[k] === 'string');
  if (typeof name !== 'string' || !name.startsWith('mfa-conf-') || key === undefined) return undefined;
  return [{ name: STATE.absentExact, params: { name, [key]: object[key] as string } }];
}

/** One finding as an interaction, or why not. */
function interactionFor(f: Finding, n: number): { interaction: Interaction } | { cannot: string } {
  const e = f.expected;
  if (f.strength !== 'must') return { cannot: 'a should finding (--strict): the exported contract holds must rules only' };
  if (!e) return { cannot: 'no expected outcome was recorded with the finding' };
  if (f.sequence) return { cannot: 'a command sequence\'s failing step depends on the steps before it (replay FILE resends them)' };
  if (e.assert.kind === 'stored-object' && e.assert.aspect === 'new-id') return { cannot: 'a create\'s id must differ from the ids given before, and one interaction has no earlier answers' };
  if (e.assert.kind === 'list-page' && !e.assert.owned) return { cannot: 'a page of a container the run does not own may list others\' objects: its members and total cannot be predicted' };
  if (e.state === undefined) return { cannot: e.assert.kind === 'pact' ? 'the contract check keeps no prediction of the oracle\'s for its sample: whether the answer depends on objects the target held is not known' : 'not known whether the answer depends on objects the target held' };
  if (e.state === 'held') return { cannot: 'the answer depends on objects the target held, which an interaction without their provider state cannot make' };
  if (e.assert.kind === 'pact' && e.anyOf.length > 1) return { cannot: 'the oracle allows this request other answers than the contract\'s, and a conforming target may give one of them' };
  const answers = e.heldTo ? (e.heldTo.tolerated ? [] : [e.heldTo]) : e.anyOf;
  if (answers.length === 0) return { cannot: 'the response was held to a tolerated answer (a should deviation)' };
  const req = requestFor(f);
  if ('cannot' in req) return req;
  // A contract-check finding: Pact's own matching rejected the answer against the contract's response, which is written as it is.
  const response = e.assert.kind === 'pact' ? contractResponse(e.assert.response) : responseFor(answers, f.request.method);
  if (e.assert.kind !== 'pact' && f.response && accepts(response, f.response)) {
    return { cannot: answers.length > 1 ? 'the acceptable answers differ, and the one response Pact holds (their statuses, codes and messages) admits the answer received' : 'the matchers Pact can express admit the answer received' };
  }
  const a = answers[0]!;
  const description = `regression ${n}: ${f.check} ${f.rule}: ${f.request.method} ${f.request.path.split('?')[0]} → ${answers.length > 1 ? statusList(answers) : `${a.status}${a.code ? ` ${a.code}` : ''}`}`;
  const state = createState(f, answers);
  return { interaction: { type: 'Synchronous/HTTP', description, pending: false, ...(state && { providerStates: state }), request: req.request, response } };
}

/** The consumer contract's response, without the generators that fill values in from its provider states. */
function contractResponse(r: unknown): PactResponse {
  const { generators: _g, ...rest } = structuredClone(r) as PactResponse & { generators?: unknown };
  return rest;
}

const statusList = (answers: ExpectedAnswer[]): string => [...new Set(answers.map((a) => (a.statusMax !== undefined ? `${a.status}-${a.statusMax}` : `${a.status}${a.code ? ` ${a.code}` : ''}`)))].join(' or ');

/** The regression pact of these findings (pure): the interactions, and the findings not written, by kind. */
export function regressionPact(findings: readonly Finding[]): RegressionPact {
  const interactions: Interaction[] = [];
  const not = new Map<string, NotWritten>();
  const seen = new Set<string>();
  for (const f of findings) {
    const r = interactionFor(f, interactions.length + 1);
    if ('cannot' in r) {
      const kind = kindOf(f);
      const entry = not.get(kind) ?? { kind, count: 0, reasons: [] };
      entry.count++;
      if (!entry.reasons.includes(r.cannot)) entry.reasons.push(r.cannot);
      not.set(kind, entry);
      continue;
    }
    let d = r.interaction.description;
    while (seen.has(d)) d += ' (again)';
    seen.add(d);
    interactions.push({ ...r.interaction, description: d });
  }
  const notWritten = [...not.values()];
  return {
    pact: {
      consumer: { name: CONSUMER },
      provider: { name: PROVIDER },
      interactions,
      metadata: { pactSpecification: { version: '4.0' }, 'mfa-conformance': { source: 'findings', findings: findings.length, written: interactions.length, notWritten } },
    },
    written: interactions.length,
    notWritten,
  };
}

/** One line per finding kind not written: how many, and why. */
export function notWrittenLines(notWritten: readonly NotWritten[]): string[] {
  return notWritten.map((n) => `export-pact: ${n.count} ${n.kind} finding(s) not written: ${n.reasons.join('; ')}`);
}

/**
 * Writes the must failures among `findings` as a V4 pact (consumer
 * mfa-conformance, provider scm-mfa-servers). The findings are redacted
 * already; `secrets` are removed once more wherever they appear.
 */
export function exportPact(findings: readonly Finding[], file: string, secrets: readonly string[] = []): RegressionPact {
  const out = regressionPact(findings);
  let text = JSON.stringify(out.pact, null, 2);
  for (const s of [...secrets].filter((x) => x.length >= 4).sort((a, b) => b.length - a.length)) text = text.split(s).join(REDACTED);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${text}\n`);
  return out;
}

// Fixture RunReports for the report tests: a passing run, a failing run whose
// counterexamples carry hostile strings and live secrets, and a run with
// coverage gaps. Built from the real rule catalogue so reports see every rule.
import { spec } from '../spec/model.ts';
import type { Finding, RuleResult, RunReport } from '../runner/results.ts';

/** Secrets the run "knows" (passed to writeReports as opts.secrets). */
export const SECRETS = {
  token: 'tok-LIVE-8f3a9c2e7b1d4f60',
  okta: 'okta-S3CRET-value-1234',
  ping: 'ping-b64-S3CRET-key==',
  rsa: 'rsa-ACCESS-key-5678',
  duo: 'duo-secret-KEY-abcdefghijkl',
  quoted: `q"u'ote-SECRET-99`,
} as const;

/** Secrets the writer is NOT told about: redaction by field name and header must catch them. */
export const UNLISTED = {
  bearer: 'UNLISTEDbearer42token',
  okta: 'UNLISTED-okta-secret-777',
  duo: 'UNLISTED-duo-secret-888',
  cookie: 'UNLISTED-session-cookie-999',
} as const;

export const HOSTILE = `<script>alert("x'y")</script> & ]]> </pre> \u0000\u0007\u001b[31mRED\u001b[0m \r\n 🔥👩‍💻 \ud800 \uFFFE`;

const SEED = 424242;
const COMMAND = `npx mfa-conformance run --target https://api.example.test/config/identity/v1 --seed ${SEED} --runs 200 --token ${SECRETS.token}`;

function result(id: string, cases: number, patch: Partial<RuleResult> = {}): RuleResult {
  const r = spec.rules.get(id);
  if (!r) throw new Error(`fixture names unknown rule ${id}`);
  const boundaryCases = Math.min(cases, 3);
  return {
    rule: r.id, kind: r.kind, strength: r.strength, basis: r.basis,
    operations: r.operations === 'all' ? ['all'] : [...r.operations],
    field: r.field, description: r.description, source: r.source,
    cases, boundaryCases, passed: cases, failed: 0, warnings: 0, counterexamples: [],
    vendors: r.field.includes('okta') ? { okta_adaptive_v1: { cases, failed: 0, warnings: 0 } } : { duo_security_v2: { cases: Math.floor(cases / 2), failed: 0, warnings: 0 } },
    containers: { folder: { cases, failed: 0, warnings: 0 } },
    ...patch,
  };
}

function run(rules: RuleResult[], patch: Partial<RunReport> = {}): RunReport {
  const totals = { cases: 0, passed: 0, failed: 0, warnings: 0 };
  for (const r of rules) { totals.cases += r.cases; totals.passed += r.passed; totals.failed += r.failed; totals.warnings += r.warnings; }
  return {
    tool: { name: 'mfa-conformance', version: '0.1.0' },
    target: 'http://127.0.0.1:41234/config/identity/v1', embedded: true,
    seed: SEED, runs: 200, strict: false, startedAt: '2025-01-02T03:04:05.000Z', durationMs: 12_345,
    command: COMMAND, rules, skipped: [], totals,
    exitCode: rules.some((r) => r.failed > 0) ? 1 : 0,
    ...patch,
  };
}

export function passingRun(): RunReport {
  return run([...spec.rules.keys()].map((id, i) => result(id, 10 + (i % 7))));
}

function finding(rule: string, f: Partial<Finding> & Pick<Finding, 'summary' | 'request'>): Finding {
  const r = spec.rules.get(rule)!;
  return { check: 'status', rule, strength: r.strength === 'open' ? 'must' : r.strength, severity: 'failure', seed: SEED, path: '3:1:0', replay: '', ...f };
}

const auth = { authorization: `Bearer ${SECRETS.token}`, 'content-type': 'application/json' };

export function failingRun(): RunReport {
  const folder = finding('body.folder.pattern', {
    summary: `Received: 200 / Expected: 400 E003 (Invalid Object) for folder "${HOSTILE}"`,
    request: { method: 'POST', path: `/mfa-servers?folder=A&token=${SECRETS.token}`, headers: { ...auth, 'x-note': HOSTILE },
      body: JSON.stringify({ name: HOSTILE, folder: `a/b${HOSTILE}`, mfa_cert_profile: 'p', mfa_vendor_type: { okta_adaptive_v1: { okta_token: SECRETS.okta, okta_api_host: 'okta.example.com' } } }) },
    response: { status: 200, headers: { 'content-type': 'application/json', 'set-cookie': `session=${UNLISTED.cookie}` },
      body: JSON.stringify({ id: '1', name: HOSTILE, folder: 'a/b', mfa_vendor_type: { okta_adaptive_v1: { okta_token: UNLISTED.okta } } }) },
    replay: `curl -sS -X POST "$MFA_TARGET_URL/mfa-servers?folder=A&token=${encodeURIComponent(SECRETS.token)}" -H "Authorization: Bearer ${SECRETS.token}" -H 'Content-Type: application/json' --data-binary '{"name":"<script>","okta_token":"${SECRETS.okta}"}'`,
    // As data; a hostile writer's worst: secrets in the expected object and in free text.
    expected: {
      anyOf: [{ status: 400, code: 'E003', message: 'Invalid Object', rule: 'body.folder.pattern', strength: 'must', basis: 'seed' }],
      heldTo: { status: 200, rule: 'create.success', strength: 'must', basis: 'seed', object: { name: HOSTILE, folder: `a/b${SECRETS.token}`, mfa_vendor_type: { okta_adaptive_v1: { okta_token: UNLISTED.okta } } } },
      assert: { kind: 'outcome' }, state: 'none',
    },
  });
  const malformed = finding('format.malformed-json', {
    check: 'code',
    summary: 'Received: 500 / Expected: 400 E003 (Malformed Command)',
    request: { method: 'PUT', path: `/mfa-servers/${encodeURIComponent(SECRETS.quoted)}`, headers: { authorization: `bearer ${UNLISTED.bearer}`, 'content-type': 'application/json' },
      body: `{"name": "x", "okta_token": "${UNLISTED.okta}", "ping_use_base64_key": "${SECRETS.ping}", "duo_secret_key": "${UNLISTED.duo}", "q": "${SECRETS.quoted.replace(/"/g, '\\"')}",,, \u0000` },
    response: { status: 500, headers: { 'content-type': 'text/plain' }, body: `stack: rsa_accesskey=${SECRETS.rsa} duo=${SECRETS.duo} ${HOSTILE}`, truncated: true },
    replay: `curl -sS -X PUT "$MFA_TARGET_URL/mfa-servers/x" -H "Authorization: Bearer ${UNLISTED.bearer}" --data-binary '{"okta_token": "${UNLISTED.okta}"'`,
  });
  const transport = finding('auth.not-authenticated', {
    check: 'transport', summary: 'Transport: UND_ERR_SOCKET other side closed',
    request: { method: 'GET', path: '/mfa-servers?folder=A', headers: { authorization: 'Basic dXNlcjpwYXNz' } },
    replay: 'curl -sS "$MFA_TARGET_URL/mfa-servers?folder=A" -H "Authorization: Basic dXNlcjpwYXNz"',
  });
  const warn = finding('route.method-not-supported', {
    severity: 'warning', summary: 'Received: 404 / Expected: 405 E012 (Method Not Supported)',
    request: { method: 'PATCH', path: '/mfa-servers', headers: auth },
    response: { status: 404, headers: {}, body: '{"_errors":[{"code":"E005","message":"Object Not Present"}]}' },
    replay: 'curl -sS -X PATCH "$MFA_TARGET_URL/mfa-servers" -H "Authorization: Bearer $MFA_TOKEN"',
  });
  const base = passingRun().rules.map((r) => {
    if (r.rule === 'body.folder.pattern') return { ...r, passed: r.cases - 2, failed: 2, counterexamples: [folder], containers: { folder: { cases: r.cases, failed: 2, warnings: 0 } } };
    if (r.rule === 'format.malformed-json') return { ...r, passed: r.cases - 1, failed: 1, counterexamples: [malformed] };
    if (r.rule === 'auth.not-authenticated') return { ...r, passed: r.cases - 1, failed: 1, counterexamples: [transport] };
    if (r.rule === 'route.method-not-supported') return { ...r, passed: r.cases - 1, warnings: 1, counterexamples: [warn] };
    return r;
  });
  return run(base, { skipped: [{ name: 'pact provider verification', reason: `no broker token (${SECRETS.token} rejected)` }] });
}

/** Two rules never reached (zero cases) and two absent from the run altogether. */
export function gapRun(): RunReport {
  const drop = new Set(['list.invalid-offset', 'delete.success']);
  const rules = passingRun().rules.filter((r) => !drop.has(r.rule)).map((r) =>
    r.rule === 'body.duo_security_v2.duo_api_host.format' || r.rule === 'uniqueness.name'
      ? { ...r, cases: 0, boundaryCases: 0, passed: 0, vendors: {}, containers: {} } : r);
  return run(rules, { target: 'http://user:hunter2pass@10.0.0.5:8443/config/identity/v1', embedded: false });
}

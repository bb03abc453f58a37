// `mfa-conformance explain`: the oracle's prediction for one request, as JSON
// on stdout. Users ask it "why is this case expected to fail?"; it is also
// how the oracle is checked from outside.
import { readFileSync } from 'node:fs';
import { predict } from '../oracle/predict.ts';
import type { ApiRequest, Expected, Outcome, StoredObject } from '../spec/types.ts';
import { HarnessError } from './harnessError.ts';
import { noTokenConfig, tokenSets } from './tokens.ts';
import { parseOptions, type CommandSpec } from './options.ts';
import { setsForRunningServers } from './tokenRegistry.ts';
import { bearerToken } from '../oracle/authRules.ts';
import { rule } from '../spec/model.ts';

export const EXPLAIN = {
  name: 'explain',
  summary: "Prints the oracle's prediction for one request, as JSON: every answer that passes (anyOf when there are several).",
  about: ['With --verbose also the tolerated answers (warnings) and how anything else is graded (miss).'],
  options: {
    method: { type: 'string', value: 'M', help: 'HTTP method (required)' },
    path: { type: 'string', value: 'PATH', help: 'path relative to the base, with its query: /mfa-servers?folder=F&position=pre (required)' },
    header: { type: 'string', multiple: true, value: "'K: V'", help: 'a request header' },
    body: { type: 'string', value: 'TEXT', help: 'the request body' },
    'body-file': { type: 'string', value: 'FILE', help: 'the request body, from a file (bytes as they are)' },
    state: { type: 'string', value: 'FILE', help: 'a JSON array of the stored objects the target holds' },
    profile: { type: 'string', value: 'default|openapi', default: 'default', help: 'validation profile' },
    verbose: { type: 'boolean', default: false, help: 'also the tolerated answers, the miss strength, the expected objects' },
    token: { type: 'string', multiple: true, value: 'T', help: 'read-write token(s) the target knows', env: 'MFA_TOKEN', group: 'tokens (default: those of the running serve processes, else dev-token...)' },
    'read-only-token': { type: 'string', multiple: true, value: 'T', help: 'read-only token(s)', env: 'MFA_READ_ONLY_TOKEN', group: 'tokens (default: those of the running serve processes, else dev-token...)' },
    'expired-token': { type: 'string', multiple: true, value: 'T', help: 'expired token(s)', env: 'MFA_EXPIRED_TOKEN', group: 'tokens (default: those of the running serve processes, else dev-token...)' },
  },
} as const satisfies CommandSpec;

export async function explainCommand(argv: string[]): Promise<number> {
  const values = parseOptions(EXPLAIN, argv);
  if (!values.method) throw new HarnessError('BAD_FLAG', 'explain needs --method (see mfa-conformance explain --help)');
  if (!values.path) throw new HarnessError('BAD_FLAG', 'explain needs --path, relative to the base (e.g. /mfa-servers)');
  if (values.body !== undefined && values['body-file'] !== undefined) throw new HarnessError('BAD_FLAG', 'give --body or --body-file, not both');
  if (values.profile !== 'default' && values.profile !== 'openapi') throw new HarnessError('BAD_VALUE', `--profile must be default or openapi, not ${values.profile}`);
  const path = values.path.startsWith('/') ? values.path : `/${values.path}`;
  const req: ApiRequest = { method: values.method.toUpperCase(), path, headers: parseHeaders(values.header ?? []) };
  if (values.body !== undefined) req.body = values.body;
  if (values['body-file'] !== undefined) req.body = new Uint8Array(readFile(values['body-file'], '--body-file'));
  const state = values.state === undefined ? [] : parseState(values.state);
  // Tokens: flags, then MFA_* variables, then the running `serve` processes
  // (registered, hashed), then the reference server's defaults.
  const running = noTokenConfig(values) ? setsForRunningServers(bearerToken(req.headers['authorization'])) : undefined;
  const prediction = predict(req, state, { ...(running ?? tokenSets(values)), profile: values.profile as 'default' | 'openapi' });
  const out: Record<string, unknown> = shape(prediction.expected, values.verbose);
  if (values.verbose) {
    out['tolerated'] = prediction.tolerated.map((o) => shape(o, true));
    out['miss'] = prediction.miss;
  }
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  return 0;
}

function shape(e: Expected, verbose: boolean): Record<string, unknown> {
  if ('anyOf' in e) return { anyOf: e.anyOf.map((o) => shape(o, verbose)) };
  const o: Outcome = e;
  // strength and basis are the rule's (contracts/rules.json): how the rule is held, and why.
  const r = rule(o.rule);
  const base: Record<string, unknown> = {
    status: o.status, ...(o.statusMax !== undefined && { statusMax: o.statusMax }),
    code: o.code ?? null, message: o.message ?? null, rule: o.rule, strength: r.strength, basis: r.basis, source: o.source,
  };
  if (o.messageAlso !== undefined) base['messageAlso'] = o.messageAlso;
  if (verbose) {
    base['shapeStrength'] = o.strength;
    if (o.reading) base['reading'] = o.reading;
    if (o.dropped) base['dropped'] = o.dropped;
    if (o.messageMust) base['messageMust'] = o.messageMust;
    if (o.messageStrength) base['messageStrength'] = o.messageStrength;
    if (o.object) base['object'] = o.object;
    if (o.list) base['list'] = o.list;
  }
  return base;
}

function parseHeaders(lines: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const i = line.indexOf(':');
    if (i <= 0) throw new HarnessError('BAD_VALUE', `--header must look like 'Name: value', got '${line.slice(0, 40)}'`);
    const name = line.slice(0, i).trim().toLowerCase();
    // A header given twice counts by its first value (contracts/decisions.md "Requests").
    if (!(name in headers)) headers[name] = line.slice(i + 1).trim();
  }
  return headers;
}

function readFile(file: string, flag: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new HarnessError('UNREADABLE_FILE', `cannot read ${flag} ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}

function parseState(file: string): StoredObject[] {
  let data: unknown;
  try {
    data = JSON.parse(readFile(file, '--state').toString('utf8'));
  } catch (err) {
    if (err instanceof HarnessError) throw err;
    throw new HarnessError('BAD_STATE', `--state ${file} is not JSON`);
  }
  if (!Array.isArray(data) || !data.every((o) => o && typeof o === 'object' && !Array.isArray(o) && typeof (o as { id?: unknown }).id === 'string')) {
    throw new HarnessError('BAD_STATE', `--state ${file} must be a JSON array of stored objects, each with a string "id"`);
  }
  return data as StoredObject[];
}

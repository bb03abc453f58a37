// `mfa-conformance explain`: the oracle's prediction for one request, as JSON
// on stdout. Users ask it "why is this case expected to fail?"; it is also
// how the oracle is checked from outside.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { predict } from '../oracle/predict.ts';
import type { ApiRequest, Expected, Outcome, StoredObject } from '../spec/types.ts';
import { HarnessError } from './harnessError.ts';
import { noTokenConfig, TOKEN_OPTIONS, tokenSets } from './tokens.ts';
import { setsForRunningServers } from './tokenRegistry.ts';
import { bearerToken } from '../oracle/authRules.ts';
import { rule } from '../spec/model.ts';

export const explainUsage = `usage: mfa-conformance explain --method M --path /mfa-servers[?query] [--header 'K: V']... [--body TEXT | --body-file F] [--state F] [--token T] [--read-only-token T] [--expired-token T] [--profile default|openapi] [--verbose]`;

export async function explainCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv, strict: true, allowPositionals: false,
    options: {
      method: { type: 'string' }, path: { type: 'string' }, header: { type: 'string', multiple: true },
      body: { type: 'string' }, 'body-file': { type: 'string' }, state: { type: 'string' },
      profile: { type: 'string', default: 'default' }, verbose: { type: 'boolean', default: false },
      ...TOKEN_OPTIONS,
    },
  });
  if (!values.method) throw new HarnessError('BAD_FLAG', `explain needs --method (${explainUsage})`);
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
  const prediction = predict(req, state, { ...(running ?? tokenSets(values)), profile: values.profile });
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

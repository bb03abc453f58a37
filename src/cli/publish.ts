// `mfa-conformance publish`: publishes contracts/pacts to a Pact Broker with
// the official client (`pact-broker publish`). Broker URL and token from flags
// or PACT_BROKER_BASE_URL / PACT_BROKER_TOKEN; the token is never printed.
// Exit: the client's (0 published, non-zero failed, its output relayed,
// redacted); 2 for misuse.
import { parseArgs } from 'node:util';
import { runBrokerCli } from '../pact/brokerCli.ts';
import { HarnessError, usageLine } from '../pact/harnessError.ts';
import { PACT_DIR } from '../pact/names.ts';
import { redactText } from '../spec/redact.ts';
import type { CommandIo } from './verify.ts';

const OPTIONS = {
  'broker-url': { type: 'string' },
  'broker-token': { type: 'string' },
  'consumer-version': { type: 'string' },
  branch: { type: 'string' },
  tag: { type: 'string', multiple: true },
  'pact-dir': { type: 'string' },
} as const;

const USAGE = 'usage: publish --broker-url <url> [--broker-token <t>] --consumer-version <v> --branch <b> [--tag <t>]... [--pact-dir <dir>]';

export async function publishCommand(argv: string[], io: CommandIo = {}): Promise<number> {
  process.env['PACT_DO_NOT_TRACK'] = 'true';
  const out = io.stdout ?? ((l: string) => process.stdout.write(`${l}\n`));
  const err = io.stderr ?? ((l: string) => process.stderr.write(`${l}\n`));
  const env = io.env ?? process.env;
  const secrets: string[] = [];
  try {
    let values;
    try {
      ({ values } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }));
    } catch (e) {
      throw new HarnessError(`${(e as Error).message.split('\n')[0]}; ${USAGE}`);
    }
    const brokerUrl = values['broker-url'] ?? env['PACT_BROKER_BASE_URL'];
    const brokerToken = values['broker-token'] ?? env['PACT_BROKER_TOKEN'];
    if (brokerToken) secrets.push(brokerToken);
    if (!brokerUrl) throw new HarnessError(`--broker-url (or PACT_BROKER_BASE_URL) is required; ${USAGE}`);
    if (!values['consumer-version'] || !values.branch) throw new HarnessError(`--consumer-version and --branch are required; ${USAGE}`);
    const args = ['publish', values['pact-dir'] ?? PACT_DIR, '--consumer-app-version', values['consumer-version'], '--branch', values.branch];
    for (const t of values.tag ?? []) args.push('--tag', t);
    const r = await runBrokerCli(args, { brokerUrl, ...(brokerToken ? { brokerToken } : {}) });
    for (const l of `${r.stdout}\n${r.stderr}`.split('\n')) if (l.trim()) (r.code === 0 ? out : err)(l);
    return r.code;
  } catch (e) {
    err(redactText(usageLine(e), secrets));
    return 2;
  }
}

// `mfa-conformance can-i-deploy`: wraps the official `pact-broker can-i-deploy`.
// Exit: the client's (0 deployable, 1 not); 2 for misuse. Token never printed.
import { parseArgs } from 'node:util';
import { runBrokerCli } from '../pact/brokerCli.ts';
import { HarnessError, usageLine } from '../pact/harnessError.ts';
import { CONSUMER } from '../pact/names.ts';
import { redactText } from '../spec/redact.ts';
import type { CommandIo } from './verify.ts';

const OPTIONS = {
  'broker-url': { type: 'string' },
  'broker-token': { type: 'string' },
  pacticipant: { type: 'string' },
  version: { type: 'string' },
  'to-environment': { type: 'string' },
  branch: { type: 'string' },
  latest: { type: 'boolean' },
} as const;

const USAGE =
  'usage: can-i-deploy --broker-url <url> [--broker-token <t>] [--pacticipant <name>] (--version <v> | --branch <b> | --latest) [--to-environment <env>]';

export async function canIDeployCommand(argv: string[], io: CommandIo = {}): Promise<number> {
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
    const args = ['can-i-deploy', '--pacticipant', values.pacticipant ?? CONSUMER];
    if (values.version) args.push('--version', values.version);
    else if (values.branch) args.push('--branch', values.branch);
    else if (values.latest) args.push('--latest');
    else throw new HarnessError(`one of --version, --branch, --latest is required; ${USAGE}`);
    if (values['to-environment']) args.push('--to-environment', values['to-environment']);
    const r = await runBrokerCli(args, { brokerUrl, ...(brokerToken ? { brokerToken } : {}) });
    for (const l of `${r.stdout}\n${r.stderr}`.split('\n')) if (l.trim()) out(l);
    return r.code;
  } catch (e) {
    err(redactText(usageLine(e), secrets));
    return 2;
  }
}

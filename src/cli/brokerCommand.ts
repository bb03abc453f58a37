// The common shape of the Pact Broker commands (publish, can-i-deploy): parse
// flags, take the broker URL and token from flags or PACT_BROKER_BASE_URL /
// PACT_BROKER_TOKEN, run the official `pact-broker` client, relay its output
// redacted, return its exit code; misuse throws a catalogued HarnessError
// (main.ts: one line, exit 2). The token is never printed.
import { runBrokerCli } from '../pact/brokerCli.ts';
import { HarnessError, redactError } from './harnessError.ts';
import type { CommandIo } from './io.ts';
import { parseOptions, type CommandSpec, type OptionTable } from './options.ts';

type Values = Record<string, string | boolean | string[] | boolean[] | undefined>;

/** The flags every broker command takes. */
export const BROKER_OPTIONS = {
  'broker-url': { type: 'string', value: 'URL', help: 'the Pact Broker', env: 'PACT_BROKER_BASE_URL', group: 'broker' },
  'broker-token': { type: 'string', value: 'T', help: "the Pact Broker's token", env: 'PACT_BROKER_TOKEN', group: 'broker' },
} as const satisfies OptionTable;

export interface BrokerCommand {
  spec: CommandSpec;
  /** The client's arguments from the parsed flags; throws HarnessError on misuse. */
  args(values: Values): string[];
  /** Where the client's output goes when it succeeds or fails (default: both to stdout). */
  failureToStderr?: boolean;
}

export async function runBrokerCommand(cmd: BrokerCommand, argv: string[], io: CommandIo = {}): Promise<number> {
  process.env['PACT_DO_NOT_TRACK'] = 'true';
  const out = io.stdout ?? ((l: string) => process.stdout.write(`${l}\n`));
  const err = io.stderr ?? ((l: string) => process.stderr.write(`${l}\n`));
  const env = io.env ?? process.env;
  const secrets: string[] = [];
  try {
    const values = parseOptions(cmd.spec, argv) as Values;
    const brokerUrl = (values['broker-url'] as string | undefined) ?? env['PACT_BROKER_BASE_URL'];
    const brokerToken = (values['broker-token'] as string | undefined) ?? env['PACT_BROKER_TOKEN'];
    if (brokerToken) secrets.push(brokerToken);
    if (!brokerUrl) throw new HarnessError('BAD_FLAG', `--broker-url (or PACT_BROKER_BASE_URL) is required (see mfa-conformance ${cmd.spec.name} --help)`);
    const r = await runBrokerCli(cmd.args(values), { brokerUrl, ...(brokerToken ? { brokerToken } : {}) });
    const sink = r.code !== 0 && cmd.failureToStderr ? err : out;
    for (const l of `${r.stdout}\n${r.stderr}`.split('\n')) if (l.trim()) sink(l);
    return r.code;
  } catch (e) {
    throw redactError(e, secrets);
  }
}

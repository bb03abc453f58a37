// `mfa-conformance can-i-deploy`: wraps the official `pact-broker can-i-deploy`.
// Exit: the client's (0 deployable, 1 not); 2 for misuse. Token never printed.
import { HarnessError } from '../pact/harnessError.ts';
import { CONSUMER } from '../pact/names.ts';
import { runBrokerCommand } from './brokerCommand.ts';
import type { CommandIo } from './verify.ts';

const USAGE =
  'usage: can-i-deploy --broker-url <url> [--broker-token <t>] [--pacticipant <name>] (--version <v> | --branch <b> | --latest) [--to-environment <env>]';

export function canIDeployCommand(argv: string[], io: CommandIo = {}): Promise<number> {
  return runBrokerCommand({
    usage: USAGE,
    options: {
      pacticipant: { type: 'string' },
      version: { type: 'string' },
      'to-environment': { type: 'string' },
      branch: { type: 'string' },
      latest: { type: 'boolean' },
    },
    args: (v) => {
      const args = ['can-i-deploy', '--pacticipant', (v['pacticipant'] as string | undefined) ?? CONSUMER];
      if (v['version']) args.push('--version', v['version'] as string);
      else if (v['branch']) args.push('--branch', v['branch'] as string);
      else if (v['latest']) args.push('--latest');
      else throw new HarnessError(`one of --version, --branch, --latest is required; ${USAGE}`);
      if (v['to-environment']) args.push('--to-environment', v['to-environment'] as string);
      return args;
    },
  }, argv, io);
}

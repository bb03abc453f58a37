// `mfa-conformance can-i-deploy`: wraps the official `pact-broker can-i-deploy`.
// Exit: the client's (0 deployable, 1 not); misuse throws (main.ts: exit 2).
// Token never printed.
import { HarnessError } from './harnessError.ts';
import { CONSUMER } from '../pact/names.ts';
import { BROKER_OPTIONS, runBrokerCommand } from './brokerCommand.ts';
import type { CommandSpec } from './options.ts';
import type { CommandIo } from './io.ts';

export const CAN_I_DEPLOY = {
  name: 'can-i-deploy',
  summary: "Asks the Pact Broker whether a version may be deployed (the official client's can-i-deploy).",
  about: ["Exit: the client's (0 deployable, 1 not); 2 for misuse."],
  options: {
    pacticipant: { type: 'string', value: 'NAME', help: 'the pacticipant (default the consumer, mfa-conformance)' },
    version: { type: 'string', value: 'V', help: 'the version to ask about (or --branch, or --latest)' },
    branch: { type: 'string', value: 'B', help: "the branch's latest version" },
    latest: { type: 'boolean', help: 'the latest version' },
    'to-environment': { type: 'string', value: 'ENV', help: 'the environment to deploy to' },
    ...BROKER_OPTIONS,
  },
} as const satisfies CommandSpec;

export function canIDeployCommand(argv: string[], io: CommandIo = {}): Promise<number> {
  return runBrokerCommand({
    spec: CAN_I_DEPLOY,
    args: (v) => {
      const args = ['can-i-deploy', '--pacticipant', (v['pacticipant'] as string | undefined) ?? CONSUMER];
      if (v['version']) args.push('--version', v['version'] as string);
      else if (v['branch']) args.push('--branch', v['branch'] as string);
      else if (v['latest']) args.push('--latest');
      else throw new HarnessError('BAD_FLAG', 'one of --version, --branch, --latest is required (see mfa-conformance can-i-deploy --help)');
      if (v['to-environment']) args.push('--to-environment', v['to-environment'] as string);
      return args;
    },
  }, argv, io);
}

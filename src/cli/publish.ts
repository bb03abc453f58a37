// `mfa-conformance publish`: publishes contracts/pacts to a Pact Broker with
// the official client (`pact-broker publish`). Exit: the client's (0
// published, non-zero failed, its output relayed, redacted); misuse throws
// (main.ts: exit 2).
import { HarnessError } from './harnessError.ts';
import { PACT_DIR } from '../pact/names.ts';
import { BROKER_OPTIONS, runBrokerCommand } from './brokerCommand.ts';
import type { CommandSpec } from './options.ts';
import type { CommandIo } from './io.ts';

export const PUBLISH = {
  name: 'publish',
  summary: "Publishes contracts/pacts to a Pact Broker with the official client (pact-broker publish).",
  about: ["Exit: the client's (0 published); 2 for misuse."],
  options: {
    'consumer-version': { type: 'string', value: 'V', help: 'the consumer version (required)' },
    branch: { type: 'string', value: 'B', help: 'the consumer branch (required)' },
    tag: { type: 'string', multiple: true, value: 'T', help: 'a tag' },
    'pact-dir': { type: 'string', value: 'DIR', help: 'the pacts to publish (default contracts/pacts)' },
    ...BROKER_OPTIONS,
  },
} as const satisfies CommandSpec;

export function publishCommand(argv: string[], io: CommandIo = {}): Promise<number> {
  return runBrokerCommand({
    spec: PUBLISH,
    failureToStderr: true,
    args: (v) => {
      const version = v['consumer-version'] as string | undefined;
      const branch = v['branch'] as string | undefined;
      if (!version || !branch) throw new HarnessError('BAD_FLAG', '--consumer-version and --branch are required (see mfa-conformance publish --help)');
      const args = ['publish', (v['pact-dir'] as string | undefined) ?? PACT_DIR, '--consumer-app-version', version, '--branch', branch];
      for (const t of (v['tag'] as string[] | undefined) ?? []) args.push('--tag', t);
      return args;
    },
  }, argv, io);
}

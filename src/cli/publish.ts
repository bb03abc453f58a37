// `mfa-conformance publish`: publishes contracts/pacts to a Pact Broker with
// the official client (`pact-broker publish`). Exit: the client's (0
// published, non-zero failed, its output relayed, redacted); 2 for misuse.
import { HarnessError } from '../pact/harnessError.ts';
import { PACT_DIR } from '../pact/names.ts';
import { runBrokerCommand } from './brokerCommand.ts';
import type { CommandIo } from './verify.ts';

const USAGE = 'usage: publish --broker-url <url> [--broker-token <t>] --consumer-version <v> --branch <b> [--tag <t>]... [--pact-dir <dir>]';

export function publishCommand(argv: string[], io: CommandIo = {}): Promise<number> {
  return runBrokerCommand({
    usage: USAGE,
    failureToStderr: true,
    options: {
      'consumer-version': { type: 'string' },
      branch: { type: 'string' },
      tag: { type: 'string', multiple: true },
      'pact-dir': { type: 'string' },
    },
    args: (v) => {
      const version = v['consumer-version'] as string | undefined;
      const branch = v['branch'] as string | undefined;
      if (!version || !branch) throw new HarnessError(`--consumer-version and --branch are required; ${USAGE}`);
      const args = ['publish', (v['pact-dir'] as string | undefined) ?? PACT_DIR, '--consumer-app-version', version, '--branch', branch];
      for (const t of (v['tag'] as string[] | undefined) ?? []) args.push('--tag', t);
      return args;
    },
  }, argv, io);
}

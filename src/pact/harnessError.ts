// The Pact commands' misuse errors are the CLI's HarnessError (one line,
// exit 2, a stable code); this keeps the one-argument form Pact code uses.
import { HarnessError as Base } from '../cli/harnessError.ts';

export class HarnessError extends Base {
  readonly exitCode = 2;
  constructor(message: string) {
    super('BAD_CONTRACT', message);
  }
}

export function usageLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return `mfa-conformance: ${msg.split('\n')[0]}`;
}

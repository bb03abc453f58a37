// The Pact commands' misuse errors are the CLI's HarnessError (one line,
// exit 2, a stable code); this keeps the one-argument form Pact code uses.
import { HarnessError as Base, type HarnessErrorCode } from '../spec/errors.ts';

export class HarnessError extends Base {
  constructor(message: string, code: HarnessErrorCode = 'BAD_CONTRACT') {
    super(code, message);
  }
}

export function usageLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return `mfa-conformance: ${msg.split('\n')[0]}`;
}

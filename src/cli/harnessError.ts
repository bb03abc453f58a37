// Misuse of the harness (bad flag, unreachable target, unreadable file): a
// thrown error with a stable code, printed as one line, exit 2. Contract
// violations are Findings (data), never HarnessErrors.
export type HarnessErrorCode =
  | 'BAD_FLAG' | 'BAD_VALUE' | 'UNREADABLE_FILE' | 'BAD_STATE' | 'UNREACHABLE_TARGET' | 'UNKNOWN_COMMAND' | 'BAD_CONTRACT';

export class HarnessError extends Error {
  constructor(readonly code: HarnessErrorCode, message: string) {
    super(message);
    this.name = 'HarnessError';
  }
}

/** Turns any error thrown by a command into the one-line message and exit code 2. */
export function reportUsageError(err: unknown, secrets: readonly string[] = []): 2 {
  let msg = err instanceof HarnessError ? err.message : err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  for (const s of secrets) if (s.length >= 4) msg = msg.split(s).join('[REDACTED]');
  process.stderr.write(`mfa-conformance: ${msg.split('\n')[0]}\n`);
  return 2;
}

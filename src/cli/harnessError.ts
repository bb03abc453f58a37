// Misuse of the harness (bad flag, unreachable target, unreadable file): the
// catalogue's HarnessError (src/spec/errors.ts), printed as one line by
// main.ts. Contract violations are Findings (data), never HarnessErrors.
import { HarnessError } from '../spec/errors.ts';

export { HarnessError, type HarnessErrorCode } from '../spec/errors.ts';

/** The one line an error prints (secrets of the command line redacted) and its exit status. */
export function reportUsageError(err: unknown, secrets: readonly string[] = []): number {
  let msg = err instanceof HarnessError ? err.message : err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  for (const s of secrets) if (s.length >= 4) msg = msg.split(s).join('[REDACTED]');
  process.stderr.write(`mfa-conformance: ${msg.split('\n')[0]}\n`);
  return err instanceof HarnessError ? err.exitCode : 2;
}

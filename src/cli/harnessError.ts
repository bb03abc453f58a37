// Misuse of the harness (bad flag, unreachable target, unreadable file): the
// catalogue's HarnessError (src/spec/errors.ts). Commands throw it; main.ts
// alone turns an error into its one line and exit status (errorLine).
// Contract violations are Findings (data), never HarnessErrors.
import { ERRORS, HarnessError } from '../spec/errors.ts';
import { redactText } from '../spec/redact.ts';

export { HarnessError, type HarnessErrorCode } from '../spec/errors.ts';

/**
 * The one line an error prints (the secrets given, and Authorization or
 * Bearer values, redacted) and its exit status: the catalogue's for a
 * HarnessError; anything else is a bug in the harness (INTERNAL).
 */
export function errorLine(err: unknown, secrets: readonly string[] = []): { line: string; exit: number } {
  const msg = err instanceof HarnessError ? err.message : err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  const line = `mfa-conformance: ${redactText(msg.split('\n')[0] ?? '', secrets)}`;
  return { line, exit: err instanceof HarnessError ? err.exitCode : ERRORS.INTERNAL.exit };
}

/**
 * The same error with the secrets only the command knows (a token from the
 * environment, one fetched with client credentials) redacted from its
 * message, for a command to rethrow to main.ts.
 */
export function redactError(err: unknown, secrets: readonly string[]): unknown {
  if (secrets.length === 0) return err;
  if (err instanceof HarnessError) return new HarnessError(err.code, redactText(err.message, secrets));
  if (err instanceof Error) {
    const e = Object.assign(new Error(redactText(err.message, secrets)), 'code' in err ? { code: err.code } : {});
    e.name = err.name;
    return e;
  }
  return redactText(String(err), secrets);
}

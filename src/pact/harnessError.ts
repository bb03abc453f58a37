// Misuse (bad flags, unreadable pact file, unreachable target): one line on
// stderr, `mfa-conformance: <reason>`, exit 2. Never carries a credential.
export class HarnessError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'HarnessError';
  }
}

export function usageLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return `mfa-conformance: ${msg.split('\n')[0]}`;
}

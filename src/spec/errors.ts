// The harness's one error catalogue (ARCHITECTURE.md "Errors": a HarnessError
// is misuse or a run that could not do its job; a Finding is a contract
// violation and never thrown). Every command throws these with a stable code;
// only src/cli/main.ts turns them into one line on stderr and an exit status
// (2 for misuse; any other error is INTERNAL). src/cli/errors.test.ts lists them.
export const ERRORS = {
  UNKNOWN_COMMAND: { exit: 2, what: 'no such command' },
  BAD_FLAG: { exit: 2, what: 'a flag is unknown, missing, or given with another that excludes it' },
  BAD_VALUE: { exit: 2, what: "a flag's value is malformed or out of range" },
  UNREADABLE_FILE: { exit: 2, what: 'a file named by a flag cannot be read or written' },
  BAD_STATE: { exit: 2, what: 'an --state file is not a JSON array of stored objects' },
  BAD_CONTRACT: { exit: 2, what: 'a file of contracts/ (rules, schemas, pacts) is missing or malformed' },
  UNREACHABLE_TARGET: { exit: 2, what: 'the target does not answer at all' },
  TARGET_REFUSED: { exit: 2, what: "the pre-flight: the target refuses the run's token, or serves nothing under the base URL" },
  NOT_THIS_API: { exit: 2, what: 'the pre-flight: the target answers, but not as this API (HTML, not JSON)' },
  TARGET_STOPPED: { exit: 2, what: 'the target stopped answering during the run (reports written, marked partial)' },
  RUN_INCOMPLETE: { exit: 2, what: "the run's deadline or request budget ended it early (reports written, marked partial)" },
  AUTH_FAILED: { exit: 2, what: 'the OAuth2 token endpoint refused the client credentials or does not answer' },
  RATE_LIMITED: { exit: 2, what: 'the target kept answering 429 (or 503 with Retry-After) after every resend (reports written, marked partial)' },
  BROKER: { exit: 2, what: 'the Pact Broker could not be reached or refused the request' },
  TOOL_FAILED: { exit: 2, what: "a tool the command runs (pact-broker, Pact's Verifier, allure) is missing or could not do its job" },
  LISTEN_FAILED: { exit: 2, what: "serve: the port is taken, or the host is not one of this machine's addresses" },
  INTERRUPTED: { exit: 130, what: 'stopped by SIGINT (reports written, marked partial)' },
  TERMINATED: { exit: 143, what: 'stopped by SIGTERM (reports written, marked partial)' },
  INTERNAL: { exit: 2, what: 'a bug in the harness (please report it)' },
} as const satisfies Record<string, { exit: number; what: string }>;

export type HarnessErrorCode = keyof typeof ERRORS;

export class HarnessError extends Error {
  constructor(readonly code: HarnessErrorCode, message: string) {
    super(message);
    this.name = 'HarnessError';
  }

  get exitCode(): number {
    return ERRORS[this.code].exit;
  }
}

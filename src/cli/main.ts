// Command dispatch: a typed table over programmatic commands; no logic here
// (architecture.md: "the CLI is a typed options table over a programmatic run()").
import { HarnessError, reportUsageError } from './harnessError.ts';

type Command = (argv: string[]) => Promise<number>;

const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  run: { summary: 'fuzz a target (default: the embedded reference server) and write reports/', load: async () => (await import('./run.ts')).runCommand },
  serve: { summary: 'start the reference server', load: async () => (await import('./serve.ts')).serveCommand },
  explain: { summary: "print the oracle's prediction for one request", load: async () => (await import('./explain.ts')).explainCommand },
  verify: { summary: 'verify a target against the Pact contracts', load: async () => (await import('./verify.ts')).verifyCommand },
  publish: { summary: 'publish the pacts to a Pact Broker', load: async () => (await import('./publish.ts')).publishCommand },
  report: { summary: 'build the single-file Allure report from reports/allure-results', load: async () => (await import('./report.ts')).reportCommand },
  'can-i-deploy': { summary: "ask the Pact Broker's can-i-deploy", load: async () => (await import('./canIDeploy.ts')).canIDeployCommand },
};

export function usage(): string {
  const rows = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(13)}${c.summary}`);
  return `usage: mfa-conformance <command> [options]\n\ncommands:\n${rows.join('\n')}\n`;
}

export async function main(argv: string[]): Promise<number> {
  process.env['PACT_DO_NOT_TRACK'] = 'true';
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name === undefined ? 2 : 0;
  }
  const cmd = COMMANDS[name];
  try {
    if (!cmd) throw new HarnessError('UNKNOWN_COMMAND', `unknown command '${name}' (try --help)`);
    return await (await cmd.load())(rest);
  } catch (err) {
    return reportUsageError(toHarnessError(err), secretsIn(rest));
  }
}

/** node:util parseArgs errors are misuse too. */
function toHarnessError(err: unknown): unknown {
  const code = (err as { code?: string }).code;
  if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) return new HarnessError('BAD_FLAG', (err as Error).message);
  return err;
}

/** Values of token flags, so even an error message cannot echo them. */
function secretsIn(argv: string[]): string[] {
  const out: string[] = [];
  argv.forEach((a, i) => {
    if (/^--(token|read-only-token|expired-token|broker-token)$/.test(a) && argv[i + 1]) out.push(argv[i + 1]!);
    const m = /^--(?:token|read-only-token|expired-token|broker-token)=(.+)$/.exec(a);
    if (m) out.push(m[1]!);
  });
  return out;
}

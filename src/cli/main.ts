// Command dispatch: a typed table over programmatic commands; no logic here.
// This is the one place an error becomes an exit status: a command returns
// its verdict (0 or 1) or throws, and what it throws is printed as one line
// with the status of src/spec/errors.ts's catalogue (2 for misuse; anything
// that is not a HarnessError is INTERNAL).
import { errorLine, HarnessError } from './harnessError.ts';
import type { CommandIo } from './io.ts';
import { helpText, wantsHelp, type CommandSpec } from './options.ts';
import { VERSION } from './version.ts';

type Command = (argv: string[], io: CommandIo) => Promise<number>;
interface Loaded { run: Command; spec?: CommandSpec }

const COMMANDS: Record<string, { summary: string; load: () => Promise<Loaded> }> = {
  run: { summary: 'fuzz a target (default: the embedded reference server) and write reports/', load: async () => { const m = await import('./run.ts'); return { run: m.runCommand, spec: m.RUN }; } },
  serve: { summary: 'start the reference server', load: async () => { const m = await import('./serve.ts'); return { run: (a, io) => m.serveCommand(a, io) }; } },
  explain: { summary: "print the oracle's prediction for one request", load: async () => { const m = await import('./explain.ts'); return { run: m.explainCommand, spec: m.EXPLAIN }; } },
  verify: { summary: 'verify a target against the Pact contracts', load: async () => { const m = await import('./verify.ts'); return { run: (a, io) => m.verifyCommand(a, io), spec: m.VERIFY }; } },
  publish: { summary: 'publish the pacts to a Pact Broker', load: async () => { const m = await import('./publish.ts'); return { run: (a, io) => m.publishCommand(a, io), spec: m.PUBLISH }; } },
  merge: { summary: "merge the reports folders of a sharded run (run --shard i/n) into one set", load: async () => { const m = await import('./merge.ts'); return { run: m.mergeCommand, spec: m.MERGE }; } },
  report: { summary: 'build the single-file Allure report from reports/allure-results', load: async () => { const m = await import('./report.ts'); return { run: m.reportCommand, spec: m.REPORT }; } },
  diff: { summary: 'send the same seeded cases to two targets and list where their answers differ', load: async () => { const m = await import('./diff.ts'); return { run: m.diffCommand, spec: m.DIFF }; } },
  replay: { summary: 'resend a shrunk command sequence from reports/sequences/ and check each step', load: async () => { const m = await import('./replay.ts'); return { run: (a, io) => m.replayCommand(a, io), spec: m.REPLAY }; } },
  cleanup: { summary: 'delete what killed runs left in the named containers', load: async () => { const m = await import('./cleanup.ts'); return { run: (a, io) => m.cleanupCommand(a, io), spec: m.CLEANUP }; } },
  'can-i-deploy': { summary: "ask the Pact Broker's can-i-deploy", load: async () => { const m = await import('./canIDeploy.ts'); return { run: (a, io) => m.canIDeployCommand(a, io), spec: m.CAN_I_DEPLOY }; } },
};

export function usage(): string {
  const rows = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(13)}${c.summary}`);
  return `usage: mfa-conformance <command> [options]\n\ncommands:\n${rows.join('\n')}\n\n  --version    the version\n  --help       this text; <command> --help for a command's flags\n`;
}

/** Runs one command; `io` (tests) takes the lines the commands that accept it write, and the error line. */
export async function main(argv: string[], io: CommandIo = {}): Promise<number> {
  process.env['PACT_DO_NOT_TRACK'] = 'true';
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  try {
    const cmd = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!cmd) throw new HarnessError('UNKNOWN_COMMAND', `unknown command '${name}' (try --help)`);
    const loaded = await cmd.load();
    if (loaded.spec && wantsHelp(loaded.spec, rest)) {
      process.stdout.write(helpText(loaded.spec));
      return 0;
    }
    return await loaded.run(rest, io);
  } catch (err) {
    const { line, exit } = errorLine(toHarnessError(err), secretsIn(rest));
    if (io.stderr) io.stderr(line);
    else process.stderr.write(`${line}\n`);
    return exit;
  }
}

/** node:util parseArgs errors are misuse too. */
function toHarnessError(err: unknown): unknown {
  const code = (err as { code?: string }).code;
  if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) return new HarnessError('BAD_FLAG', (err as Error).message);
  return err;
}

/** Values of token and secret flags, so even an error message cannot echo them. */
function secretsIn(argv: string[]): string[] {
  const out: string[] = [];
  const SECRET = /^--(token|read-only-token|expired-token|broker-token|client-secret|read-only-client-secret|against-token|against-read-only-token|against-expired-token)$/;
  argv.forEach((a, i) => {
    if (SECRET.test(a) && argv[i + 1]) out.push(argv[i + 1]!);
    const m = /^--(?:token|read-only-token|expired-token|broker-token|client-secret|read-only-client-secret|against-token|against-read-only-token|against-expired-token)=(.+)$/.exec(a);
    if (m) out.push(m[1]!);
  });
  return out;
}

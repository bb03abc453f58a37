// `mfa-conformance serve`: runs the reference server until SIGINT/SIGTERM.
// Flags are a typed table over startServer(); the command holds no logic of
// its own. Tokens are never printed.
import { parseArgs } from 'node:util';
import { isFaultName } from '../server/faults/catalogue.ts';
import { isReadingName } from '../server/readings/catalogue.ts';
import { startServer } from '../server/startServer.ts';
import type { Profile, ServerOptions } from '../server/types.ts';
import { DEFAULT_TOKENS } from '../oracle/config.ts';
import { registerServer } from './tokenRegistry.ts';

export interface ServeIo {
  stdout?: (line: string) => void;
  stderr?: (line: string) => void;
  /** Environment for MFA_TOKEN, MFA_READ_ONLY_TOKEN, MFA_EXPIRED_TOKEN (comma-separated lists). */
  env?: Record<string, string | undefined>;
  /** Stops the server like a signal does (for tests). */
  signal?: AbortSignal;
}

class UsageError extends Error {}

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  token: { type: 'string', multiple: true },
  'read-only-token': { type: 'string', multiple: true },
  'expired-token': { type: 'string', multiple: true },
  profile: { type: 'string' },
  fault: { type: 'string', multiple: true },
  reading: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const;

export const SERVE_USAGE = `usage: mfa-conformance serve [options]

Starts the reference server and prints one line: listening <base URL>.
Runs until SIGINT or SIGTERM.

options:
  --port N                  port to listen on (default 0: any free port)
  --host H                  address to listen on (default 127.0.0.1)
  --token T                 read-write token (repeatable; default dev-token, or MFA_TOKEN)
  --read-only-token T       read-only token (repeatable; default dev-read-only-token, or MFA_READ_ONLY_TOKEN)
  --expired-token T         expired token (repeatable; default dev-expired-token, or MFA_EXPIRED_TOKEN)
  --profile default|openapi validation profile (default: default)
  --fault NAME              a deliberately wrong behaviour (repeatable; src/server/faults/catalogue.ts)
  --reading NAME            another reasonable answer at an open or should point of semantics.md,
                            or a named set of them: vendor-like, typed-language, all-open
                            (repeatable; src/server/readings/catalogue.ts)
  -h, --help                this text
`;

function tokenList(flag: string, fromFlags: string[] | undefined, fromEnv: string | undefined): string[] | undefined {
  const list = fromFlags ?? (fromEnv === undefined || fromEnv === '' ? undefined : fromEnv.split(',').map((t) => t.trim()));
  if (list?.some((t) => t === '' || /\s/.test(t))) throw new UsageError(`--${flag} must be non-empty and contain no spaces`);
  return list;
}

/** `--help`/`-h` anywhere among the flags (not as a flag's value). */
function wantsHelp(argv: string[]): boolean {
  try {
    return parseArgs({ args: argv, options: OPTIONS, strict: false, allowPositionals: true }).values.help === true;
  } catch {
    return false;
  }
}

export function parseServeArgs(argv: string[], env: Record<string, string | undefined> = {}): ServerOptions {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }));
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message.split('\n')[0] ?? 'bad arguments' : 'bad arguments');
  }
  const opts: ServerOptions = {};
  if (values.port !== undefined) {
    if (!/^[0-9]{1,5}$/.test(values.port) || Number(values.port) > 65535) throw new UsageError(`--port must be an integer 0..65535, got "${values.port}"`);
    opts.port = Number(values.port);
  }
  if (values.host !== undefined) {
    if (values.host === '') throw new UsageError('--host must not be empty');
    opts.host = values.host;
  }
  const rw = tokenList('token', values.token, env.MFA_TOKEN);
  const ro = tokenList('read-only-token', values['read-only-token'], env.MFA_READ_ONLY_TOKEN);
  const ex = tokenList('expired-token', values['expired-token'], env.MFA_EXPIRED_TOKEN);
  if (rw) opts.tokens = rw;
  if (ro) opts.readOnlyTokens = ro;
  if (ex) opts.expiredTokens = ex;
  if (values.profile !== undefined) {
    if (values.profile !== 'default' && values.profile !== 'openapi') throw new UsageError(`--profile must be default or openapi, got "${values.profile}"`);
    opts.profile = values.profile satisfies Profile;
  }
  for (const f of values.fault ?? []) if (!isFaultName(f)) throw new UsageError(`unknown fault "${f}"`);
  if (values.fault) opts.faults = values.fault;
  for (const r of values.reading ?? []) if (!isReadingName(r)) throw new UsageError(`unknown reading "${r}"`);
  if (values.reading) opts.readings = values.reading;
  return opts;
}

export async function serveCommand(argv: string[], io: ServeIo = {}): Promise<number> {
  const out = io.stdout ?? ((l: string) => process.stdout.write(`${l}\n`));
  const err = io.stderr ?? ((l: string) => process.stderr.write(`${l}\n`));
  let opts: ServerOptions;
  try {
    if (wantsHelp(argv)) {
      out(SERVE_USAGE.trimEnd());
      return 0;
    }
    opts = parseServeArgs(argv, io.env ?? process.env);
  } catch (e) {
    err(`mfa-conformance: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
  let server;
  try {
    server = await startServer(opts);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    err(`mfa-conformance: cannot listen on ${opts.host ?? '127.0.0.1'}:${opts.port ?? 0}${code ? ` (${code})` : ''}`);
    return 2;
  }
  // explain reads these (hashed) to predict for this server without being told its tokens.
  const unregister = registerServer({
    tokens: opts.tokens ?? [...DEFAULT_TOKENS.tokens],
    readOnlyTokens: opts.readOnlyTokens ?? [...DEFAULT_TOKENS.readOnlyTokens],
    expiredTokens: opts.expiredTokens ?? [...DEFAULT_TOKENS.expiredTokens],
  });
  out(`listening ${server.url}`);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      io.signal?.removeEventListener('abort', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    if (io.signal?.aborted) stop();
    else io.signal?.addEventListener('abort', stop, { once: true });
  });
  await server.close();
  unregister();
  return 0;
}

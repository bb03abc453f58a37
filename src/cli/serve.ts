// `mfa-conformance serve`: runs the reference server until SIGINT/SIGTERM.
// Flags are a typed table over startServer(); the command holds no logic of
// its own. Misuse throws a catalogued HarnessError (main.ts: one line, exit
// 2). Tokens and client secrets are never printed.
import { parseArgs } from 'node:util';
import { parseContainers } from '../server/edge/containers.ts';
import { DEFAULT_CLIENTS, DEFAULT_TOKEN_TTL_SECONDS } from '../server/edge/oauth.ts';
import { DEFAULT_TOKEN_CONCURRENCY } from '../server/edge/tokenEndpoint.ts';
import { isFaultName } from '../server/faults/catalogue.ts';
import { isReadingName } from '../server/readings/catalogue.ts';
import { startServer } from '../server/startServer.ts';
import type { OAuthClient, Profile, ServerOptions } from '../server/types.ts';
import { DEFAULT_TOKENS } from '../oracle/config.ts';
import { HarnessError } from './harnessError.ts';
import type { CommandIo } from './io.ts';
import { registerServer } from './tokenRegistry.ts';

/** `env`: MFA_TOKEN, MFA_READ_ONLY_TOKEN, MFA_EXPIRED_TOKEN (comma-separated lists); `signal` stops the server as SIGINT does. */
export type ServeIo = CommandIo;

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  token: { type: 'string', multiple: true },
  'read-only-token': { type: 'string', multiple: true },
  'expired-token': { type: 'string', multiple: true },
  profile: { type: 'string' },
  fault: { type: 'string', multiple: true },
  reading: { type: 'string', multiple: true },
  tls: { type: 'boolean' },
  cert: { type: 'string' },
  key: { type: 'string' },
  'cert-out': { type: 'string' },
  oauth: { type: 'boolean' },
  client: { type: 'string', multiple: true },
  'token-ttl': { type: 'string' },
  'token-concurrency': { type: 'string' },
  'rate-limit': { type: 'string' },
  containers: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Every flag `serve` takes (its --help lists each). */
export const SERVE_FLAGS: readonly string[] = Object.keys(OPTIONS);

export const SERVE_USAGE = `usage: mfa-conformance serve [options]

Starts the reference server and prints one line: listening <base URL>
(with TLS, a line "certificate <PEM file>" first). Runs until SIGINT or SIGTERM.

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

tenant stand-in (for the vendor's clients; README "Back your Terraform CI with it"):
  --tls                     HTTPS with a self-signed certificate made at start; its PEM goes to
                            a new file in the OS temp folder (removed at exit) or --cert-out
  --cert FILE --key FILE    HTTPS with this certificate and key (PEM) instead
  --cert-out FILE           where --tls writes the certificate's PEM (kept at exit)
  --oauth                   a token endpoint at /oauth2/access_token, /auth/v1/oauth2/access_token
                            and /am/oauth2/access_token (POST grant_type=client_credentials,
                            scope=tsg_id:<N>; client credentials as HTTP Basic, form fields or
                            JSON), key set at <token path's folder>/connect/jwk_uri; its RS256
                            JWTs are read-write or read-only tokens of the API
  --client ID:SECRET[:ro]   an OAuth client (repeatable; :ro makes its tokens read-only;
                            default ${DEFAULT_CLIENTS.map((c) => `${c.id}${c.readOnly ? ' (read-only)' : ''}`).join(', ')})
  --token-ttl S             access token lifetime in seconds (default ${DEFAULT_TOKEN_TTL_SECONDS}); expired: 401 Key Expired
  --token-concurrency N     token requests in flight at once (default ${DEFAULT_TOKEN_CONCURRENCY}); more: 429 Retry-After
  --rate-limit N            at most N API requests in any one second; more: 429 with Retry-After
                            and an E003 envelope, not processed
  --containers LIST         the containers that exist, e.g. folder:Shared,snippet:s1,device:d1
                            (repeatable or comma separated): a create or move into any other
                            is 400 E003 Invalid Object

  -h, --help                this text
`;

function tokenList(flag: string, fromFlags: string[] | undefined, fromEnv: string | undefined): string[] | undefined {
  const list = fromFlags ?? (fromEnv === undefined || fromEnv === '' ? undefined : fromEnv.split(',').map((t) => t.trim()));
  if (list?.some((t) => t === '' || /\s/.test(t))) throw new HarnessError('BAD_VALUE', `--${flag} must be non-empty and contain no spaces`);
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
    throw new HarnessError('BAD_FLAG', e instanceof Error ? e.message.split('\n')[0] ?? 'bad arguments' : 'bad arguments');
  }
  const opts: ServerOptions = {};
  if (values.port !== undefined) {
    if (!/^[0-9]{1,5}$/.test(values.port) || Number(values.port) > 65535) throw new HarnessError('BAD_VALUE', `--port must be an integer 0..65535, got "${values.port}"`);
    opts.port = Number(values.port);
  }
  if (values.host !== undefined) {
    if (values.host === '') throw new HarnessError('BAD_VALUE', '--host must not be empty');
    opts.host = values.host;
  }
  const rw = tokenList('token', values.token, env.MFA_TOKEN);
  const ro = tokenList('read-only-token', values['read-only-token'], env.MFA_READ_ONLY_TOKEN);
  const ex = tokenList('expired-token', values['expired-token'], env.MFA_EXPIRED_TOKEN);
  if (rw) opts.tokens = rw;
  if (ro) opts.readOnlyTokens = ro;
  if (ex) opts.expiredTokens = ex;
  if (values.profile !== undefined) {
    if (values.profile !== 'default' && values.profile !== 'openapi') throw new HarnessError('BAD_VALUE', `--profile must be default or openapi, got "${values.profile}"`);
    opts.profile = values.profile satisfies Profile;
  }
  for (const f of values.fault ?? []) if (!isFaultName(f)) throw new HarnessError('BAD_VALUE', `unknown fault "${f}"`);
  if (values.fault) opts.faults = values.fault;
  for (const r of values.reading ?? []) if (!isReadingName(r)) throw new HarnessError('BAD_VALUE', `unknown reading "${r}"`);
  if (values.reading) opts.readings = values.reading;
  tenantOptions(values, opts);
  return opts;
}

function positiveInt(flag: string, raw: string, max: number): number {
  if (!/^[0-9]{1,9}$/.test(raw) || Number(raw) < 1 || Number(raw) > max) throw new HarnessError('BAD_VALUE', `--${flag} must be an integer 1..${max}, got "${raw}"`);
  return Number(raw);
}

/** `ID:SECRET[:ro]`; an id holds no ':'. The value is never echoed (it holds a secret). */
function parseClient(raw: string): OAuthClient {
  const readOnly = raw.endsWith(':ro');
  const spec = readOnly || raw.endsWith(':rw') ? raw.slice(0, -3) : raw;
  const colon = spec.indexOf(':');
  const id = colon < 0 ? '' : spec.slice(0, colon);
  const secret = colon < 0 ? '' : spec.slice(colon + 1);
  if (id === '' || secret === '' || /\s/.test(id) || /[\r\n]/.test(secret)) throw new HarnessError('BAD_VALUE', '--client must be ID:SECRET or ID:SECRET:ro (a non-empty id without spaces and a secret)');
  return readOnly ? { id, secret, readOnly } : { id, secret };
}

type Parsed = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; strict: true; allowPositionals: false }>>['values'];

function tenantOptions(values: Parsed, opts: ServerOptions): void {
  if (values.cert !== undefined || values.key !== undefined) {
    if (values.cert === undefined || values.key === undefined) throw new HarnessError('BAD_FLAG', '--cert and --key go together');
    if (values['cert-out'] !== undefined) throw new HarnessError('BAD_FLAG', '--cert-out is where --tls writes the certificate it makes; with --cert the certificate is that file');
    opts.tls = { certFile: values.cert, keyFile: values.key };
  } else if (values.tls === true) {
    opts.tls = values['cert-out'] === undefined ? {} : { certOut: values['cert-out'] };
  } else if (values['cert-out'] !== undefined) {
    throw new HarnessError('BAD_FLAG', '--cert-out needs --tls');
  }
  const oauthOnly = (['client', 'token-ttl', 'token-concurrency'] as const).filter((f) => values[f] !== undefined);
  if (values.oauth === true) {
    const clients = (values.client ?? []).map(parseClient);
    const ids = new Set(clients.map((c) => c.id));
    if (ids.size !== clients.length) throw new HarnessError('BAD_VALUE', '--client: each client id once');
    opts.oauth = { clients };
    if (values['token-ttl'] !== undefined) opts.oauth.tokenTtlSeconds = positiveInt('token-ttl', values['token-ttl'], 86_400 * 365);
    if (values['token-concurrency'] !== undefined) opts.oauth.tokenConcurrency = positiveInt('token-concurrency', values['token-concurrency'], 1_000_000);
  } else if (oauthOnly.length > 0) {
    throw new HarnessError('BAD_FLAG', `--${oauthOnly[0]} needs --oauth`);
  }
  if (values['rate-limit'] !== undefined) opts.rateLimit = positiveInt('rate-limit', values['rate-limit'], 1_000_000_000);
  if (values.containers !== undefined) {
    try {
      opts.containers = parseContainers(values.containers);
    } catch (e) {
      throw new HarnessError('BAD_VALUE', e instanceof Error ? e.message : String(e));
    }
  }
}

export async function serveCommand(argv: string[], io: ServeIo = {}): Promise<number> {
  const out = io.stdout ?? ((l: string) => process.stdout.write(`${l}\n`));
  if (wantsHelp(argv)) {
    out(SERVE_USAGE.trimEnd());
    return 0;
  }
  const opts = parseServeArgs(argv, io.env ?? process.env);
  let server;
  try {
    server = await startServer(opts);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (opts.tls && (e as NodeJS.ErrnoException).syscall !== 'listen') {
      // A certificate or key that cannot be read or used (the message names no secret).
      throw new HarnessError('UNREADABLE_FILE', `cannot set up TLS: ${e instanceof Error ? (e.message.split('\n')[0] ?? '') : String(e)}`);
    }
    throw new HarnessError('LISTEN_FAILED', `cannot listen on ${opts.host ?? '127.0.0.1'}:${opts.port ?? 0}${code ? ` (${code})` : ''}`);
  }
  // explain reads these (hashed) to predict for this server without being told its tokens.
  const unregister = registerServer({
    tokens: opts.tokens ?? [...DEFAULT_TOKENS.tokens],
    readOnlyTokens: opts.readOnlyTokens ?? [...DEFAULT_TOKENS.readOnlyTokens],
    expiredTokens: opts.expiredTokens ?? [...DEFAULT_TOKENS.expiredTokens],
  });
  if (server.certificate) out(`certificate ${server.certificate.path}`);
  out(`listening ${server.url}`);
  await new Promise<void>((resolve) => {
    // An embedded server (cli/embeddedServer.ts) also stops when its harness
    // goes, the IPC channel closing: only when started so, as the variable
    // says (a process manager's IPC must not stop a server a user runs).
    const withParent = process.env['MFA_SERVE_WITH_PARENT'] === '1' && process.channel !== undefined;
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      if (withParent) process.off('disconnect', stop);
      io.signal?.removeEventListener('abort', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    if (withParent) {
      process.once('disconnect', stop);
      process.channel!.unref(); // the channel alone keeps no server process alive once the server is closed
    }
    if (io.signal?.aborted) stop();
    else io.signal?.addEventListener('abort', stop, { once: true });
  });
  await server.close();
  unregister();
  return 0;
}

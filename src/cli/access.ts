// How a command reaches a target (issue "Real tenants and real clients";
// vendor-facts.md "Authentication", "Rate limits", "Using the reference
// server"): static bearer tokens, or OAuth2 client credentials for the
// read-write and the read-only identity; TLS trust; a client-side rate cap.
// One options table fragment shared by run, verify, cleanup and diff, one
// resolver that checks it before anything is sent, and one opener that gives
// the command a Client. With client credentials the core only ever sees
// placeholder tokens (transport/client.ts): no real token reaches a finding.
import { readFileSync } from 'node:fs';
import { Agent } from 'undici';
import { Client, type ClientStats } from '../transport/client.ts';
import { ClientCredentials, type AuthStyle, type Identity } from '../transport/tokenSource.ts';
import { Transport } from '../transport/transport.ts';
import { HarnessError } from './harnessError.ts';
import { intFlag, type OptionTable } from './options.ts';

/** The vendor's documented token URL (vendor-facts.md "Authentication"). */
export const DEFAULT_AUTH_URL = 'https://auth.apps.paloaltonetworks.com/oauth2/access_token';
/** What the core sends for each OAuth2 identity; the client puts the identity's current token in its place. */
export const READ_WRITE_PLACEHOLDER = 'oauth-read-write';
export const READ_ONLY_PLACEHOLDER = 'oauth-read-only';

export const ACCESS_OPTIONS = {
  token: { type: 'string', value: 'T', help: 'read-write bearer token (or client credentials below)', env: 'MFA_TOKEN', group: 'target' },
  'read-only-token': { type: 'string', value: 'T', help: 'read-only bearer token (permission cases)', env: 'MFA_READ_ONLY_TOKEN', group: 'target' },
  'auth-url': { type: 'string', value: 'URL', help: `OAuth2 token endpoint (default ${DEFAULT_AUTH_URL})`, env: 'SCM_AUTH_URL', group: 'OAuth2 client credentials' },
  'client-id': { type: 'string', value: 'ID', help: 'read-write client id', env: 'SCM_CLIENT_ID', group: 'OAuth2 client credentials' },
  'client-secret': { type: 'string', value: 'S', help: 'read-write client secret', env: 'SCM_CLIENT_SECRET', group: 'OAuth2 client credentials' },
  'tsg-id': { type: 'string', value: 'N', help: 'tenant service group: scope tsg_id:N', group: 'OAuth2 client credentials' },
  scope: { type: 'string', value: 'S', help: 'the whole scope instead of --tsg-id', env: 'SCM_SCOPE', group: 'OAuth2 client credentials' },
  'read-only-client-id': { type: 'string', value: 'ID', help: 'read-only client id', env: 'MFA_READ_ONLY_CLIENT_ID', group: 'OAuth2 client credentials' },
  'read-only-client-secret': { type: 'string', value: 'S', help: 'read-only client secret', env: 'MFA_READ_ONLY_CLIENT_SECRET', group: 'OAuth2 client credentials' },
  'auth-style': { type: 'string', value: 'auto|basic|form', default: 'auto', help: 'how the credentials travel (auto: HTTP Basic, then form fields if Basic is refused)', group: 'OAuth2 client credentials' },
  'ca-cert': { type: 'string', value: 'FILE', help: "a CA certificate (PEM) to trust for the target and the token endpoint (e.g. serve --tls's)", group: 'transport' },
  insecure: { type: 'boolean', default: false, help: 'no TLS certificate verification', env: 'SCM_SKIP_VERIFY_CERTIFICATE=true', group: 'transport' },
  'rate-limit': { type: 'string', value: 'N', help: 'at most N requests per second from this side', group: 'transport' },
} as const satisfies OptionTable;

type AccessValues = { [K in keyof typeof ACCESS_OPTIONS]?: (typeof ACCESS_OPTIONS)[K]['type'] extends 'boolean' ? boolean : string };

interface Credentials { clientId: string; clientSecret: string }

export interface Access {
  /** A static token, or the placeholder of the read-write OAuth2 identity. */
  token: string | undefined;
  readOnlyToken: string | undefined;
  /** The OAuth2 identities, when client credentials were given. */
  oauth?: { authUrl: string; scope: string; style: AuthStyle; readWrite?: Credentials; readOnly?: Credentials };
  tls?: { ca?: string; insecure?: boolean };
  rateLimit?: number;
  /** Everything to redact: static tokens and client secrets (issued tokens are added once fetched). */
  secrets: string[];
  /** How the command line reproduces this access, with environment variables for its secrets. */
  replayFlags: string[];
}

type Env = Record<string, string | undefined>;
const envOf = (env: Env, name: string): string | undefined => (env[name] === '' ? undefined : env[name]);

function tokenValue(name: string, s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  if (s === '' || /\s/.test(s)) throw new HarnessError('BAD_VALUE', `--${name} must be a non-empty token without spaces`);
  return s;
}

/**
 * The access the flags and the environment describe; every misuse named
 * before anything is sent. A flag beats its variable; a static token and
 * client credentials for the same identity, both as flags, is misuse.
 */
export function resolveAccess(v: AccessValues, env: Env = process.env): Access {
  const flagOrEnv = (flag: keyof AccessValues, variable: string): string | undefined => (v[flag] as string | undefined) ?? envOf(env, variable);
  const secrets: string[] = [];
  const replay: string[] = [];
  const pair = (idFlag: 'client-id' | 'read-only-client-id', secretFlag: 'client-secret' | 'read-only-client-secret', idEnv: string, secretEnv: string, tokenFlag: 'token' | 'read-only-token'): Credentials | undefined => {
    const id = flagOrEnv(idFlag, idEnv);
    const secret = flagOrEnv(secretFlag, secretEnv);
    if (id === undefined && secret === undefined) return undefined;
    if (v[tokenFlag] !== undefined && v[idFlag] !== undefined) throw new HarnessError('BAD_FLAG', `--${tokenFlag} and --${idFlag} both name the ${tokenFlag === 'token' ? 'read-write' : 'read-only'} identity: give one`);
    if (v[tokenFlag] !== undefined) return undefined; // the flag beats the variables
    if (id === undefined || id === '') throw new HarnessError('BAD_FLAG', `--${secretFlag} needs --${idFlag} (or ${idEnv})`);
    if (secret === undefined || secret === '') throw new HarnessError('BAD_FLAG', `--${idFlag} needs --${secretFlag} (or ${secretEnv})`);
    secrets.push(secret);
    replay.push(`--${idFlag} "$${idEnv}"`, `--${secretFlag} "$${secretEnv}"`);
    return { clientId: id, clientSecret: secret };
  };
  const readWrite = pair('client-id', 'client-secret', 'SCM_CLIENT_ID', 'SCM_CLIENT_SECRET', 'token');
  const readOnly = pair('read-only-client-id', 'read-only-client-secret', 'MFA_READ_ONLY_CLIENT_ID', 'MFA_READ_ONLY_CLIENT_SECRET', 'read-only-token');
  let token = readWrite ? undefined : tokenValue('token', v.token ?? envOf(env, 'MFA_TOKEN'));
  let readOnlyToken = readOnly ? undefined : tokenValue('read-only-token', v['read-only-token'] ?? envOf(env, 'MFA_READ_ONLY_TOKEN'));
  if (token) { secrets.push(token); replay.push('--token "$MFA_TOKEN"'); }
  if (readOnlyToken) { secrets.push(readOnlyToken); replay.push('--read-only-token "$MFA_READ_ONLY_TOKEN"'); }

  const access: Access = { token, readOnlyToken, secrets, replayFlags: replay };
  if (readWrite || readOnly) {
    if (v['tsg-id'] !== undefined && v.scope !== undefined) throw new HarnessError('BAD_FLAG', '--tsg-id and --scope both set the scope: give one');
    const scope = v['tsg-id'] !== undefined ? `tsg_id:${intFlag('tsg-id', v['tsg-id'], 0, Number.MAX_SAFE_INTEGER)}` : flagOrEnv('scope', 'SCM_SCOPE');
    if (scope === undefined || scope.trim() === '') throw new HarnessError('BAD_FLAG', 'client credentials need --tsg-id N or --scope (or SCM_SCOPE)');
    const authUrl = flagOrEnv('auth-url', 'SCM_AUTH_URL') ?? DEFAULT_AUTH_URL;
    httpUrl('auth-url', authUrl);
    const style = v['auth-style'] ?? 'auto';
    if (style !== 'auto' && style !== 'basic' && style !== 'form') throw new HarnessError('BAD_VALUE', `--auth-style must be auto, basic or form, not '${style}'`);
    access.oauth = { authUrl, scope, style, ...(readWrite && { readWrite }), ...(readOnly && { readOnly }) };
    if (readWrite) token = access.token = READ_WRITE_PLACEHOLDER;
    if (readOnly) readOnlyToken = access.readOnlyToken = READ_ONLY_PLACEHOLDER;
    replay.push(v['tsg-id'] !== undefined ? `--tsg-id ${v['tsg-id']}` : '--scope "$SCM_SCOPE"', ...(authUrl !== DEFAULT_AUTH_URL ? [`--auth-url ${authUrl}`] : []));
  }
  const insecure = v.insecure === true || /^(true|1|yes)$/i.test(envOf(env, 'SCM_SKIP_VERIFY_CERTIFICATE') ?? '');
  if (v['ca-cert'] !== undefined || insecure) {
    access.tls = { ...(v['ca-cert'] !== undefined && { ca: readPem(v['ca-cert']) }), ...(insecure && { insecure: true }) };
    if (v['ca-cert'] !== undefined) replay.push(`--ca-cert ${v['ca-cert']}`);
    if (insecure) replay.push('--insecure');
  }
  if (v['rate-limit'] !== undefined) {
    access.rateLimit = intFlag('rate-limit', v['rate-limit'], 1, 100_000);
    replay.push(`--rate-limit ${access.rateLimit}`);
  }
  return access;
}

function httpUrl(flag: string, raw: string): void {
  let u: URL;
  try { u = new URL(raw); } catch { throw new HarnessError('BAD_VALUE', `--${flag} must be a URL, not '${raw}'`); }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new HarnessError('BAD_VALUE', `--${flag} must be an http:// or https:// URL`);
}

function readPem(file: string): string {
  let pem: string;
  try { pem = readFileSync(file, 'utf8'); } catch (e) { throw new HarnessError('UNREADABLE_FILE', `--ca-cert ${file}: ${(e as NodeJS.ErrnoException).code ?? 'unreadable'}`); }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new HarnessError('UNREADABLE_FILE', `--ca-cert ${file} is not a PEM certificate`);
  return pem;
}

export interface OpenTarget {
  client: Client;
  transport: Transport;
  /** Tokens issued so far plus the access's secrets: what writers redact. */
  secrets(): string[];
  /** Fetches every identity's first token: a refused one is exit 2 now, not mid-run. */
  authenticate(): Promise<void>;
  stats(): ClientStats & { refreshes: number };
  close(): Promise<void>;
}

export function openTarget(baseUrl: string, a: Access, o: { concurrency: number; timeoutMs: number; maxResponseBytes?: number }): OpenTarget {
  const transport = new Transport({ baseUrl, connections: o.concurrency, timeoutMs: o.timeoutMs, ...(o.maxResponseBytes !== undefined && { maxResponseBytes: o.maxResponseBytes }), ...(a.tls && { tls: a.tls }) });
  const identities: Record<string, Identity> = {};
  let agent: Agent | undefined;
  if (a.oauth) {
    const tls = a.tls;
    agent = new Agent({ connect: { ...(tls?.ca !== undefined && { ca: tls.ca }), ...(tls?.insecure && { rejectUnauthorized: false }) } });
    const make = (label: string, c: Credentials): ClientCredentials => new ClientCredentials({
      label, authUrl: a.oauth!.authUrl, clientId: c.clientId, clientSecret: c.clientSecret, scope: a.oauth!.scope, style: a.oauth!.style, dispatcher: agent!,
    });
    if (a.oauth.readWrite) identities[READ_WRITE_PLACEHOLDER] = make('read-write client', a.oauth.readWrite);
    if (a.oauth.readOnly) identities[READ_ONLY_PLACEHOLDER] = make('read-only client', a.oauth.readOnly);
  }
  const client = new Client(transport, { identities, concurrency: o.concurrency, ...(a.rateLimit !== undefined && { rateLimit: a.rateLimit }) });
  return {
    client, transport,
    secrets: () => [...a.secrets, ...client.issuedTokens()],
    authenticate: async () => { for (const i of Object.values(identities)) await i.token(); },
    stats: () => ({ ...client.stats, refreshes: client.refreshes() }),
    close: async () => { await transport.close(); await agent?.close(); },
  };
}

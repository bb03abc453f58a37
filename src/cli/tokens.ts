// Token sets shared by serve, explain and run: flags first, then environment
// variables (comma-separated lists), then the reference server's defaults
// (contracts/decisions.md "Authentication").
import { DEFAULT_TOKENS } from '../oracle/config.ts';

export interface TokenSets { tokens: string[]; readOnlyTokens: string[]; expiredTokens: string[] }

type Flags = { token?: string[]; 'read-only-token'?: string[]; 'expired-token'?: string[] };

const fromEnv = (v: string | undefined): string[] | undefined =>
  v === undefined || v.trim() === '' ? undefined : v.split(',').map((s) => s.trim()).filter(Boolean);

/** True when neither a token flag nor a token environment variable was given. */
export function noTokenConfig(flags: Flags, env: NodeJS.ProcessEnv = process.env): boolean {
  return flags.token === undefined && flags['read-only-token'] === undefined && flags['expired-token'] === undefined
    && fromEnv(env['MFA_TOKEN']) === undefined && fromEnv(env['MFA_READ_ONLY_TOKEN']) === undefined && fromEnv(env['MFA_EXPIRED_TOKEN']) === undefined;
}

export function tokenSets(flags: Flags, env: NodeJS.ProcessEnv = process.env): TokenSets {
  return {
    tokens: flags.token ?? fromEnv(env['MFA_TOKEN']) ?? [...DEFAULT_TOKENS.tokens],
    readOnlyTokens: flags['read-only-token'] ?? fromEnv(env['MFA_READ_ONLY_TOKEN']) ?? [...DEFAULT_TOKENS.readOnlyTokens],
    expiredTokens: flags['expired-token'] ?? fromEnv(env['MFA_EXPIRED_TOKEN']) ?? [...DEFAULT_TOKENS.expiredTokens],
  };
}

export const TOKEN_OPTIONS = {
  token: { type: 'string', multiple: true },
  'read-only-token': { type: 'string', multiple: true },
  'expired-token': { type: 'string', multiple: true },
} as const;

// Who the oracle believes the target's callers are. The harness passes the
// same tokens it gives the target; defaults match the reference server's
// (contracts/decisions.md "Authentication").
export interface OracleConfig {
  tokens: readonly string[];
  readOnlyTokens: readonly string[];
  expiredTokens: readonly string[];
  /** 'openapi' adds the published spec's vendor required lists and hostname formats. */
  profile: 'default' | 'openapi';
}

export const DEFAULT_TOKENS = Object.freeze({
  tokens: ['dev-token'],
  readOnlyTokens: ['dev-read-only-token'],
  expiredTokens: ['dev-expired-token'],
});

export const defaultOracleConfig: OracleConfig = Object.freeze({ ...DEFAULT_TOKENS, profile: 'default' as const });

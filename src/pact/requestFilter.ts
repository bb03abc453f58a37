// Puts the real credential into each verified request, in the verifier's proxy
// (Pact JS `requestFilter`), so the pact itself never holds a token:
// - no Authorization in the pact request → none is sent (401 Not Authenticated);
// - role marker `unknown-token` → the pact's own unknown token is sent (401 Invalid Credential);
// - role marker `read-only` → the read-only token (403 Unauthorized);
// - role marker `template` → the pact's value with `{token}` replaced by the
//   read-write token (an exported finding's header form: `bearer {token}`);
// - otherwise → the read-write token.
// The marker header is removed before the request reaches the target.
import type { VerifierOptions } from '@pact-foundation/pact';
import { ROLE_HEADER, TOKEN_PLACEHOLDER } from './names.ts';

// Pact types this as express's RequestHandler; express's types are not installed here.
export type RequestFilter = NonNullable<VerifierOptions['requestFilter']>;
type Req = { headers: Record<string, string | string[] | undefined> };

export function createRequestFilter(tokens: { token: string; readOnlyToken?: string }): RequestFilter {
  const filter = (req: Req, _res: unknown, next: () => void): void => {
    const role = req.headers[ROLE_HEADER];
    delete req.headers[ROLE_HEADER];
    if (role === 'read-only') {
      if (tokens.readOnlyToken !== undefined) req.headers['authorization'] = `Bearer ${tokens.readOnlyToken}`;
    } else if (role === 'template') {
      const v = req.headers['authorization'];
      if (typeof v === 'string') req.headers['authorization'] = v.split(TOKEN_PLACEHOLDER).join(tokens.token);
    } else if (role === 'unknown-token') {
      // keep the pact's example token: no server knows it
    } else if (req.headers['authorization'] !== undefined) {
      req.headers['authorization'] = `Bearer ${tokens.token}`;
    }
    next();
  };
  return filter as unknown as RequestFilter;
}

// Contexts the generator tests share: every token, and none of the optional ones.
import type { GenContext } from '../genCase.ts';

export const FULL_CTX: GenContext = Object.freeze({
  token: 'dev-token', readOnlyToken: 'dev-read-only-token', expiredToken: 'dev-expired-token', namePrefix: 'mfa-conf-test-',
});

export const BARE_CTX: GenContext = Object.freeze({ token: 'dev-token', namePrefix: 'mfa-conf-bare-' });

// Findings never carry a secret: not the token, not a secret field's value,
// even where a target echoes that value into another field.
import { describe, expect, it } from 'vitest';
import type { ApiRequest } from '../spec/types.ts';
import type { Exchange } from './results.ts';
import { Session } from './session.ts';

const SECRET = 'okta-secret-value-123';

/** A target that accepts anything and echoes the okta_token into `name`. */
const leaky = async (request: ApiRequest): Promise<Exchange> => {
  const sent = JSON.parse(String(request.body)) as { mfa_vendor_type?: { okta_adaptive_v1?: { okta_token?: string } } };
  const token = sent.mfa_vendor_type?.okta_adaptive_v1?.okta_token;
  return { request, ms: 1, response: { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: '1', name: `echo ${token}`, note: token }) } };
};

describe('Session findings', () => {
  it('redact the token and an echoed secret field value', async () => {
    const s = new Session({ send: leaky, urlOf: (r) => `http://t${r.path}`, seed: 1, strict: false, token: 'tok-abcdef-1' });
    const req: ApiRequest = {
      method: 'POST', path: '/mfa-servers', headers: { authorization: 'Bearer tok-abcdef-1', 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'n', mfa_cert_profile: 'c', folder: 'F', mfa_vendor_type: { okta_adaptive_v1: { okta_token: SECRET } } }),
    };
    const { verdicts } = await s.exec(req, { boundary: false });
    expect(verdicts.length).toBeGreaterThan(0); // the echo breaks the success body
    const text = JSON.stringify(s.findings);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('tok-abcdef-1');
    expect(s.secretsFor(s.findings)).toContain(SECRET);
  });
});

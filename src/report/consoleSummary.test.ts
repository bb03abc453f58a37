import { spec } from '../spec/model.ts';
import { describe, expect, it } from 'vitest';
import { formatSummary } from './consoleSummary.ts';
import { failingRun, gapRun, passingRun, SECRETS } from './fixtures.ts';

const secrets = Object.values(SECRETS);

describe('formatSummary', () => {
  it('failing run: per-kind table, failing rule with counterexample and replay, seed, command, FAIL', () => {
    const text = formatSummary(failingRun(), { secrets, color: false });
    expect(text).toMatch(/^regex\s+\d+\s+\d+\s+2\s+0$/m);
    expect(text).toContain('✗ body.folder.pattern [must · seed] Received: 200 / Expected: 400 E003 (Invalid Object)');
    expect(text).toContain('POST /mfa-servers?folder=A&token=[REDACTED]');
    expect(text).toContain('replay: curl -sS -X POST "$MFA_TARGET_URL/mfa-servers?folder=A&token=[REDACTED]" -H "Authorization: Bearer $MFA_TOKEN"');
    expect(text).toContain('! route.method-not-supported [should · semantics]');
    expect(text).toContain('- pact provider verification: no broker token ([REDACTED] rejected)');
    expect(text).toContain('Seed: 424242');
    expect(text).toContain('Reproduce: npx mfa-conformance run --target https://api.example.test/config/identity/v1 --seed 424242 --runs 200 --token [REDACTED]');
    // The fixture reports every catalogue rule, whatever their number: three fail and one warns.
    const n = spec.rules.size;
    expect(text.trimEnd().split('\n').at(-1)).toMatch(new RegExp(`^FAIL: ${n} rules: ${n - 4} passed, 3 failed, 1 with warnings, 0 not exercised; \\d+ cases in 12\\.3 s \\(exit 1\\)$`));
    for (const s of secrets) expect(text).not.toContain(s);
  });

  it('shows control characters escaped, so a counterexample cannot drive the terminal', () => {
    const text = formatSummary(failingRun(), { secrets, color: false });
    expect(text).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F]/);
    expect(text).toContain('\\x1b[31mRED');
  });

  it('colour only when asked', () => {
    expect(formatSummary(failingRun(), { secrets, color: true })).toContain('\u001b[31m');
    expect(formatSummary(passingRun(), { secrets, color: false })).not.toContain('\u001b');
  });

  it('passing run ends PASS; gap run lists the rules not exercised', () => {
    expect(formatSummary(passingRun(), { secrets, color: false }).trimEnd().split('\n').at(-1)).toMatch(/^PASS: .*\(exit 0\)$/);
    const gap = formatSummary(gapRun(), { secrets, color: false });
    expect(gap).toMatch(/Not exercised \(4 rules\): .*delete\.success/);
    expect(gap).not.toContain('hunter2pass');
  });
});

// The target of the property suites: MFA_TARGET_URL with MFA_TOKEN (and
// optionally MFA_READ_ONLY_TOKEN, MFA_EXPIRED_TOKEN), or the embedded
// reference server when MFA_TARGET_URL is unset. MFA_SEED fixes the seed;
// every suite prints the seed it used.
//
// No test passes on zero cases: one whose cases need a token the target was
// not given is skipped, with the reason on the console and in the reporter
// (`skipUnless`), and one that ran no case fails (`atLeastOneCase`).
import { expect } from 'vitest';
import { skippedLabels } from '../src/generate/index.ts';
import type { GenContext } from '../src/generate/index.ts';
import { Session } from '../src/runner/session.ts';
import { startServer } from '../src/server/startServer.ts';
import { Transport } from '../src/transport/transport.ts';

export interface Target { session: Session; seed: number; url: string; close(): Promise<void> }

export async function openTarget(suite: string): Promise<Target> {
  process.env['PACT_DO_NOT_TRACK'] = 'true';
  const env = process.env;
  const seed = env['MFA_SEED'] !== undefined ? Number(env['MFA_SEED']) : Math.floor(Math.random() * 2 ** 31);
  if (!Number.isInteger(seed) || seed < 0) throw new Error(`MFA_SEED must be a non-negative integer, not ${env['MFA_SEED']}`);
  let url = env['MFA_TARGET_URL'];
  let token = env['MFA_TOKEN'];
  let readOnlyToken = env['MFA_READ_ONLY_TOKEN'];
  let expiredToken = env['MFA_EXPIRED_TOKEN'];
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  if (!url) {
    token = 'prop-rw'; readOnlyToken = 'prop-ro'; expiredToken = 'prop-old';
    server = await startServer({ tokens: [token], readOnlyTokens: [readOnlyToken], expiredTokens: [expiredToken] });
    url = server.url;
  } else if (!token) {
    throw new Error('MFA_TOKEN is required with MFA_TARGET_URL');
  }
  const transport = new Transport({ baseUrl: url, connections: 8 });
  const session = new Session({
    send: (r) => transport.send(r), urlOf: (r) => transport.urlOf(r), seed, runId: `${seed}${suite}`,
    strict: env['MFA_STRICT'] === 'true', token: token!, readOnlyToken, expiredToken,
  });
  console.log(`[${suite}] target ${url}${server ? ' (embedded reference server)' : ''}, seed ${seed} (MFA_SEED=${seed} to replay)`);
  if (server && env['MFA_TARGET'] !== undefined) console.warn(`[${suite}] MFA_TARGET is set, but the property suites read MFA_TARGET_URL: testing the embedded reference server, not ${env['MFA_TARGET']}`);
  return {
    session, seed, url,
    async close() {
      await session.cleanup();
      await transport.close();
      await server?.close();
    },
  };
}

/** The variable that gives the token a label's cases need (generate/skippedLabels.ts). */
const TOKEN_VARIABLE: Record<string, string> = { 'auth.key-expired': 'MFA_EXPIRED_TOKEN', 'permission.read-only': 'MFA_READ_ONLY_TOKEN' };

/** Why the target's tokens cannot exercise these labels (none: they can). */
export function whyUntestable(ctx: GenContext, labels: readonly string[]): string | undefined {
  const missing = skippedLabels(ctx).filter((l) => labels.includes(l));
  if (missing.length === 0) return undefined;
  return `needs ${[...new Set(missing.map((l) => TOKEN_VARIABLE[l] ?? 'a token this target was not given'))].join(' and ')} (${missing.join(', ')})`;
}

/**
 * Skips the running test, loudly (a console line and the reporter's skip
 * note), when `why` is set: never a pass with no case run.
 */
export function skipUnless(suite: string, name: string, why: string | undefined, skip: (note?: string) => never): void {
  if (why === undefined) return;
  console.warn(`[${suite}] SKIPPED ${name}: ${why}`);
  skip(why);
}

/** A test that ran no case fails. */
export function atLeastOneCase(what: string, cases: number): void {
  expect(cases, `${what}: no case ran (a test must not pass on zero cases)`).toBeGreaterThan(0);
}

/** One line per failing verdict, for assertion messages (already redacted by the session). */
export function describeFailures(session: Session, since: number): string[] {
  return session.findings.slice(since).filter((f) => f.severity === 'failure').map((f) => `${f.rule} [${f.check}] ${f.summary}\n  replay: ${f.replay}`);
}

// Verifies any target against the consumer pacts: states through the target's
// own API (providerStates.ts), real credentials put in by the verifier's proxy
// (requestFilter.ts), Pact's Verifier in a child (runVerifier.ts).
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { request } from 'undici';
import { HarnessError } from '../spec/errors.ts';
import { PACT_DIR, ROLE_HEADER } from './names.ts';
import type { Containers } from './providerStates.ts';
import { runVerifier, type InteractionFailure } from './runVerifier.ts';
import type { WorkerConfig } from './verifierProtocol.ts';

export interface BrokerOptions {
  url: string;
  token?: string;
  /** Record the verification result in the broker (pb:publish-verification-results). */
  publish: boolean;
  providerVersion?: string;
  branch?: string;
}

export interface VerifyOptions {
  /** Base URL with the API prefix. */
  target: string;
  token: string;
  readOnlyToken?: string;
  /** Pact files; default every *.json in contracts/pacts. Ignored when `broker` is set. */
  pactFiles?: string[];
  containers?: Containers;
  /** Verify the pacts the broker holds for this provider (needed to publish results). */
  broker?: BrokerOptions;
}

export interface VerifyResult {
  ok: boolean;
  /** Interactions verified (local pacts only; 0 when they came from a broker). */
  interactions: number;
  failures: InteractionFailure[];
  /** Interactions not verified, with why (e.g. the read-only one without --read-only-token). */
  skipped: { description: string; reason: string }[];
  output: string;
  ms: number;
}

interface PactJson {
  interactions?: { description?: string; request?: { headers?: Record<string, unknown> } }[];
}

function readPact(file: string): PactJson {
  let text: string;
  let json: unknown;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new HarnessError('UNREADABLE_FILE', `cannot read pact file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message.split('\n')[0]}`);
  }
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new HarnessError('BAD_CONTRACT', `cannot read pact file ${file}: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!json || typeof json !== 'object' || !Array.isArray((json as PactJson).interactions)) {
    throw new HarnessError('BAD_CONTRACT', `not a pact file (no interactions): ${file}`);
  }
  return json as PactJson;
}

export function defaultPactFiles(): string[] {
  let names: string[];
  try {
    names = readdirSync(PACT_DIR).filter((n) => n.endsWith('.json'));
  } catch {
    names = [];
  }
  if (names.length === 0) throw new HarnessError('BAD_CONTRACT', `no pact files in ${PACT_DIR} (run npm run contracts)`);
  return names.sort().map((n) => join(PACT_DIR, n));
}

const roleOf = (i: NonNullable<PactJson['interactions']>[number]): string | undefined => {
  for (const [k, v] of Object.entries(i.request?.headers ?? {})) {
    if (k.toLowerCase() === ROLE_HEADER) return String(Array.isArray(v) ? v[0] : v);
  }
  return undefined;
};

/** Connection-level check only: any HTTP answer means reachable. */
export async function assertReachable(target: string): Promise<void> {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new HarnessError('BAD_VALUE', `--target is not a URL: ${target}`);
  }
  try {
    const res = await request(`${url.href.replace(/\/+$/, '')}/mfa-servers`, { method: 'GET', headersTimeout: 10_000, bodyTimeout: 10_000 });
    await res.body.dump();
  } catch (e) {
    const code = (e as { code?: string }).code ?? (e as Error).message;
    throw new HarnessError('UNREACHABLE_TARGET', `target unreachable: ${url.origin} (${code})`);
  }
}

export async function verifyTarget(opts: VerifyOptions): Promise<VerifyResult> {
  const t0 = performance.now();
  await assertReachable(opts.target);
  const cfg: WorkerConfig = { providerBaseUrl: opts.target, pactUrls: [], mode: 'target', token: opts.token };
  if (opts.readOnlyToken !== undefined) cfg.readOnlyToken = opts.readOnlyToken;
  if (opts.containers) cfg.containers = opts.containers;
  const skipped: VerifyResult['skipped'] = [];
  const descriptions: string[] = [];
  let interactions = 0;
  let tmp: string | undefined;
  if (opts.broker) {
    cfg.broker = opts.broker;
  } else {
    for (const file of (opts.pactFiles ?? defaultPactFiles()).map((f) => resolve(f))) {
      const pact = readPact(file);
      const all = pact.interactions ?? [];
      const keep = opts.readOnlyToken === undefined ? all.filter((i) => roleOf(i) !== 'read-only') : all;
      for (const i of all) if (!keep.includes(i)) skipped.push({ description: String(i.description), reason: 'needs --read-only-token' });
      for (const i of keep) descriptions.push(String(i.description));
      interactions += keep.length;
      if (keep.length === all.length) {
        cfg.pactUrls.push(file);
      } else {
        tmp ??= mkdtempSync(join(tmpdir(), 'mfa-pact-'));
        const copy = join(tmp, basename(file));
        writeFileSync(copy, JSON.stringify({ ...pact, interactions: keep }));
        cfg.pactUrls.push(copy);
      }
    }
  }
  try {
    const run = await runVerifier(cfg, { descriptions });
    // The Verifier could not run: the broker's pacts out of reach, or the Verifier itself.
    if (run.error !== undefined) throw new HarnessError(opts.broker ? 'BROKER' : 'TOOL_FAILED', run.error.split('\n')[0]!);
    return { ok: run.ok, interactions, failures: run.failures, skipped, output: run.output, ms: Math.round(performance.now() - t0) };
  } finally {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
}

// Runs the official Pact Broker client (`pact-broker` from
// @pact-foundation/pact-cli, node_modules/.bin) asynchronously, with
// telemetry off and every credential redacted from what it prints.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { redactText } from '../spec/redact.ts';
import { HarnessError } from '../spec/errors.ts';
import { REPO_ROOT } from './names.ts';

export const PACT_BROKER_BIN = join(REPO_ROOT, 'node_modules', '.bin', 'pact-broker');

export interface BrokerCliResult { code: number; stdout: string; stderr: string }

/** Credentials travel in the environment (PACT_BROKER_TOKEN), not argv, so `ps` never shows them. */
export async function runBrokerCli(args: string[], opts: { brokerUrl: string; brokerToken?: string; secrets?: string[] }): Promise<BrokerCliResult> {
  if (!existsSync(PACT_BROKER_BIN)) throw new HarnessError('TOOL_FAILED', `pact-broker not found at ${PACT_BROKER_BIN} (npm install @pact-foundation/pact-cli)`);
  const env: Record<string, string | undefined> = { ...process.env, PACT_DO_NOT_TRACK: 'true', PACT_BROKER_BASE_URL: opts.brokerUrl };
  delete env['PACT_BROKER_TOKEN'];
  if (opts.brokerToken !== undefined) env['PACT_BROKER_TOKEN'] = opts.brokerToken;
  const secrets = [opts.brokerToken, ...(opts.secrets ?? [])].filter((s): s is string => !!s);
  const child = spawn(PACT_BROKER_BIN, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const code = await new Promise<number>((resolve, reject) => {
    child.on('error', (e) => reject(new HarnessError('TOOL_FAILED', `cannot run pact-broker: ${e.message}`)));
    child.on('close', (c) => resolve(c ?? 1));
  });
  return { code, stdout: redactText(stdout, secrets), stderr: redactText(stderr, secrets) };
}

// Publishing with the unmodified official client (`pact-broker` from
// @pact-foundation/pact-cli) against a local stand-in of the Broker's HTTP API
// (brokerStandIn.ts; no real Broker can run here). Provider project: it needs
// the pact the consumer project writes.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../cli/main.ts';
import { startBrokerStandIn, type BrokerStandIn } from './brokerStandIn.ts';
import { CONSUMER, PACT_FILE, PROVIDER } from './names.ts';

const BROKER_TOKEN = 'broker-test-token-4f1e2d';
// Through main(), as bin.mjs runs them: misuse is one line and main's exit status.
const publishCommand = (argv: string[], io: Parameters<typeof main>[1]): Promise<number> => main(['publish', ...argv], io);
const canIDeployCommand = (argv: string[], io: Parameters<typeof main>[1]): Promise<number> => main(['can-i-deploy', ...argv], io);
let broker: BrokerStandIn;
beforeAll(async () => {
  broker = await startBrokerStandIn({ token: BROKER_TOKEN });
});
afterAll(async () => broker.close());

function capture(env: Record<string, string> = {}): { lines: string[]; io: { stdout: (l: string) => void; stderr: (l: string) => void; env: Record<string, string> } } {
  const lines: string[] = [];
  return { lines, io: { stdout: (l) => lines.push(l), stderr: (l) => lines.push(l), env } };
}

describe('publish and can-i-deploy through the official pact-broker client', () => {
  it('publishes the pact with the consumer version, the branch and a Bearer token', async () => {
    const c = capture();
    const code = await publishCommand(['--broker-url', broker.url, '--broker-token', BROKER_TOKEN, '--consumer-version', '1.4.0+abc123', '--branch', 'feature/pact'], c.io);
    expect(code, c.lines.join('\n')).toBe(0);
    expect(broker.contracts).toHaveLength(1);
    const got = broker.contracts[0]!;
    expect(got).toMatchObject({ consumer: CONSUMER, provider: PROVIDER, consumerVersion: '1.4.0+abc123', branch: 'feature/pact' });
    expect((got.pact as { metadata: { pactSpecification: { version: string } } }).metadata.pactSpecification.version).toBe('4.0');
    // The contract as the consumer tests wrote it, every interaction (its size is the file's own, not pinned here).
    expect((got.pact as { interactions: unknown[] }).interactions).toHaveLength((JSON.parse(readFileSync(PACT_FILE, 'utf8')) as { interactions: unknown[] }).interactions.length);
    const publish = broker.requests.find((r) => r.method === 'POST' && r.url === '/contracts/publish');
    expect(publish?.authorization).toBe(`Bearer ${BROKER_TOKEN}`);
    expect(c.lines.join('\n')).not.toContain(BROKER_TOKEN);
  });

  it('takes the broker URL and token from PACT_BROKER_BASE_URL / PACT_BROKER_TOKEN', async () => {
    const c = capture({ PACT_BROKER_BASE_URL: broker.url, PACT_BROKER_TOKEN: BROKER_TOKEN });
    expect(await publishCommand(['--consumer-version', '1.4.1', '--branch', 'main'], c.io)).toBe(0);
    expect(broker.contracts.at(-1)).toMatchObject({ consumerVersion: '1.4.1', branch: 'main' });
  });

  it('asks can-i-deploy: yes (exit 0), then no (exit 1)', async () => {
    const args = ['--broker-url', broker.url, '--broker-token', BROKER_TOKEN, '--version', '1.4.0+abc123', '--to-environment', 'production'];
    const yes = capture();
    expect(await canIDeployCommand(args, yes.io)).toBe(0);
    expect(yes.lines.join('\n')).toContain('Computer says yes');
    expect(broker.requests.at(-1)?.url).toMatch(/^\/matrix\?q\[\]\[pacticipant\]=mfa-conformance&q\[\]\[version\]=1\.4\.0%2Babc123|^\/matrix\?q\[\]\[pacticipant\]=mfa-conformance&q\[\]\[version\]=1\.4\.0\+abc123/);
    broker.deployable = false;
    const no = capture();
    expect(await canIDeployCommand(args, no.io)).toBe(1);
    expect(no.lines.join('\n')).toContain('Computer says no');
    expect([...yes.lines, ...no.lines].join('\n')).not.toContain(BROKER_TOKEN);
  });

  it('exits 2 for misuse', async () => {
    const c = capture();
    expect(await publishCommand(['--consumer-version', '1'], c.io)).toBe(2);
    expect(c.lines).toEqual([expect.stringMatching(/^mfa-conformance: --broker-url \(or PACT_BROKER_BASE_URL\) is required/)]);
    const d = capture();
    expect(await canIDeployCommand(['--broker-url', broker.url], d.io)).toBe(2);
  });
});

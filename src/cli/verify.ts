// `mfa-conformance verify`: verifies a target (or the embedded reference
// server) against the consumer pacts in contracts/pacts, optionally recording
// the result in a Pact Broker. Exit 0 all verified, 1 verification failures
// (one line per failed interaction); misuse, an unreadable pact or an
// unreachable target throws a catalogued HarnessError (main.ts: one line,
// exit 2). Tokens are never printed: the verifier's report is redacted before
// it is relayed, and so is an error's message.
import { HarnessError, redactError } from './harnessError.ts';
import type { CommandIo } from './io.ts';
import { verifyTarget, type VerifyOptions } from '../pact/verifyTarget.ts';
import { redactText } from '../spec/redact.ts';
import { startServer } from '../server/startServer.ts';
import { ACCESS_OPTIONS, openTarget, resolveAccess, type OpenTarget } from './access.ts';
import { parseOptions, type CommandSpec } from './options.ts';
import { startForwardProxy, type ForwardProxy } from '../transport/forwardProxy.ts';

export const VERIFY = {
  name: 'verify',
  summary: 'Verifies a target (by default the embedded reference server) against the consumer pacts in contracts/pacts.',
  about: ['Exit 0: verified; 1: an interaction failed (one line each); 2: misuse, an unreadable pact, an unreachable target.'],
  options: {
    target: { type: 'string', value: 'URL', help: 'base URL with the API prefix (default: start the reference server)' },
    ...ACCESS_OPTIONS,
    pact: { type: 'string', multiple: true, value: 'FILE', help: 'a pact file (default: contracts/pacts/*.json)' },
    folder: { type: 'string', value: 'NAME', help: "a folder of the target's for the provider states" },
    snippet: { type: 'string', value: 'NAME', help: "a snippet of the target's for the provider states" },
    device: { type: 'string', value: 'NAME', help: "a device of the target's for the provider states" },
    verbose: { type: 'boolean', help: "the Verifier's whole report (redacted)" },
    publish: { type: 'boolean', help: "record the result in the Pact Broker (verifies the broker's pacts)", group: 'broker' },
    'provider-version': { type: 'string', value: 'V', help: 'the provider version to record', group: 'broker' },
    branch: { type: 'string', value: 'B', help: 'the provider branch to record', group: 'broker' },
    'broker-url': { type: 'string', value: 'URL', help: 'the Pact Broker', env: 'PACT_BROKER_BASE_URL', group: 'broker' },
    'broker-token': { type: 'string', value: 'T', help: "the Pact Broker's token", env: 'PACT_BROKER_TOKEN', group: 'broker' },
  },
} as const satisfies CommandSpec;

export async function verifyCommand(argv: string[], io: CommandIo = {}): Promise<number> {
  process.env['PACT_DO_NOT_TRACK'] = 'true';
  const out = io.stdout ?? ((l: string) => process.stdout.write(`${l}\n`));
  const env = io.env ?? process.env;
  const secrets: string[] = [];
  let stop: (() => Promise<void>) | undefined;
  let open: OpenTarget | undefined;
  let proxy: ForwardProxy | undefined;
  try {
    const values = parseOptions(VERIFY, argv);
    const access = resolveAccess(values, env);
    secrets.push(...access.secrets);
    const { token, readOnlyToken } = access;
    const brokerToken = values['broker-token'] ?? env['PACT_BROKER_TOKEN'];
    if (brokerToken) secrets.push(brokerToken);

    const opts: Partial<VerifyOptions> = {};
    if (values.pact) opts.pactFiles = values.pact;
    const containers = { folder: values.folder, snippet: values.snippet, device: values.device };
    if (Object.values(containers).some((v) => v !== undefined)) {
      opts.containers = Object.fromEntries(Object.entries(containers).filter(([, v]) => v !== undefined));
    }
    if (values.publish) {
      const url = values['broker-url'] ?? env['PACT_BROKER_BASE_URL'];
      if (!url) throw new HarnessError('BAD_FLAG', '--publish needs --broker-url or PACT_BROKER_BASE_URL');
      if (!values['provider-version'] || !values.branch) throw new HarnessError('BAD_FLAG', '--publish needs --provider-version and --branch');
      if (values.pact) throw new HarnessError('BAD_FLAG', '--publish verifies the pacts the broker holds; drop --pact');
      opts.broker = { url, publish: true, providerVersion: values['provider-version'], branch: values.branch };
      if (brokerToken) opts.broker.token = brokerToken;
    }

    if (values.target !== undefined) {
      if (!token) throw new HarnessError('BAD_FLAG', '--target needs --token (or MFA_TOKEN), or --client-id and --client-secret (or SCM_CLIENT_ID and SCM_CLIENT_SECRET)');
      opts.target = values.target;
      opts.token = token;
      if (readOnlyToken) opts.readOnlyToken = readOnlyToken;
      if (access.oauth || access.tls || access.rateLimit !== undefined) {
        // Pact's Verifier sends static headers to one base URL: it goes through a local proxy whose
        // client fetches and refreshes the tokens, waits out 429s and trusts the target's CA.
        open = openTarget(values.target, access, { concurrency: 4, timeoutMs: 30_000 });
        await open.authenticate();
        proxy = await startForwardProxy(open.client, open.transport.basePath);
        opts.target = proxy.url;
      }
    } else {
      if (access.oauth || access.tls) throw new HarnessError('BAD_FLAG', 'client credentials and TLS flags need --target (the embedded server knows its own tokens)');
      // No target: the embedded reference server with its default tokens
      // (contracts/decisions.md), or the ones given.
      const server = await startServer({
        port: 0,
        ...(token ? { tokens: [token] } : {}),
        ...(readOnlyToken ? { readOnlyTokens: [readOnlyToken] } : {}),
      });
      stop = server.close;
      opts.target = server.url;
      opts.token = token ?? 'dev-token';
      opts.readOnlyToken = readOnlyToken ?? 'dev-read-only-token';
    }

    const result = await verifyTarget(opts as VerifyOptions);
    const shown = values.target ?? opts.target;
    if (open) secrets.push(...open.secrets());
    const r = (s: string): string => redactText(s.split(opts.target!).join(shown!), secrets);
    if (values.verbose) out(r(result.output));
    for (const s of result.skipped) out(r(`SKIPPED ${s.description} (${s.reason})`));
    if (result.ok) {
      const n = opts.broker ? 'the broker\'s pacts' : `${result.interactions} interactions`;
      out(r(`verified ${n} against ${shown} in ${result.ms} ms`));
      return 0;
    }
    for (const f of result.failures) out(r(`FAILED ${f.description}: ${f.mismatches.join('; ') || 'verification failed'}`));
    out(r(`${result.failures.length} interaction(s) failed verification against ${shown}`));
    return 1;
  } catch (e) {
    if (open) secrets.push(...open.secrets());
    throw redactError(e, secrets);
  } finally {
    await proxy?.close();
    await open?.close();
    await stop?.();
  }
}

// Child-process entry that runs Pact's `Verifier`. Pact's native verifier
// prints its report straight to file descriptor 1 and returns only
// pass/fail to JavaScript (pact-core exposes no JSON report), so the parent
// (runVerifier.ts) runs it here, captures the text, redacts it and reads
// which interactions failed. The configuration, tokens included, arrives on
// stdin, never in argv or the environment.
import { Verifier, type VerifierOptions } from '@pact-foundation/pact';
import { createClient } from './client.ts';
import { createStateHandlers } from './providerStates.ts';
import { RESULT_MARK, type WorkerConfig } from './verifierProtocol.ts';
import { createRequestFilter } from './requestFilter.ts';
import { PROVIDER } from './names.ts';



async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function main(): Promise<void> {
  process.env['PACT_DO_NOT_TRACK'] = 'true';
  const cfg = JSON.parse(await readStdin()) as WorkerConfig;
  const opts: VerifierOptions = {
    provider: PROVIDER,
    providerBaseUrl: cfg.providerBaseUrl,
    // 'error': Pact's own log lines would otherwise echo requests (headers included).
    logLevel: 'error',
    timeout: 30_000,
  };
  if (cfg.broker) {
    opts.pactBrokerUrl = cfg.broker.url;
    if (cfg.broker.token !== undefined) opts.pactBrokerToken = cfg.broker.token;
    opts.consumerVersionSelectors = [{ mainBranch: true }, { matchingBranch: true }, { deployedOrReleased: true }];
    opts.publishVerificationResult = cfg.broker.publish;
    if (cfg.broker.providerVersion !== undefined) opts.providerVersion = cfg.broker.providerVersion;
    if (cfg.broker.branch !== undefined) opts.providerVersionBranch = cfg.broker.branch;
  } else {
    opts.pactUrls = cfg.pactUrls;
  }
  if (cfg.mode === 'target') {
    const token = cfg.token ?? '';
    const client = createClient({ baseUrl: cfg.providerBaseUrl, token });
    // Pact 16's typing wants plain functions; the {setup, teardown} form is supported at runtime (toolchain.md).
    opts.stateHandlers = createStateHandlers({
      client,
      ...(cfg.prefix !== undefined ? { prefix: cfg.prefix } : {}),
      ...(cfg.containers ? { containers: cfg.containers } : {}),
    }) as unknown as VerifierOptions['stateHandlers'];
    opts.requestFilter = createRequestFilter({ token, ...(cfg.readOnlyToken !== undefined ? { readOnlyToken: cfg.readOnlyToken } : {}) });
  }
  let ok = true;
  let error: string | undefined;
  try {
    await new Verifier(opts).verifyProvider();
  } catch (e) {
    ok = false;
    error = e instanceof Error ? e.message : String(e);
  }
  process.stdout.write(`\n${RESULT_MARK}${JSON.stringify({ ok, error })}\n`);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stdout.write(`\n${RESULT_MARK}${JSON.stringify({ ok: false, error: e instanceof Error ? e.message : String(e), crashed: true })}\n`);
    process.exit(0);
  },
);

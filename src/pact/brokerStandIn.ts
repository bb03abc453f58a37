// A local stand-in for the parts of the Pact Broker's documented HTTP API that
// `pact-broker publish` and `pact-broker can-i-deploy` (the unmodified
// official CLI, @pact-foundation/pact-cli) use: the HAL index `/`, the
// `pb:publish-contracts` relation (`POST /contracts/publish`) and the matrix
// query behind can-i-deploy (`GET /matrix`, `GET /can-i-deploy`). The real
// broker is a Ruby application shipped as a Docker image; neither Docker nor a
// Debian/npm package of it is available here (toolchain.md), so the tests use
// this. It records what it receives so a test can assert on it.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PublishedContract {
  consumer: string;
  provider: string;
  consumerVersion: string;
  branch?: string;
  tags: string[];
  /** The pact JSON as published. */
  pact: unknown;
}

export interface BrokerStandIn {
  url: string;
  /** Every request: method, path with query, Authorization header (for asserting Bearer use). */
  requests: { method: string; url: string; authorization?: string }[];
  contracts: PublishedContract[];
  /** What can-i-deploy answers (default deployable). */
  deployable: boolean;
  close(): Promise<void>;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : undefined;
}

export async function startBrokerStandIn(opts: { token?: string } = {}): Promise<BrokerStandIn> {
  const state: Omit<BrokerStandIn, 'url' | 'close'> = { requests: [], contracts: [], deployable: true };
  let base = '';
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', base);
      const authorization = req.headers.authorization;
      state.requests.push({ method: req.method ?? '', url: `${url.pathname}${url.search}`, ...(authorization ? { authorization } : {}) });
      const send = (status: number, body: unknown): void => {
        const text = JSON.stringify(body);
        res.writeHead(status, { 'content-type': 'application/hal+json', 'content-length': Buffer.byteLength(text) });
        res.end(text);
      };
      if (opts.token !== undefined && authorization !== `Bearer ${opts.token}`) return send(401, { error: 'unauthorized' });
      if (req.method === 'GET' && url.pathname === '/') {
        return send(200, {
          _links: {
            self: { href: base },
            'pb:publish-contracts': { href: `${base}/contracts/publish`, title: 'Publish contracts' },
            'pb:latest-version': { href: `${base}/pacticipants/{pacticipant}/latest-version`, templated: true },
            'pb:pacticipant-version': { href: `${base}/pacticipants/{pacticipant}/versions/{version}`, templated: true },
            'pb:can-i-deploy-pacticipant-version-to-environment': {
              href: `${base}/can-i-deploy?pacticipant={pacticipant}&version={version}&environment={environment}`,
              templated: true,
            },
            curies: [{ name: 'pb', href: `${base}/doc/{rel}?context=index`, templated: true }],
          },
        });
      }
      if (req.method === 'POST' && url.pathname === '/contracts/publish') {
        const body = (await readJson(req)) as {
          pacticipantName: string; pacticipantVersionNumber: string; branch?: string; tags?: string[];
          contracts: { consumerName: string; providerName: string; content: string }[];
        };
        for (const c of body.contracts ?? []) {
          state.contracts.push({
            consumer: c.consumerName,
            provider: c.providerName,
            consumerVersion: body.pacticipantVersionNumber,
            ...(body.branch !== undefined ? { branch: body.branch } : {}),
            tags: body.tags ?? [],
            pact: JSON.parse(Buffer.from(c.content, 'base64').toString('utf8')),
          });
        }
        const v = body.pacticipantVersionNumber;
        return send(200, {
          notices: (body.contracts ?? []).map((c) => ({ type: 'success', text: `Pact published for ${c.consumerName} version ${v} and provider ${c.providerName}.` })),
          _embedded: {
            pacticipant: { name: body.pacticipantName, _links: { self: { href: `${base}/pacticipants/${encodeURIComponent(body.pacticipantName)}` } } },
            version: { number: v, ...(body.branch ? { branch: body.branch } : {}), _links: { self: { href: `${base}/pacticipants/${encodeURIComponent(body.pacticipantName)}/versions/${encodeURIComponent(v)}` } } },
          },
          _links: {
            'pb:pacticipant': { title: 'Pacticipant', name: body.pacticipantName, href: `${base}/pacticipants/${encodeURIComponent(body.pacticipantName)}` },
            'pb:pacticipant-version': { title: 'Pacticipant version', name: v, href: `${base}/pacticipants/${encodeURIComponent(body.pacticipantName)}/versions/${encodeURIComponent(v)}` },
            'pb:pacticipant-version-tags': [],
            'pb:contracts': (body.contracts ?? []).map((c) => ({
              title: 'Pact',
              name: `Pact between ${c.consumerName} (${v}) and ${c.providerName}`,
              href: `${base}/pacts/provider/${encodeURIComponent(c.providerName)}/consumer/${encodeURIComponent(c.consumerName)}/version/${encodeURIComponent(v)}`,
            })),
          },
        });
      }
      if (req.method === 'GET' && (url.pathname === '/matrix' || url.pathname === '/can-i-deploy')) {
        const ok = state.deployable;
        return send(200, {
          summary: {
            deployable: ok,
            reason: ok ? 'All required verification results are published and successful' : 'One or more verifications failed',
            success: ok ? 1 : 0,
            failed: ok ? 0 : 1,
            unknown: 0,
          },
          notices: [{ type: ok ? 'success' : 'danger', text: ok ? 'All required verification results are published and successful' : 'One or more verifications failed' }],
          matrix: state.contracts.map((c) => ({
            consumer: { name: c.consumer, version: { number: c.consumerVersion } },
            provider: { name: c.provider, version: { number: 'stand-in' } },
            verificationResult: { success: ok, verifiedAt: new Date(0).toISOString() },
            pact: { createdAt: new Date(0).toISOString() },
          })),
        });
      }
      send(404, { error: `stand-in: no route for ${req.method} ${url.pathname}` });
    })().catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(state, {
    url: base,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  });
}

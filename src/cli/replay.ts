// `mfa-conformance replay FILE`: resends a shrunk command sequence
// (reports/sequences/*.json, report/sequenceFile.ts) to a target, step by
// step, each predicted by the oracle from a fresh model and checked like a
// run's: ids come from the earlier steps' answers, the sequence's own
// containers get fresh names, a redacted secret a stand-in of its length.
// Deletes what it created. Exit 0: every step conforms (the failure no longer
// reproduces); 1: a step fails; 2: misuse, an unreadable file, a refused token.
import { readFileSync } from 'node:fs';
import { StoreModel } from '../model/model.ts';
import { Session } from '../runner/session.ts';
import { DEFAULT_TOKENS } from '../oracle/config.ts';
import { SEQUENCE_FORMAT, type SequenceFileDoc } from '../report/sequenceFile.ts';
import { oneLine } from '../report/escape.ts';
import { redactText } from '../spec/redact.ts';
import type { ApiRequest } from '../spec/types.ts';
import { ACCESS_OPTIONS, openTarget, resolveAccess } from './access.ts';
import { startEmbeddedServer, type EmbeddedServer } from './embeddedServer.ts';
import { HarnessError } from './harnessError.ts';
import { intFlag, parseWithPositionals, type CommandSpec } from './options.ts';

export const REPLAY = {
  name: 'replay',
  summary: 'Resends a shrunk command sequence (reports/sequences/*.json) and checks every step: replay FILE [options].',
  about: ['Exit 0: every step conforms (the failure does not reproduce); 1: a step fails; 2: misuse, an unreadable file, a refused token.'],
  options: {
    target: { type: 'string', value: 'URL', help: 'base URL with the API prefix (default: start the reference server)', group: 'target' },
    ...ACCESS_OPTIONS,
    strict: { type: 'boolean', default: false, help: 'should rules fail a step too' },
    timeout: { type: 'string', value: 'MS', default: '10000', help: 'per-request deadline' },
  },
} as const satisfies CommandSpec;

const UNKNOWN_ID = '00000000-0000-4000-8000-00000000dead';

function readSequence(file: string): SequenceFileDoc {
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch (e) { throw new HarnessError('UNREADABLE_FILE', `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? 'unreadable'}`); }
  let doc: SequenceFileDoc;
  try { doc = JSON.parse(text) as SequenceFileDoc; } catch { throw new HarnessError('BAD_VALUE', `${file} is not JSON: not a sequence file of this harness`); }
  if (doc?.format !== SEQUENCE_FORMAT || !Array.isArray(doc.steps) || !Array.isArray(doc.containers)) throw new HarnessError('BAD_VALUE', `${file} is not a sequence file (format ${SEQUENCE_FORMAT})`);
  return doc;
}

/** A redacted secret's stand-in: as many characters as the original had. */
const standIns = (body: string): string => body.replace(/\[REDACTED (\d+) chars\]/g, (_m, n: string) => 's'.repeat(Math.min(Number(n), 1 << 20)));

export async function replayCommand(argv: string[], io: { stdout?: (l: string) => void; env?: Record<string, string | undefined> } = {}): Promise<number> {
  const out = io.stdout ?? ((l: string) => process.stdout.write(`${l}\n`));
  const { values: v, positionals } = parseWithPositionals(REPLAY, argv);
  if (positionals.length !== 1) throw new HarnessError('BAD_FLAG', 'replay takes one sequence file: mfa-conformance replay reports/sequences/<rule>-<seed>-<lane>.json');
  const doc = readSequence(positionals[0]!);
  const access = resolveAccess(v, io.env ?? process.env);
  if (v.target !== undefined && !access.token) throw new HarnessError('BAD_FLAG', '--target needs --token (or MFA_TOKEN), or --client-id and --client-secret');
  let { token, readOnlyToken } = access;
  let embedded: EmbeddedServer | undefined;
  let target = v.target;
  if (target === undefined) {
    token ??= DEFAULT_TOKENS.tokens[0]!;
    readOnlyToken ??= DEFAULT_TOKENS.readOnlyTokens[0]!;
    embedded = await startEmbeddedServer(['--token', token, '--read-only-token', readOnlyToken]);
    target = embedded.url;
  }
  const open = openTarget(target, access, { concurrency: 4, timeoutMs: intFlag('timeout', v.timeout, 100, 600_000) });
  const stamp = Math.floor(Date.now() / 1000).toString(36);
  const session = new Session({ send: (r) => open.client.send(r), urlOf: (r) => open.client.urlOf(r), seed: doc.seed, runId: `replay${stamp}`, strict: v.strict, token: token!, readOnlyToken });
  const model = new StoreModel();
  const state = { byId: (id: string) => model.byId(id), inContainer: (k: string, x: unknown) => model.inContainer(k, x), apply: model.apply.bind(model) };
  const containers = doc.containers.map((c, k) => (c.owned ? `mfa-conf-replay${stamp}-${k}${c.key[0]}` : c.value));
  const idOf = new Map<number, string>();
  const created: string[] = [];
  let failedAt: number | undefined;
  let group: { from: number; to: number; count: number; command: string; method: string; path: string; line: string } | undefined;
  const flush = (): void => {
    if (!group) return;
    const g = group;
    const what = g.count > 1 ? `${g.from}-${g.to}. ${g.method} ×${g.count}` : `${g.from}. ${g.method} ${g.path}`;
    out(oneLine(redactText(`${what} (${g.command}) ${g.line}`, open.secrets())));
    group = undefined;
  };
  try {
    await open.authenticate();
    out(`replay ${positionals[0]}: ${doc.steps.length} steps against ${target}${embedded ? ' (embedded reference server)' : ''}; the run had: ${doc.summary}`);
    for (const st of doc.steps) {
      const fill = (s: string, quoted: boolean): string => s
        .replace(/\{step (\d+)\}/g, (_m, n: string) => encodeURIComponent(idOf.get(Number(n)) ?? UNKNOWN_ID))
        .replace(quoted ? /"\{container (\d+)\}"/g : /\{container (\d+)\}/g, (_m, k: string) => (quoted ? JSON.stringify(containers[Number(k)]) : encodeURIComponent(containers[Number(k)] ?? '')));
      const t = st.token === 'read-only' ? readOnlyToken : st.token === 'read-write' ? token : undefined;
      if (st.token === 'read-only' && t === undefined) throw new HarnessError('BAD_FLAG', `step ${st.n} sends the read-only token: give --read-only-token or the read-only client`);
      const req: ApiRequest = {
        method: st.method, path: fill(st.path, false),
        headers: { ...(t !== undefined && { authorization: `Bearer ${t}` }), accept: 'application/json', ...(st.body !== undefined && { 'content-type': 'application/json' }) },
        ...(st.body !== undefined && { body: standIns(fill(st.body, true)) }),
      };
      const r = await session.exec(req, { boundary: false }, false, state);
      const id = (r.json as { id?: unknown } | undefined)?.id;
      if (req.method === 'POST' && r.ex.response && r.ex.response.status < 300 && typeof id === 'string') { idOf.set(st.n, id); created.push(id); }
      const bad = r.verdicts.find((x) => x.severity === 'failure');
      const got = r.ex.response ? String(r.ex.response.status) : `no answer (${r.ex.transportError?.code ?? ''})`;
      const line = `→ got ${got}${bad ? `  ✗ ${bad.rule}: ${bad.summary}` : ''}${st.failed ? '  [the run failed here]' : ''}`;
      // Passing steps of one command with one answer (a fill's creates) print as one line.
      if (group && !bad && group.command === st.command && group.method === req.method && group.line === line) { group.to = st.n; group.count++; }
      else { flush(); group = { from: st.n, to: st.n, count: 1, command: st.command, method: req.method, path: st.path, line }; }
      if (bad) { failedAt = st.n; break; }
    }
    flush();
  } finally {
    await session.deleteObjects(created);
    await open.close();
    await embedded?.close();
  }
  out(failedAt === undefined ? `replay: every step conforms: the failure does not reproduce against ${target}` : `replay: step ${failedAt} fails: the failure reproduces`);
  return failedAt === undefined ? 0 : 1;
}

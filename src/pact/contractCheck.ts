// Fuzz responses checked against the consumer contract by Pact's own matching
// engine (architecture.md "Where speed and Pact meet").
//
// Design: group exchanges by outcome class (2xx by operation; errors by
// status + `_errors[0].code` + message), keep one representative per class
// and response shape (sorted key paths), map each class to the contract
// interaction of that class (contractClasses.ts), write a generated V4 pact
// whose interactions are `GET /replay/<n>` → the CONTRACT's response (matching
// rules included), replay the recorded actual responses from a local server
// and run Pact's Verifier on it. Each mismatch Pact reports becomes a Finding.
//
// Cost, measured on this machine (2 cores, Node 20, 2,000 recorded exchanges,
// checkAgainstContract wall time):
//   - fixed: ~1.4 s per call (child process: node + tsx + Pact's native
//     library + Verifier proxy), 2,001 exchanges in 2 classes → 1.49 s;
//   - per representative: ~22 ms (2,020 exchanges, 21 representatives → 1.92 s);
//   - grouping: negligible (< 50 ms for 2,000 exchanges: one JSON.parse each);
//   - contractCheck.provider.test.ts: 240 exchanges, 8 classes, 11 checked, 1.7 s.
// So a run calls it once, at the end, on all its exchanges; pushing every
// response through the Verifier (~10–20 ms each, architecture.md) would cost
// 20–40 s for 2,000 cases instead of ~1.5–2 s.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Exchange, Finding, ReplayFacts } from '../runner/results.ts';
import { spec } from '../spec/model.ts';
import type { Strength } from '../spec/types.ts';
import type { ExpectedAnswer } from '../spec/expectation.ts';
import { redactBody, redactRequest, redactText } from '../spec/redact.ts';
import { classOf, interactionFor, shapeOf, successResponseFor, type PactInteraction } from './contractClasses.ts';
import { HarnessError } from '../spec/errors.ts';
import { CONSUMER, PACT_FILE, PROVIDER } from './names.ts';
import { startReplayServer } from './replayServer.ts';
import { runVerifier } from './runVerifier.ts';

export { exportPact } from './exportPact.ts';

export interface ContractCheckResult {
  findings: Finding[];
  /** Representatives replayed through the Verifier. */
  checked: number;
  /** Distinct outcome classes seen (with or without a contract interaction). */
  classes: number;
  /** Classes none of whose shapes the contract has an interaction for (not checked). */
  skippedClasses: number;
  ms: number;
}

function sentJson(ex: Exchange): unknown {
  try {
    const b = ex.request.body;
    return b === undefined ? undefined : JSON.parse(typeof b === 'string' ? b : new TextDecoder().decode(b));
  } catch {
    return undefined;
  }
}

function loadInteractions(file: string): PactInteraction[] {
  try {
    const pact = JSON.parse(readFileSync(file, 'utf8')) as { interactions?: PactInteraction[] };
    if (!Array.isArray(pact.interactions)) throw new Error('no interactions');
    return pact.interactions;
  } catch (e) {
    throw new HarnessError('BAD_CONTRACT', `cannot read pact file ${file}: ${(e as Error).message.split('\n')[0]}`);
  }
}

/** The rule of a class when exactly one catalogue rule has that outcome; else `contract.<class>`. */
const MAX_PER_CLASS = 3;

function ruleOf(c: ReturnType<typeof classOf>, expected: PactInteraction): string {
  if (c.status < 300) return spec.rules.has(`${c.op}.success`) ? `${c.op}.success` : `contract.${c.key}`;
  const want = classOf({ method: 'GET', path: '/', headers: {} }, { status: expected.response.status, headers: {}, body: JSON.stringify(expected.response.body?.content ?? {}) });
  // An open point's alternative answers look like the rule they borrow from (409 Name Not Unique): the rule itself is meant.
  const hits = [...spec.rules.values()].filter((r) => r.strength !== 'open' && r.status === want.status && r.code === want.head.code && r.message === want.head.message);
  return hits.length === 1 ? hits[0]!.id : `contract.${want.key.replace(/\s+/g, '-')}`;
}

export async function checkAgainstContract(
  exchanges: Exchange[],
  opts: {
    pactFile?: string; seed: number; secrets?: string[];
    /** The oracle's rule for an exchange (the runner knows it); else guessed from the contract. */
    ruleFor?: (ex: Exchange) => string | undefined;
    /** A replay line for an exchange (the runner's curl line); else `METHOD path`. */
    replayFor?: (ex: Exchange) => string;
    /** The Authorization form and the answers of an empty target (runner/session.ts replayFacts): what --export-pact needs. */
    replayFacts?: (ex: Exchange) => ReplayFacts;
    /**
     * The strength of the answer an exchange was held to (semantics.md: "The
     * body of a should outcome ... at should strength, like the outcome
     * itself"): a mismatch of a should answer is a warning unless `strict`,
     * an open answer is not replayed at all. Default: must.
     */
    strengthFor?: (ex: Exchange) => Strength;
    strict?: boolean;
  },
): Promise<ContractCheckResult & { checked: number }> {
  const t0 = performance.now();
  const interactions = loadInteractions(opts.pactFile ?? PACT_FILE);
  const classes = new Set<string>();
  const skipped = new Set<string>(); // representative keys without an interaction
  const covered = new Set<string>(); // class keys with at least one checked representative
  const perClass = new Map<string, number>();
  const reps = new Map<string, { ex: Exchange; cls: ReturnType<typeof classOf>; contract: PactInteraction }>();
  for (const ex of exchanges) {
    if (!ex.response || ex.response.truncated) continue;
    const strength = opts.strengthFor?.(ex) ?? 'must';
    if (strength === 'open') continue;
    const cls = classOf(ex.request, ex.response);
    classes.add(cls.key);
    // The sent body's shape counts for successes: the expected echo depends on it.
    const key = `${cls.key}|${strength}|${shapeOf(cls.body)}|${cls.status < 300 ? shapeOf(sentJson(ex)) : ''}`;
    if (reps.has(key) || skipped.has(key)) continue;
    // At most a few shapes per class: each representative costs ~22 ms of Verifier time.
    if ((perClass.get(cls.key) ?? 0) >= MAX_PER_CLASS) continue;
    const contract = interactionFor(cls, interactions);
    if (!contract) {
      skipped.add(key);
      continue;
    }
    covered.add(cls.key);
    perClass.set(cls.key, (perClass.get(cls.key) ?? 0) + 1);
    reps.set(key, { ex, cls, contract });
  }
  const list = [...reps.values()];
  const findings: Finding[] = [];
  if (list.length > 0) {
    const pact = {
      consumer: { name: CONSUMER },
      provider: { name: `${PROVIDER}-replay` },
      interactions: list.map((r, n) => ({
        type: 'Synchronous/HTTP',
        description: `replay ${n}`,
        pending: false,
        request: { method: 'GET', path: `/replay/${n}` },
        response: r.cls.status < 300 ? successResponseFor(r.contract, sentJson(r.ex)) : r.contract.response,
      })),
      metadata: { pactSpecification: { version: '4.0' } },
    };
    const dir = mkdtempSync(join(tmpdir(), 'mfa-contract-check-'));
    const file = join(dir, 'replay.json');
    writeFileSync(file, JSON.stringify(pact));
    const replay = await startReplayServer(list.map((r) => r.ex.response!));
    try {
      const run = await runVerifier(
        { providerBaseUrl: replay.url, pactUrls: [file], mode: 'replay' },
        { descriptions: pact.interactions.map((i) => i.description), ...(opts.secrets ? { secrets: opts.secrets } : {}) },
      );
      if (run.error !== undefined) throw new HarnessError('TOOL_FAILED', `contract check: ${run.error}`);
      for (const f of run.failures) {
        const r = list[Number(/^replay (\d+)$/.exec(f.description)?.[1] ?? -1)];
        if (!r) continue;
        const exp = r.contract.response;
        const head = classOf({ method: 'GET', path: '/', headers: {} }, { status: exp.status, headers: {}, body: JSON.stringify(exp.body?.content ?? {}) }).head;
        const expected = `${exp.status}${head.code ? ` ${head.code}` : ''}${head.message ? ` (${head.message})` : ''}`;
        const req = redactRequest(r.ex.request, opts.secrets);
        const strength = opts.strengthFor?.(r.ex) === 'should' ? 'should' : 'must';
        const rule = opts.ruleFor?.(r.ex) ?? ruleOf(r.cls, r.contract);
        // As data: the contract's answer and the response it describes (what --export-pact writes). The oracle's
        // prediction is not kept with the sample: where its answers for the request on an empty target include the
        // contract's, those are the answers (state none); where they do not, the answer came from objects held.
        const answer: ExpectedAnswer = { status: exp.status, ...(head.code !== undefined && { code: head.code }), ...(head.message !== undefined && { message: head.message }), rule, strength, basis: spec.rules.get(rule)?.basis ?? 'spec' };
        const facts = opts.replayFacts?.(r.ex);
        const same = (o: ExpectedAnswer): boolean => o.statusMax === undefined && o.status === answer.status && (answer.status < 400 || (o.code === answer.code && o.message === answer.message));
        const state = facts && (facts.emptyTarget.some(same) ? 'none' as const : 'held' as const);
        findings.push({
          check: 'pact',
          rule,
          strength,
          severity: strength === 'must' || opts.strict ? 'failure' : 'warning',
          expected: { anyOf: state === 'none' ? facts!.emptyTarget : [answer], heldTo: answer, assert: { kind: 'pact', interaction: r.contract.description, response: pact.interactions[list.indexOf(r)]!.response }, ...(state && { state }) },
          ...(facts?.authorization !== undefined && { authorization: facts.authorization }),
          ...(facts?.requestBodyNotText && { requestBodyNotText: true as const }),
          // One line, for people: writers read `expected`.
          summary: redactText(`Received: ${r.cls.key} / Expected: ${expected} / Pact "${r.contract.description}": ${f.mismatches.join('; ')}`, opts.secrets).replace(/\s+/g, ' '),
          request: req,
          response: { ...r.ex.response!, body: redactBody(r.ex.response!.body, opts.secrets) },
          seed: opts.seed,
          replay: opts.replayFor?.(r.ex) ?? `${req.method} ${req.path}`,
        });
      }
    } finally {
      await replay.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return { findings, checked: list.length, classes: classes.size, skippedClasses: [...classes].filter((k) => !covered.has(k)).length, ms: Math.round(performance.now() - t0) };
}

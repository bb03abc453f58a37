// The stateful phase (issue "Stateful testing"): model-based command
// sequences (src/model) run by fast-check (fc.commands + fc.asyncModelRun)
// against the target. Each sequence works in containers of its own (named
// after the run) or, on a tenant, in the user's containers under names of its
// own, and deletes what it created when it ends, pass or fail. Every step is
// predicted by the oracle from the sequence's model and checked like any
// case; a failing step fails the sequence, which fast-check shrinks to the
// shortest one that still fails: the report shows its numbered steps.
// Lanes: several fc.check runs side by side, each from its own seed and with
// its own mix of commands (model/commands.ts PROFILES: swarm testing). Every
// sequence starts from the same three creates, and in the paging lane a fill
// past one default page (prelude()).
import fc from 'fast-check';
import { commandArbitraries, prelude, PROFILES, type ContainerRef, type Model, type Real } from '../model/commands.ts';
import { StoreModel } from '../model/model.ts';
import { flat, type Prediction } from '../oracle/predict.ts';
import { redactBody, redactRequest } from '../spec/redact.ts';
import type { ApiRequest, Outcome } from '../spec/types.ts';
import type { Verdict } from '../checks/index.ts';
import type { Exchange, Finding, SequenceStep } from './results.ts';
import type { Session } from './session.ts';
import { RunStopped } from './stopper.ts';
import { parseJson } from './evaluateExchange.ts';

export interface StatefulOptions {
  /** Sequences in all (the lanes share them). */
  runs: number;
  seed: number;
  /** Commands per sequence at most (default 20). */
  maxCommands?: number;
  /** A tenant's containers: sequences work there under names of their own, instead of in containers of their own. */
  tenantContainers?: ContainerRef[];
  /** Time for shrinking, all lanes together (default 6 s). */
  shrinkBudgetMs?: number;
  /** How the reports' replay line names a sequence's file. */
  replayLine(file: string): string;
  /** Whether the run has been stopped (an interrupt, the deadline): no new sequence starts. */
  stopped(): boolean;
  /** This run's shard (runner/run.ts): only its own sequences (global index - 1 modulo count) are sent. */
  shard?: { index: number; count: number };
  /** Called as each sequence ends. */
  onSequence?(failed: boolean): void;
}

export interface StatefulResult { sequences: number; failed: number; counterexamples: Finding[] }

/** A step's answer broke a rule: the sequence fails here. */
class StepFailed extends Error {
  constructor(readonly verdict: Verdict, readonly ex: Exchange) {
    super(verdict.summary);
  }
}

/** The lane seeds: a fixed function of the run's seed. */
export const laneSeed = (seed: number, lane: number): number => (seed * 31 + 104_729 * (lane + 1)) % 2 ** 31;

function describeOutcomes(p: Prediction): string {
  const show = (o: Outcome): string => [o.statusMax !== undefined ? `${o.status}-${o.statusMax}` : String(o.status), o.code, o.message].filter(Boolean).join(' ');
  return [...new Set(flat(p.expected).map(show))].join(' or ');
}
function describeAnswer(ex: Exchange, json: unknown): string {
  if (!ex.response) return `no answer (${ex.transportError?.code ?? 'transport failure'})`;
  const e = (json as { _errors?: Array<{ code?: unknown; message?: unknown }> } | undefined)?._errors?.[0];
  return [String(ex.response.status), typeof e?.code === 'string' ? e.code : '', typeof e?.message === 'string' ? e.message : ''].filter(Boolean).join(' ');
}

/** One sequence's side of the target: sends through the session, records numbered steps, deletes what it made. */
class SequenceReal implements Real {
  readonly steps: SequenceStep[] = [];
  private readonly created = new Set<string>();
  /** id → the step whose answer gave it (replay fills it in from that step's answer). */
  private readonly idFrom = new Map<string, number>();
  /** Requests sent so far (a fill's creates go side by side: numbered as sent, not as answered). */
  private sent = 0;

  constructor(private readonly session: Session, private readonly model: Model, private readonly record: boolean, private readonly owned: ReadonlyArray<readonly [string, string]>, private readonly key: string) {}

  async send(req: ApiRequest, command: string): Promise<void> {
    const r = await this.session.exec(req, { boundary: false, key: `${this.key}.${this.sent++}` }, this.record, {
      byId: (id) => this.model.store.byId(id),
      idTaken: (id) => this.model.store.idTaken(id),
      inContainer: (k, v) => this.model.store.inContainer(k, v),
      apply: (ex, json, predicted) => this.model.store.apply(ex, json, predicted),
    });
    const n = this.steps.length + 1;
    const id = (r.json as { id?: unknown } | undefined)?.id;
    if (req.method === 'POST' && r.ex.response && r.ex.response.status < 300 && typeof id === 'string') {
      this.created.add(id);
      this.idFrom.set(id, n);
    }
    const bad = r.verdicts.find((v) => v.severity === 'failure');
    this.steps.push(this.step(n, command, r.ex, r.prediction, r.json, bad !== undefined));
    if (bad) throw new StepFailed(bad, r.ex);
  }

  async sendAll(reqs: ApiRequest[], command: string): Promise<void> {
    const queue = [...reqs];
    let failure: unknown;
    const worker = async (): Promise<void> => {
      for (let q = queue.shift(); q && failure === undefined; q = queue.shift()) {
        try { await this.send(q, command); } catch (e) { failure ??= e; }
      }
    };
    await Promise.all(Array.from({ length: Math.min(8, queue.length) }, worker));
    if (failure !== undefined) throw failure;
  }

  private step(n: number, command: string, ex: Exchange, p: Prediction, json: unknown, failed: boolean): SequenceStep {
    const secrets = this.session.secretsFor([]);
    const req = redactRequest(ex.request, secrets);
    let path = ex.request.path;
    for (const [id, from] of this.idFrom) if (path.includes(encodeURIComponent(id))) path = path.split(encodeURIComponent(id)).join(`{step ${from}}`);
    let body = typeof req.body === 'string' ? redactBody(req.body, secrets) : undefined;
    this.owned.forEach(([, value], k) => {
      path = path.split(encodeURIComponent(value)).join(`{container ${k}}`);
      if (body !== undefined) body = body.split(JSON.stringify(value)).join(`"{container ${k}}"`);
    });
    const auth = ex.request.headers['authorization'] ?? '';
    const ctx = this.session.ctx;
    const token = auth.endsWith(` ${ctx.token}`) ? 'read-write' : ctx.readOnlyToken !== undefined && auth.endsWith(` ${ctx.readOnlyToken}`) ? 'read-only' : 'other';
    return {
      n, command, request: req, replayPath: path, ...(body !== undefined && { replayBody: body }), token,
      expected: describeOutcomes(p), received: describeAnswer(ex, json), replay: this.session.replay(ex), ...(failed && { failed: true }),
    };
  }

  /** Deletes every object a step created (a 2xx create, predicted or not); returns whether any stayed. */
  async teardown(): Promise<boolean> {
    if (this.created.size === 0) return false;
    const r = await this.session.deleteObjects([...this.created]);
    return r.left.length > 0;
  }
}

export async function statefulPhase(session: Session, o: StatefulOptions): Promise<StatefulResult> {
  const perLane = laneRuns(o.runs);
  const ctx = session.ctx;
  // Unbiased, size 'max': lengths spread evenly up to maxCommands, where
  // fast-check's bias would draw many short sequences.
  const commandsOf = (k: number) => fc.noBias(fc.commands(commandArbitraries(ctx, PROFILES[k]), { maxCommands: o.maxCommands ?? 20, size: 'max' }));
  const result: StatefulResult = { sequences: 0, failed: 0, counterexamples: [] };
  const shrinkUntil = { at: Infinity };
  let stopped = false;
  const lane = async (k: number): Promise<void> => {
    const numRuns = perLane[k]!;
    const seed = laneSeed(o.seed, k);
    const start = prelude(PROFILES[k]!, 1 + (seed % 8));
    const before = perLane.slice(0, k).reduce((a, b) => a + b, 0);
    const shard = o.shard ?? { index: 1, count: 1 };
    if (numRuns === 0) return;
    let n = 0;
    let failedOnce = false;
    let last: { steps: SequenceStep[]; failure: StepFailed; containers: Array<{ key: string; value: string; owned: boolean }> } | undefined;
    const property = fc.asyncProperty(commandsOf(k), async (cmds) => {
      // Once stopped, or past the shrink budget, every further run passes at once (fast-check then ends).
      if (stopped || o.stopped() || (failedOnce && Date.now() > shrinkUntil.at)) return true;
      // Runs after the first failure are fast-check's shrinking: not counted, not recorded.
      const shrinking = failedOnce;
      // A shard sends only its own sequences; the others are drawn (the stream stays the seed's) and pass unsent.
      if (!shrinking && (before + n) % shard.count !== shard.index - 1) { n++; return true; }
      const key = `s${k}.${n}`;
      const seq = `${k}q${n++}`;
      const containers = worldContainers(ctx.namePrefix, seq, o.tenantContainers);
      const owned = o.tenantContainers ? [] : containers;
      const model: Model = { store: new StoreModel(), world: { ctx, containers, namePrefix: `${ctx.namePrefix}${seq}-` }, fresh: 0 };
      const real = new SequenceReal(session, model, !failedOnce, owned, key);
      let failed = false;
      try {
        await fc.asyncModelRun(() => ({ model, real }), [...start, ...cmds]);
        return true;
      } catch (e) {
        if (e instanceof RunStopped) { stopped = true; return true; }
        if (!(e instanceof StepFailed)) throw e;
        failed = true;
        if (!failedOnce) shrinkUntil.at = Math.min(shrinkUntil.at, Date.now() + (o.shrinkBudgetMs ?? 6_000));
        failedOnce = true;
        last = { steps: real.steps, failure: e, containers: containers.map(([key, value]) => ({ key, value, owned: !o.tenantContainers })) };
        return false;
      } finally {
        if (await real.teardown()) for (const c of containers) session.sweepLater.set(`${c[0]}\u0000${c[1]}`, c);
        if (!shrinking) { result.sequences++; if (failed) result.failed++; o.onSequence?.(failed); }
      }
    });
    const details = await fc.check(property, { seed, numRuns, endOnFailure: false });
    if (details.failed && last) {
      const { failure, steps, containers } = last;
      const file = `sequences/${failure.verdict.rule}-${o.seed}-${k}.json`;
      const f = session.finding(failure.verdict, failure.ex, details.counterexamplePath ?? undefined, seed);
      f.summary = `${f.summary} (step ${steps.length} of a ${steps.length}-step sequence)`;
      f.replay = o.replayLine(file);
      f.sequence = { steps, containers, file, seed, ...(details.counterexamplePath && { path: details.counterexamplePath }) };
      result.counterexamples.push(f);
    }
  };
  await Promise.all(PROFILES.map((_, k) => lane(k)));
  // Lanes that failed the same rule: the shortest sequence first (the report keeps a rule's first few).
  result.counterexamples.sort((a, b) => (a.sequence?.steps.length ?? 0) - (b.sequence?.steps.length ?? 0));
  return result;
}

/**
 * Sequences per lane (PROFILES order): the paging lane gets one in 32 (at
 * least one from 8 sequences on), the others share the rest.
 */
export function laneRuns(runs: number): number[] {
  const paging = runs >= 8 ? Math.max(1, Math.floor(runs / 32)) : 0;
  const rest = runs - paging;
  const n = PROFILES.length - 1;
  return [...Array.from({ length: n }, (_, k) => Math.floor(rest / n) + (k < rest % n ? 1 : 0)), paging];
}

/** A sequence's two containers: of its own (folder and snippet named after the run), or a tenant's. */
function worldContainers(prefix: string, seq: string, tenant?: ContainerRef[]): readonly [ContainerRef, ContainerRef] {
  if (tenant && tenant.length > 0) return [tenant[0]!, tenant[1] ?? tenant[0]!];
  // Container values follow the seed's regex (letters, digits, - _ . and space) and stay within 64 characters.
  const base = `${prefix}${seq}`.replace(/[^A-Za-z0-9_. -]/g, '').slice(-60);
  return [['folder', `${base}-a`], ['snippet', `${base}-b`]];
}

/** A step's body as the oracle reads it (for tests and replay). */
export const stepJson = (s: SequenceStep): unknown => (s.replayBody === undefined ? undefined : parseJson(s.replayBody));

// One conversation with a target: the state it holds as far as we know, the
// oracle's configuration, and `exec` (predict → send → check → record).
// Used by the CLI runner and by the vitest property suites alike.
import type { Verdict } from '../checks/index.ts';
import { resolveRequest, type GenCase, type GenContext } from '../generate/index.ts';
import type { OracleConfig } from '../oracle/config.ts';
import { flat, predict, type Prediction } from '../oracle/predict.ts';
import type { StateView } from '../oracle/stateView.ts';
import { redactBody, redactJson, redactRequest, redactText, REDACTED } from '../spec/redact.ts';
import { spec } from '../spec/model.ts';
import type { ApiRequest, Strength } from '../spec/types.ts';
import { shapeStrength } from '../checks/check.ts';
import { answerOf, expectationOf } from '../checks/expectation.ts';
import type { Expectation, ExpectedAnswer } from '../spec/expectation.ts';
import { checkExchange, parseJson } from './evaluateExchange.ts';
import { replayLine, type ReplayTokens } from './replayLine.ts';
import type { Exchange, Finding, ReplayFacts } from './results.ts';
import { RequestIds } from './requestIds.ts';
import { RuleStats } from './ruleStats.ts';
import { StateTracker } from './stateTracker.ts';
import { deleteObject, sweep, type SweepTarget } from './sweep.ts';

/** What a run's clean-up did: objects deleted, and those it could not delete (the user is told to run `cleanup`). */
export interface CleanupResult { deleted: number; left: Array<{ id: string; why: string }> }

/** Containers of creates whose outcome is unknown, kept for the sweep at most (a hostile target must not grow it without end). */
const UNCERTAIN_CONTAINERS = 256;

/**
 * Objects the run's state holds before each case deletes, in its own turn,
 * the objects it made (issue 13: memory does not grow with the cases). A
 * default run makes ~1,300 and keeps them all, so cases still meet earlier
 * cases' objects; a 10^6-case run makes ~400,000, which the state held at
 * ~1 KB each and the target's store too. The scheduler gives a case its
 * containers until it ends, so no other case sees the object go.
 */
export const LIVE_OBJECTS = 8192;

export interface SessionOptions {
  send(req: ApiRequest): Promise<Exchange>;
  urlOf(req: ApiRequest): string;
  seed: number;
  /** Names the run's objects (`mfa-conf-<runId>-`); defaults to the seed. Letters and digits. */
  runId?: string;
  strict: boolean;
  profile?: 'default' | 'openapi';
  token: string;
  readOnlyToken?: string | undefined;
  expiredToken?: string | undefined;
  /** Objects the state holds before a case deletes what it made (default LIVE_OBJECTS). */
  liveObjects?: number;
  /** Before a case's request is sent (the run's stopper: it may throw RunStopped). Clean-up does not call it. */
  beforeSend?(): void;
  /** After a case's request got an exchange, with the statuses the oracle expected. */
  afterSend?(ex: Exchange, expectedStatuses: readonly number[]): void;
  /** `shape`: the strength the answer's shape is held at (checks/check.ts shapeStrength): what a Pact mismatch of it weighs. */
  onExchange?(ex: Exchange, verdicts: Verdict[], ruleId: string, shape: Strength, key?: string): void;
}

/** A finding keeps at most this much of a body (characters; the reports show as much), marked cut with its full size. */
const FINDING_BODY_CHARS = 16 * 1024;
/** Findings kept per rule and check: a target failing every case keeps a bounded list. */
const FINDINGS_PER_CHECK = 3;
/**
 * A copy of a string that does not keep its source alive: V8's slice of a
 * 1 MiB body is a view of the whole body, so every finding of a target
 * answering huge bodies held its megabyte (measured: 711 MB peak RSS).
 */
const detached = (s: string): string => Buffer.from(s, 'utf8').toString('utf8');
/** Bytes a finding's text keeps exactly: UTF-8 without a BOM (redactRequest's decoding drops a BOM and replaces what is not UTF-8). */
const isText = (b: Uint8Array): boolean => {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return false;
  try { new TextDecoder('utf-8', { fatal: true }).decode(b); return true; } catch { return false; }
};
const bodyBytes = (b: string | Uint8Array | undefined): number => (b === undefined ? 0 : typeof b === 'string' ? Buffer.byteLength(b) : b.length);

const SECRET_FIELD = new RegExp(`"(?:${spec.secretFields.join('|')})"`);
const SECRET_VALUE = new RegExp(`"(?:${spec.secretFields.join('|')})"\\s*:\\s*("(?:[^"\\\\]|\\\\.)*")`, 'g');

export interface CaseMeta {
  boundary: boolean; vendor?: string; container?: string;
  /**
   * The exchange's place in the run, the same in every run of one seed
   * whatever the scheduling: 'b12' (boundary case 12), 'r300' (random case
   * 300), 'l3.4' (lifecycle 3, step 4), 's2.5.7' (lane 2, sequence 5, step
   * 7); a case's setup creates add '/0', '/1'... (diff pairs two targets' answers by it).
   */
  key?: string;
}
export interface Executed { ex: Exchange; verdicts: Verdict[]; rule: string; prediction: Prediction; json: unknown; matched: boolean }

/** What a request is predicted from and what its answer advances: the session's own state, or a sequence's model. */
export interface KnownState extends StateView {
  /** `predicted`: the answer matched an outcome the oracle allows. */
  apply(ex: Exchange, json: unknown, predicted: boolean): void;
}

export class Session {
  readonly state = new StateTracker();
  readonly stats: RuleStats;
  /** The first few findings of each rule and check (bounded: see FINDINGS_PER_CHECK). */
  readonly findings: Finding[] = [];
  private readonly kept = new Map<string, number>();
  readonly ctx: GenContext;
  /** The run's tokens: redacted everywhere. */
  readonly secrets: string[];
  /** The secret field values of each finding's exchange. */
  private readonly findingSecrets = new WeakMap<Finding, string[]>();

  /**
   * Tokens and the secret field values of these findings' exchanges: what a
   * writer must redact wherever it appears, even where a target echoed a
   * secret into another field.
   */
  secretsFor(findings: Iterable<Finding>): string[] {
    const out = new Set(this.secrets);
    for (const f of findings) for (const s of this.findingSecrets.get(f) ?? []) out.add(s);
    return [...out];
  }
  failures = 0;
  private readonly requestIds = new RequestIds();
  /**
   * Containers of creates that may have stored an object the run cannot
   * name by id (no answer, a 5xx, a 2xx without an id): the clean-up lists
   * them and deletes what carries the run's prefix.
   */
  private readonly uncertain = new Map<string, readonly [string, string]>();
  private readonly cfg: OracleConfig;
  private readonly tokens: ReplayTokens;

  constructor(private readonly o: SessionOptions) {
    this.ctx = {
      token: o.token, namePrefix: `mfa-conf-${o.runId ?? o.seed}-`,
      ...(o.readOnlyToken !== undefined && { readOnlyToken: o.readOnlyToken }),
      ...(o.expiredToken !== undefined && { expiredToken: o.expiredToken }),
    };
    // The oracle knows exactly the tokens the harness was given.
    this.cfg = {
      tokens: [o.token], readOnlyTokens: o.readOnlyToken ? [o.readOnlyToken] : [], expiredTokens: o.expiredToken ? [o.expiredToken] : [], profile: o.profile ?? 'default',
    };
    this.stats = new RuleStats(this.cfg.profile);
    this.secrets = [o.token, o.readOnlyToken, o.expiredToken].filter((s): s is string => !!s);
    this.tokens = { token: o.token, ...(o.readOnlyToken && { readOnlyToken: o.readOnlyToken }), ...(o.expiredToken && { expiredToken: o.expiredToken }) };
  }

  /** The curl line replaying an exchange's request, tokens as environment variables. */
  replay(ex: Exchange): string {
    return replayLine(this.o.urlOf(ex.request), ex.request, this.tokens);
  }

  /**
   * A finding as data: redacted request and response, replay line, seed,
   * fast-check path. Bodies are kept to 64 KiB, marked cut with their full
   * size: memory stays bounded whatever a target sends.
   */
  finding(v: Verdict, ex: Exchange, path?: string, seed = this.o.seed): Finding {
    const secrets = this.secretsOf(ex);
    const request = redactRequest(ex.request, secrets);
    const f: Finding = {
      check: v.check, rule: v.rule, strength: v.strength, severity: v.severity, summary: v.summary,
      request, seed, replay: this.replay(ex),
    };
    if (typeof request.body === 'string' && request.body.length > FINDING_BODY_CHARS) {
      f.requestBodyBytes = bodyBytes(ex.request.body);
      request.body = detached(request.body.slice(0, FINDING_BODY_CHARS));
    }
    if (ex.response) {
      const body = ex.response.body.length > FINDING_BODY_CHARS ? detached(ex.response.body.slice(0, FINDING_BODY_CHARS)) : ex.response.body;
      f.response = { ...ex.response, body: redactBody(body, secrets) };
      if (body !== ex.response.body || ex.response.truncated) f.response.bodyBytes = ex.response.bodyBytes ?? Buffer.byteLength(ex.response.body);
    }
    if (path !== undefined) f.path = path;
    const facts = this.replayFacts(ex, secrets);
    if (v.expected) f.expected = this.expectedOf(v.expected, facts.emptyTarget, secrets);
    if (facts.authorization !== undefined) f.authorization = facts.authorization;
    if (facts.requestBodyNotText) f.requestBodyNotText = true;
    this.findingSecrets.set(f, secrets);
    return f;
  }

  /** What `--export-pact` needs of an exchange beyond its redacted request (the contract check's findings are made outside `finding`). */
  replayFacts(ex: Exchange, secrets: readonly string[] = this.secretsOf(ex)): ReplayFacts {
    const facts: ReplayFacts = { emptyTarget: flat(predict(ex.request, [], this.cfg).expected).map(answerOf) };
    const auth = ex.request.headers['authorization'];
    if (auth !== undefined) facts.authorization = this.authorizationOf(auth, secrets);
    if (ex.request.body instanceof Uint8Array && !isText(ex.request.body)) facts.requestBodyNotText = true;
    return facts;
  }

  /** A verdict's expectation as a finding keeps it: redacted, and whether the oracle's answers are those of an empty target. */
  private expectedOf(e: Expectation, emptyTarget: ExpectedAnswer[], secrets: readonly string[]): Expectation {
    const none = JSON.stringify(emptyTarget) === JSON.stringify(e.anyOf);
    let out: Expectation;
    try {
      out = JSON.parse(redactText(JSON.stringify(redactJson(e)), secrets)) as Expectation;
    } catch {
      out = { anyOf: [], assert: e.assert }; // redaction broke the JSON: keep no values
    }
    return { ...out, state: none ? 'none' : 'held' };
  }

  /** The Authorization value with the run's tokens as placeholders (longest first: one may contain another), other secrets redacted. */
  private authorizationOf(value: string, secrets: readonly string[]): string {
    const marks: Array<[string | undefined, string]> = [[this.o.token, '{token}'], [this.o.readOnlyToken, '{read-only-token}'], [this.o.expiredToken, '{expired-token}']];
    let out = value;
    for (const [t, mark] of marks.filter((m): m is [string, string] => !!m[0]).sort((a, b) => b[0].length - a[0].length)) out = out.split(t).join(mark);
    for (const s of secrets) if (s.length >= 4 && out.includes(s)) out = out.split(s).join(REDACTED);
    return out;
  }

  /** Sends one request and checks it against the oracle's prediction for the current state. */
  async exec(req: ApiRequest, meta: CaseMeta, record = true, state: KnownState = this.state): Promise<Executed> {
    const prediction = predict(req, state, this.cfg);
    this.o.beforeSend?.();
    const ex = await this.o.send(req);
    this.o.afterSend?.(ex, flat(prediction.expected).map((o) => o.status));
    const json = ex.response ? parseJson(ex.response.body) : undefined;
    const idTaken = (id: string): boolean => (state.idTaken ? state.idTaken(id) : state.byId(id) !== undefined);
    const { verdicts, matched } = checkExchange(ex, prediction, this.o.strict, json, this.ctx.namePrefix, idTaken);
    state.apply(ex, json, matched !== undefined);
    if (req.method === 'POST') this.noteUncertain(ex, json);
    const rule = flat(prediction.expected)[0]!.rule;
    // Across responses (not one exchange's check): a repeated _request_id, unless the answer is an open one.
    if (record && !matched?.outcome.noContract) {
      const repeat = this.requestIds.check(json, rule, this.o.strict);
      if (repeat) verdicts.push({ ...repeat, expected: expectationOf({ prediction, ...(matched && { matched: matched.outcome, matchedTolerated: matched.tolerated }) }, { kind: 'request-id', aspect: 'new' }) });
    }
    if (record) {
      this.stats.record(rule, verdicts, meta, matched && !matched.tolerated ? matched.outcome : undefined);
      this.o.onExchange?.(ex, verdicts, rule, matched?.outcome.noContract ? 'open' : shapeStrength({ prediction, ...(matched && { matched: matched.outcome, matchedTolerated: matched.tolerated }) }), meta.key);
      const bad = verdicts.find((v) => v.severity === 'failure') ?? verdicts[0];
      if (bad) {
        if (bad.severity === 'failure') this.failures++;
        const k = `${bad.rule}\u0000${bad.check}\u0000${bad.severity}`;
        const kept = this.kept.get(k) ?? 0;
        if (kept < FINDINGS_PER_CHECK || this.stats.wantsCounterexample(rule, bad.check)) {
          const f = this.finding(bad, ex);
          if (kept < FINDINGS_PER_CHECK) { this.findings.push(f); this.kept.set(k, kept + 1); }
          this.stats.addCounterexample(rule, f);
        }
      }
    }
    return { ex, verdicts, rule, prediction, json, matched: matched !== undefined };
  }

  /** Tokens plus the secret field values in this exchange's request and response. */
  private secretsOf(ex: Exchange): string[] {
    const out = [...this.secrets];
    for (const text of [typeof ex.request.body === 'string' ? ex.request.body : '', ex.response?.body ?? '']) {
      if (!SECRET_FIELD.test(text)) continue;
      for (const m of text.matchAll(SECRET_VALUE)) {
        let v: unknown;
        try { v = JSON.parse(m[1]!); } catch { continue; }
        if (typeof v === 'string' && v.length >= 4) out.push(v);
      }
    }
    return out;
  }

  /** Creates the objects a case needs (uniqueness and update cases), checked like any create; their ids. */
  async setup(c: GenCase, record = true, key?: string): Promise<(string | undefined)[]> {
    if (!c.needs || typeof c.needs !== 'object') return [];
    const ids: (string | undefined)[] = [];
    for (const [j, existing] of c.needs.existing.entries()) {
      const req = { method: 'POST', path: '/mfa-servers', headers: { authorization: `Bearer ${this.o.token}`, 'content-type': 'application/json' }, body: JSON.stringify(existing) };
      const { ex } = await this.exec(req, { boundary: false, ...(c.container && { container: c.container }), ...(key !== undefined && { key: `${key}/${j}` }) }, record);
      const id = ex.response && ex.response.status < 300 ? (parseJson(ex.response.body) as { id?: unknown } | undefined)?.id : undefined;
      ids.push(typeof id === 'string' && id !== '' ? id : undefined);
    }
    return ids;
  }

  /** A generated case: its setup, then its request; past `liveObjects`, the objects it made are deleted before it ends. */
  async runCase(c: GenCase, record = true, key?: string): Promise<Executed> {
    const ids = await this.setup(c, record, key);
    const r = await this.exec(resolveRequest(c, ids), { boundary: c.boundary, ...(c.vendor && { vendor: c.vendor }), ...(c.container && { container: c.container }), ...(key !== undefined && { key }) }, record);
    if (this.state.size > (this.o.liveObjects ?? LIVE_OBJECTS)) await this.retire(ids, r);
    return r;
  }

  /** Objects deleted past `liveObjects` (clean-up, not cases: no check, no stopper). */
  retired = 0;

  /** Deletes the objects a case made (its setup's and its create's) that the state still holds; each one gone leaves the state. */
  private async retire(ids: readonly (string | undefined)[], r: Executed): Promise<void> {
    const made = ids.filter((id): id is string => id !== undefined);
    const id = r.ex.request.method === 'POST' ? (r.json as { id?: unknown } | undefined)?.id : undefined;
    if (typeof id === 'string') made.push(id);
    const headers = { authorization: `Bearer ${this.o.token}` };
    for (const x of made) {
      // A DELETE refused or unanswered leaves the object known: it may still be there.
      if (this.state.byId(x) === undefined || (await deleteObject(this.rawTarget(), headers, x)) !== undefined) continue;
      this.state.forget(x);
      this.retired++;
    }
  }

  private noteUncertain(ex: Exchange, json: unknown): void {
    const s = ex.response?.status;
    const known = s !== undefined && (s < 200 || (s >= 300 && s < 500) || (s < 300 && typeof (json as { id?: unknown } | undefined)?.id === 'string'));
    if (known || this.uncertain.size >= UNCERTAIN_CONTAINERS) return;
    const body = typeof ex.request.body === 'string' ? (parseJson(ex.request.body) as Record<string, unknown> | undefined) : undefined;
    for (const key of spec.containers) {
      const v = body?.[key];
      if (typeof v === 'string' && v !== '') this.uncertain.set(`${key}\u0000${v}`, [key, v]);
    }
  }

  /**
   * Leaves nothing behind: deletes every object this session created, then
   * lists the containers of creates with an unknown outcome (and `sweepAlso`,
   * a tenant's containers) for objects named with the run's prefix. Never
   * throws: what it could not delete is returned.
   */
  async cleanup(sweepAlso: ReadonlyArray<readonly [string, string]> = []): Promise<CleanupResult> {
    const { deleted: d, left, silent } = await this.deleteObjects(this.state.ids());
    let deleted = d;
    const t = this.rawTarget();
    const headers = { authorization: `Bearer ${this.o.token}` };
    const containers = [...this.uncertain.values(), ...this.sweepLater.values(), ...sweepAlso];
    if (containers.length > 0 && !silent) {
      const r = await sweep(t, headers, containers, (name) => name.startsWith(this.ctx.namePrefix));
      deleted += r.deleted.length;
      left.push(...r.failed.filter((f) => !left.some((l) => l.id === f.id)).map((f) => ({ id: f.id, why: f.why })));
      for (const u of r.unlisted) left.push({ id: `(${u.container})`, why: `not listed: ${u.why}` });
    }
    return { deleted, left };
  }

  /** Containers the final clean-up lists for the run's names (a sequence whose own clean-up could not delete everything). */
  readonly sweepLater = new Map<string, readonly [string, string]>();

  /** The target without the stopper, a thrown send turned into a transport failure: clean-up goes on whatever happened. */
  private rawTarget(): SweepTarget {
    return {
      send: (req) => this.o.send(req).catch((e: unknown) => ({ request: req, ms: 0, transportError: { code: (e as { code?: string }).code ?? 'NOT_SENT', message: e instanceof Error ? e.message : String(e) } })),
    };
  }

  /** Deletes objects by id (not a case: no stopper, no record), a few at a time; what could not be deleted, and whether the target went silent. */
  async deleteObjects(ids: readonly string[]): Promise<CleanupResult & { silent: boolean }> {
    const t = this.rawTarget();
    const headers = { authorization: `Bearer ${this.o.token}` };
    const left: CleanupResult['left'] = [];
    let deleted = 0;
    const queue = [...ids];
    // A target that stopped answering is not asked again for each object (each would wait out the timeout twice).
    let silentInARow = 0;
    const worker = async (): Promise<void> => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        if (silentInARow >= 5) { left.push({ id, why: 'skipped: the target stopped answering' }); continue; }
        const why = await deleteObject(t, headers, id);
        silentInARow = why !== undefined && !why.startsWith('answered') ? silentInARow + 1 : 0;
        if (why === undefined) deleted++;
        else left.push({ id, why });
      }
    };
    await Promise.all(Array.from({ length: Math.min(16, queue.length) }, worker));
    return { deleted, left, silent: silentInARow >= 5 };
  }
}

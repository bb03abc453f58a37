// The data a run produces. Reporters (console, JSON, JUnit, HTML, Allure)
// read only these types; nothing here is thrown.
import type { ApiRequest, ApiResponse, Basis, Severity, Strength, TransportFailure } from '../spec/types.ts';
import type { RuleKind } from '../spec/model.ts';
import type { Expectation, ExpectedAnswer } from '../spec/expectation.ts';

// An exchange and its parts are core data the checks judge too: they live in spec/types.ts.
export type { ApiResponse, Exchange, Severity, TransportFailure } from '../spec/types.ts';

/** A contract violation: data, never thrown (architecture.md "three error families"). */
export interface Finding {
  /** Name of the check that produced it: status, code, message, schema, body, content-type, no-5xx, transport, pact. */
  check: string;
  rule: string;
  strength: Exclude<Strength, 'open'>;
  severity: Severity;
  /** One line for people: `Received: 500 / Expected: 400 E003 (Invalid Object)`. Writers that need the expected outcome read `expected`. */
  summary: string;
  /** What the response was held to, as data (spec/expectation.ts), redacted. Absent on findings made before it existed. */
  expected?: Expectation;
  request: ApiRequest;
  /**
   * The Authorization header as sent, the run's tokens written `{token}`,
   * `{read-only-token}`, `{expired-token}` and any other secret redacted
   * (`request` keeps only its shape): what `run --export-pact` sends again.
   * Absent: no Authorization was sent. Never shown in a report.
   */
  authorization?: string;
  /** The request body was bytes that are not UTF-8 text (or began with a BOM): `request.body` is a lossy decoding of them. */
  requestBodyNotText?: true;
  /** The request body's full size in bytes, when the finding keeps less of it. */
  requestBodyBytes?: number;
  response?: ApiResponse;
  seed: number;
  /** fast-check replay path of the shrunk case, when it came from a property. */
  path?: string;
  /** Replay command, Authorization redacted. */
  replay: string;
  /** A command sequence's counterexample, shrunk: its numbered steps, the last the failing one. */
  sequence?: SequenceTrace;
}

/** What `run --export-pact` needs of an exchange beyond its redacted request (runner/session.ts replayFacts). */
export interface ReplayFacts {
  /** As Finding.authorization. */
  authorization?: string;
  /** As Finding.requestBodyNotText. */
  requestBodyNotText?: true;
  /** The answers the oracle allows the request on a target that holds none of the run's objects. */
  emptyTarget: ExpectedAnswer[];
}

/** One step of a sequence as the reports show it and `replay` resends it. */
export interface SequenceStep {
  n: number;
  /** The command it belongs to ("put live object #1: rename"). */
  command: string;
  request: ApiRequest;
  /**
   * The path with the ids earlier steps' answers gave as `{step N}` and the
   * sequence's own containers as `{container K}`: what `replay` fills in anew.
   */
  replayPath: string;
  replayBody?: string;
  /** Whose token the step sent (replay sends the same kind). */
  token: 'read-write' | 'read-only' | 'other';
  expected: string;
  received: string;
  /** The curl line of this step (tokens and secrets as environment variables). */
  replay: string;
  failed?: boolean;
}

export interface SequenceTrace {
  steps: SequenceStep[];
  /** The sequence's containers, as sent (key, value), and whether each is the run's own (replay makes a fresh one). */
  containers: Array<{ key: string; value: string; owned: boolean }>;
  /** Where the reports put the replay file (relative to the reports folder). */
  file: string;
  /** The fast-check seed and path that reproduce the shrunk sequence. */
  seed: number;
  path?: string;
}

export interface RuleResult {
  rule: string;
  kind: RuleKind;
  strength: Strength;
  /** Why its cases are expected to end as they do (contracts/rules.json). */
  basis: Basis;
  operations: string[];
  field: string;
  description: string;
  source: string;
  cases: number;
  /** Of `cases`, how many were exact boundary cases (run first, deterministically). */
  boundaryCases: number;
  passed: number;
  failed: number;
  warnings: number;
  /** At an open point: how often the target gave each acceptable answer. */
  answers?: Record<string, number>;
  /** Shrunk counterexamples, at most a few per rule, redacted. */
  counterexamples: Finding[];
  /** Vendor and container the cases touched (for the per-vendor / per-container tables). */
  vendors: Record<string, { cases: number; failed: number; warnings: number }>;
  containers: Record<string, { cases: number; failed: number; warnings: number }>;
}

export interface SkippedTest { name: string; reason: string }

export interface RunReport {
  tool: { name: string; version: string };
  target: string;
  /** True when the run started the embedded reference server. */
  embedded: boolean;
  seed: number;
  runs: number;
  strict: boolean;
  /** 'openapi' adds the published spec's vendor required lists and hostname formats. */
  profile?: 'default' | 'openapi';
  startedAt: string;
  durationMs: number;
  /** The command that reproduces the whole run (token redacted). */
  command: string;
  rules: RuleResult[];
  skipped: SkippedTest[];
  /** Answers checked, counted under the rule each is held to. */
  totals: { cases: number; passed: number; failed: number; warnings: number };
  /** Cases the run planned (boundary, random, lifecycles; a case may send several requests) and those with a failure. */
  planned?: number;
  failingCases?: number;
  exitCode: 0 | 1;
  /** Set when the run stopped before its end (an interrupt, the deadline, a silent target...): the reports are partial. */
  stopped?: { kind: string; message: string; lastError?: TransportFailure; cases: number };
  /** The clean-up at the end: objects deleted, and the first of those it could not delete (`leftCount` in all). */
  cleanup?: { prefix: string; deleted: number; left: Array<{ id: string; why: string }>; leftCount: number };
  /** What the transport absorbed (never findings): resends after 429/503, token refreshes, the fewest requests in flight it slowed to. */
  transport?: { retried: number; waitedMs: number; reauthenticated: number; refreshes: number; slowestConcurrency: number };
  /** Set by `run --shard i/n`: this report is shard `index` (1-based) of `count` (report/mergeReports.ts merges them). */
  shard?: { index: number; count: number };
  /** Set by `run --duration`: the time budget, and the random cases drawn before it passed. */
  duration?: { budgetMs: number; randomCases: number };
  /** The stateful phase: command sequences run (shrinking's reruns not counted), and those that failed. */
  stateful?: { sequences: number; failed: number };
}

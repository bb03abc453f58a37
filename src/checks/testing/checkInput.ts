// Test support only (never imported by the checks): builds the CheckInput a
// check sees, from a few fields, so a check's tests read as a table of
// (request, response, matched answer → verdict or none).
import { expect } from 'vitest';
import type { Prediction } from '../../oracle/predict.ts';
import type { Outcome, Strength } from '../../spec/types.ts';
import type { Assertion } from '../../spec/expectation.ts';
import type { Check, CheckInput, Verdict } from '../check.ts';

type Exchange = CheckInput['exchange'];

/** An acceptable answer: a must 200 of create.success unless told otherwise. */
export function outcome(o: Partial<Outcome> = {}): Outcome {
  return { status: 200, rule: 'create.success', strength: 'must', basis: 'seed', source: 'semantics.md', ...o };
}

export function prediction(expected: Outcome | Outcome[], tolerated: Outcome[] = [], miss: Exclude<Strength, 'open'> = 'must'): Prediction {
  return { expected: Array.isArray(expected) ? { anyOf: expected } : expected, tolerated, miss };
}

export interface Given {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  requestBody?: string | Uint8Array;
  /** No response: the exchange carries this transport failure instead. */
  transportError?: { code: string; message: string };
  status?: number;
  /** Response headers; `content-type: application/json` unless given. */
  resHeaders?: Record<string, string>;
  /** Response body: a string as it came, anything else JSON-encoded. */
  body?: unknown;
  truncated?: boolean;
  /** The parsed body when it differs from JSON.parse(body) (a check is told `json` separately). */
  json?: unknown;
  expected?: Outcome | Outcome[];
  tolerated?: Outcome[];
  miss?: Exclude<Strength, 'open'>;
  matched?: Outcome;
  matchedTolerated?: boolean;
  strict?: boolean;
  runPrefix?: string;
  idTaken?: (id: string) => boolean;
}

const parse = (text: string): unknown => {
  if (text.length === 0) return undefined;
  try { return JSON.parse(text) as unknown; } catch { return undefined; }
};

export function input(g: Given = {}): CheckInput {
  const request = { method: g.method ?? 'POST', path: g.path ?? '/mfa-servers', headers: g.headers ?? { authorization: 'Bearer dev-token' }, ...(g.requestBody !== undefined && { body: g.requestBody }) };
  const text = g.body === undefined ? '' : typeof g.body === 'string' ? g.body : JSON.stringify(g.body);
  const exchange: Exchange = g.transportError
    ? { request, transportError: g.transportError, ms: 1 }
    : { request, ms: 1, response: { status: g.status ?? 200, headers: g.resHeaders ?? { 'content-type': 'application/json' }, body: text, ...(g.truncated !== undefined && { truncated: g.truncated }) } };
  const expected = g.expected ?? g.matched ?? outcome();
  return {
    exchange,
    prediction: prediction(expected, g.tolerated, g.miss),
    json: 'json' in g ? g.json : parse(text),
    strict: g.strict ?? false,
    ...(g.matched && { matched: g.matched }),
    ...(g.matchedTolerated !== undefined && { matchedTolerated: g.matchedTolerated }),
    ...(g.runPrefix !== undefined && { runPrefix: g.runPrefix }),
    ...(g.idTaken && { idTaken: g.idTaken }),
  };
}

/** What a row expects: no verdict, or these fields of one (never the whole object: Verdict grows). */
export type Want = undefined | { check: string; strength: 'must' | 'should'; severity: 'failure' | 'warning'; rule?: string; summary?: RegExp };

export type Row = [name: string, given: Given, want: Want];

/** What a check asserted, for a verdict it gave (its `expected.assert`): each test file says how it reads a verdict. */
export type AssertOf = (v: Verdict, given: Given) => Assertion;

export function expectVerdict(check: Check, given: Given, want: Want, assertOf?: AssertOf): void {
  const i = input(given);
  const v = check(i);
  if (want === undefined) {
    expect(v).toBeUndefined();
    return;
  }
  expect(v).toBeDefined();
  expect(v!.check).toBe(want.check);
  expect(v!.strength).toBe(want.strength);
  expect(v!.severity).toBe(want.severity);
  if (want.rule !== undefined) expect(v!.rule).toBe(want.rule);
  if (want.summary !== undefined) expect(v!.summary).toMatch(want.summary);
  // The expected outcome as data: every acceptable answer, the one held to, what was asserted.
  const e = v!.expected;
  expect(e).toBeDefined();
  const answers = 'anyOf' in i.prediction.expected ? i.prediction.expected.anyOf : [i.prediction.expected];
  expect(e!.anyOf.map((a) => [a.rule, a.status, a.strength])).toStrictEqual(answers.map((o) => [o.rule, o.status, o.strength]));
  if (given.matched) {
    expect(e!.heldTo?.rule).toBe(given.matched.rule);
    expect(e!.heldTo?.status).toBe(given.matched.status);
    expect(e!.heldTo?.tolerated).toBe(given.matchedTolerated ? true : undefined);
  } else {
    expect(e!.heldTo).toBeUndefined();
  }
  if (assertOf) expect(e!.assert).toStrictEqual(assertOf(v!, given));
}

/** Shorthands for a row's verdict. */
export const must = (check: string, summary?: RegExp, rule?: string): Want => ({ check, strength: 'must', severity: 'failure', ...(summary && { summary }), ...(rule && { rule }) });
export const warn = (check: string, summary?: RegExp, rule?: string): Want => ({ check, strength: 'should', severity: 'warning', ...(summary && { summary }), ...(rule && { rule }) });
export const strictFail = (check: string, summary?: RegExp, rule?: string): Want => ({ check, strength: 'should', severity: 'failure', ...(summary && { summary }), ...(rule && { rule }) });

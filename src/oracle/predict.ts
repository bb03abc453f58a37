// The oracle: from a request and the stored objects alone, every answer a
// conforming target may give. Pure: no I/O, no generator or server code.
//
// The steps (steps.ts) run in the precedence of semantics.md. Where a rule is
// open (semantics.md "Open points") or a should, the evaluation forks
// (choices.ts), so the prediction is the set semantics.md allows:
//   - expected: the first outcome of every path that takes only conforming
//     answers: each passes, in every mode;
//   - tolerated: what deviates only from a should: the later outcomes of
//     those paths (precedence is a should) and every outcome of a path that
//     ignores a should rule: a warning, a failure under --strict;
//   - miss: how an answer that is neither is graded.
import type { ApiRequest, Expected, Outcome, StoredObject, Strength } from '../spec/types.ts';
import { enumerate, type Chooser } from './choices.ts';
import { defaultOracleConfig, type OracleConfig } from './config.ts';
import { Evaluation } from './evaluation.ts';
import { parseRequest, type ParsedRequest } from './parseRequest.ts';
import { indexState, isStateView, type StateView } from './stateView.ts';
import { STEPS } from './steps.ts';

export interface Prediction {
  /** Every answer that passes in every mode; `anyOf` when there is more than one. */
  expected: Expected;
  /** Answers that deviate only from a should: warnings. */
  tolerated: Outcome[];
  /** An answer matching none of them: a failure when some reading holds the target to a must rule, else a warning. */
  miss: Exclude<Strength, 'open'>;
}

export function predict(req: ApiRequest, objects: readonly StoredObject[] | StateView = [], cfg: OracleConfig = defaultOracleConfig): Prediction {
  const p = parseRequest(req);
  const state = isStateView(objects) ? objects : indexState(objects);
  const paths = enumerate((c) => evaluate(p, state, cfg, c));
  const expected: Outcome[] = [];
  const tolerated: Outcome[] = [];
  const seen = new Set<string>();
  let miss: Prediction['miss'] = 'should';
  for (const { value: e, deviated } of paths) {
    if (e.raised || (!deviated && e.floor === 'must')) miss = 'must';
    if (!deviated) add(expected, seen, e.chain[0]!);
  }
  for (const { value: e, deviated } of paths) {
    for (let i = deviated ? 0 : 1; i < e.chain.length; i++) add(tolerated, seen, e.chain[i]!);
  }
  return { expected: expected.length === 1 ? expected[0]! : { anyOf: expected }, tolerated, miss };
}

/**
 * The broken rules of every path that takes only conforming answers, in
 * precedence order (the last outcome of a chain is the success when nothing
 * is broken): how the generators' labels are held against the oracle.
 */
export function conformingChains(req: ApiRequest, objects: readonly StoredObject[] | StateView = [], cfg: OracleConfig = defaultOracleConfig): Outcome[][] {
  const p = parseRequest(req);
  const state = isStateView(objects) ? objects : indexState(objects);
  return enumerate((c) => evaluate(p, state, cfg, c)).filter((x) => !x.deviated).map((x) => x.value.chain);
}

function evaluate(p: ParsedRequest, state: StateView, cfg: OracleConfig, c: Chooser): Evaluation {
  const e = new Evaluation(p, state, cfg, c);
  for (const step of STEPS) if (step.run(e)) break;
  if (e.chain.length === 0) throw new Error(`oracle: no outcome for ${p.method} ${JSON.stringify(p.route)} (a step ended the chain without an answer)`);
  return e;
}

function add(list: Outcome[], seen: Set<string>, o: Outcome): void {
  const k = `${o.status}\u0000${o.statusMax}\u0000${o.code}\u0000${o.message}\u0000${o.rule}\u0000${o.reading}\u0000${o.object === undefined}`;
  if (seen.has(k)) return;
  seen.add(k);
  list.push(o);
}

export const flat = (e: Expected): Outcome[] => ('anyOf' in e ? e.anyOf : [e]);

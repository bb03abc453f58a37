// The state of one evaluation of a request along one path of answers
// (choices.ts): what the steps have found so far, in precedence order.
import { rule } from '../spec/model.ts';
import type { Outcome, StoredObject, Strength } from '../spec/types.ts';
import type { Caller } from './authRules.ts';
import type { Chooser } from './choices.ts';
import type { OracleConfig } from './config.ts';
import type { ParsedRequest, Route } from './parseRequest.ts';
import type { StateView } from './stateView.ts';

export class Evaluation {
  /** Broken rules in precedence order, then the success outcome if none is. */
  readonly chain: Outcome[] = [];
  /** The route as the target reads it (an open point can read /mfa-servers/ as the collection). */
  route: Route;
  caller: Caller | undefined;
  /** POST/PUT body text as the target reads it (a stripped BOM, the first JSON value). */
  text: string | undefined;
  json: unknown;
  /** A body that breaks no rule the target holds on this path. */
  body: Record<string, unknown> | undefined;
  /** Sent keys a conforming target drops (unknown keys): echoing them back is a should deviation. */
  readonly dropped: string[] = [];
  /** The stored object an item request names. */
  target: StoredObject | undefined;
  /** The should or open rule whose conforming answer is the success outcome: it gets the case. */
  claimed: string | undefined;
  /**
   * How a response matching no acceptable answer is graded on this path: the
   * strongest outcome the path holds the target to. A should point may say a
   * refusal costs only a warning (`capSuccess`); a must rule that stands on
   * every reading raises it (`raised`).
   */
  floor: Strength = 'open';
  capSuccess = false;
  raised = false;

  constructor(
    readonly p: ParsedRequest,
    readonly state: StateView,
    readonly cfg: OracleConfig,
    readonly c: Chooser,
  ) {
    this.route = p.route;
  }

  push(o: Outcome, success = false): void {
    this.chain.push(o);
    const s: Strength = success && this.capSuccess && o.strength === 'must' ? 'should' : o.strength;
    if (s === 'must' || (s === 'should' && this.floor === 'open')) this.floor = s;
  }

  /** The first should or open rule met whose conforming answer is to go on: the success outcome is counted under it. */
  claim(ruleId: string): void {
    this.claimed ??= ruleId;
  }

  /** A must rule holds whatever reading the target takes (a non-JSON body is no JSON object). */
  raise(): void {
    this.raised = true;
  }

  get write(): boolean {
    return this.p.method === 'POST' || this.p.method === 'PUT';
  }
}

/** The strength and basis the success outcome of a claimed rule reports. */
export function claimedFields(ruleId: string): Pick<Outcome, 'rule' | 'basis' | 'source'> {
  const r = rule(ruleId);
  return { rule: r.id, basis: r.basis, source: r.source };
}

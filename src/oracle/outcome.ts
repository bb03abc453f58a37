// Builds an Outcome from a rule of the catalogue, so every status, code,
// message, strength, basis and source the oracle predicts comes from contracts/.
import { rule } from '../spec/model.ts';
import type { Outcome } from '../spec/types.ts';

/** Outcomes without template variables or extras are built once per rule and shared (read-only). */
const plain = new Map<string, Readonly<Outcome>>();

export function outcomeOf(ruleId: string, vars?: Record<string, string>, extra?: Partial<Outcome>): Outcome {
  if (vars === undefined || Object.keys(vars).length === 0) {
    let o = plain.get(ruleId);
    if (!o) plain.set(ruleId, (o = Object.freeze(build(ruleId, {}))));
    return extra === undefined ? o : withExtra(o, extra);
  }
  const o = build(ruleId, vars);
  return extra === undefined ? o : withExtra(o, extra);
}

/** Extras override; an extra set to undefined removes the field (an alternative that asserts no code, say). */
function withExtra(o: Outcome, extra: Partial<Outcome>): Outcome {
  const out: Outcome = { ...o, ...extra };
  for (const k of Object.keys(extra) as (keyof Outcome)[]) if (extra[k] === undefined) delete out[k];
  return out;
}

/**
 * An open rule's answers are all acceptable, but each is held to its own
 * shape: a 401 or a 400 Invalid Object looks as the must tables say. Steps
 * lower it where the answer's own rule is a should (a 413, Malformed Command).
 */
function build(ruleId: string, vars: Record<string, string>): Outcome {
  const r = rule(ruleId);
  const strength = r.strength === 'open' ? 'must' : r.strength;
  const o: Outcome = { status: r.status, rule: r.id, strength, basis: r.basis, source: r.source };
  if (r.code !== undefined) o.code = r.code;
  if (r.message !== undefined && r.messageStrength !== 'unchecked') {
    o.message = r.message.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? `{${k}}`);
  }
  if (r.messageMust !== undefined) o.messageMust = r.messageMust;
  if (r.messageStrength !== undefined && r.messageStrength !== 'unchecked' && r.messageStrength !== strength) o.messageStrength = r.messageStrength;
  return o;
}

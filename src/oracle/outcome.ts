// Builds an Outcome from a rule of the catalogue, so every status, code,
// message, strength and source the oracle predicts comes from contracts/.
import { rule } from '../spec/model.ts';
import type { Outcome } from '../spec/types.ts';

/** Outcomes without template variables or extras are built once per rule and shared (read-only). */
const plain = new Map<string, Readonly<Outcome>>();

export function outcomeOf(ruleId: string, vars?: Record<string, string>, extra?: Partial<Outcome>): Outcome {
  if (vars === undefined || Object.keys(vars).length === 0) {
    let o = plain.get(ruleId);
    if (!o) plain.set(ruleId, (o = Object.freeze(build(ruleId, {}))));
    return extra === undefined ? o : { ...o, ...extra };
  }
  return { ...build(ruleId, vars), ...extra };
}

function build(ruleId: string, vars: Record<string, string>): Outcome {
  const r = rule(ruleId);
  const o: Outcome = { status: r.status, rule: r.id, strength: r.strength, source: r.source };
  if (r.code !== undefined) o.code = r.code;
  if (r.message !== undefined && r.messageStrength !== 'unchecked') {
    o.message = r.message.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? `{${k}}`);
  }
  if (r.messageMust !== undefined) o.messageMust = r.messageMust;
  if (r.messageStrength === 'should') o.messageStrength = 'should';
  return o;
}

// Builds an Outcome from a rule of the catalogue, so every status, code,
// message, strength and source the oracle predicts comes from contracts/.
import { rule } from '../spec/model.ts';
import type { Outcome } from '../spec/types.ts';

export function outcomeOf(ruleId: string, vars: Record<string, string> = {}, extra: Partial<Outcome> = {}): Outcome {
  const r = rule(ruleId);
  const o: Outcome = { status: r.status, rule: r.id, strength: r.strength, source: r.source };
  if (r.code !== undefined) o.code = r.code;
  if (r.message !== undefined && r.messageStrength !== 'unchecked') {
    o.message = r.message.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? `{${k}}`);
  }
  if (r.messageMust !== undefined) o.messageMust = r.messageMust;
  if (r.messageStrength === 'should') o.messageStrength = 'should';
  return { ...o, ...extra };
}

// Test support only (never imported by the generators): asks the oracle
// whether a case ends the way its label says. The generator labels, the
// oracle decides (architecture.md "Two independences"); this is where the
// two are held against each other.
import { bodyViolations } from '../../oracle/bodyRules.ts';
import type { OracleConfig } from '../../oracle/config.ts';
import { flat, predict } from '../../oracle/predict.ts';
import type { StoredObject } from '../../spec/types.ts';
import type { GenCase, GenContext } from '../genCase.ts';

export const configFor = (ctx: GenContext): OracleConfig => ({
  tokens: [ctx.token],
  readOnlyTokens: ctx.readOnlyToken ? [ctx.readOnlyToken] : [],
  expiredTokens: ctx.expiredToken ? [ctx.expiredToken] : [],
  profile: 'default',
});

/** `needs.existing` as the oracle's state, with made-up ids. */
export function stateOf(c: GenCase): StoredObject[] {
  const existing = c.needs !== undefined && typeof c.needs === 'object' ? c.needs.existing : [];
  return existing.map((o, i) => ({ ...o, id: `aaaaaaaa-0000-4000-8000-${String(i).padStart(12, '0')}` }));
}

/** undefined when the oracle agrees with the label, else why not. */
export function labelVerdict(c: GenCase, ctx: GenContext): string | undefined {
  const { expected, tolerated } = predict(c.request, stateOf(c), configFor(ctx));
  const outcomes = flat(expected);
  const ok = c.label === 'valid'
    ? outcomes.some((o) => o.status >= 200 && o.status < 300)
    : outcomes.some((o) => o.rule === c.label);
  if (!ok) return `label ${c.label}, oracle expected ${outcomes.map((o) => `${o.status} ${o.rule}`).join(' | ')}`;
  // Exactly one rule: a must-rule case must leave nothing for precedence to tolerate
  // (except a read-only PUT/DELETE on an unknown id, see requests/permissionCases.ts).
  const strength = outcomes.find((o) => o.rule === c.label)?.strength;
  const others = tolerated.filter((o) => o.rule !== c.label && !(c.label === 'permission.read-only' && o.rule === 'resource.not-found'));
  if (strength === 'must' && others.length > 0) return `label ${c.label}, also broken: ${others.map((o) => o.rule).join(', ')}`;
  return bodyVerdict(c, ctx);
}

/** For body-rule labels: the body breaks that one rule and no other (the oracle reports only the first). */
function bodyVerdict(c: GenCase, ctx: GenContext): string | undefined {
  if (!c.label.startsWith('body.') || typeof c.request.body !== 'string') return undefined;
  const v = bodyViolations(JSON.parse(c.request.body), configFor(ctx));
  const all = [...v.must, ...v.should, ...v.either];
  return all.length === 1 && all[0] === c.label ? undefined : `label ${c.label}, body breaks ${all.join(', ') || 'nothing'}`;
}

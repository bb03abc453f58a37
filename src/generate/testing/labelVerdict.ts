// Test support only (never imported by the generators): asks the oracle
// whether a case ends the way its label says. The generator labels, the
// oracle decides (architecture.md "Two independences"); this is where the
// two are held against each other.
import { bodyViolations } from '../../oracle/bodyRules.ts';
import type { OracleConfig } from '../../oracle/config.ts';
import { oddlyWrittenNumbers } from '../../oracle/jsonText.ts';
import { conformingChains } from '../../oracle/predict.ts';
import { rule } from '../../spec/model.ts';
import type { StoredObject } from '../../spec/types.ts';
import { resolveRequest, type GenCase, type GenContext } from '../genCase.ts';

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

/**
 * undefined when the oracle agrees with the label, else why not. A label
 * names the rule the case's first conforming answer is counted under ('valid':
 * some conforming answer is a success); a must-rule case breaks that rule
 * alone, on every reading.
 */
export function labelVerdict(c: GenCase, ctx: GenContext): string | undefined {
  const state = stateOf(c);
  const chains = conformingChains(resolveRequest(c, state.map((o) => o.id)), state, configFor(ctx));
  const first = chains[0]![0]!;
  const show = (): string => chains.map((ch) => ch.map((o) => `${o.status} ${o.rule}`).join(' > ')).join(' | ');
  if (c.label === 'valid') {
    return chains.some((ch) => ch.length === 1 && ch[0]!.status < 300) ? bodyVerdict(c, ctx) : `label valid, oracle: ${show()}`;
  }
  if (first.rule !== c.label) return `label ${c.label}, oracle: ${show()}`;
  // A precedence case breaks exactly its two rules, in that order, on every reading.
  if (c.also !== undefined) return chains.every((ch) => ch.length === 2 && ch[0]!.rule === c.label && ch[1]!.rule === c.also) ? undefined : `label ${c.label} then ${c.also}, oracle: ${show()}`;
  // Exactly one rule: a must-rule case leaves nothing for precedence to tolerate
  // (except a read-only PUT/DELETE on an unknown id, see generate/requests/permissionCases.ts).
  if (rule(c.label).strength === 'must') {
    const extra = chains.find((ch) => ch.length > 1 && !(c.label === 'permission.read-only' && ch.length === 2 && ch[1]!.rule === 'resource.not-found'));
    if (extra || chains.some((ch) => ch[0]!.rule !== c.label)) return `label ${c.label}, also broken: ${show()}`;
  }
  return bodyVerdict(c, ctx);
}

/** For body-rule labels: the body breaks that one rule (or meets that one open point) and no other. */
function bodyVerdict(c: GenCase, ctx: GenContext): string | undefined {
  if (typeof c.request.body !== 'string') return undefined;
  if (!c.label.startsWith('body.') && c.label !== 'valid') return undefined;
  let parsed: unknown;
  try { parsed = JSON.parse(c.request.body); } catch { return undefined; }
  const v = bodyViolations(parsed, configFor(ctx), oddlyWrittenNumbers(c.request.body));
  const all = [...new Set([...v.must, ...v.shouldReject, ...v.shouldAccept, ...v.open])];
  if (c.label === 'valid') return all.length <= 1 && v.must.length === 0 ? undefined : `label valid, body breaks ${all.join(', ')}`;
  return all.length === 1 && all[0] === c.label ? undefined : `label ${c.label}, body breaks ${all.join(', ') || 'nothing'}`;
}

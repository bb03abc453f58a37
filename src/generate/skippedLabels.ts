// Labels whose cases need a token the context lacks: they are not generated
// and the runner lists them as skipped (an expired or read-only token is
// optional configuration, semantics.md "Authentication").
import type { GenContext } from './genCase.ts';

export function skippedLabels(ctx: GenContext): string[] {
  const out: string[] = [];
  if (ctx.expiredToken === undefined) out.push('auth.key-expired');
  if (ctx.readOnlyToken === undefined) out.push('permission.read-only');
  return out;
}

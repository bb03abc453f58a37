// Routing (semantics.md "Precedence": unknown path or method, 404/405, should;
// "Rest of the lifecycle": other methods → 405 E012; Open points: the path
// /mfa-servers/).
import type { Outcome } from '../spec/types.ts';
import type { Evaluation } from './evaluation.ts';
import { outcomeOf } from './outcome.ts';
import { METHODS } from './parseRequest.ts';

/** The trailing slash: 404 E005, 400 E003, 405 E012, a redirect, the collection, or the item with an empty id. */
const SLASH = ['404', '400', '405', 'redirect', 'collection', 'item'] as const;

export function routeStep(e: Evaluation): boolean {
  if (e.route.kind === 'item' && e.route.id === '') {
    const how = e.c.choose('route.trailing-slash', 'open', SLASH);
    if (how === 'collection') e.route = { kind: 'collection' };
    else if (how !== 'item') {
      // A router's own answer: held at should, as an unknown path's is.
      e.push(outcomeOf('route.trailing-slash', undefined, { strength: 'should', ...TRAILING[how] }));
      return true;
    }
  }
  const route = e.route;
  if (route.kind === 'unknown') {
    e.push(outcomeOf('route.unknown-path'));
    return true;
  }
  if (!METHODS[route.kind].includes(e.p.method)) {
    e.push(outcomeOf('route.method-not-supported'));
    return true;
  }
  return false;
}

const TRAILING: Record<Exclude<(typeof SLASH)[number], 'item' | 'collection'>, Partial<Outcome> | undefined> = {
  '404': undefined,
  '400': { status: 400, code: 'E003' },
  '405': { status: 405, code: 'E012' },
  // A framework that redirects /mfa-servers/ to /mfa-servers (FastAPI's redirect_slashes) treats it as the collection.
  redirect: { status: 301, statusMax: 308, code: undefined, noContract: true, reading: 'route.trailing-slash:redirect' },
};

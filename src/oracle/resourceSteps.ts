// After the body: not found (404 E005) → uniqueness (409 E006) → the
// operation's success (semantics.md "Precedence", "Uniqueness", "Rest of the
// lifecycle"; Open points on id forms, PUT moves, names in case and folder
// aliases).
import type { Outcome, StoredObject } from '../spec/types.ts';
import { folderAliases, sameContainer } from '../spec/aliases.ts';
import { claimedFields, type Evaluation } from './evaluation.ts';
import { idForm } from './ids.ts';
import { sameIgnoringCase } from './names.ts';
import { outcomeOf } from './outcome.ts';
import { containerOf, storedObject } from './storedObject.ts';

const REFUSED_400 = { status: 400, code: 'E003', message: undefined } as const;

export function existsStep(e: Evaluation): boolean {
  const route = e.route;
  if (route.kind !== 'item') return false;
  const target = e.state.byId(route.id);
  if (target) {
    e.target = target;
    return false;
  }
  const form = idForm(route.id);
  if (form === 'v4') e.push(outcomeOf('resource.not-found'));
  else {
    // A malformed id, or a UUID in upper case or of another version: 404 E005 or 400 E003.
    const ruleId = form === 'malformed' ? 'resource.malformed-id' : 'resource.id-form';
    e.push(e.c.choose(ruleId, 'open', ['404', '400']) === '404' ? outcomeOf(ruleId) : outcomeOf(ruleId, undefined, REFUSED_400));
  }
  return true;
}

/** Open point: a PUT that moves an object to another container: 200, or 400 Invalid Object. */
export function moveStep(e: Evaluation): boolean {
  if (e.p.method !== 'PUT' || !e.body || !e.target) return false;
  const [key, value] = containerOf(e.body)!;
  const from = containerOf(e.target);
  if (from && from[0] === key && sameContainer(key, from[1], value)) return false;
  if (e.c.choose('update.move-container', 'open', ['allow', 'refuse']) === 'refuse') {
    e.push(outcomeOf('update.move-container'));
    return true;
  }
  e.claim('update.move-container');
  return false;
}

/** `name` is unique within its container (must); names in another case and a built-in folder's other name are open points. */
export function uniquenessStep(e: Evaluation): boolean {
  const body = e.body;
  if (!body) return false;
  const [key, value] = containerOf(body)!;
  const name = body['name'] as string;
  const self = e.route.kind === 'item' ? e.route.id : undefined;
  // Only names equal ignoring case can clash: those, from the state's index
  // where it keeps one; a name that is no string (a body already refused) is
  // compared with every object, as === compares it.
  const sameNamed = (k: string, v: unknown): readonly StoredObject[] => (typeof name === 'string' && e.state.sameNameInContainer
    ? e.state.sameNameInContainer(k, v, name)
    : e.state.inContainer(k, v).filter((o) => o['name'] === name || (typeof o['name'] === 'string' && sameIgnoringCase(o['name'], name))));
  const peers = sameNamed(key, value).filter((o) => o.id !== self);
  if (peers.some((o) => o['name'] === name)) {
    e.push(outcomeOf('uniqueness.name'));
    return true;
  }
  const inCase = peers.some((o) => typeof o['name'] === 'string' && sameIgnoringCase(o['name'], name));
  if (inCase && clash(e, 'uniqueness.case')) return true;
  const aliased = key === 'folder' && folderAliases(value).some((alias) =>
    sameNamed('folder', alias).some((o) => o.id !== self && typeof o['name'] === 'string' && sameIgnoringCase(o['name'], name)));
  return aliased && clash(e, 'uniqueness.folder-alias');
}

function clash(e: Evaluation, ruleId: string): boolean {
  if (e.c.choose(ruleId, 'open', ['allow', 'conflict']) === 'allow') {
    e.claim(ruleId);
    return false;
  }
  e.push(outcomeOf(ruleId));
  return true;
}

/** The operation's answer, when no rule was broken on this path. */
export function successStep(e: Evaluation): boolean {
  if (e.chain.length > 0) return true;
  const claimed = e.claimed !== undefined ? claimedFields(e.claimed) : undefined;
  const dropped = e.dropped.length > 0 ? { dropped: [...e.dropped] } : undefined;
  const ok = (ruleId: string, extra: Partial<Outcome>): void => e.push(outcomeOf(ruleId, undefined, { ...extra, ...claimed, ...dropped }), true);
  switch (e.p.method) {
    case 'POST': ok('create.success', { object: storedObject(e.body!) }); break;
    case 'PUT': ok('update.success', { object: { id: (e.route as { id: string }).id, ...storedObject(e.body!) } }); break;
    // semantics.md: "DELETE: 200"; the spec's http_ok response has no content, so the body is not asserted.
    case 'DELETE': ok('delete.success', {}); break;
    default: ok('get.success', { object: { ...e.target! } });
  }
  return true;
}

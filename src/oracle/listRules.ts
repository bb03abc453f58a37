// GET /mfa-servers (spec #/paths/~1mfa-servers/get; semantics.md "Rest of the
// lifecycle" and "Open points: Lists"). The query's errors are should or open
// points; a page holds the objects of the one container asked, filtered by
// exact name, and its total counts every match (must).
import { param, spec } from '../spec/model.ts';
import type { ListExpectation, Outcome, StoredObject } from '../spec/types.ts';
import { folderAliases } from '../spec/aliases.ts';
import { claimedFields, type Evaluation } from './evaluation.ts';
import { outcomeOf } from './outcome.ts';
import { sameIgnoringCase } from './names.ts';

const CANONICAL = /^[0-9]+$/;
/** Integers a common parser reads though they are written oddly (+1, " 1", 1e2, 0x10), and the empty value. */
const ODD = /^(?:\s*\+?\d+\s*|\d+[eE]\d+|0[xX][0-9a-fA-F]+|)$/;
const containerRe = new RegExp(spec.containerPattern);
const validContainer = (v: string): boolean => containerRe.test(v) && [...v].length <= spec.containerMaxLength;
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Paging { limits: number[]; offset: number; anyPage: boolean }

export function listStep(e: Evaluation): boolean {
  if (e.route.kind !== 'collection' || e.p.method !== 'GET') return false;
  const q = e.p.query;
  const errors: Outcome[] = [];
  let matchNone = false;
  if (!q.has('position')) {
    // The vendor's clients always send position=pre and the spec marks it required: a list without it, 200 or 400.
    if (e.c.choose('list.position', 'open', ['optional', 'required']) === 'required') errors.push(outcomeOf('list.position'));
    else e.claim('list.position');
  } else if (q.get('position') !== 'pre') {
    // "position ... is accepted and ignored (should)".
    if (e.c.choose('list.position-ignored', 'should', ['ignore', 'refuse']) === 'refuse') errors.push(outcomeOf('list.position-ignored', undefined, { status: 400, code: 'E003' }));
    else { e.claim('list.position-ignored'); e.capSuccess = true; }
  }
  const present = spec.containers.filter((c) => q.has(c));
  if (present.length === 0) errors.push(outcomeOf('list.missing-container'));
  if (present.length > 1) {
    // Open point: 400 E003 naming one of them, or 200 with the objects matching all of them (none).
    if (e.c.choose('list.multiple-containers', 'open', ['refuse', 'match-all']) === 'refuse') {
      const k = present[1]!;
      errors.push(outcomeOf('list.multiple-containers', { param: k, value: q.get(k)! }, { messageAlso: `(?:${present.map(escape).join('|')})` }));
    } else { matchNone = true; e.claim('list.multiple-containers'); }
  }
  const paging = pagingOf(e, errors);
  if (present.length === 1 && !validContainer(q.get(present[0]!)!)) {
    // Open point: an empty or invalid container value: 200 with an empty page, or 400 E003 Invalid Query Parameter.
    if (e.c.choose('list.invalid-container', 'open', ['empty-page', 'refuse']) === 'refuse') {
      errors.push(outcomeOf('list.invalid-container', { param: present[0]!, value: q.get(present[0]!)! }));
    } else { matchNone = true; e.claim('list.invalid-container'); }
  }
  if (errors.length > 0) {
    // semantics.md orders no query rule before another: each is an expected answer.
    const first = errors.length === 1 ? 0 : Number(e.c.choose('list.query-order', 'open', errors.map((_, i) => String(i))));
    e.push(errors[first]!);
    errors.forEach((o, i) => { if (i !== first) e.push(o); });
    return true;
  }
  if (e.chain.length > 0) return true; // no page answers a request that broke an earlier rule
  const key = present[0]!;
  const value = q.get(key)!;
  const name = q.get('name');
  const filter = { key, value, ...(name !== null && { name }) };
  const inside = matchNone ? [] : e.state.inContainer(key, value);
  const all = name === null ? inside : inside.filter((o) => o['name'] === name);
  const maybe = matchNone ? [] : maybeListed(e, key, value, name, inside);
  if (name !== null) {
    // Open point: the live API answers the matching object itself, bare, and 404 E005 when nothing matches.
    if (e.c.choose('list.name-lookup', 'open', ['envelope', 'bare']) === 'bare' && bareLookup(e, all, maybe)) return true;
    e.claim('list.name-lookup');
  }
  const list: ListExpectation = { filter, all, maybe, limits: paging.limits, offset: paging.offset, ...(paging.anyPage && { anyPage: true }) };
  e.push(outcomeOf('list.success', undefined, { list, ...(e.claimed !== undefined && claimedFields(e.claimed)) }), true);
  return true;
}

/** Objects a conforming target may list too: names that differ only in case, a built-in folder's other name. */
function maybeListed(e: Evaluation, key: string, value: string, name: string | null, inside: readonly StoredObject[]): StoredObject[] {
  const named = (o: StoredObject): boolean => name === null || (typeof o['name'] === 'string' && sameIgnoringCase(o['name'], name));
  const out = name === null ? [] : inside.filter((o) => o['name'] !== name && named(o));
  if (key === 'folder') for (const alias of folderAliases(value)) out.push(...e.state.inContainer('folder', alias).filter(named));
  return out;
}

/**
 * The object itself, or 404 E005 when nothing matches; a name that matches
 * only in another case may be found or not. False when more than one object
 * would answer (a bare answer cannot hold two): the envelope is the answer.
 */
function bareLookup(e: Evaluation, all: readonly StoredObject[], maybe: readonly StoredObject[]): boolean {
  const bare = (o: StoredObject): void => e.push(outcomeOf('list.name-lookup', undefined, { object: o, noContract: true, reading: 'list.name-lookup:bare' }), true);
  const none = (): void => e.push(outcomeOf('list.name-lookup', undefined, { status: 404, code: 'E005', message: 'Object Not Present', messageStrength: 'should', reading: 'list.name-lookup:bare' }));
  if (all.length === 1) bare(all[0]!);
  else if (all.length > 1 || maybe.length > 1) return false;
  else if (maybe.length === 0 || e.c.choose('list.name-lookup.case', 'open', ['exact', 'any-case']) === 'exact') none();
  else bare(maybe[0]!);
  return true;
}

/** limit and offset: decimal integers (should), oddly written ones and large limits open, limit=0 open. */
function pagingOf(e: Evaluation, errors: Outcome[]): Paging {
  const q = e.p.query;
  const out: Paging = { limits: [param('list.success', 'defaultLimit')], offset: param('list.success', 'defaultOffset'), anyPage: false };
  for (const p of ['limit', 'offset'] as const) {
    const raw = q.get(p);
    if (raw === null) continue;
    if (!CANONICAL.test(raw)) {
      if (ODD.test(raw)) {
        if (e.c.choose('list.odd-paging', 'open', ['refuse', 'accept']) === 'refuse') errors.push(outcomeOf('list.odd-paging', { param: p, value: raw }));
        else { out.anyPage = true; e.claim('list.odd-paging'); }
      } else if (e.c.choose(`list.invalid-${p}`, 'should', ['refuse', 'ignore']) === 'refuse') errors.push(outcomeOf(`list.invalid-${p}`, { value: raw }));
      else out.anyPage = true;
      continue;
    }
    const n = Number(raw);
    if (p === 'offset') { out.offset = n; continue; }
    if (n === 0) {
      // Open point: "limit=0: an empty page, or the default page size".
      out.limits = [0, param('list.success', 'defaultLimit')];
      e.claim('list.limit-zero');
    } else if (n > param('list.large-limit', 'maxClientLimit')) {
      if (e.c.choose('list.large-limit', 'open', ['serve', 'refuse']) === 'refuse') errors.push(outcomeOf('list.large-limit'));
      else { out.limits = [n]; out.anyPage = true; e.claim('list.large-limit'); }
    } else out.limits = [n];
  }
  return out;
}

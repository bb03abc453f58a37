// Commands over the store model (issue "Stateful testing"): fast-check
// commands that each build one request (a fill builds many) from the model's
// state, and hand it to the sequence's `Real`, which predicts its answer with
// the oracle from the same model, sends it, checks it and advances the model.
// Commands name objects by position among the live (or deleted) ones, so a
// sequence still means something after shrinking removed a step before it.
// The generator never decides an expected answer: it only builds requests.
import fc from 'fast-check';
import { spec, type Vendor } from '../spec/model.ts';
import type { ApiRequest, StoredObject } from '../spec/types.ts';
import { vendorBody } from '../generate/vendorBody.ts';
import type { GenContext } from '../generate/genCase.ts';
import type { StoreModel } from './model.ts';

export type ContainerRef = readonly [key: string, value: string];

/** What one sequence works in: the run's tokens, its containers (two), its names' prefix. */
export interface World {
  ctx: GenContext;
  containers: readonly [ContainerRef, ContainerRef];
  /** Every name this sequence makes starts with it (the run's prefix, then the sequence's number). */
  namePrefix: string;
}

export interface Model {
  store: StoreModel;
  world: World;
  fresh: number;
  /** The last list request of the sequence (its path and token), for "list again". */
  lastList?: { path: string; token: Token };
  /** The object of the sequence's last PUT, for "put again". */
  lastPut?: string;
}

/** The target side: sends requests (predicted, checked and applied there); throws when an answer fails. */
export interface Real {
  send(req: ApiRequest, step: string): Promise<void>;
  /** Requests whose order does not matter (a fill), sent a few at a time. */
  sendAll(reqs: ApiRequest[], step: string): Promise<void>;
}

export type Token = 'rw' | 'ro';
const VENDORS = spec.vendors;
/** Page size a list answers without `limit` (semantics.md "Lists"; vendor-facts.md: 200). */
const DEFAULT_PAGE = 200;

function auth(m: Model, token: Token): Record<string, string> {
  const t = token === 'ro' && m.world.ctx.readOnlyToken !== undefined ? m.world.ctx.readOnlyToken : m.world.ctx.token;
  return { authorization: `Bearer ${t}`, accept: 'application/json' };
}
const json = (h: Record<string, string>): Record<string, string> => ({ ...h, 'content-type': 'application/json' });
const item = (id: string): string => `/mfa-servers/${encodeURIComponent(id)}`;
const freshName = (m: Model): string => `${m.world.namePrefix}${m.fresh++}`;
const pick = <T>(list: readonly T[], i: number): T | undefined => (list.length === 0 ? undefined : list[i % list.length]);
const containerOf = (o: StoredObject): ContainerRef | undefined => {
  for (const k of spec.containers) if (typeof o[k] === 'string') return [k, o[k] as string];
  return undefined;
};

/** A vendor choice: none, or one vendor with a generated object. */
export interface VendorChoice { vendor: Vendor | undefined; fields: Record<string, unknown> }
const vendorChoice: fc.Arbitrary<VendorChoice> = fc.oneof(
  fc.constant({ vendor: undefined, fields: {} }),
  ...VENDORS.map((v) => vendorBody(v).map((fields) => ({ vendor: v, fields }))),
);

function body(name: string, where: ContainerRef, v: VendorChoice, cert = 'seq-cert'): Record<string, unknown> {
  const b: Record<string, unknown> = { name, mfa_cert_profile: cert, [where[0]]: where[1] };
  if (v.vendor) b['mfa_vendor_type'] = { [v.vendor.name]: v.fields };
  return b;
}

/** One rule broken on a valid body (semantics.md "POST" body rules): an invalid create or update. */
export const INVALID_BODIES: ReadonlyArray<readonly [string, (b: Record<string, unknown>, other: ContainerRef) => unknown]> = [
  ['no name', (b) => without(b, 'name')],
  ['name not a string', (b) => ({ ...b, name: 42 })],
  ['no mfa_cert_profile', (b) => without(b, 'mfa_cert_profile')],
  ['two containers', (b, other) => ({ ...b, [other[0] === containerKey(b) ? otherKey(other[0]) : other[0]]: other[1] })],
  ['no container', (b) => { const out = { ...b }; for (const k of spec.containers) delete out[k]; return out; }],
  ['container outside its pattern', (b) => ({ ...b, [containerKey(b)]: 'bad/container' })],
  ['two vendors', (b) => ({ ...b, mfa_vendor_type: { [VENDORS[0]!.name]: {}, [VENDORS[1]!.name]: {} } })],
  ['a vendor field too short', (b) => shortField(b)],
  ['null container', (b) => ({ ...b, [containerKey(b)]: null })],
];
const without = (b: Record<string, unknown>, k: string): Record<string, unknown> => { const out = { ...b }; delete out[k]; return out; };
const containerKey = (b: Record<string, unknown>): string => spec.containers.find((k) => Object.hasOwn(b, k)) ?? 'folder';
const otherKey = (k: string): string => spec.containers.find((x) => x !== k)!;
function shortField(b: Record<string, unknown>): Record<string, unknown> {
  // The first vendor with a length-bound string field: that field one character (seed: >= N characters).
  const v = VENDORS.find((x) => x.fields.some((f) => (f.minLength ?? 0) > 1))!;
  const f = v.fields.find((x) => (x.minLength ?? 0) > 1)!;
  return { ...b, mfa_vendor_type: { [v.name]: { [f.name]: 'x' } } };
}

abstract class Command implements fc.AsyncCommand<Model, Real> {
  abstract check(m: Readonly<Model>): boolean;
  abstract run(m: Model, r: Real): Promise<void>;
  abstract toString(): string;
}

type CreateName = 'fresh' | 'taken' | 'deleted' | 'other-container';
class Create extends Command {
  constructor(readonly at: 0 | 1, readonly name: CreateName, readonly pick: number, readonly v: VendorChoice, readonly token: Token, readonly invalid: number | undefined) { super(); }
  check(m: Readonly<Model>): boolean {
    return this.nameFor(m as Model, false) !== undefined;
  }
  private nameFor(m: Model, take: boolean): string | undefined {
    const [key, value] = m.world.containers[this.at];
    const [okey, ovalue] = m.world.containers[1 - this.at as 0 | 1];
    if (this.name === 'fresh') return take ? freshName(m) : '';
    const list = this.name === 'taken' ? m.store.inContainer(key, value)
      : this.name === 'other-container' ? m.store.inContainer(okey, ovalue)
        : m.store.deletedObjects();
    const n = pick(list, this.pick)?.['name'];
    return typeof n === 'string' ? n : undefined;
  }
  async run(m: Model, r: Real): Promise<void> {
    const name = this.nameFor(m, true)!;
    const b = body(name, m.world.containers[this.at], this.v);
    const sent = this.invalid === undefined ? JSON.stringify(b) : JSON.stringify(INVALID_BODIES[this.invalid]![1](b, m.world.containers[1 - this.at as 0 | 1]));
    await r.send({ method: 'POST', path: '/mfa-servers', headers: json(auth(m, this.token)), body: sent }, this.toString());
  }
  toString(): string {
    return `create ${this.invalid === undefined ? '' : `(${INVALID_BODIES[this.invalid]![0]}) `}in container ${this.at}, ${this.name} name${this.name === 'fresh' ? '' : ` #${this.pick}`}${this.v.vendor ? `, ${this.v.vendor.name}` : ''}${this.token === 'ro' ? ', read-only token' : ''}`;
  }
}

type Which = 'live' | 'deleted' | 'unknown';
const UNKNOWN_ID = '00000000-0000-4000-8000-0000000000aa';
function target(m: Model, which: Which, i: number): StoredObject | { id: string } | undefined {
  if (which === 'unknown') return { id: UNKNOWN_ID };
  return pick(which === 'live' ? m.store.liveObjects() : m.store.deletedObjects(), i);
}

class Get extends Command {
  constructor(readonly which: Which, readonly pick: number, readonly token: Token) { super(); }
  check(m: Readonly<Model>): boolean { return target(m as Model, this.which, this.pick) !== undefined; }
  async run(m: Model, r: Real): Promise<void> {
    await r.send({ method: 'GET', path: item(target(m, this.which, this.pick)!.id), headers: auth(m, this.token) }, this.toString());
  }
  toString(): string { return `get ${this.which} object #${this.pick}${this.token === 'ro' ? ', read-only token' : ''}`; }
}

class Delete extends Command {
  constructor(readonly which: Which, readonly pick: number, readonly token: Token) { super(); }
  check(m: Readonly<Model>): boolean { return target(m as Model, this.which, this.pick) !== undefined; }
  async run(m: Model, r: Real): Promise<void> {
    await r.send({ method: 'DELETE', path: item(target(m, this.which, this.pick)!.id), headers: auth(m, this.token) }, this.toString());
  }
  toString(): string { return `delete ${this.which} object #${this.pick}${this.which === 'deleted' ? ' (again)' : ''}${this.token === 'ro' ? ', read-only token' : ''}`; }
}

type PutMode = 'same-name' | 'rename' | 'rename-taken' | 'rename-back' | 'change-vendor' | 'drop-vendor' | 'move' | 'invalid';
class Put extends Command {
  constructor(readonly which: 'live' | 'deleted', readonly pick: number, readonly mode: PutMode, readonly other: number, readonly v: VendorChoice, readonly token: Token, readonly invalid: number) { super(); }
  check(m: Readonly<Model>): boolean {
    const o = target(m as Model, this.which, this.pick) as StoredObject | undefined;
    if (!o) return false;
    if (this.mode === 'rename-back') return m.store.earlierNames(o.id).length > 0;
    if (this.mode === 'rename-taken') return this.taken(m as Model, o) !== undefined;
    if (this.mode === 'drop-vendor') return o['mfa_vendor_type'] !== undefined;
    return true;
  }
  private taken(m: Model, o: StoredObject): string | undefined {
    const c = containerOf(o);
    const others = c ? m.store.inContainer(c[0], c[1]).filter((x) => x.id !== o.id) : [];
    const n = pick(others, this.other)?.['name'];
    return typeof n === 'string' ? n : undefined;
  }
  async run(m: Model, r: Real): Promise<void> {
    const o = target(m, this.which, this.pick) as StoredObject;
    const here = containerOf(o) ?? m.world.containers[0];
    const there = m.world.containers.find((c) => c[0] !== here[0] || c[1] !== here[1]) ?? m.world.containers[1];
    const current = typeof o['name'] === 'string' ? o['name'] : freshName(m);
    const earlier = m.store.earlierNames(o.id);
    const name = this.mode === 'rename' ? freshName(m) : this.mode === 'rename-taken' ? this.taken(m, o)! : this.mode === 'rename-back' ? earlier[earlier.length - 1]! : current;
    const v = this.mode === 'drop-vendor' ? { vendor: undefined, fields: {} } : this.v;
    const cert = typeof o['mfa_cert_profile'] === 'string' ? o['mfa_cert_profile'] : 'seq-cert';
    const b = body(name, this.mode === 'move' ? there : here, v, cert);
    const sent = this.mode === 'invalid' ? INVALID_BODIES[this.invalid % INVALID_BODIES.length]![1](b, there) : b;
    m.lastPut = o.id;
    await r.send({ method: 'PUT', path: item(o.id), headers: json(auth(m, this.token)), body: JSON.stringify(sent) }, this.toString());
  }
  toString(): string {
    const what = this.mode === 'invalid' ? `invalid (${INVALID_BODIES[this.invalid % INVALID_BODIES.length]![0]})` : this.mode;
    return `put ${this.which} object #${this.pick}: ${what}${this.v.vendor && this.mode !== 'drop-vendor' ? `, ${this.v.vendor.name}` : ''}${this.token === 'ro' ? ', read-only token' : ''}`;
  }
}

type ListFilter = 'none' | 'live-name' | 'deleted-name' | 'fresh-name';
class List extends Command {
  constructor(readonly at: 0 | 1, readonly filter: ListFilter, readonly pick: number, readonly limit: number | undefined, readonly offset: number | undefined, readonly token: Token) { super(); }
  check(m: Readonly<Model>): boolean { return this.filter !== 'live-name' || m.store.size > 0; }
  async run(m: Model, r: Real): Promise<void> {
    const [key, value] = m.world.containers[this.at];
    const q = new URLSearchParams({ [key]: value, position: 'pre' });
    if (this.filter !== 'none') {
      const from = this.filter === 'live-name' ? m.store.liveObjects() : this.filter === 'deleted-name' ? m.store.deletedObjects() : [];
      const n = pick(from, this.pick)?.['name'];
      q.set('name', typeof n === 'string' ? n : `${m.world.namePrefix}none`);
    }
    if (this.limit !== undefined) q.set('limit', String(this.limit));
    if (this.offset !== undefined) q.set('offset', String(this.offset));
    const path = `/mfa-servers?${q.toString()}`;
    m.lastList = { path, token: this.token };
    await r.send({ method: 'GET', path, headers: auth(m, this.token) }, this.toString());
  }
  toString(): string {
    const page = [this.limit !== undefined ? `limit ${this.limit}` : '', this.offset !== undefined ? `offset ${this.offset}` : ''].filter(Boolean).join(', ');
    return `list container ${this.at}${this.filter === 'none' ? '' : ` by ${this.filter} #${this.pick}`}${page ? ` (${page})` : ''}${this.token === 'ro' ? ', read-only token' : ''}`;
  }
}

/**
 * The sequence's last list, sent again: a client polling a page. What changed
 * in between (a delete, a rename, a move out) must show; a cache keyed by the
 * query would answer the old page.
 */
class ListAgain extends Command {
  check(m: Readonly<Model>): boolean { return m.lastList !== undefined; }
  async run(m: Model, r: Real): Promise<void> {
    const last = m.lastList!;
    await r.send({ method: 'GET', path: last.path, headers: auth(m, last.token) }, this.toString());
  }
  toString(): string { return 'list again (the last list)'; }
}

/**
 * The object of the last PUT, put again with a valid body that keeps its name
 * and container: a client that fixes its body after a 400 and retries. A PUT
 * is a full replacement (semantics.md "PUT"): nothing of the refused body may
 * come back.
 */
class PutAgain extends Command {
  constructor(readonly v: VendorChoice) { super(); }
  check(m: Readonly<Model>): boolean { return m.lastPut !== undefined && m.store.byId(m.lastPut) !== undefined; }
  async run(m: Model, r: Real): Promise<void> {
    const o = m.store.byId(m.lastPut!)!;
    const name = typeof o['name'] === 'string' ? o['name'] : freshName(m);
    const cert = typeof o['mfa_cert_profile'] === 'string' ? o['mfa_cert_profile'] : 'seq-cert';
    await r.send({ method: 'PUT', path: item(o.id), headers: json(auth(m, 'rw')), body: JSON.stringify(body(name, containerOf(o) ?? m.world.containers[0], this.v, cert)) }, this.toString());
  }
  toString(): string { return `put the last object again, valid${this.v.vendor ? `, ${this.v.vendor.name}` : ''}`; }
}

/** Fills a container past one default page, then reads it page by page (clients stop at a short page: vendor-facts.md "Lists"). */
class Fill extends Command {
  constructor(readonly at: 0 | 1, readonly extra: number) { super(); }
  check(): boolean { return true; }
  async run(m: Model, r: Real): Promise<void> {
    const [key, value] = m.world.containers[this.at];
    const n = DEFAULT_PAGE + this.extra - m.store.inContainer(key, value).length;
    const none = { vendor: undefined, fields: {} };
    const reqs = Array.from({ length: Math.max(0, n) }, () => ({ method: 'POST', path: '/mfa-servers', headers: json(auth(m, 'rw')), body: JSON.stringify(body(freshName(m), [key, value], none)) }));
    await r.sendAll(reqs, this.toString());
    const list = (extra: string): ApiRequest => ({ method: 'GET', path: `/mfa-servers?${key}=${encodeURIComponent(value)}&position=pre${extra}`, headers: auth(m, 'rw') });
    await r.send(list(''), `${this.toString()}: the first page, no limit`);
    await r.send(list(`&offset=${DEFAULT_PAGE}`), `${this.toString()}: the page after ${DEFAULT_PAGE}`);
    await r.send(list(`&limit=${DEFAULT_PAGE + this.extra + 5}`), `${this.toString()}: one page holding all`);
  }
  toString(): string { return `fill container ${this.at} to ${DEFAULT_PAGE + this.extra} objects`; }
}

const token = (ctx: GenContext): fc.Arbitrary<Token> => (ctx.readOnlyToken === undefined ? fc.constant('rw' as const) : fc.oneof({ arbitrary: fc.constant('rw' as const), weight: 5 }, { arbitrary: fc.constant('ro' as const), weight: 1 }));
const at = fc.constantFrom<0 | 1>(0, 1);
const small = fc.nat({ max: 7 });

/**
 * What every sequence starts from: two objects in container 0 and one in
 * container 1 under the first one's name (a name in two containers). Without
 * it most generated commands found nothing to act on and were skipped, and
 * sequences averaged five steps.
 */
export function prelude(profile: Profile, fillExtra: number): Array<fc.AsyncCommand<Model, Real>> {
  const none: VendorChoice = { vendor: undefined, fields: {} };
  const creates = [new Create(0, 'fresh', 0, none, 'rw', undefined), new Create(0, 'fresh', 0, none, 'rw', undefined), new Create(1, 'other-container', 0, none, 'rw', undefined)];
  return profile.startsWithFill ? [...creates, new Fill(0, fillExtra)] : creates;
}

/** Relative weights of each command kind in a sequence (0: never). */
export interface Profile {
  create: number; get: number; put: number; putAgain: number; delete: number; list: number; listAgain: number;
  putModes: readonly PutMode[];
  /** The paging lane: every sequence fills container 0 past one default page first (after the prelude). */
  startsWithFill?: boolean;
}

const ALL_MODES: readonly PutMode[] = ['same-name', 'rename', 'rename-taken', 'rename-back', 'change-vendor', 'drop-vendor', 'move', 'invalid'];

/**
 * Swarm testing (Groce et al., ISSTA 2012): each lane of the stateful phase
 * draws its sequences from its own mix of commands, so some sequences are
 * dense in the few commands one bug needs (renames and creates under old
 * names; deletes and reads of what was deleted; moves and lists), which one
 * mix for all would make rare. Creates weigh most everywhere: a command whose
 * target does not exist yet (a GET of a live object in an empty store) is
 * skipped by fast-check. The last lane pages: its few sequences each start by
 * filling a container past 200 objects, which costs 200 creates, so it is
 * not a command any sequence may draw.
 */
export const PROFILES: readonly Profile[] = [
  { create: 10, get: 3, put: 7, putAgain: 2, delete: 3, list: 5, listAgain: 2, putModes: ALL_MODES },
  { create: 8, get: 3, put: 12, putAgain: 5, delete: 2, list: 4, listAgain: 2, putModes: ['rename', 'rename', 'rename-taken', 'rename-back', 'rename-back', 'move', 'same-name', 'change-vendor', 'invalid', 'invalid'] },
  { create: 8, get: 5, put: 4, putAgain: 0, delete: 7, list: 4, listAgain: 6, putModes: ALL_MODES },
  { create: 8, get: 2, put: 8, putAgain: 3, delete: 3, list: 6, listAgain: 5, putModes: ['move', 'move', 'move', 'rename', 'invalid', 'invalid', 'same-name', 'drop-vendor'] },
  { create: 6, get: 2, put: 6, putAgain: 1, delete: 5, list: 8, listAgain: 4, putModes: ['move', 'move', 'rename', 'same-name', 'invalid'], startsWithFill: true },
];

/** The commands of a sequence under `profile`: one arbitrary, each kind at its weight. */
export function commandArbitraries(ctx: GenContext, profile: Profile = PROFILES[0]!): Array<fc.Arbitrary<fc.AsyncCommand<Model, Real>>> {
  const tok = token(ctx);
  // One create in five breaks a body rule (fc.option's freq is the odds of nil, so it is not used here).
  const invalid = fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, { arbitrary: fc.nat({ max: INVALID_BODIES.length - 1 }), weight: 1 });
  const arbs: Array<[number, fc.Arbitrary<fc.AsyncCommand<Model, Real>>]> = [
    [profile.create, fc.tuple(at, fc.constantFrom<CreateName>('fresh', 'fresh', 'fresh', 'taken', 'deleted', 'other-container'), small, vendorChoice, tok, invalid).map(([a, n, p, v, t, i]) => new Create(a, n, p, v, t, i))],
    [profile.get, fc.tuple(fc.constantFrom<Which>('live', 'live', 'deleted', 'unknown'), small, tok).map(([w, p, t]) => new Get(w, p, t))],
    [profile.put, fc.tuple(fc.constantFrom<'live' | 'deleted'>('live', 'live', 'live', 'deleted'), small, fc.constantFrom<PutMode>(...profile.putModes), small, vendorChoice, tok, fc.nat({ max: INVALID_BODIES.length - 1 }))
      .map(([w, p, mode, other, v, t, i]) => new Put(w, p, mode, other, v, t, i))],
    // A client fixing a refused body most often drops the part it got wrong (here: the vendor), so at least half the retries send none.
    [profile.putAgain, fc.oneof(fc.constant<VendorChoice>({ vendor: undefined, fields: {} }), vendorChoice).map((v) => new PutAgain(v))],
    [profile.delete, fc.tuple(fc.constantFrom<Which>('live', 'live', 'deleted'), small, tok).map(([w, p, t]) => new Delete(w, p, t))],
    [profile.list, fc.tuple(at, fc.constantFrom<ListFilter>('none', 'none', 'live-name', 'deleted-name', 'fresh-name'), small, fc.option(fc.constantFrom(1, 2, 3, 200), { freq: 2, nil: undefined }), fc.option(fc.constantFrom(0, 1, 2), { freq: 2, nil: undefined }), tok)
      .map(([a, f, p, l, off, t]) => new List(a, f, p, l, off, t))],
    [profile.listAgain, fc.constant(new ListAgain())],
  ];
  return [fc.oneof(...arbs.filter(([w]) => w > 0).map(([weight, arbitrary]) => ({ weight, arbitrary })))];
}

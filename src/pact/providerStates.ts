// Provider states set up and torn down THROUGH THE TARGET'S OWN API (POST to
// create, DELETE to remove), so verification works against a vendor tenant as
// well as against the reference server. Every name the run creates carries a
// random prefix (`mfa-conf-pact-<random>-`), so a run never touches objects it
// did not make and two runs never collide. The values a request needs (the
// prefixed name, the id, the container) are returned to Pact, which injects
// them where the pact says `fromProviderState` (Pact docs, "Provider states
// with parameters / injected values").
import { randomBytes } from 'node:crypto';
import type { MfaClient } from './client.ts';
import { STATE } from './names.ts';

export type Containers = Partial<Record<'folder' | 'snippet' | 'device', string>>;

export interface StateOptions {
  client: MfaClient;
  /** Name prefix; default `mfa-conf-pact-<6 hex>-`. */
  prefix?: string;
  /** Replaces the contract's example container values (a tenant's own folder, snippet or device). */
  containers?: Containers;
  /** Cert profile used for the objects the states create. */
  certProfile?: string;
}

type Params = Record<string, unknown>;
type StateFn = (params?: unknown) => Promise<Record<string, string> | undefined>;
export type StateHandlerMap = Record<string, { setup: StateFn; teardown: StateFn }>;

const CONTAINERS = ['folder', 'snippet', 'device'] as const;

export function newPrefix(): string {
  return `mfa-conf-pact-${randomBytes(3).toString('hex')}-`;
}

export function createStateHandlers(opts: StateOptions): StateHandlerMap {
  const prefix = opts.prefix ?? newPrefix();
  const c = opts.client;
  const asParams = (p: unknown): Params => (p && typeof p === 'object' ? (p as Params) : {});
  const container = (p: Params): { key: (typeof CONTAINERS)[number]; value: string } => {
    const key = CONTAINERS.find((k) => typeof p[k] === 'string') ?? 'folder';
    return { key, value: opts.containers?.[key] ?? String(p[key] ?? 'Shared') };
  };
  const nameOf = (p: Params): string => `${prefix}${String(p['name'] ?? 'object')}`;

  const fail = (what: string, status: number, text: string): never => {
    throw new Error(`provider state: ${what} answered ${status}: ${text.slice(0, 200)}`);
  };
  const idsNamed = async (name: string, key: string, value: string): Promise<string[]> => {
    const res = await c.list({ [key]: value, name, position: 'pre' });
    // A name lookup may be answered with the object itself, or 404 when nothing matches (semantics.md Open points).
    if (res.status === 404) return [];
    if (res.status !== 200) fail(`list ${key}=${value}`, res.status, res.text);
    const json = res.json as { data?: { id?: unknown; name?: unknown }[]; id?: unknown; name?: unknown } | undefined;
    const data = Array.isArray(json?.data) ? json.data : json && typeof json.id === 'string' ? [json] : [];
    // Filter again: a target that ignores `name` must not make us delete others' objects.
    return data.filter((o) => o.name === name && typeof o.id === 'string').map((o) => o.id as string);
  };
  const removeAll = async (ids: string[]): Promise<void> => {
    for (const id of ids) {
      const res = await c.remove(id);
      if (res.status !== 200 && res.status !== 404) fail(`DELETE ${id}`, res.status, res.text);
    }
  };
  /** Removes what a state made, including renamed copies (the update interaction appends `-renamed`). */
  const cleanup = async (p: Params): Promise<void> => {
    const { key, value } = container(p);
    const name = nameOf(p);
    await removeAll([...(await idsNamed(name, key, value)), ...(await idsNamed(`${name}-renamed`, key, value))]);
  };
  const create = async (p: Params): Promise<string> => {
    const { key, value } = container(p);
    const res = await c.create({ name: nameOf(p), mfa_cert_profile: opts.certProfile ?? 'mfa-conformance-cert-profile', [key]: value });
    const id = (res.json as { id?: unknown } | undefined)?.id;
    if (res.status !== 200 || typeof id !== 'string') fail('create', res.status, res.text);
    return id as string;
  };
  const values = (p: Params): Record<string, string> => {
    const { key, value } = container(p);
    return { name: nameOf(p), [key]: value };
  };

  /** An exported finding's own name, as sent: only a run's `mfa-conf-` names are ever deleted. */
  const removeExact = async (raw: unknown): Promise<Record<string, string>> => {
    const p = asParams(raw);
    const name = String(p['name'] ?? '');
    if (!name.startsWith('mfa-conf-')) throw new Error(`provider state: ${JSON.stringify(name.slice(0, 40))} is not a name a run made (mfa-conf-...)`);
    // The container as the request names it (not a --folder replacement: the request itself is not rewritten).
    const key = CONTAINERS.find((k) => typeof p[k] === 'string') ?? 'folder';
    const value = String(p[key] ?? '');
    await removeAll(await idsNamed(name, key, value));
    return { name, [key]: value };
  };

  return {
    [STATE.absentExact]: {
      setup: removeExact,
      teardown: async (raw) => {
        await removeExact(raw);
        return undefined;
      },
    },
    [STATE.absent]: {
      setup: async (raw) => {
        const p = asParams(raw);
        await cleanup(p);
        return values(p);
      },
      teardown: async (raw) => {
        await cleanup(asParams(raw));
        return undefined;
      },
    },
    [STATE.exists]: {
      setup: async (raw) => {
        const p = asParams(raw);
        await cleanup(p);
        return { ...values(p), id: await create(p) };
      },
      teardown: async (raw) => {
        await cleanup(asParams(raw));
        return undefined;
      },
    },
    [STATE.deleted]: {
      setup: async (raw) => {
        const p = asParams(raw);
        await cleanup(p);
        const id = await create(p);
        await removeAll([id]);
        return { ...values(p), id };
      },
      teardown: async (raw) => {
        await cleanup(asParams(raw));
        return undefined;
      },
    },
  };
}

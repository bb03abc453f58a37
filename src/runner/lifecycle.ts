// The lifecycle the published spec describes (list, create, get, update,
// delete; semantics.md "Rest of the lifecycle"), once per vendor x container:
// create → get → create a sibling → list by name → rename the sibling into
// the first's name (409) → replace → page the list (limit, then offset) →
// delete → get, delete and put again (404) → list without it → create under
// the deleted name. (Page order is open; page sizes, membership and totals
// are must.) The oracle predicts every step from the
// state the target's own answers built.
import type { Tenant } from '../generate/tenant.ts';
import { spec } from '../spec/model.ts';
import type { ApiRequest } from '../spec/types.ts';
import type { Exchange } from './results.ts';
import { parseJson } from './evaluateExchange.ts';

export interface Scenario { vendor: string; container: string; value: string; certProfile?: string }

/** One valid value per vendor field, at or above its bound (seed:28-90). */
function vendorBody(vendor: string, variant: number): Record<string, unknown> {
  const v = spec.vendors.find((x) => x.name === vendor)!;
  const fields: Record<string, unknown> = {};
  // Not a field of the spec's required lists: leaving one out is an open point (semantics.md), not a replacement test.
  const firstPlain = v.fields.find((f) => f.default === undefined && !f.requiredStrict);
  for (const f of v.fields) {
    // Variant 1 (the replacement): defaults omitted, so the target fills them,
    // and one optional field dropped, so a target that merges instead of
    // replacing shows it.
    if (variant === 1 && ((f.default !== undefined && !f.requiredStrict) || f === firstPlain)) continue;
    fields[f.name] = f.type === 'integer' ? (variant === 1 ? 600 : 5) : `${f.name.replace(/_/g, '-')}-${'x'.repeat(f.minLength ?? 1)}`.slice(0, Math.max(f.minLength ?? 1, 12));
  }
  return fields;
}

/**
 * One scenario per vendor (and none) x container kind, each in a container of
 * its own named after the run; on a tenant (`tenant`), in the containers the
 * user named (a tenant's containers must exist), with its certificate profile.
 */
export function scenarios(prefix: string, tenant?: Tenant): Scenario[] {
  const out: Scenario[] = [];
  let i = 0;
  const owned = tenant === undefined;
  const places: Array<[string, string]> = owned ? [] : spec.containers.flatMap((k) => (tenant.containers[k] ?? []).map((v): [string, string] => [k, v]));
  for (const vendor of [...spec.vendors.map((v) => v.name), 'none']) {
    if (owned) for (const container of spec.containers) out.push({ vendor, container, value: `${prefix}lc${i++}` });
    else {
      const [container, value] = places[i++ % places.length]!;
      out.push({ vendor, container, value, ...(tenant.certProfile !== undefined && { certProfile: tenant.certProfile }) });
    }
  }
  return out;
}

export async function runScenario(
  s: Scenario, prefix: string, headers: Record<string, string>,
  exec: (req: ApiRequest, meta: { vendor?: string; container?: string }) => Promise<Exchange>,
): Promise<void> {
  const meta = { ...(s.vendor !== 'none' && { vendor: s.vendor }), container: s.container };
  const json = { ...headers, 'content-type': 'application/json' };
  const body = (name: string, variant: number): string => JSON.stringify({
    name, mfa_cert_profile: s.certProfile ?? `cert-${variant}`, [s.container]: s.value,
    ...(s.vendor !== 'none' && { mfa_vendor_type: { [s.vendor]: vendorBody(s.vendor, variant) } }),
  });
  const idOf = (ex: Exchange): string => {
    const id = (parseJson(ex.response?.body ?? '') as { id?: unknown } | undefined)?.id;
    // A target that failed to create: go on with an id it cannot know (404 expected).
    return typeof id === 'string' && id !== '' ? encodeURIComponent(id) : '00000000-0000-4000-8000-00000000dead';
  };
  const nameA = `${prefix}${s.container}-${s.vendor}-a`;
  // The sibling's name starts with the first's: a name filter that matches prefixes or substrings shows it.
  const nameB = `${nameA}2`;
  // position=pre, as the vendor's clients always send it (vendor-facts.md "Lists"; a list without it is an open point).
  const list = (q: string): ApiRequest => ({ method: 'GET', path: `/mfa-servers?${s.container}=${encodeURIComponent(s.value)}&position=pre${q}`, headers });
  const a = idOf(await exec({ method: 'POST', path: '/mfa-servers', headers: json, body: body(nameA, 0) }, meta));
  await exec({ method: 'GET', path: `/mfa-servers/${a}`, headers }, meta);
  const b = idOf(await exec({ method: 'POST', path: '/mfa-servers', headers: json, body: body(nameB, 0) }, meta));
  // With both present: the name filter, then a rename into A's name (409).
  await exec(list(`&name=${encodeURIComponent(nameA)}`), meta);
  await exec({ method: 'PUT', path: `/mfa-servers/${b}`, headers: json, body: body(nameA, 1) }, meta);
  await exec({ method: 'PUT', path: `/mfa-servers/${a}`, headers: json, body: body(nameA, 1) }, meta);
  // Paging: limit alone, limit and offset, and an offset past the end (an
  // empty page, whatever the order).
  await exec(list('&limit=1'), meta);
  await exec(list('&limit=1&offset=1'), meta);
  await exec(list('&offset=2'), meta);
  await exec({ method: 'DELETE', path: `/mfa-servers/${a}`, headers }, meta);
  await exec({ method: 'GET', path: `/mfa-servers/${a}`, headers }, meta);
  await exec({ method: 'DELETE', path: `/mfa-servers/${a}`, headers }, meta);
  await exec({ method: 'PUT', path: `/mfa-servers/${a}`, headers: json, body: body(nameA, 0) }, meta);
  await exec(list(''), meta);
  // The deleted name is free again (semantics.md "DELETE": the object is gone).
  const c = idOf(await exec({ method: 'POST', path: '/mfa-servers', headers: json, body: body(nameA, 0) }, meta));
  await exec({ method: 'DELETE', path: `/mfa-servers/${b}`, headers }, meta);
  await exec({ method: 'DELETE', path: `/mfa-servers/${c}`, headers }, meta);
  await exec(list(''), meta);
}

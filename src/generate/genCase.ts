// The unit the generators produce: one request plus the rule it means to
// break. The label is for reports and for the agreement test only; the
// expected outcome always comes from the oracle (architecture.md "Two
// independences"), never from here.
import { rule } from '../spec/model.ts';
import type { ApiRequest } from '../spec/types.ts';

/**
 * What the runner must arrange before sending the request: a token, or
 * objects created first (their ids replace `{existing}` in the request's path,
 * the first object's: PUT, GET and DELETE of an object that exists).
 */
export type Needs = 'read-only-token' | 'expired-token' | { existing: Array<Record<string, unknown>> };

/** Stands for the id of the case's first `needs.existing` object in a request path. */
export const EXISTING_ID = '{existing}';

/** The case's request with `{existing}` replaced by the id its first object got (an id that names nothing when none). */
export function resolveRequest(c: GenCase, ids: readonly (string | undefined)[]): ApiRequest {
  if (!c.request.path.includes(EXISTING_ID)) return c.request;
  const id = ids[0] ?? '00000000-0000-4000-8000-00000000dead';
  return { ...c.request, path: c.request.path.replace(EXISTING_ID, encodeURIComponent(id)) };
}

export interface GenCase {
  /** Rule id (contracts/rules.json) the case means to break, or 'valid'. */
  label: string;
  /** The label's rule kind from the catalogue; 'success' for valid cases. */
  kind: string;
  request: ApiRequest;
  vendor?: string;
  container?: string;
  /** True when the case sits exactly on a rule's edge (64/65, 4/5, min-1/min...). */
  boundary: boolean;
  needs?: Needs;
  /**
   * A second rule the case breaks on purpose, after `label` in the
   * precedence (semantics.md "Precedence", a should): answering it instead
   * of `label` is a warning, answering neither a failure.
   */
  also?: string;
}

export interface GenContext {
  token: string;
  readOnlyToken?: string;
  expiredToken?: string;
  /** Every object a case may create has a name starting with this, e.g. 'mfa-conf-1234-'. */
  namePrefix: string;
}

export const VALID = 'valid';

export interface CaseMeta {
  vendor?: string | undefined;
  container?: string | undefined;
  boundary?: boolean;
  needs?: Needs | undefined;
  also?: string | undefined;
}

/** Builds a GenCase; the kind is looked up so a typo in a label fails loudly. */
export function genCase(label: string, request: ApiRequest, meta: CaseMeta = {}): GenCase {
  const c: GenCase = { label, kind: label === VALID ? 'success' : rule(label).kind, request, boundary: meta.boundary ?? false };
  if (meta.vendor !== undefined) c.vendor = meta.vendor;
  if (meta.container !== undefined) c.container = meta.container;
  if (meta.needs !== undefined) c.needs = meta.needs;
  if (meta.also !== undefined) { rule(meta.also); c.also = meta.also; }
  return c;
}

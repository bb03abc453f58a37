// The one model of the API: contracts/ loaded once, checked, frozen. This is
// the only core file that reads disk (ARCHITECTURE.md); everything else in the
// core (oracle, generators, checks) receives or imports this model.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { HarnessError } from './errors.ts';
import type { Basis, Strength } from './types.ts';

export type RuleKind =
  | 'regex' | 'length' | 'range' | 'vendor-exclusivity' | 'container-exclusivity'
  | 'required' | 'type' | 'body-format' | 'auth' | 'permission' | 'uniqueness'
  | 'not-found' | 'method' | 'success';

export type Operation = 'list' | 'create' | 'get' | 'update' | 'delete';

export interface Rule {
  id: string;
  operations: Operation[] | 'all';
  field: string;
  kind: RuleKind;
  strength: Strength;
  basis: Basis;
  source: string;
  status: number;
  code?: string;
  message?: string;
  messageMust?: string;
  messageStrength?: Strength | 'unchecked';
  error?: string;
  /** Only in that profile: 'openapi' adds the spec's required lists and hostname formats; 'default' rules are those open points' default-profile form. */
  profile?: 'openapi' | 'default';
  params?: Record<string, unknown>;
  description: string;
}

export interface ErrorEntry {
  id: string; status: number; code: string; message: string; template?: string; source: string;
}

export interface VendorField {
  name: string;
  type: 'string' | 'integer';
  minLength?: number;
  minimum?: number;
  maximum?: number;
  default?: string | number;
  secret: boolean;
  hostname: boolean;
  /** In the published spec's `required` list (strict "openapi" profile only). */
  requiredStrict: boolean;
}

export interface Vendor { name: string; fields: VendorField[] }

export interface SpecModel {
  rules: ReadonlyMap<string, Rule>;
  errors: ReadonlyMap<string, ErrorEntry>;
  vendors: readonly Vendor[];
  containers: readonly ['folder', 'snippet', 'device'];
  /** Full-string container pattern, written so it compiles with or without the `u` flag. */
  containerPattern: string;
  containerMaxLength: number;
  /** Vendor fields whose values never reach a log or report. */
  secretFields: readonly string[];
  schemas: Readonly<Record<'body' | 'stored' | 'list' | 'error', object>>;
  openapi: Record<string, unknown>;
}

const dir = new URL('../../contracts/', import.meta.url);

/** A contracts/ file, or a one-line error naming it (exit 2): a broken rules.json must say which file. */
function readContract(p: string): string {
  try {
    return readFileSync(new URL(p, dir), 'utf8');
  } catch (e) {
    throw new HarnessError('BAD_CONTRACT', `contracts/${p} cannot be read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

function readJson(p: string): unknown {
  const text = readContract(p);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new HarnessError('BAD_CONTRACT', `contracts/${p} is not valid JSON: ${(e as Error).message}`);
  }
}

type OpenApiField = { type: 'string' | 'integer'; minLength?: number; minimum?: number; maximum?: number; default?: string | number; format?: string };

function vendorsFrom(openapi: any): Vendor[] {
  const branches = openapi.components.schemas['mfa-servers'].properties.mfa_vendor_type.oneOf as any[];
  return branches.map((br) => {
    const [name, v] = Object.entries(br.properties)[0] as [string, { properties: Record<string, OpenApiField>; required?: string[] }];
    const fields = Object.entries(v.properties).map(([f, c]): VendorField => ({
      name: f, type: c.type, minLength: c.minLength, minimum: c.minimum, maximum: c.maximum, default: c.default,
      // `format: password` marks the secret fields (semantics.md: okta_token,
      // ping_use_base64_key, rsa_accesskey, duo_secret_key).
      secret: c.format === 'password',
      hostname: c.format === 'hostname',
      requiredStrict: (v.required ?? []).includes(f),
    }));
    return { name, fields };
  });
}

export function loadSpec(): SpecModel {
  let openapi: any;
  try {
    openapi = parse(readContract('openapi.yaml'));
  } catch (e) {
    if (e instanceof HarnessError) throw e;
    throw new HarnessError('BAD_CONTRACT', `contracts/openapi.yaml is not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  const rules = (readJson('rules.json') as { rules: Rule[] }).rules;
  const errors = (readJson('errors.json') as { errors: ErrorEntry[] }).errors;
  const vendors = vendorsFrom(openapi);
  const ruleMap = new Map(rules.map((r) => [r.id, r]));
  if (ruleMap.size !== rules.length) throw new HarnessError('BAD_CONTRACT', 'contracts/rules.json: duplicate rule id');
  const errorMap = new Map(errors.map((e) => [e.id, e]));
  for (const r of rules) {
    if (r.error && !errorMap.has(r.error)) throw new HarnessError('BAD_CONTRACT', `contracts/rules.json: rule ${r.id} names unknown error ${r.error}`);
    if (!['must', 'should', 'open'].includes(r.strength)) throw new HarnessError('BAD_CONTRACT', `contracts/rules.json: rule ${r.id} has strength ${String(r.strength)}`);
    if (!['seed', 'spec', 'semantics', 'open'].includes(r.basis)) throw new HarnessError('BAD_CONTRACT', `contracts/rules.json: rule ${r.id} has no basis`);
  }
  const model: SpecModel = {
    rules: ruleMap,
    errors: errorMap,
    vendors,
    containers: ['folder', 'snippet', 'device'],
    containerPattern: '^[A-Za-z0-9\\-_. ]+$',
    containerMaxLength: 64,
    secretFields: vendors.flatMap((v) => v.fields.filter((f) => f.secret).map((f) => f.name)),
    schemas: {
      body: readJson('schemas/mfa-server-body.json') as object,
      stored: readJson('schemas/mfa-server-stored.json') as object,
      list: readJson('schemas/mfa-server-list.json') as object,
      error: readJson('schemas/error-envelope.json') as object,
    },
    openapi,
  };
  return deepFreeze(model);
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    if (o instanceof Map) for (const v of o.values()) deepFreeze(v);
    else for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

/** The process-wide model, loaded on first import. */
export const spec: SpecModel = loadSpec();

export function rule(id: string): Rule {
  const r = spec.rules.get(id);
  if (!r) throw new Error(`unknown rule id ${id}`);
  return r;
}

/** A number of a rule's `params` (contracts/rules.json): the oracle repeats no literal of the catalogue. */
export function param(id: string, key: string): number {
  const v = rule(id).params?.[key];
  if (typeof v !== 'number') throw new Error(`contracts/rules.json: rule ${id} has no numeric param ${key}`);
  return v;
}

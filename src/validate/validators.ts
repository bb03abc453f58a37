// ajv validators for the contract's schemas, compiled once at start and
// reused for every response (architecture.md: never ajv.compile in a property).
import { Ajv, type ValidateFunction } from 'ajv';
import { spec } from '../spec/model.ts';

export interface Validators {
  body: ValidateFunction;
  stored: ValidateFunction;
  list: ValidateFunction;
  error: ValidateFunction;
}

let cached: Validators | undefined;

export function validators(): Validators {
  if (cached) return cached;
  // unicodeRegExp stays on: contracts/ writes the container pattern so it compiles under `u`.
  const ajv = new Ajv({ allErrors: false, strict: false });
  for (const s of Object.values(spec.schemas)) ajv.addSchema(s);
  const get = (id: string): ValidateFunction => ajv.getSchema(id)!;
  cached = { body: get('mfa-server-body.json'), stored: get('mfa-server-stored.json'), list: get('mfa-server-list.json'), error: get('error-envelope.json') };
  return cached;
}

/** One line naming the first schema error. */
export function schemaError(v: ValidateFunction): string {
  const e = v.errors?.[0];
  return e ? `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}` : 'is invalid';
}

// JSON values of every type except the one a field expects (spec types;
// semantics.md: "Types are part of the rule"). A non-integer NUMBER for a
// timeout is the range rule, not this one (src/oracle/vendorRules.ts), so
// numbers never stand in for integers here.
import fc from 'fast-check';

export type Expects = 'string' | 'integer' | 'object';
export type JsonType = 'number' | 'boolean' | 'null' | 'array' | 'object' | 'string';

export const WRONG_TYPES: Readonly<Record<Expects, readonly JsonType[]>> = {
  string: ['number', 'boolean', 'null', 'array', 'object'],
  integer: ['string', 'boolean', 'null', 'array', 'object'],
  object: ['number', 'boolean', 'null', 'array', 'string'],
};

/** Fixed representatives (boundary cases): "30" is the timeout-as-string case of the newer SDKs. */
export const FIXED_VALUES: Readonly<Record<JsonType, readonly unknown[]>> = {
  number: [42, 0, -1.5],
  boolean: [true, false],
  null: [null],
  array: [[], ['x']],
  object: [{}, { value: 'x' }],
  string: ['30', '', 'okta'],
};

const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
const small = fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean(), fc.constant(null));
const key = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz_'), minLength: 1, maxLength: 8 });

const ARBS: Readonly<Record<JsonType, fc.Arbitrary<unknown>>> = {
  number: fc.oneof(fc.integer(), finite),
  boolean: fc.boolean(),
  null: fc.constant(null),
  array: fc.array(small, { maxLength: 3 }),
  object: fc.dictionary(key, small, { maxKeys: 3 }),
  string: fc.oneof(fc.constant('30'), fc.integer({ min: 5, max: 600 }).map(String), fc.string({ maxLength: 12 })),
};

/** A numeric string ("30", " 30", "+30"): okta_timeout written so is an open point (src/oracle/vendorRules.ts). */
export const isNumericString = (v: unknown): boolean => typeof v === 'string' && /^\s*[+-]?\d+\s*$/.test(v);
const NON_NUMERIC_STRING = fc.oneof(fc.constantFrom('', 'okta', 'thirty', '30s'), fc.string({ maxLength: 12 }).map((s) => `x${s}`));

/**
 * A random value of a wrong type; shrinking stays within the chosen type.
 * `numericStrings: false` for okta_timeout, where "30" is an open point, not a type error.
 */
export function wrongTypeValue(expects: Expects, opts: { numericStrings?: boolean } = {}): fc.Arbitrary<unknown> {
  return fc.oneof(...WRONG_TYPES[expects].map((t) => (t === 'string' && opts.numericStrings === false ? NON_NUMERIC_STRING : ARBS[t])));
}

/** Every fixed wrong value for a field (boundary cases). */
export const fixedWrongValues = (expects: Expects, opts: { numericStrings?: boolean } = {}): unknown[] =>
  WRONG_TYPES[expects].flatMap((t) => [...FIXED_VALUES[t]]).filter((v) => opts.numericStrings !== false || !isNumericString(v));

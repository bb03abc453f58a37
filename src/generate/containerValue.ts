// Valid container values: 1..64 characters from letters, digits, '-', '_',
// '.' and space (seed:15-23 "<= 64 characters", pattern ^[a-zA-Z\d-_\. ]+$,
// read as a character class: semantics.md "POST" body rules).
import fc from 'fast-check';
import { spec } from '../spec/model.ts';
import { memoBy } from './memo.ts';
import { seededStringArb } from './seededString.ts';

export type Container = (typeof spec.containers)[number];

export const CONTAINER_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_. ';
export const CONTAINER_MAX = spec.containerMaxLength;

/** One allowed character; shrinks towards 'A'. */
export const containerChar: fc.Arbitrary<string> = fc.integer({ min: 0, max: CONTAINER_CHARS.length - 1 }).map((i) => CONTAINER_CHARS[i]!);

export function containerValue(constraints: { minLength?: number; maxLength?: number } = {}): fc.Arbitrary<string> {
  const minLength = constraints.minLength ?? 1;
  const maxLength = constraints.maxLength ?? CONTAINER_MAX;
  if (minLength < 0 || maxLength < minLength) throw new RangeError(`containerValue: bad bounds ${minLength}..${maxLength}`);
  return containerValueBetween(minLength, maxLength);
}

const containerValueBetween = memoBy((min: number, max: number) => `${min}:${max}`, (min: number, max: number) => seededStringArb([[...CONTAINER_CHARS]], min, max));

/** A deterministic valid value of exactly `length` characters, every class member used. */
export function fixedContainerValue(length: number, seed = 0): string {
  let s = '';
  for (let i = 0; s.length < length; i++) s += CONTAINER_CHARS[(seed * 7 + i * 11) % CONTAINER_CHARS.length]!;
  // Keep edge characters letters so nothing depends on a target trimming spaces.
  return length <= 2 ? 'Ab'.slice(0, length) : `A${s.slice(1, length - 1)}z`;
}

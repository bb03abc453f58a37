// One random case: valid creates and every invalid family, weighted so each
// invalid kind is well represented (about 1 in 16 cases each) while valid
// creates stay the largest single family (uniqueness and list cases add more
// valid requests of their own).
import fc from 'fast-check';
import type { GenCase, GenContext } from './genCase.ts';
import { mutationArbs } from './mutationCase.ts';
import { requestCaseArbs } from './requestCases.ts';
import { openPointCase } from './openPointCases.ts';
import { validCase } from './validCase.ts';

/** Relative weights by family; a family absent from the context (no read-only token) drops out. */
export const FAMILY_WEIGHTS: Readonly<Record<string, number>> = {
  valid: 8, regex: 3, length: 3, range: 3, 'vendor-exclusivity': 3, 'container-exclusivity': 2, required: 2, type: 4,
  'body-format': 3, auth: 3, permission: 2, route: 3, resource: 3, list: 4, uniqueness: 2, open: 4,
};

export function randomCaseFamilies(ctx: GenContext): Record<string, fc.Arbitrary<GenCase>> {
  return { valid: validCase(ctx), ...mutationArbs(ctx), ...requestCaseArbs(ctx), open: openPointCase(ctx) };
}

export function randomCase(ctx: GenContext): fc.Arbitrary<GenCase> {
  const families = Object.entries(randomCaseFamilies(ctx));
  return fc.oneof(...families.map(([name, arbitrary]) => ({ arbitrary, weight: FAMILY_WEIGHTS[name] ?? 1 })));
}

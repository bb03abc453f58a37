// Public API of the generators (architecture.md: fast-check arbitraries,
// valid requests and mutations that break exactly one rule). The generator
// labels; the oracle decides.
export type { GenCase, GenContext, Needs } from './genCase.ts';
export { EXISTING_ID, resolveRequest, VALID } from './genCase.ts';
export { boundaryCases } from './boundaryCases.ts';
export { randomCase, randomCaseFamilies, FAMILY_WEIGHTS } from './randomCase.ts';
export { skippedLabels } from './skippedLabels.ts';
export { boundaryNamer, isRunName, NAME_SUFFIX_MIN, objectName, runNamePrefix } from './objectName.ts';
export { validBody, type ValidBody } from './validBody.ts';

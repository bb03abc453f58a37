// The checks, in the order their findings are reported. One verdict per
// check; the runner keeps the first failure per exchange as its finding.
import type { Check } from './check.ts';
import { errorDetails } from './errorDetails.ts';
import { jsonContentType } from './jsonContentType.ts';
import { noServerError } from './noServerError.ts';
import { outcomeConformance } from './outcomeConformance.ts';
import { requestIdIsUuid } from './requestIdIsUuid.ts';
import { responseSchema } from './responseSchema.ts';
import { successBody } from './successBody.ts';
import { transportHealth } from './transportHealth.ts';

export const CHECKS: readonly Check[] = [transportHealth, noServerError, outcomeConformance, jsonContentType, responseSchema, successBody, requestIdIsUuid, errorDetails];
export { type Check, type CheckInput, type Verdict } from './check.ts';

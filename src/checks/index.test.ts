// CHECKS: every check, in the order their findings are reported (the runner
// keeps the first failure of an exchange as its finding).
import { describe, expect, it } from 'vitest';
import { errorDetails } from './errorDetails.ts';
import { CHECKS } from './index.ts';
import { jsonContentType } from './jsonContentType.ts';
import { noServerError } from './noServerError.ts';
import { outcomeConformance } from './outcomeConformance.ts';
import { requestIdIsUuid } from './requestIdIsUuid.ts';
import { responseSchema } from './responseSchema.ts';
import { successBody } from './successBody.ts';
import { transportHealth } from './transportHealth.ts';

describe('CHECKS', () => {
  it('lists every check once, transport and 5xx first', () => {
    expect(CHECKS).toStrictEqual([transportHealth, noServerError, outcomeConformance, jsonContentType, responseSchema, successBody, requestIdIsUuid, errorDetails]);
  });
});

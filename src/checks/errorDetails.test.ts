// errorDetails: every `_errors` entry of a 4xx carries `details`, held at
// the strength of the answer the response matched (check.ts shapeStrength).
import { describe, it } from 'vitest';
import { errorDetails } from './errorDetails.ts';
import { expectVerdict, must, outcome, strictFail, warn, type Row } from './testing/checkInput.ts';

const E003 = outcome({ status: 400, code: 'E003', message: 'Invalid Object', rule: 'body.name.required' });
const entry = { code: 'E003', message: 'Invalid Object' };
const noDetails = { _errors: [entry], _request_id: 'r' };

const rows: Row[] = [
  ['details {} passes', { status: 400, body: { _errors: [{ ...entry, details: {} }] }, matched: E003 }, undefined],
  ['details as a string passes', { status: 400, body: { _errors: [{ ...entry, details: 'x' }] }, matched: E003 }, undefined],
  ['details null still present', { status: 400, body: { _errors: [{ ...entry, details: null }] }, matched: E003 }, undefined],
  ['no details at 400 (must answer)', { status: 400, body: noDetails, matched: E003 }, must('error-details', /^_errors\[0\] has no details$/, 'body.name.required')],
  ['no details at 499', { status: 499, body: noDetails, matched: { ...E003, status: 499 } }, must('error-details', /_errors\[0\]/)],
  ['the second entry lacks details', { status: 409, body: { _errors: [{ ...entry, details: {} }, entry] }, matched: { ...E003, status: 409 } }, must('error-details', /^_errors\[1\] has no details$/)],
  ['no details, should answer: a warning', { status: 404, body: noDetails, matched: outcome({ status: 404, strength: 'should' }) }, warn('error-details')],
  ['no details, should answer, --strict: a failure', { status: 404, body: noDetails, matched: outcome({ status: 404, strength: 'should' }), strict: true }, strictFail('error-details')],
  ['no details, open answer: not asserted', { status: 400, body: noDetails, matched: outcome({ status: 400, strength: 'open' }) }, undefined],
  ['no details, tolerated must answer: should', { status: 400, body: noDetails, matched: E003, matchedTolerated: true }, warn('error-details')],
  ['no details, no match, miss must', { status: 418, body: noDetails, expected: E003, miss: 'must' }, must('error-details')],
  ['no details, no match, miss should', { status: 418, body: noDetails, expected: E003, miss: 'should' }, warn('error-details')],
  ['a 399 is not an error answer', { status: 399, body: noDetails, matched: E003 }, undefined],
  ['a 2xx is not an error answer', { status: 200, body: noDetails, matched: E003 }, undefined],
  ['a 500 is the no-5xx check\'s', { status: 500, body: noDetails, matched: E003 }, undefined],
  ['no response (transport failure)', { transportError: { code: 'ECONNRESET', message: 'reset' }, matched: E003 }, undefined],
  ['body not JSON', { status: 400, body: 'oops', matched: E003 }, undefined],
  ['_errors not an array: the schema check\'s', { status: 400, body: { _errors: { code: 'E003' } }, matched: E003 }, undefined],
  ['no _errors at all', { status: 400, body: { message: 'x' }, matched: E003 }, undefined],
  ['non-object entries are the schema check\'s', { status: 400, body: { _errors: ['x', null, 3] }, matched: E003 }, undefined],
  ['a null entry then one without details', { status: 400, body: { _errors: [null, entry] }, matched: E003 }, must('error-details', /_errors\[1\]/)],
];

describe('errorDetails', () => {
  it.each(rows)('%s', (_name, given, want) => expectVerdict(errorDetails, given, want, () => ({ kind: 'error-details' })));
});

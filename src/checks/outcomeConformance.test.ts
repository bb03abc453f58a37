// outcomeConformance: status, code and message against the prediction. A
// matched expected answer grades its message; a matched tolerated one is a
// should deviation (precedence); no match is graded at the miss strength,
// named `code` when the status is one an answer has and `status` otherwise.
import { describe, expect, it } from 'vitest';
import { errorFields, messageDeviation, outcomeConformance, sameStatusCode } from './outcomeConformance.ts';
import { expectVerdict, must, outcome, strictFail, warn, type Row } from './testing/checkInput.ts';

const err = (code: unknown, message: unknown): unknown => ({ _errors: [{ code, message, details: {} }], _request_id: 'r' });
const E003 = outcome({ status: 400, code: 'E003', message: 'Invalid Object', rule: 'body.name.required' });
const E016 = outcome({ status: 401, code: 'E016', message: 'Not Authenticated', rule: 'auth.not-authenticated' });
const OK = outcome({ status: 200, rule: 'create.success' });

describe('errorFields', () => {
  it.each([
    ['undefined', undefined, {}],
    ['not an envelope', { x: 1 }, {}],
    ['no entries', { _errors: [] }, {}],
    ['code and message', err('E003', 'm'), { code: 'E003', message: 'm' }],
    ['only the first entry counts', { _errors: [{ code: 'A', message: 'a' }, { code: 'B', message: 'b' }] }, { code: 'A', message: 'a' }],
    ['non-string code dropped', err(3, 'm'), { message: 'm' }],
    ['non-string message dropped', err('E003', null), { code: 'E003' }],
    ['a null entry', { _errors: [null] }, {}],
    ['empty strings kept', err('', ''), { code: '', message: '' }],
  ])('%s', (_name, json, want) => expect(errorFields(json)).toStrictEqual(want));
});

describe('sameStatusCode', () => {
  const range = outcome({ status: 400, statusMax: 499, code: 'E003' });
  it.each([
    ['same status and code', E003, 400, 'E003', true],
    ['same status, other code', E003, 400, 'E005', false],
    ['same status, no code', E003, 400, undefined, false],
    ['other status', E003, 401, 'E003', false],
    ['code not asserted', outcome({ status: 404 }), 404, 'E005', true],
    ['code not asserted, no code', outcome({ status: 404 }), 404, undefined, true],
    ['a 2xx: the code is never asserted', outcome({ status: 200, code: 'X' }), 200, undefined, true],
    ['a 3xx: the code is never asserted', outcome({ status: 399, code: 'X' }), 399, 'Y', true],
    ['a 4xx from 400: asserted', outcome({ status: 400, code: 'X' }), 400, 'Y', false],
    ['range: its first status', range, 400, 'E003', true],
    ['range: its last status', range, 499, 'E003', true],
    ['range: inside', range, 450, 'E003', true],
    ['range: below', range, 399, 'E003', false],
    ['range: above', range, 500, 'E003', false],
    ['range: the code still asserted', range, 450, 'E004', false],
  ])('%s', (_name, o, status, code, want) => expect(sameStatusCode(o, status, code)).toBe(want));
});

describe('messageDeviation', () => {
  const accept = outcome({ status: 400, code: 'E003', message: 'Output Format Mismatch: output-format=json Accept=xml', messageMust: '^Output Format Mismatch: output-format=json', rule: 'format.accept' });
  const also = outcome({ status: 400, code: 'E003', message: 'Malformed Command', messageAlso: '^(invalid json|bad body)$', rule: 'format.malformed-json' });
  it.each([
    ['equal', E003, 'Invalid Object', undefined],
    ['differs: the answer\'s strength', E003, 'Bad Object', 'must'],
    ['absent: the answer\'s strength', E003, undefined, 'must'],
    ['differs, a should answer', outcome({ status: 400, message: 'M', strength: 'should' }), 'N', 'should'],
    ['differs, an open answer', outcome({ status: 400, message: 'M', strength: 'open' }), 'N', 'open'],
    ['differs, the message\'s own strength', outcome({ status: 400, message: 'M', messageStrength: 'should' }), 'N', 'should'],
    ['differs, the message\'s own strength open', outcome({ status: 400, message: 'M', messageStrength: 'open' }), 'N', 'open'],
    ['no message asserted', outcome({ status: 400 }), 'anything', undefined],
    ['a 2xx: never asserted', outcome({ status: 200, message: 'OK' }), 'other', undefined],
    ['a 399: never asserted', outcome({ status: 399, message: 'M' }), 'other', undefined],
    ['differs only in the must-part\'s tail: should', accept, 'Output Format Mismatch: output-format=json Accept=text/xml', 'should'],
    ['misses the must part: must', accept, 'Output Format Mismatch', 'must'],
    ['absent, with a must part: must', accept, undefined, 'must'],
    ['the must part, an open message strength: open', { ...accept, messageStrength: 'open' as const }, 'Output Format Mismatch: output-format=json Accept=', 'open'],
    ['the must part is case-sensitive', accept, 'output format mismatch: output-format=json', 'must'],
    ['another accepted form', also, 'invalid json', undefined],
    ['another accepted form, any case', also, 'Invalid JSON', undefined],
    ['another form must match whole', also, 'invalid json!', 'must'],
    ['absent, with other forms: must', also, undefined, 'must'],
    ['other forms that match the empty message', { ...also, messageAlso: '^$' }, undefined, undefined],
    ['absent is read as empty for the must part', outcome({ status: 400, message: 'M', messageMust: '^$' }), undefined, 'should'],
  ])('%s', (_name, o, message, want) => expect(messageDeviation(o, message)).toBe(want));
});

describe('outcomeConformance', () => {
  const rows: Row[] = [
    ['the expected answer', { status: 400, body: err('E003', 'Invalid Object'), matched: E003 }, undefined],
    ['the expected answer, another message: must', { status: 400, body: err('E003', 'Bad'), matched: E003 }, must('message', /^Received: 400 E003 \(Bad\) \/ Expected message: Invalid Object$/, 'body.name.required')],
    ['the expected answer, no message', { status: 400, body: err('E003', 7), matched: E003 }, must('message', /^Received: 400 E003 \/ Expected message: Invalid Object$/)],
    ['a should message: a warning', { status: 400, body: err('E003', 'Bad'), matched: { ...E003, messageStrength: 'should' } }, warn('message')],
    ['a should message, --strict', { status: 400, body: err('E003', 'Bad'), matched: { ...E003, messageStrength: 'should' }, strict: true }, strictFail('message')],
    ['an open message: passes', { status: 400, body: err('E003', 'Bad'), matched: { ...E003, messageStrength: 'open' } }, undefined],
    ['a success answer', { status: 200, body: { id: 'x' }, matched: OK }, undefined],
    ['a tolerated answer: a should deviation', { status: 401, body: err('E016', 'Not Authenticated'), expected: E003, tolerated: [E016], matched: E016, matchedTolerated: true },
      warn('precedence', /^Received: 401 E016 \(Not Authenticated\) \(rule auth.not-authenticated\) \/ Expected: 400 E003 \(Invalid Object\): a should deviation \(precedence or a should rule\)$/, 'body.name.required')],
    ['a tolerated answer, --strict', { status: 401, body: err('E016', 'x'), expected: E003, tolerated: [E016], matched: E016, matchedTolerated: true, strict: true }, strictFail('precedence')],
    ['a tolerated answer whose message differs: still precedence', { status: 401, body: err('E016', 'x'), expected: E003, matched: E016, matchedTolerated: true }, warn('precedence')],
    ['a tolerated match, matchedTolerated false: the message graded', { status: 401, body: err('E016', 'Not Authenticated'), expected: E003, matched: E016, matchedTolerated: false }, undefined],
    ['no match, another status: status at the miss strength', { status: 418, body: err('E003', 'Invalid Object'), expected: E003, miss: 'must' }, must('status', /^Received: 418 E003 \(Invalid Object\) \/ Expected: 400 E003 \(Invalid Object\)$/)],
    ['no match, miss should: a warning', { status: 418, body: '', expected: E003, miss: 'should' }, warn('status', /^Received: 418 \/ Expected: 400 E003 \(Invalid Object\)$/)],
    ['no match, miss should, --strict', { status: 418, body: '', expected: E003, miss: 'should', strict: true }, strictFail('status')],
    ['no match, the status right, the code wrong: code', { status: 400, body: err('E005', 'Object Not Present'), expected: E003, miss: 'must' }, must('code', /^Received: 400 E005 \(Object Not Present\) \/ Expected: 400 E003/)],
    ['no match, anyOf: every answer listed', { status: 418, body: '', expected: [E003, E016], miss: 'must' }, must('status', /^Received: 418 \/ Expected: 400 E003 \(Invalid Object\) or 401 E016 \(Not Authenticated\)$/)],
    ['no match, the status of the second answer of anyOf: code', { status: 401, body: err('E007', 'm'), expected: [E003, E016], miss: 'must' }, must('code')],
    ['no match, in a status range: code', { status: 450, body: err('X', 'm'), expected: outcome({ status: 400, statusMax: 499, code: 'E003' }), miss: 'must' }, must('code', /Expected: 400-499 E003$/)],
    ['no match, a 200 where an error was expected', { status: 200, body: { id: 'x' }, expected: E003, miss: 'must' }, must('status', /^Received: 200 \/ Expected/)],
    ['no response (transport failure)', { transportError: { code: 'ECONNRESET', message: 'reset' }, expected: E003 }, undefined],
  ];
  it.each(rows)('%s', (_name, given, want) => expectVerdict(outcomeConformance, given, want, (v) => ({ kind: v.check === 'message' || v.check === 'precedence' ? v.check : 'outcome' })));
});

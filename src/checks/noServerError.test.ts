// noServerError: a 5xx is never a conforming answer: a must failure whatever
// the answer it might match and whatever --strict says.
import { describe, it } from 'vitest';
import { noServerError } from './noServerError.ts';
import { expectVerdict, must, outcome, type Row } from './testing/checkInput.ts';

const E003 = outcome({ status: 400, code: 'E003', message: 'Invalid Object', rule: 'body.name.required' });
const OK = outcome({ status: 200, rule: 'create.success' });

const rows: Row[] = [
  ['200', { status: 200, body: {}, expected: OK }, undefined],
  ['499', { status: 499, body: {}, expected: E003 }, undefined],
  ['500 with a bare body', { status: 500, body: 'boom', expected: E003 }, must('no-5xx', /^Received: 500 \/ Expected: 400 E003 \(Invalid Object\); a 5xx is never a conforming answer$/, 'body.name.required')],
  ['503 with an error envelope: its code and message shown', { status: 503, body: { _errors: [{ code: 'E999', message: 'Busy' }] }, expected: OK }, must('no-5xx', /^Received: 503 E999 \(Busy\) \/ Expected: 200;/, 'create.success')],
  ['599', { status: 599, body: '', expected: OK }, must('no-5xx')],
  ['a 5xx of a should answer is still a must failure', { status: 500, body: '', matched: outcome({ status: 500, strength: 'should' }) }, must('no-5xx')],
  ['a 5xx of an open answer is still a must failure', { status: 502, body: '', matched: outcome({ status: 502, strength: 'open' }), miss: 'should' }, must('no-5xx')],
  ['not --strict: still a failure', { status: 500, body: '', expected: OK, strict: false }, must('no-5xx')],
  ['anyOf: the first answer is the one shown', { status: 500, body: '', expected: [outcome({ status: 400, code: 'E003', rule: 'format.bom' }), OK] }, must('no-5xx', /Expected: 400 E003;/, 'format.bom')],
  ['no response (transport failure)', { transportError: { code: 'ECONNRESET', message: 'reset' }, expected: OK }, undefined],
];

describe('noServerError', () => {
  it.each(rows)('%s', (_name, given, want) => expectVerdict(noServerError, given, want, () => ({ kind: 'not-5xx' })));
});

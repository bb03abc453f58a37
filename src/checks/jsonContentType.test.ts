// jsonContentType: a body is application/json and parses, at the strength of
// the answer it belongs to. Of ten hand-made mutants issue 14 names, one
// switched this check off: every row below that expects a verdict catches that.
import { describe, it } from 'vitest';
import { jsonContentType } from './jsonContentType.ts';
import { expectVerdict, must, outcome, strictFail, warn, type Row } from './testing/checkInput.ts';

const OK = outcome({ status: 200, rule: 'create.success' });
const E003 = outcome({ status: 400, code: 'E003', rule: 'format.content-type' });
const body = { id: 'x' };
const ct = (v: string): Record<string, string> => ({ 'content-type': v });

const rows: Row[] = [
  ['application/json', { body, matched: OK }, undefined],
  ['with a charset', { body, resHeaders: ct('application/json; charset=utf-8'), matched: OK }, undefined],
  ['upper case', { body, resHeaders: ct('Application/JSON'), matched: OK }, undefined],
  ['padded', { body, resHeaders: ct('  application/json  ;charset=utf-8'), matched: OK }, undefined],
  ['text/plain, must answer', { body, resHeaders: ct('text/plain'), matched: OK }, must('content-type', /^Received Content-Type: text\/plain \/ Expected: application\/json$/, 'create.success')],
  ['text/plain with a charset: the type alone is shown', { body, resHeaders: ct('Text/Plain; charset=utf-8'), matched: OK }, must('content-type', /^Received Content-Type: text\/plain \/ Expected/)],
  ['application/json-seq is not JSON', { body, resHeaders: ct('application/json-seq'), matched: OK }, must('content-type', /application\/json-seq/)],
  ['no Content-Type', { body, resHeaders: {}, matched: OK }, must('content-type', /^Received Content-Type: \(none\) \/ Expected: application\/json$/)],
  ['empty Content-Type', { body, resHeaders: ct(''), matched: OK }, must('content-type', /\(none\)/)],
  ['text/plain on a 400 error answer', { status: 400, body: { _errors: [] }, resHeaders: ct('text/html'), matched: E003 }, must('content-type', /text\/html/, 'format.content-type')],
  ['text/plain, should answer: a warning', { body, resHeaders: ct('text/plain'), matched: outcome({ strength: 'should' }) }, warn('content-type')],
  ['text/plain, should answer, --strict', { body, resHeaders: ct('text/plain'), matched: outcome({ strength: 'should' }), strict: true }, strictFail('content-type')],
  ['text/plain, open answer: not asserted', { body, resHeaders: ct('text/plain'), matched: outcome({ strength: 'open' }) }, undefined],
  ['text/plain, tolerated must answer: should', { body, resHeaders: ct('text/plain'), matched: OK, matchedTolerated: true }, warn('content-type')],
  ['text/plain, no match, miss must', { status: 418, body, resHeaders: ct('text/plain'), miss: 'must' }, must('content-type')],
  ['text/plain, no match, miss should', { status: 418, body, resHeaders: ct('text/plain'), miss: 'should' }, warn('content-type')],
  ['JSON type, body does not parse', { body: 'not json', matched: OK }, must('content-type', /^Body is not JSON: "not json"$/)],
  ['JSON type, body does not parse: the first 60 characters shown', { body: `${'a'.repeat(60)}TAIL`, matched: OK }, must('content-type', new RegExp(`^Body is not JSON: "${'a'.repeat(60)}"$`))],
  ['JSON type, body does not parse, should answer', { body: '{', matched: outcome({ strength: 'should' }) }, warn('content-type', /Body is not JSON/)],
  ['JSON type, body does not parse, open answer', { body: '{', matched: outcome({ strength: 'open' }) }, undefined],
  ['no body: nothing to type', { body: '', resHeaders: {}, matched: OK }, undefined],
  ['HEAD: no body is read', { method: 'HEAD', body: 'x', resHeaders: ct('text/plain'), matched: OK }, undefined],
  ['HEAD with a body that does not parse', { method: 'HEAD', body: 'x', matched: OK }, undefined],
  ['GET with text/plain', { method: 'GET', body, resHeaders: ct('text/plain'), matched: OK }, must('content-type')],
  ['no response (transport failure)', { transportError: { code: 'ECONNRESET', message: 'reset' }, matched: OK }, undefined],
];

describe('jsonContentType', () => {
  it.each(rows)('%s', (_name, given, want) => expectVerdict(jsonContentType, given, want, (v) => ({ kind: 'content-type', contentType: 'application/json', parses: v.summary.startsWith('Body is not JSON') })));
});

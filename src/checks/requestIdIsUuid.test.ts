// requestIdIsUuid: an error envelope's `_request_id` should be a UUID; a
// should deviation even in a must answer, not asserted in an open one.
import { describe, it } from 'vitest';
import { requestIdIsUuid } from './requestIdIsUuid.ts';
import { expectVerdict, outcome, strictFail, warn, type Row } from './testing/checkInput.ts';

const E003 = outcome({ status: 400, code: 'E003', rule: 'body.name.required' });
const UUID = '123e4567-e89b-12d3-a456-426655440000';
const env = (id: unknown): unknown => ({ _errors: [{ code: 'E003', message: 'm', details: {} }], _request_id: id });
const at = (id: unknown, extra: Partial<Row[1]> = {}): Row[1] => ({ status: 400, body: env(id), matched: E003, ...extra });

const rows: Row[] = [
  ['a UUID', at(UUID), undefined],
  ['a UUID in upper case', at(UUID.toUpperCase()), undefined],
  ['hex digits a-f and 0-9 everywhere', at('abcdef01-2345-6789-abcd-ef0123456789'), undefined],
  ['not a UUID: a warning at a must answer', at('req-1'), warn('request-id', /^_request_id "req-1" is not a UUID$/, 'body.name.required')],
  ['--strict: a failure', at('req-1', { strict: true }), strictFail('request-id')],
  ['a should answer: a warning', at('req-1', { matched: outcome({ status: 400, strength: 'should' }) }), warn('request-id')],
  ['an open answer: not asserted', at('req-1', { matched: outcome({ status: 400, strength: 'open' }) }), undefined],
  ['no match, miss must: still should', at('req-1', { matched: undefined, status: 418, miss: 'must' }), warn('request-id')],
  ['a long id is cut at 40 characters', at('x'.repeat(50)), warn('request-id', new RegExp(`^_request_id "${'x'.repeat(40)}" is not a UUID$`))],
  ['a character before the UUID', at(`x${UUID}`), warn('request-id')],
  ['a character after the UUID', at(`${UUID}x`), warn('request-id')],
  ['a newline after the UUID', at(`${UUID}\n`), warn('request-id')],
  ['a non-hex letter', at('g23e4567-e89b-12d3-a456-426655440000'), warn('request-id')],
  ['a non-hex letter in the last group', at('123e4567-e89b-12d3-a456-42665544000g'), warn('request-id')],
  ['a non-hex letter in the second group', at('123e4567-g89b-12d3-a456-426655440000'), warn('request-id')],
  ['a non-hex letter in the third group', at('123e4567-e89b-g2d3-a456-426655440000'), warn('request-id')],
  ['a non-hex letter in the fourth group', at('123e4567-e89b-12d3-g456-426655440000'), warn('request-id')],
  ['first group of 7', at('23e4567-e89b-12d3-a456-426655440000'), warn('request-id')],
  ['first group of 9', at('1123e4567-e89b-12d3-a456-426655440000'), warn('request-id')],
  ['second group of 3', at('123e4567-89b-12d3-a456-426655440000'), warn('request-id')],
  ['second group of 5', at('123e4567-ee89b-12d3-a456-426655440000'), warn('request-id')],
  ['third group of 3', at('123e4567-e89b-2d3-a456-426655440000'), warn('request-id')],
  ['third group of 5', at('123e4567-e89b-112d3-a456-426655440000'), warn('request-id')],
  ['fourth group of 3', at('123e4567-e89b-12d3-456-426655440000'), warn('request-id')],
  ['fourth group of 5', at('123e4567-e89b-12d3-aa456-426655440000'), warn('request-id')],
  ['last group of 11', at('123e4567-e89b-12d3-a456-42665544000'), warn('request-id')],
  ['last group of 13', at('123e4567-e89b-12d3-a456-4266554400000'), warn('request-id')],
  ['no dashes', at('123e4567e89b12d3a456426655440000'), warn('request-id')],
  ['an empty id', at(''), warn('request-id', /^_request_id "" is not a UUID$/)],
  ['absent: the schema check\'s', { status: 400, body: { _errors: [] }, matched: E003 }, undefined],
  ['a number: the schema check\'s', at(7), undefined],
  ['at 499', at('req-1', { status: 499 }), warn('request-id')],
  ['a 399 is not an error answer', at('req-1', { status: 399 }), undefined],
  ['a 2xx is not an error answer', at('req-1', { status: 200 }), undefined],
  ['a 500 is the no-5xx check\'s', at('req-1', { status: 500 }), undefined],
  ['body not JSON', { status: 400, body: 'x', matched: E003 }, undefined],
  ['no response (transport failure)', { transportError: { code: 'ECONNRESET', message: 'reset' }, matched: E003 }, undefined],
];

describe('requestIdIsUuid', () => {
  it.each(rows)('%s', (_name, given, want) => expectVerdict(requestIdIsUuid, given, want, () => ({ kind: 'request-id', aspect: 'uuid' })));
});

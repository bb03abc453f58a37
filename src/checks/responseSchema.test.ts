// responseSchema: the body against the contract's schemas: the error envelope
// for a 4xx, the list envelope for a list's 2xx, the stored object for an
// item's; at the strength of the answer it belongs to.
import { describe, it } from 'vitest';
import { responseSchema } from './responseSchema.ts';
import { expectVerdict, must, outcome, strictFail, warn, type Row } from './testing/checkInput.ts';

const ID = '123e4567-e89b-12d3-a456-426655440000';
const stored = { id: ID, name: 'n', mfa_cert_profile: 'cp', folder: 'Shared' };
const list = { data: [stored], limit: 200, offset: 0, total: 1 };
const envelope = { _errors: [{ code: 'E003', message: 'Invalid Object', details: {} }], _request_id: 'r' };
const E003 = outcome({ status: 400, code: 'E003', rule: 'body.name.required' });
const CREATED = outcome({ status: 200, rule: 'create.success', object: stored });
const LISTED = outcome({ status: 200, rule: 'list.success', list: { filter: { key: 'folder', value: 'Shared' }, all: [stored], maybe: [], limits: [200], offset: 0 } });

const rows: Row[] = [
  ['a stored object', { body: stored, matched: CREATED }, undefined],
  ['a stored object without id: must', { body: { ...stored, id: undefined }, matched: CREATED }, must('schema', /^Response is not a valid stored object: \(root\) must have required property 'id'$/, 'create.success')],
  ['a stored object with a numeric name', { body: { ...stored, name: 1 }, matched: CREATED }, must('schema', /^Response is not a valid stored object: \/name must be string$/)],
  ['a list envelope where an object was expected', { body: list, matched: CREATED }, must('schema', /stored object/)],
  ['a list page', { method: 'GET', body: list, matched: LISTED }, undefined],
  ['a list page without total', { method: 'GET', body: { ...list, total: undefined }, matched: LISTED }, must('schema', /^Response is not a valid list envelope: /)],
  ['a list page of a bad object', { method: 'GET', body: { ...list, data: [{ id: ID }] }, matched: LISTED }, must('schema', /list envelope/)],
  ['no match, GET of the collection: a list', { method: 'GET', path: '/mfa-servers', body: { data: [] }, expected: E003, miss: 'must' }, must('schema', /list envelope/)],
  ['no match, GET of the collection with a query: a list', { method: 'GET', path: '/mfa-servers?folder=Shared', body: list, expected: E003 }, undefined],
  ['no match, GET of the collection with a query, bad', { method: 'GET', path: '/mfa-servers?folder=Shared', body: stored, expected: E003 }, must('schema', /list envelope/)],
  ['no match, GET of an item: a stored object', { method: 'GET', path: `/mfa-servers/${ID}`, body: list, expected: E003 }, must('schema', /stored object/)],
  ['no match, GET of a longer path: a stored object', { method: 'GET', path: '/mfa-serversx', body: list, expected: E003 }, must('schema', /stored object/)],
  ['no match, GET of another prefix: a stored object', { method: 'GET', path: '/x/mfa-servers', body: list, expected: E003 }, must('schema', /stored object/)],
  ['no match, POST to the collection: a stored object', { method: 'POST', path: '/mfa-servers', body: list, expected: E003 }, must('schema', /stored object/)],
  ['matched answer without list on GET of the collection: a stored object', { method: 'GET', path: '/mfa-servers', body: list, matched: CREATED }, must('schema', /stored object/)],
  ['an error envelope', { status: 400, body: envelope, matched: E003 }, undefined],
  ['an error envelope without _request_id', { status: 400, body: { _errors: envelope._errors }, matched: E003 }, must('schema', /^Response is not a valid error envelope: \(root\) must have required property '_request_id'$/, 'body.name.required')],
  ['an error envelope with no entries', { status: 404, body: { _errors: [], _request_id: 'r' }, matched: outcome({ status: 404 }) }, must('schema', /error envelope: \/_errors must NOT have fewer than 1 items/)],
  ['an error envelope at 499', { status: 499, body: stored, matched: outcome({ status: 499 }) }, must('schema', /error envelope/)],
  ['a stored object at 400', { status: 400, body: stored, matched: E003 }, must('schema', /error envelope/)],
  ['a should answer: a warning', { status: 400, body: stored, matched: { ...E003, strength: 'should' } }, warn('schema')],
  ['a should answer, --strict', { status: 400, body: stored, matched: { ...E003, strength: 'should' }, strict: true }, strictFail('schema')],
  ['an open answer: not asserted', { status: 400, body: stored, matched: { ...E003, strength: 'open' } }, undefined],
  ['a tolerated must answer: should', { status: 400, body: stored, matched: E003, matchedTolerated: true }, warn('schema')],
  ['no match, miss should', { status: 418, body: stored, expected: E003, miss: 'should' }, warn('schema')],
  ['a 5xx: the no-5xx check\'s', { status: 500, body: stored, expected: E003 }, undefined],
  ['a 300: no body asserted', { status: 300, body: stored, expected: E003 }, undefined],
  ['a 399: no body asserted', { status: 399, body: stored, expected: E003 }, undefined],
  ['a 300 with a body of no schema', { status: 300, body: { x: 1 }, expected: E003 }, undefined],
  ['a 302 with a body of no schema', { status: 302, body: { x: 1 }, expected: E003 }, undefined],
  ['a 399 with a body of no schema', { status: 399, body: { x: 1 }, expected: E003 }, undefined],
  ['a 299 is a success body', { status: 299, body: list, matched: CREATED }, must('schema', /stored object/)],
  ['DELETE 200: no content in the spec', { method: 'DELETE', path: `/mfa-servers/${ID}`, body: list, matched: CREATED }, undefined],
  ['DELETE 299: no content in the spec', { method: 'DELETE', path: `/mfa-servers/${ID}`, status: 299, body: list, matched: CREATED }, undefined],
  ['DELETE 404: an error envelope', { method: 'DELETE', path: `/mfa-servers/${ID}`, status: 404, body: stored, matched: outcome({ status: 404 }) }, must('schema', /error envelope/)],
  ['HEAD: no body', { method: 'HEAD', status: 400, body: stored, matched: E003 }, undefined],
  ['not JSON: the content-type check\'s', { status: 400, body: 'x', matched: E003 }, undefined],
  ['no response (transport failure)', { transportError: { code: 'ECONNRESET', message: 'reset' }, matched: E003 }, undefined],
];

describe('responseSchema', () => {
  it.each(rows)('%s', (_name, given, want) => expectVerdict(responseSchema, given, want, (v) => ({ kind: 'schema', schema: /valid (error envelope|stored object|list envelope):/.exec(v.summary)![1] as 'error envelope' })));
});

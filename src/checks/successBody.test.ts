// successBody: a 2xx body is the stored object (a server id, the fields
// sent, the defaults; a new id, should a UUID, never the one sent), a list
// page holds what the state says (size, members, total; never order). Must,
// or should when the answer is only tolerated.
import { describe, it } from 'vitest';
import type { ListExpectation, Outcome } from '../spec/types.ts';
import { successBody } from './successBody.ts';
import { expectVerdict, must, outcome, strictFail, warn, type AssertOf, type Given, type Row } from './testing/checkInput.ts';

/** The aspect of a stored object a body verdict names, read from its summary. */
const storedAspect: AssertOf = (v) => {
  const aspects = [[/no server id/, 'server-id'], [/^Received body differs: \S+ was sent/, 'dropped-key'], [/^Received body differs/, 'fields'], [/is not new/, 'new-id'], [/is not a UUID/, 'uuid-id'], [/keeps the id/, 'server-made-id']] as const;
  return { kind: 'stored-object', aspect: aspects.find(([re]) => re.test(v.summary))![1] };
};
/** A list verdict: its limit and offset (should) or the page; `owned` when the run made the container. */
const pageAspect: AssertOf = (v, given) => ({
  kind: 'list-page',
  aspect: v.summary.startsWith('Received limit/offset') ? 'limit-offset' : 'page',
  owned: given.runPrefix !== undefined && given.matched!.list!.filter.value.startsWith(given.runPrefix),
});

const ID = '123e4567-e89b-12d3-a456-426655440000';
const ID2 = '223e4567-e89b-12d3-a456-426655440000';
const object = { name: 'n', mfa_cert_profile: 'cp', folder: 'F' };
const CREATED = outcome({ status: 200, rule: 'create.success', object });
const created = (body: unknown, extra: Given = {}): Given => ({ method: 'POST', body, matched: CREATED, requestBody: JSON.stringify(object), ...extra });

const rows: Row[] = [
  ['a created object with a new UUID', created({ ...object, id: ID }), undefined],
  ['a created object with an upper-case UUID', created({ ...object, id: ID.toUpperCase() }), undefined],
  ['no id', created(object), must('body', /^Success body has no server id$/, 'create.success')],
  ['an empty id', created({ ...object, id: '' }), must('body', /no server id/)],
  ['a numeric id', created({ ...object, id: 7 }), must('body', /no server id/)],
  ['no id, tolerated answer: should', created(object, { matchedTolerated: true }), warn('body', /no server id/)],
  ['no id, tolerated answer, --strict', created(object, { matchedTolerated: true, strict: true }), strictFail('body')],
  ['another name', created({ ...object, id: ID, name: 'm' }), must('body', /^Received body differs: name "m" \/ Expected "n"$/)],
  ['another name, tolerated: should', created({ ...object, id: ID, name: 'm' }, { matchedTolerated: true }), warn('body', /Received body differs/)],
  ['an echoed dropped key: should', created({ ...object, id: ID, x: 1 }, { matched: { ...CREATED, dropped: ['x'] } }), warn('body', /^Received body differs: x was sent/)],
  ['a key not dropped: passes', created({ ...object, id: ID, x: 1 }), undefined],
  ['the id the target gave before: must', created({ ...object, id: ID }, { idTaken: (id) => id === ID }), must('body', /^id "123e4567-e89b-12d3-a456-426655440000" is not new: the target gave it to an earlier object$/)],
  ['an id not taken', created({ ...object, id: ID }, { idTaken: (id) => id === ID2 }), undefined],
  ['the id the target gave before, tolerated: should', created({ ...object, id: ID }, { idTaken: () => true, matchedTolerated: true }), warn('body', /is not new/)],
  ['not a UUID: should', created({ ...object, id: 'obj-1' }), warn('body', /^id "obj-1" is not a UUID$/)],
  ['not a UUID, --strict', created({ ...object, id: 'obj-1' }, { strict: true }), strictFail('body', /is not a UUID/)],
  ['a long id is cut at 40 characters', created({ ...object, id: 'y'.repeat(50) }), warn('body', new RegExp(`^id "${'y'.repeat(40)}" is not a UUID$`))],
  ['a taken id is cut at 40 characters', created({ ...object, id: 'y'.repeat(50) }, { idTaken: () => true }), must('body', new RegExp(`^id "${'y'.repeat(40)}" is not new`))],
  ['a UUID with a prefix', created({ ...object, id: `x${ID}` }), warn('body', /not a UUID/)],
  ['a UUID with a suffix', created({ ...object, id: `${ID}x` }), warn('body', /not a UUID/)],
  ['a UUID with a non-hex digit', created({ ...object, id: ID.replace('1', 'g') }), warn('body', /not a UUID/)],
  ['a UUID with a short group', created({ ...object, id: ID.replace('e89b', 'e89') }), warn('body', /not a UUID/)],
  ['a UUID with a long group', created({ ...object, id: ID.replace('12d3', '12d33') }), warn('body', /not a UUID/)],
  ['a UUID with a long first group', created({ ...object, id: `0${ID}` }), warn('body', /not a UUID/)],
  ['a UUID without dashes', created({ ...object, id: ID.replaceAll('-', '') }), warn('body', /not a UUID/)],
  ['the id the request sent: should', created({ ...object, id: ID }, { requestBody: JSON.stringify({ ...object, id: ID }) }), warn('body', /^The answer keeps the id the request sent \(a client-supplied id is ignored; the server makes its own\)$/)],
  ['another id than the request sent', created({ ...object, id: ID }, { requestBody: JSON.stringify({ ...object, id: ID2 }) }), undefined],
  ['the request sent a numeric id', created({ ...object, id: ID }, { requestBody: JSON.stringify({ ...object, id: 7 }) }), undefined],
  ['the request body is not JSON but names "id"', created({ ...object, id: ID }, { requestBody: `{"id":"${ID}"` }), undefined],
  ['the request body is JSON null', created({ ...object, id: ID }, { requestBody: 'null' }), undefined],
  ['the request body names "id" in a string', created({ ...object, id: ID }, { requestBody: JSON.stringify({ ...object, name: '"id"' }) }), undefined],
  ['the request body is bytes', created({ ...object, id: ID }, { requestBody: new TextEncoder().encode(JSON.stringify({ ...object, id: ID })) }), undefined],
  ['no request body', created({ ...object, id: ID }, { requestBody: undefined }), undefined],
  ['PUT keeps its id: not a create', created({ ...object, id: ID }, { method: 'PUT', requestBody: JSON.stringify({ ...object, id: ID }), idTaken: () => true }), undefined],
  ['PUT with an id that is not a UUID', created({ ...object, id: 'obj-1' }, { method: 'PUT' }), undefined],
  ['GET with an id that is not a UUID', created({ ...object, id: 'obj-1' }, { method: 'GET' }), undefined],
  ['PUT with another name', created({ ...object, id: ID, name: 'm' }, { method: 'PUT' }), must('body', /name "m"/)],
  ['the id the stored object has', created({ ...object, id: ID }, { method: 'GET', matched: { ...CREATED, object: { ...object, id: ID } } }), undefined],
  ['another id than the stored object\'s', created({ ...object, id: ID2 }, { method: 'GET', matched: { ...CREATED, object: { ...object, id: ID } } }), must('body', /^Received body differs: id "223e/)],
  ['a 299 is a success', created(object, { status: 299 }), must('body')],
  ['a 199 is not a success', created(object, { status: 199 }), undefined],
  ['a 300 is not a success', created(object, { status: 300 }), undefined],
  ['a 400 is not a success', created(object, { status: 400 }), undefined],
  ['no answer matched', { method: 'POST', body: object, expected: CREATED }, undefined],
  ['an answer without an object (DELETE, bare lookup)', created({}, { matched: outcome({ status: 200 }) }), undefined],
  ['a body that is an array', created([object]), undefined],
  ['a body that is null', created(null), undefined],
  ['a body that is not JSON', created('x'), undefined],
  ['no response (transport failure)', created(undefined, { transportError: { code: 'ECONNRESET', message: 'r' } }), undefined],
];

describe('successBody: an object', () => {
  it.each(rows)('%s', (_name, given, want) => expectVerdict(successBody, given, want, storedAspect));
});

// Lists. PREFIX marks a container this run owns: its page holds only what the state says.
const PREFIX = 'mfa-conf-run1-';
const OWNED = `${PREFIX}f`;
const a = { id: 'a', name: 'na', mfa_cert_profile: 'cp', folder: OWNED };
const b = { id: 'b', name: 'nb', mfa_cert_profile: 'cp', folder: OWNED };
const c = { id: 'c', name: 'nc', mfa_cert_profile: 'cp', folder: OWNED };
const shared = (o: Record<string, unknown>): Record<string, unknown> => ({ ...o, folder: 'Shared' });

function listed(l: Partial<ListExpectation> = {}, o: Partial<Outcome> = {}): Outcome {
  return outcome({ status: 200, rule: 'list.success', list: { filter: { key: 'folder', value: OWNED }, all: [a, b], maybe: [], limits: [200], offset: 0, ...l }, ...o });
}
const page = (data: unknown, total: unknown = Array.isArray(data) ? data.length : 0, limit: unknown = 200, offset: unknown = 0): Record<string, unknown> => ({ data, total, limit, offset });
const list = (body: unknown, matched: Outcome = listed(), extra: Given = {}): Given => ({ method: 'GET', path: `/mfa-servers?folder=${OWNED}`, body, matched, runPrefix: PREFIX, ...extra });

const listRows: Row[] = [
  ['the page the state says', list(page([a, b])), undefined],
  ['the page in another order', list(page([b, a])), undefined],
  ['a tolerated answer\'s page, total wrong: should', list(page([a]), listed(), { matchedTolerated: true }), warn('list')],
  ['a listed item that is not an object', list(page([a, 'x'])), must('list', /^A listed item is not an object$/, 'list.success')],
  ['a listed null', list(page([a, null])), must('list', /not an object/)],
  ['a listed array', list(page([a, []])), must('list', /not an object/)],
  ['data not an array: an empty page', list({ data: {}, total: 2, limit: 200, offset: 0 }), must('list', /^0 objects on the page \/ Expected 2 \(total 2, offset 0, limit 200\)$/)],
  ['an object of another folder', list(page([a, { ...b, folder: 'G' }])), must('list', /^Listed object b does not match folder=mfa-conf-run1-f$/)],
  ['an object without a folder', list(page([a, { ...b, folder: undefined }])), must('list', /Listed object b does not match/)],
  ['an object of another folder that may be counted', list(page([a, { ...b, folder: 'G' }]), listed({ all: [a], maybe: [{ ...b, folder: 'G' }] })), undefined],
  ['a name filter: another name', list(page([{ ...a, name: 'nx' }]), listed({ filter: { key: 'folder', value: OWNED, name: 'na' }, all: [a] })), must('list', /^Listed object a does not match folder=mfa-conf-run1-f name=na$/)],
  ['a name filter: the name', list(page([a]), listed({ filter: { key: 'folder', value: OWNED, name: 'na' }, all: [a] })), undefined],
  ['a name filter: a case variant that may be counted', list(page([{ ...a, name: 'NA' }]), listed({ filter: { key: 'folder', value: OWNED, name: 'na' }, all: [], maybe: [{ ...a, name: 'NA' }] })), undefined],
  ['Shared listed as Prisma Access', list(page([{ ...shared(a), folder: 'Prisma Access' }]), listed({ filter: { key: 'folder', value: 'Shared' }, all: [shared(a)] }), { runPrefix: undefined }), undefined],
  ['an object listed twice', list(page([a, a], 2)), must('list', /^The page lists an object twice$/)],
  ['more objects than the limit', list(page([a, b, c], 3), listed({ all: [a, b, c], limits: [2] })), must('list', /^3 objects on a page of limit 2$/)],
  ['exactly the limit', list(page([a, b], 3, 2), listed({ all: [a, b, c], limits: [2] })), undefined],
  ['the larger of two limits', list(page([a, b, c], 3, 5), listed({ all: [a, b, c], limits: [2, 5] })), undefined],
  ['over the larger of two limits', list(page([a, b, c], 3, 5), listed({ all: [a, b, c], limits: [1, 2] })), must('list', /^3 objects on a page of limit 2$/)],
  // owned containers
  ['owned: an object the container does not hold', list(page([a, b, c])), must('list', /^Listed object c is not one of the 2 the container holds$/)],
  ['owned: an object that may be counted', list(page([a, b, c], 3), listed({ maybe: [c] })), undefined],
  ['owned: total too low', list(page([a, b], 1)), must('list', /^total 1 \/ Expected 2$/)],
  ['owned: total too high', list(page([a, b], 3)), must('list', /^total 3 \/ Expected 2$/)],
  ['owned: total a string', list(page([a, b], '2')), must('list', /^total 2 \/ Expected 2$/)],
  ['owned: total absent', list({ data: [a, b], limit: 200, offset: 0 }), must('list', /^total undefined \/ Expected 2$/)],
  ['owned: total in the maybe range (low)', list(page([a, b], 2), listed({ maybe: [c] })), undefined],
  ['owned: total in the maybe range (high), page of 2 of 3', list(page([a, b], 3), listed({ maybe: [c] })), must('list', /^2 objects on the page \/ Expected 3 \(total 3/)],
  ['owned: total above the maybe range', list(page([a, b], 4), listed({ maybe: [c] })), must('list', /^total 4 \/ Expected 2..3$/)],
  ['owned: a short page', list(page([a], 2)), must('list', /^1 objects on the page \/ Expected 2 \(total 2, offset 0, limit 200\)$/)],
  ['owned: the page after an offset', list(page([b], 2, 200, 1), listed({ offset: 1 })), undefined],
  ['owned: a page past the end', list(page([], 2, 200, 5), listed({ offset: 5 })), undefined],
  ['owned: a page past the end holding one', list(page([a], 2, 200, 5), listed({ offset: 5 })), must('list', /^1 objects on the page \/ Expected 0 \(total 2, offset 5, limit 200\)$/)],
  ['owned: a page of the limit', list(page([a], 2, 1), listed({ limits: [1] })), undefined],
  ['owned: either limit (0: an empty page or the default)', list(page([], 2, 0), listed({ limits: [0, 200] })), undefined],
  ['owned: either limit, the default', list(page([a, b], 2, 200), listed({ limits: [0, 200] })), undefined],
  ['owned: either limit, neither size', list(page([a], 2, 0), listed({ limits: [0, 200] })), must('list', /^1 objects on the page \/ Expected 0 or 2 \(total 2, offset 0, limit 0 or 200\)$/)],
  ['owned: two limits giving one size shown once', list(page([a], 2, 5), listed({ limits: [5, 200] })), must('list', /Expected 2 \(total 2, offset 0, limit 5 or 200\)$/)],
  ['owned: any page, up to what remains', list(page([a], 2, 7), listed({ anyPage: true, limits: [5000] })), undefined],
  ['owned: any page, the whole rest', list(page([a, b], 2, 7), listed({ anyPage: true, limits: [5000] })), undefined],
  ['owned: any page, more than remains', list(page([a, b], 2, 7, 1), listed({ anyPage: true, limits: [5000], offset: 1 })), must('list', /^2 objects on the page \/ Expected 1 \(total 2, offset 1, limit 5000\)$/)],
  ['owned: any page, past the end', list(page([a], 2, 7, 3), listed({ anyPage: true, limits: [5000], offset: 3 })), must('list', /^1 objects on the page/)],
  ['owned: any page, empty past the end', list(page([], 2, 7, 3), listed({ anyPage: true, limits: [5000], offset: 3 })), undefined],
  ['owned: any page, limit and offset not checked', list(page([a, b], 2, 'x', 'y'), listed({ anyPage: true, limits: [5000] })), undefined],
  // containers the run does not own (a shared tenant's)
  ['not owned (no run prefix): others\' objects pass', list(page([a, b, c], 3), listed(), { runPrefix: undefined }), undefined],
  ['not owned (another prefix): others\' objects pass', list(page([a, b, c], 3), listed(), { runPrefix: 'mfa-conf-run2-' }), undefined],
  ['not owned: total below the objects known', list(page([a], 1), listed(), { runPrefix: undefined }), must('list', /^total 1 < 2 objects known to match$/)],
  ['not owned: total at the objects known', list(page([a, b], 2), listed(), { runPrefix: undefined }), undefined],
  ['not owned: total not a number', list(page([a], 'x'), listed(), { runPrefix: undefined }), undefined],
  ['not owned: a first page that holds all misses one', list(page([a, c], 3), listed(), { runPrefix: undefined }), must('list', /^Object b \(nb\) missing from the list$/)],
  ['not owned: a first page of exactly the limit misses one', list(page([a, c], 2, 2), listed({ limits: [2] }), { runPrefix: undefined }), must('list', /^Object b \(nb\) missing/)],
  ['not owned: total over the smaller limit: may miss', list(page([a], 3, 2), listed({ limits: [2, 200] }), { runPrefix: undefined }), undefined],
  ['not owned: a later page may miss', list(page([c], 3, 200, 1), listed({ offset: 1 }), { runPrefix: undefined }), undefined],
  ['not owned: any page may miss', list(page([c], 3, 200), listed({ anyPage: true }), { runPrefix: undefined }), undefined],
  ['not owned: no total: may miss', list({ data: [c], limit: 200, offset: 0 }, listed(), { runPrefix: undefined }), undefined],
  // members against their stored objects
  ['a member differs from the stored one', list(page([a, { ...b, mfa_cert_profile: 'x' }])), must('list', /^Listed object b differs from the stored one: mfa_cert_profile "x" \/ Expected "cp"$/)],
  ['a member differs, tolerated answer: should', list(page([a, { ...b, mfa_cert_profile: 'x' }]), listed(), { matchedTolerated: true }), warn('list', /differs from the stored one/)],
  ['a maybe member differs from its stored one', list(page([a, b, { ...c, name: 'x' }], 3), listed({ maybe: [c] })), must('list', /^Listed object c differs/)],
  ['not owned: an unknown member is not compared', list(page([a, b, { ...c, name: 'x', folder: OWNED }], 3), listed(), { runPrefix: undefined }), undefined],
  ['a member echoing an unknown key: passes (only the answer\'s dropped keys count)', list(page([a, { ...b, x: 1 }])), undefined],
  // limit and offset (should)
  ['another limit: should', list(page([a, b], 2, 100)), warn('list', /^Received limit\/offset 100\/0 \/ Expected 200\/0$/)],
  ['another offset: should', list(page([b], 2, 200, 0), listed({ offset: 1 })), warn('list', /^Received limit\/offset 200\/0 \/ Expected 200\/1$/)],
  ['either limit listed: should shows both', list(page([], 2, 7), listed({ limits: [0, 200] })), warn('list', /^Received limit\/offset 7\/0 \/ Expected 0 or 200\/0$/)],
  ['no limit and offset: should', list({ data: [a, b], total: 2 }), warn('list', /^Received limit\/offset undefined\/undefined/)],
  ['limit as a string: should', list(page([a, b], 2, '200')), warn('list')],
  ['another limit, --strict', list(page([a, b], 2, 100), listed(), { strict: true }), strictFail('list')],
  ['another limit, tolerated: should', list(page([a, b], 2, 100), listed(), { matchedTolerated: true }), warn('list')],
];

describe('successBody: a list page', () => {
  it.each(listRows)('%s', (_name, given, want) => expectVerdict(successBody, given, want, pageAspect));
});

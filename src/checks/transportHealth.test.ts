// transportHealth: no answer, or an answer cut at the harness's limit, is a
// finding. A connection dropped on a request semantics.md lets a target
// refuse at its HTTP layer (a body over 64 KiB, a token over 4096
// characters: rules.json params) is only a should deviation, unless it timed out.
import { describe, it } from 'vitest';
import { param } from '../spec/model.ts';
import { transportHealth } from './transportHealth.ts';
import { expectVerdict, must, outcome, strictFail, warn, type Row } from './testing/checkInput.ts';

const BYTES = param('format.large-body', 'alwaysProcessedBytes');
const TOKEN = param('auth.key-too-long', 'nearTokenLength');
const reset = { code: 'ECONNRESET', message: 'socket hang up' };
const OK = outcome({ rule: 'create.success' });
const auth = (length: number): Record<string, string> => ({ authorization: 'k'.repeat(length) });

const rows: Row[] = [
  ['an answer', { status: 200, body: {}, matched: OK }, undefined],
  ['an answer, truncated false', { status: 200, body: {}, truncated: false, matched: OK }, undefined],
  ['reset on a small request: must', { transportError: reset, requestBody: '{}' }, must('transport', /^No answer: ECONNRESET \(socket hang up\)$/, 'create.success')],
  ['reset, no body', { transportError: reset }, must('transport')],
  ['reset on a body of exactly 64 KiB: must', { transportError: reset, requestBody: 'a'.repeat(BYTES) }, must('transport')],
  ['reset on a body one byte over 64 KiB: should', { transportError: reset, requestBody: 'a'.repeat(BYTES + 1) }, warn('transport', /ECONNRESET/)],
  ['reset on a body over 64 KiB in UTF-8 bytes, not characters', { transportError: reset, requestBody: 'ü'.repeat(BYTES / 2 + 1) }, warn('transport')],
  ['reset on a body of exactly 64 KiB in UTF-8 (two-byte characters): must', { transportError: reset, requestBody: 'ü'.repeat(BYTES / 2) }, must('transport')],
  ['reset on a byte body one over 64 KiB: should', { transportError: reset, requestBody: new Uint8Array(BYTES + 1) }, warn('transport')],
  ['reset on a byte body of exactly 64 KiB: must', { transportError: reset, requestBody: new Uint8Array(BYTES) }, must('transport')],
  ['reset, --strict: a should is a failure', { transportError: reset, requestBody: 'a'.repeat(BYTES + 1), strict: true }, strictFail('transport')],
  ['timeout on a large body: still must', { transportError: { code: 'TIMEOUT', message: 't' }, requestBody: 'a'.repeat(BYTES + 1) }, must('transport', /^No answer: TIMEOUT \(t\)$/)],
  ['timeout on a long token: still must', { transportError: { code: 'TIMEOUT', message: 't' }, headers: auth(TOKEN + 1) }, must('transport')],
  ['reset on a token one over the limit: should', { transportError: reset, headers: auth(TOKEN + 1) }, warn('transport')],
  ['reset on a token at the limit: must', { transportError: reset, headers: auth(TOKEN) }, must('transport')],
  ['reset without an Authorization header: must', { transportError: reset, headers: {} }, must('transport')],
  ['a truncated answer: must, even not --strict', { status: 200, body: {}, truncated: true, matched: outcome({ strength: 'should' }) }, must('transport', /^Response body over the harness limit \(1 MiB\); cut$/, 'create.success')],
  ['a truncated answer on a large request: still must', { status: 200, body: {}, truncated: true, requestBody: 'a'.repeat(BYTES + 1) }, must('transport')],
];

describe('transportHealth', () => {
  it.each(rows)('%s', (_name, given, want) => expectVerdict(transportHealth, given, want, () => ({ kind: 'answer' })));
});

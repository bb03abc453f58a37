// send()'s fast path for the error envelope writes exactly what
// JSON.stringify writes, for every body: envelopes as errors.ts makes them,
// envelopes with other keys, orders, characters, and any JSON value.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBehaviour } from './behaviour.ts';
import { fail } from './errors.ts';
import { jsonText } from './startServer.ts';

const seed = process.env['MFA_SEED'] === undefined ? {} : { seed: Number(process.env['MFA_SEED']) };
const text = fc.oneof(fc.constantFrom('E006', 'Name Not Unique', 'a"b', 'a\\b', '', 'ü', '\u2028', '\n'), fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 6 }));
const value = fc.oneof(text, fc.constant({}), fc.constant([]), fc.integer(), fc.constant(null), fc.jsonValue({ maxDepth: 2 }));
const entry = fc.oneof(
  fc.record({ code: text, message: text, details: fc.oneof(fc.constant({}), value) }),
  fc.record({ code: value, message: value }),
  fc.dictionary(fc.constantFrom('code', 'message', 'details', 'help'), value),
);
const envelope = fc.oneof(
  fc.record({ _errors: fc.array(entry, { maxLength: 2 }), _request_id: fc.oneof(fc.uuid(), text, value) }),
  fc.record({ _errors: fc.array(entry, { maxLength: 2 }) }),
  fc.record({ _request_id: fc.uuid(), _errors: fc.array(entry, { maxLength: 1 }) }),
  fc.jsonValue({ maxDepth: 3 }),
);

describe('jsonText', () => {
  it('equals JSON.stringify on envelopes and any JSON value', () => {
    fc.assert(fc.property(envelope, (body) => jsonText(body) === JSON.stringify(body)), { numRuns: 5000, ...seed });
  });
  it('equals JSON.stringify on every error envelope errors.ts makes, and takes the fast path on one', () => {
    const s = createBehaviour();
    for (const id of Object.keys(s.errors)) {
      const body = fail(s, id).body;
      expect(jsonText(body), id).toBe(JSON.stringify(body));
    }
    const body = { _errors: [{ code: 'E006', message: 'Name Not Unique', details: {} }], _request_id: '0f8e6a4c-1d2b-4c3a-9e8f-7a6b5c4d3e2f' };
    const plain = JSON.stringify;
    let called = false;
    let got: string | undefined;
    JSON.stringify = ((...a: Parameters<typeof plain>) => ((called = true), plain(...a))) as typeof plain;
    try {
      got = jsonText(body);
    } finally {
      JSON.stringify = plain;
    }
    expect(called).toBe(false);
    expect(got).toBe(plain(body));
  });
  it('leaves undefined as JSON.stringify does', () => {
    expect(jsonText(undefined)).toBeUndefined();
  });
});

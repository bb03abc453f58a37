// The request path's hand-written fast paths (written for speed: the bench's
// profile) answer exactly as the plain code they replaced, held against it on
// random input (fast-check).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstHeader, splitTarget } from '../handle.ts';
import { parseAuthorization, type Credential } from './auth.ts';
import { isJsonContentType } from './formats.ts';
import { codePoints } from './json.ts';

/** parseAuthorization as it was written first, with regexes. */
function parseAuthorizationPlain(value: string | undefined): Credential {
  if (value === undefined) return { kind: 'none' };
  const h = value.replace(/^[ \t]+|[ \t]+$/g, '');
  const sp = h.indexOf(' ');
  const scheme = sp < 0 ? h : h.slice(0, sp);
  if (scheme.toLowerCase() !== 'bearer') return { kind: 'none' };
  const token = sp < 0 ? '' : h.slice(sp + 1).replace(/^ +/, '').replace(/ +$/, '');
  if (token === '') return { kind: 'none' };
  return { kind: 'token', token };
}

function splitTargetPlain(url: string): { path: string; query: string } {
  const noOrigin = url.replace(/^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/, '');
  const noFragment = noOrigin.split('#')[0] ?? '';
  const q = noFragment.indexOf('?');
  return q < 0 ? { path: noFragment, query: '' } : { path: noFragment.slice(0, q), query: noFragment.slice(q + 1) };
}

/** node:http's headersDistinct, first value. */
function firstHeaderPlain(raw: readonly string[], name: string): string | undefined {
  const d: Record<string, string[]> = {};
  for (let i = 0; i + 1 < raw.length; i += 2) (d[(raw[i] as string).toLowerCase()] ??= []).push(raw[i + 1] as string);
  return Object.hasOwn(d, name) ? d[name]?.[0] : undefined;
}

const from = (chars: string[], maxLength = 24): fc.Arbitrary<string> => fc.array(fc.constantFrom(...chars), { maxLength }).map((a) => a.join(''));
const AUTH = [' ', ' ', '\t', 'B', 'b', 'e', 'E', 'a', 'r', 'R', 'x', '-', 'İ', 'K', '\u00a0'];
const anyUnits = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 20 }).map((a) => String.fromCharCode(...a));
const seed = process.env['MFA_SEED'] === undefined ? {} : { seed: Number(process.env['MFA_SEED']) };

describe('request fast paths equal the plain code', () => {
  it('parseAuthorization', () => {
    const value = fc.oneof(from(AUTH), from(AUTH).map((s) => `Bearer${s}`), from(AUTH).map((s) => `${s}bearer ${s}tok${s}`));
    fc.assert(fc.property(value, (v) => {
      expect(parseAuthorization(v)).toEqual(parseAuthorizationPlain(v));
    }), { numRuns: 3000, ...seed });
    expect(parseAuthorization(undefined)).toEqual({ kind: 'none' });
  });
  it('codePoints', () => {
    fc.assert(fc.property(fc.oneof(anyUnits, fc.string({ unit: 'grapheme' })), (s) => codePoints(s) === [...s].length), { numRuns: 3000, ...seed });
  });
  it('isJsonContentType', () => {
    const ct = fc.oneof(fc.constant('application/json'), from(['application/json', 'APPLICATION/JSON', ';', ' ', 'charset=utf-8', 'text/plain'], 4));
    fc.assert(fc.property(ct, (v) => isJsonContentType(v) === ((v.split(';')[0] ?? '').trim().toLowerCase() === 'application/json')), { numRuns: 1000, ...seed });
  });
  it('splitTarget', () => {
    const url = fc.oneof(from(['/', 'a', '?', '#', 'x=1', 'http://h', 'HTTP://', ':', '//']), fc.string());
    fc.assert(fc.property(url, (u) => {
      expect(splitTarget(u)).toEqual(splitTargetPlain(u));
    }), { numRuns: 2000, ...seed });
  });
  it('firstHeader', () => {
    const name = fc.constantFrom('Authorization', 'authorization', 'AUTHORIZATION', 'Accept', 'accept', 'Content-Type', 'x');
    const raw = fc.array(fc.tuple(name, fc.string({ maxLength: 4 })), { maxLength: 6 }).map((ps) => ps.flat());
    fc.assert(fc.property(raw, fc.constantFrom('authorization', 'accept', 'content-type'), (r, n) => firstHeader(r, n) === firstHeaderPlain(r, n)), { numRuns: 2000, ...seed });
  });
});

// bodyViolations / vendorViolations: every rule a create or update body
// breaks, sorted by what a conforming target does with it (must: 400;
// should reject; should accept and drop; open), and the keys it drops.
import { describe, expect, it } from 'vitest';
import { bodyViolations, type BodyVerdict } from './bodyRules.ts';
import { defaultOracleConfig, type OracleConfig } from './config.ts';

const OPENAPI: OracleConfig = { ...defaultOracleConfig, profile: 'openapi' };
const OKTA = { okta_api_host: 'okta.example.com', okta_token: 'tttttttt', okta_org: 'org', okta_timeout: 30, okta_baseuri: '/api/v1' };
const valid = { name: 'n', mfa_cert_profile: 'c', folder: 'F' };
const okta = (o: Record<string, unknown> = {}): Record<string, unknown> => ({ ...valid, mfa_vendor_type: { okta_adaptive_v1: { ...OKTA, ...o } } });
const none: BodyVerdict = { must: [], shouldReject: [], shouldAccept: [], open: [], dropped: [] };
const v = (o: Partial<BodyVerdict>): BodyVerdict => ({ ...none, ...o });

type Row = [name: string, body: unknown, want: BodyVerdict, cfg?: OracleConfig, odd?: string[]];
const rows: Row[] = [
  ['valid', valid, none],
  ['valid with a vendor', okta(), none],
  ['not an object', [], v({ must: ['body.not-object'] })],
  ['null', null, v({ must: ['body.not-object'] })],
  ['a string', 'x', v({ must: ['body.not-object'] })],
  ['no name, no cert profile', { folder: 'F' }, v({ must: ['body.name.required', 'body.mfa_cert_profile.required'] })],
  ['name and cert profile not strings', { ...valid, name: 1, mfa_cert_profile: null }, v({ must: ['body.name.type', 'body.mfa_cert_profile.type'] })],
  ['name and cert profile empty', { ...valid, name: '', mfa_cert_profile: '' }, v({ open: ['body.name.empty', 'body.mfa_cert_profile.empty'] })],
  ['no container', { name: 'n', mfa_cert_profile: 'c' }, v({ must: ['body.container.none'] })],
  ['two containers', { ...valid, device: 'D' }, v({ must: ['body.container.multiple'] })],
  ['a container not a string', { name: 'n', mfa_cert_profile: 'c', snippet: 1 }, v({ must: ['body.snippet.type'] })],
  ['a container that breaks the pattern and the length', { name: 'n', mfa_cert_profile: 'c', device: `${'d'.repeat(65)}/` }, v({ must: ['body.device.pattern', 'body.device.length'] })],
  ['a container of 64', { ...valid, folder: 'f'.repeat(64) }, none],
  ['a container of 65', { ...valid, folder: 'f'.repeat(65) }, v({ must: ['body.folder.length'] })],
  ['two containers, each checked', { name: 'n', mfa_cert_profile: 'c', folder: 'a/b', snippet: 2 }, v({ must: ['body.container.multiple', 'body.folder.pattern', 'body.snippet.type'] })],
  ['unknown keys: dropped (should accept)', { ...valid, id: 'x', z: 1 }, v({ shouldAccept: ['body.unknown-key'], dropped: ['id', 'z'] })],
  ['vendor not an object', { ...valid, mfa_vendor_type: [] }, v({ must: ['body.mfa_vendor_type.type'] })],
  ['vendor null', { ...valid, mfa_vendor_type: null }, v({ must: ['body.mfa_vendor_type.type'] })],
  ['no vendor named', { ...valid, mfa_vendor_type: { x: {} } }, v({ must: ['body.mfa_vendor_type.none'] })],
  ['two vendors', { ...valid, mfa_vendor_type: { okta_adaptive_v1: OKTA, rsa_securid_access_v1: {} } }, v({ must: ['body.mfa_vendor_type.multiple'] })],
  ['two vendors and another key: not the should', { ...valid, mfa_vendor_type: { okta_adaptive_v1: OKTA, rsa_securid_access_v1: {}, x: 1 } }, v({ must: ['body.mfa_vendor_type.multiple'] })],
  ['one vendor and another key: should reject', { ...valid, mfa_vendor_type: { okta_adaptive_v1: OKTA, x: 1, y: 2 } }, v({ shouldReject: ['body.mfa_vendor_type.unknown-key'], dropped: ['mfa_vendor_type.x', 'mfa_vendor_type.y'] })],
  ['a vendor value not an object', { ...valid, mfa_vendor_type: { okta_adaptive_v1: [] } }, v({ must: ['body.okta_adaptive_v1.type'] })],
  ['unknown fields inside a vendor: dropped (should accept)', okta({ a: 1, b: 2 }), v({ shouldAccept: ['body.vendor.unknown-key'], dropped: ['mfa_vendor_type.okta_adaptive_v1.a', 'mfa_vendor_type.okta_adaptive_v1.b'] })],
  ['unknown keys at both levels', { ...okta({ a: 1 }), z: 1 }, v({ shouldAccept: ['body.unknown-key', 'body.vendor.unknown-key'], dropped: ['z', 'mfa_vendor_type.okta_adaptive_v1.a'] })],
  ['a spec-required field missing: open', { ...valid, mfa_vendor_type: { okta_adaptive_v1: { okta_api_host: 'okta.example.com' } } }, v({ open: ['body.vendor.spec-required', 'body.vendor.spec-required', 'body.vendor.spec-required', 'body.vendor.spec-required'] })],
  ['a spec-required field missing, openapi: must', { ...valid, mfa_vendor_type: { okta_adaptive_v1: { ...OKTA, okta_org: undefined } } }, v({ must: ['body.okta_adaptive_v1.okta_org.required'] }), OPENAPI],
  ['a field that is not spec-required may be missing', { ...valid, mfa_vendor_type: { rsa_securid_access_v1: {} } }, none],
  ['a hostname field not a hostname: open', okta({ okta_api_host: 'not a host!' }), v({ open: ['body.vendor.hostname'] })],
  ['a hostname field not a hostname, openapi: must', okta({ okta_api_host: 'not a host!' }), v({ must: ['body.okta_adaptive_v1.okta_api_host.format'] }), OPENAPI],
  ['a field that is no hostname field is not checked as one', okta({ okta_org: 'not a host!' }), none, OPENAPI],
  ['a string field too short (code points)', okta({ okta_token: '😀'.repeat(7) }), v({ must: ['body.okta_adaptive_v1.okta_token.length'] })],
  ['a string field at its minimum (code points)', okta({ okta_token: '😀'.repeat(8) }), none],
  ['a string field too short is not also a hostname case', okta({ okta_api_host: 'a b' }), v({ must: ['body.okta_adaptive_v1.okta_api_host.length'] })],
  ['a string field not a string', okta({ okta_org: 1 }), v({ must: ['body.okta_adaptive_v1.okta_org.type'] })],
  ['an integer field a string', { ...valid, mfa_vendor_type: { rsa_securid_access_v1: { rsa_timeout: '30' } } }, v({ must: ['body.rsa_securid_access_v1.rsa_timeout.type'] })],
  ['an integer field null', okta({ okta_timeout: null }), v({ must: ['body.okta_adaptive_v1.okta_timeout.type'] })],
  ['an integer field 4.5', okta({ okta_timeout: 4.5 }), v({ must: ['body.okta_adaptive_v1.okta_timeout.range'] })],
  ['an integer field 30.5', okta({ okta_timeout: 30.5 }), v({ must: ['body.okta_adaptive_v1.okta_timeout.range'] })],
  ['an integer field 5', { ...valid, mfa_vendor_type: { rsa_securid_access_v1: { rsa_timeout: 5 } } }, none],
  ['an integer field 600', { ...valid, mfa_vendor_type: { rsa_securid_access_v1: { rsa_timeout: 600 } } }, none],
  ['an integer field 4', okta({ okta_timeout: 4 }), v({ must: ['body.okta_adaptive_v1.okta_timeout.range'] })],
  ['an integer field 601', okta({ okta_timeout: 601 }), v({ must: ['body.okta_adaptive_v1.okta_timeout.range'] })],
  ['okta_timeout "5": open', okta({ okta_timeout: '5' }), v({ open: ['body.okta_adaptive_v1.okta_timeout.numeric-string'] })],
  ['okta_timeout "600": open', okta({ okta_timeout: '600' }), v({ open: ['body.okta_adaptive_v1.okta_timeout.numeric-string'] })],
  ['okta_timeout "4": must', okta({ okta_timeout: '4' }), v({ must: ['body.okta_adaptive_v1.okta_timeout.type'] })],
  ['okta_timeout "601": must', okta({ okta_timeout: '601' }), v({ must: ['body.okta_adaptive_v1.okta_timeout.type'] })],
  ['okta_timeout " -30": must (out of range)', okta({ okta_timeout: ' -30' }), v({ must: ['body.okta_adaptive_v1.okta_timeout.type'] })],
  ['okta_timeout "+30 ": open', okta({ okta_timeout: '+30 ' }), v({ open: ['body.okta_adaptive_v1.okta_timeout.numeric-string'] })],
  ['okta_timeout "a30"', okta({ okta_timeout: 'a30' }), v({ must: ['body.okta_adaptive_v1.okta_timeout.type'] })],
  ['okta_timeout "30a"', okta({ okta_timeout: '30a' }), v({ must: ['body.okta_adaptive_v1.okta_timeout.type'] })],
  ['okta_timeout "3 0"', okta({ okta_timeout: '3 0' }), v({ must: ['body.okta_adaptive_v1.okta_timeout.type'] })],
  ['okta_timeout ""', okta({ okta_timeout: '' }), v({ must: ['body.okta_adaptive_v1.okta_timeout.type'] })],
  ['a timeout written 30.0: open', okta(), v({ open: ['body.timeout.integral-number'] }), undefined, ['okta_adaptive_v1.okta_timeout']],
  ['another field written oddly is no timeout case', okta(), none, undefined, ['okta_adaptive_v1.okta_org']],
  ['a range breach outranks the odd writing', okta({ okta_timeout: 601 }), v({ must: ['body.okta_adaptive_v1.okta_timeout.range'] }), undefined, ['okta_adaptive_v1.okta_timeout']],
];

describe('bodyViolations', () => {
  it.each(rows)('%s', (_name, body, want, cfg, odd) => {
    expect(bodyViolations(JSON.parse(JSON.stringify(body)) as unknown, cfg ?? defaultOracleConfig, odd ? new Set(odd) : undefined)).toStrictEqual(want);
  });
});

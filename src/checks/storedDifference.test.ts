// storedDifference: the strongest difference between an answered object and
// the stored object it should be (must), or a key the request sent that a
// conforming target drops and the answer echoes (should); what semantics.md
// leaves open passes.
import { describe, expect, it } from 'vitest';
import { storedDifference } from './storedDifference.ts';

const ID = '123e4567-e89b-12d3-a456-426655440000';
const OKTA = { okta_api_host: 'okta.example.com', okta_org: 'org', okta_timeout: 30, okta_baseuri: '/api/v1' };
const base = { id: ID, name: 'n', mfa_cert_profile: 'cp', folder: 'F' };
const okta = (o: Record<string, unknown> = {}, top: Record<string, unknown> = {}): Record<string, unknown> => ({ ...base, mfa_vendor_type: { okta_adaptive_v1: { ...OKTA, okta_token: 'secret', ...o } }, ...top });

type Want = undefined | ['must' | 'should', RegExp];
type Row = [name: string, got: Record<string, unknown>, want: Record<string, unknown>, dropped: string[] | undefined, expected: Want];

const rows: Row[] = [
  ['the same object', base, base, undefined, undefined],
  ['the same object, key order aside', { folder: 'F', mfa_cert_profile: 'cp', name: 'n', id: ID }, base, undefined, undefined],
  ['another id', { ...base, id: 'other' }, base, undefined, ['must', /^id "other" \/ Expected "123e4567-e89b-12d3-a456-426655440000"$/]],
  ['no id', { ...base, id: undefined }, base, undefined, ['must', /^id undefined \/ Expected "123e/]],
  ['want without an id: ids not compared', { ...base, id: 'server-made' }, { ...base, id: undefined }, undefined, undefined],
  ['another name', { ...base, name: 'm' }, base, undefined, ['must', /^name "m" \/ Expected "n"$/]],
  ['another cert profile', { ...base, mfa_cert_profile: 'x' }, base, undefined, ['must', /^mfa_cert_profile "x" \/ Expected "cp"$/]],
  ['no cert profile', { ...base, mfa_cert_profile: undefined }, base, undefined, ['must', /^mfa_cert_profile undefined/]],
  ['another folder', { ...base, folder: 'G' }, base, undefined, ['must', /^folder "G" \/ Expected "F"$/]],
  ['no folder', { ...base, folder: undefined }, base, undefined, ['must', /^folder undefined \/ Expected "F"$/]],
  ['Shared answered as Prisma Access', { ...base, folder: 'Prisma Access' }, { ...base, folder: 'Shared' }, undefined, undefined],
  ['Prisma Access answered as Shared', { ...base, folder: 'Shared' }, { ...base, folder: 'Prisma Access' }, undefined, undefined],
  ['snippet Shared is not Prisma Access (only folders have two names)', { id: ID, name: 'n', mfa_cert_profile: 'cp', snippet: 'Prisma Access' }, { id: ID, name: 'n', mfa_cert_profile: 'cp', snippet: 'Shared' }, undefined, ['must', /^snippet "Prisma Access" \/ Expected "Shared"$/]],
  ['another container key null', { ...base, snippet: null, device: null }, base, undefined, undefined],
  ['another container key set', { ...base, snippet: 'S' }, base, undefined, ['must', /^snippet "S" \/ Expected \(none\)$/]],
  ['another container key empty', { ...base, device: '' }, base, undefined, ['must', /^device "" \/ Expected \(none\)$/]],
  ['a container want null, got null', { ...base, folder: null }, { ...base, folder: null }, undefined, undefined],
  ['a long value is cut at 80 characters', { ...base, name: 'x'.repeat(100) }, base, undefined, ['must', new RegExp(`^name "${'x'.repeat(79)}… / Expected "n"$`)]],
  ['a value of 80 characters once quoted is not cut', { ...base, name: 'x'.repeat(78) }, base, undefined, ['must', new RegExp(`^name "${'x'.repeat(78)}" / Expected`)]],
  ['a value of 81 characters once quoted is cut', { ...base, name: 'x'.repeat(79) }, base, undefined, ['must', new RegExp(`^name "${'x'.repeat(79)}… / Expected`)]],
  // mfa_vendor_type not sent
  ['no vendor: absent', base, base, undefined, undefined],
  ['no vendor: null', { ...base, mfa_vendor_type: null }, base, undefined, undefined],
  ['no vendor: {}', { ...base, mfa_vendor_type: {} }, base, undefined, undefined],
  ['no vendor sent ({}), absent answered', base, { ...base, mfa_vendor_type: {} }, undefined, undefined],
  ['no vendor sent (null), {} answered', { ...base, mfa_vendor_type: {} }, { ...base, mfa_vendor_type: null }, undefined, undefined],
  ['no vendor sent, one answered', okta(), base, undefined, ['must', /^mfa_vendor_type \{"okta_adaptive_v1".* \/ Expected none \(not sent\)$/]],
  ['no vendor sent, an empty array answered', { ...base, mfa_vendor_type: [] }, base, undefined, ['must', /^mfa_vendor_type \[\] \/ Expected none/]],
  ['no vendor sent, a string answered', { ...base, mfa_vendor_type: 'x' }, base, undefined, ['must', /Expected none/]],
  // a vendor sent
  ['the vendor as sent', okta(), okta(), undefined, undefined],
  ['vendor answered null', { ...base, mfa_vendor_type: null }, okta(), undefined, ['must', /^mfa_vendor_type null \/ Expected \{"okta_adaptive_v1"/]],
  ['vendor answered as an array', { ...base, mfa_vendor_type: [okta()['mfa_vendor_type']] }, okta(), undefined, ['must', /^mfa_vendor_type \[/]],
  ['vendor want an array (not an object)', okta(), { ...base, mfa_vendor_type: ['x'] }, undefined, ['must', /^mfa_vendor_type \{/]],
  ['another vendor answered', { ...base, mfa_vendor_type: { duo_security_v2: {} } }, okta(), undefined, ['must', /^mfa_vendor_type holds duo_security_v2 \/ Expected okta_adaptive_v1$/]],
  ['no vendor key answered', { ...base, mfa_vendor_type: { other: {} } }, okta(), undefined, ['must', /^mfa_vendor_type holds no vendor \/ Expected okta_adaptive_v1$/]],
  ['two vendors answered', { ...base, mfa_vendor_type: { ...(okta()['mfa_vendor_type'] as object), duo_security_v2: {} } }, okta(), undefined, ['must', /^mfa_vendor_type holds duo_security_v2,okta_adaptive_v1 \/ Expected okta_adaptive_v1$/]],
  ['two vendors wanted, both answered in another order', { ...base, mfa_vendor_type: { rsa_securid_access_v1: {}, duo_security_v2: {} } }, { ...base, mfa_vendor_type: { duo_security_v2: {}, rsa_securid_access_v1: {} } }, undefined, undefined],
  ['two vendors wanted, the second differs', { ...base, mfa_vendor_type: { duo_security_v2: {}, rsa_securid_access_v1: { rsa_api_host: 'h' } } }, { ...base, mfa_vendor_type: { duo_security_v2: {}, rsa_securid_access_v1: {} } }, undefined, ['must', /^mfa_vendor_type.rsa_securid_access_v1.rsa_api_host "h" \/ Expected \(not sent, no default\)$/]],
  ['the vendor value not an object', { ...base, mfa_vendor_type: { okta_adaptive_v1: 'x' } }, okta(), undefined, ['must', /^mfa_vendor_type.okta_adaptive_v1 "x" \/ Expected an object$/]],
  ['the vendor value null', { ...base, mfa_vendor_type: { okta_adaptive_v1: null } }, okta(), undefined, ['must', /^mfa_vendor_type.okta_adaptive_v1 null \/ Expected an object$/]],
  ['the vendor value an array', { ...base, mfa_vendor_type: { okta_adaptive_v1: [] } }, okta(), undefined, ['must', /Expected an object$/]],
  ['the first of two vendor values not an object', { ...base, mfa_vendor_type: { duo_security_v2: 1, rsa_securid_access_v1: {} } }, { ...base, mfa_vendor_type: { duo_security_v2: {}, rsa_securid_access_v1: {} } }, undefined, ['must', /^mfa_vendor_type.duo_security_v2 1 \/ Expected an object$/]],
  ['wanted vendor value not an object: no field expected', { ...base, mfa_vendor_type: { rsa_securid_access_v1: {} } }, { ...base, mfa_vendor_type: { rsa_securid_access_v1: null } }, undefined, undefined],
  ['wanted vendor value not an object, a field answered', { ...base, mfa_vendor_type: { rsa_securid_access_v1: { rsa_api_host: 'h' } } }, { ...base, mfa_vendor_type: { rsa_securid_access_v1: true } }, undefined, ['must', /rsa_api_host "h" \/ Expected \(not sent, no default\)/]],
  ['another field value', okta({ okta_org: 'other' }), okta(), undefined, ['must', /^mfa_vendor_type.okta_adaptive_v1.okta_org "other" \/ Expected "org"$/]],
  ['a field missing', okta({ okta_org: undefined }), okta(), undefined, ['must', /^mfa_vendor_type.okta_adaptive_v1.okta_org undefined \/ Expected "org"$/]],
  ['a field not sent answered null', okta({ okta_org: null }), okta({ okta_org: undefined }), undefined, undefined],
  ['a field not sent answered ""', okta({ okta_org: '' }), okta({ okta_org: undefined }), undefined, undefined],
  ['a field not sent answered', okta({ okta_org: 'x' }), okta({ okta_org: undefined }), undefined, ['must', /^mfa_vendor_type.okta_adaptive_v1.okta_org "x" \/ Expected \(not sent, no default\)$/]],
  ['a field sent "" answered absent', okta({ okta_org: undefined }), okta({ okta_org: '' }), undefined, undefined],
  ['a field sent null answered ""', okta({ okta_org: '' }), okta({ okta_org: null }), undefined, undefined],
  ['a field sent, answered ""', okta({ okta_org: '' }), okta(), undefined, ['must', /okta_org "" \/ Expected "org"$/]],
  ['a secret answered masked', okta({ okta_token: '****' }), okta(), undefined, undefined],
  ['a secret answered absent', okta({ okta_token: undefined }), okta(), undefined, undefined],
  ['a secret not sent answered', okta({ okta_token: 'x' }), okta({ okta_token: undefined }), undefined, undefined],
  ['okta_timeout as a numeric string', okta({ okta_timeout: '30' }), okta(), undefined, undefined],
  ['okta_timeout as a padded numeric string', okta({ okta_timeout: ' 30 ' }), okta(), undefined, undefined],
  ['okta_timeout as "+30"', okta({ okta_timeout: '+30' }), okta(), undefined, undefined],
  ['okta_timeout as "-30" for -30', okta({ okta_timeout: '-30' }), okta({ okta_timeout: -30 }), undefined, undefined],
  ['okta_timeout sent as a string, answered a number', okta({ okta_timeout: 30 }), okta({ okta_timeout: '30' }), undefined, undefined],
  ['okta_timeout as another number', okta({ okta_timeout: 31 }), okta(), undefined, ['must', /^mfa_vendor_type.okta_adaptive_v1.okta_timeout 31 \/ Expected 30$/]],
  ['okta_timeout as another numeric string', okta({ okta_timeout: '31' }), okta(), undefined, ['must', /okta_timeout "31"/]],
  ['okta_timeout as "30.0"', okta({ okta_timeout: '30.0' }), okta(), undefined, ['must', /okta_timeout "30.0"/]],
  ['okta_timeout as "30e0"', okta({ okta_timeout: '30e0' }), okta(), undefined, ['must', /okta_timeout "30e0"/]],
  ['okta_timeout as "0b11110" (30 in binary)', okta({ okta_timeout: '0b11110' }), okta(), undefined, ['must', /okta_timeout "0b11110"/]],
  ['okta_timeout as "3 0"', okta({ okta_timeout: '3 0' }), okta(), undefined, ['must', /okta_timeout "3 0"/]],
  ['okta_timeout as ""', okta({ okta_timeout: '' }), okta(), undefined, ['must', /okta_timeout ""/]],
  ['okta_timeout as true', okta({ okta_timeout: true }), okta({ okta_timeout: 1 }), undefined, ['must', /okta_timeout true/]],
  ['okta_timeout NaN is not NaN', okta({ okta_timeout: 'x' }), okta({ okta_timeout: 'y' }), undefined, ['must', /okta_timeout "x" \/ Expected "y"/]],
  ['ping_timeout as a numeric string: only okta_timeout is open', { ...base, mfa_vendor_type: { ping_identity_v1: { ping_timeout: '30' } } }, { ...base, mfa_vendor_type: { ping_identity_v1: { ping_timeout: 30 } } }, undefined, ['must', /ping_timeout "30" \/ Expected 30$/]],
  // keys the request sent
  ['a key the spec lacks, not sent: passes', { ...base, extra: 1 }, base, undefined, undefined],
  ['a key the spec lacks, not sent, others dropped: passes', { ...base, extra: 1 }, base, ['other'], undefined],
  ['a dropped key echoed: should', { ...base, extra: 1 }, base, ['extra'], ['should', /^extra was sent and should be dropped, but is answered \(semantics.md: unknown keys are ignored and not stored\)$/]],
  ['a dropped key not echoed', base, base, ['extra'], undefined],
  ['a dropped top-level spec key is never flagged', base, base, ['name'], undefined],
  ['a dropped vendor-level key echoed', { ...base, mfa_vendor_type: { ...(okta()['mfa_vendor_type'] as object), x: 1 } }, okta(), ['mfa_vendor_type.x'], ['should', /^mfa_vendor_type.x was sent/]],
  ['a vendor-level key not dropped', { ...base, mfa_vendor_type: { ...(okta()['mfa_vendor_type'] as object), x: 1 } }, okta(), [], undefined],
  ['a dropped field-level key echoed', okta({ x: 1 }), okta(), ['mfa_vendor_type.okta_adaptive_v1.x'], ['should', /^mfa_vendor_type.okta_adaptive_v1.x was sent/]],
  ['a field-level key echoed, not dropped', okta({ x: 1 }), okta(), ['x'], undefined],
  ['a dropped key echoed and a must difference: the must', { ...base, name: 'm', extra: 1 }, base, ['extra'], ['must', /^name "m"/]],
  ['a must difference after a dropped key: the must', okta({ okta_org: 'o' }, { extra: 1 }), okta(), ['extra', 'mfa_vendor_type.okta_adaptive_v1.y'], ['must', /okta_org "o"/]],
  ['two must differences: the first', { ...base, id: 'x', name: 'm' }, base, undefined, ['must', /^id "x"/]],
  ['two dropped keys echoed: the first', { ...base, a: 1, b: 2 }, base, ['b', 'a'], ['should', /^a was sent/]],
  ['a client id dropped: the server id answered is no echo', base, base, ['id'], undefined],
  ['mfa_cert_profile is never an echoed key', base, base, ['mfa_cert_profile'], undefined],
  ['mfa_vendor_type is never an echoed key', okta(), okta(), ['mfa_vendor_type'], undefined],
  ['a vendor\'s own key is never an echoed key', okta(), okta(), ['mfa_vendor_type.okta_adaptive_v1'], undefined],
  ['a vendor field is never an echoed key', okta(), okta(), ['mfa_vendor_type.okta_adaptive_v1.okta_org'], undefined],
  ['an echoed vendor-level key then a field difference: the must', { ...base, mfa_vendor_type: { x: 1, okta_adaptive_v1: { ...OKTA, okta_org: 'o' } } }, okta(), ['mfa_vendor_type.x'], ['must', /okta_org "o"/]],
  ['two vendors wanted in another order, both answered', { ...base, mfa_vendor_type: { duo_security_v2: {}, rsa_securid_access_v1: {} } }, { ...base, mfa_vendor_type: { rsa_securid_access_v1: {}, duo_security_v2: {} } }, undefined, undefined],
  ['only vendor names of the wanted vendor object are compared', okta(), { ...okta(), mfa_vendor_type: { ...(okta()['mfa_vendor_type'] as object), x: 1 } }, undefined, undefined],
];

describe('storedDifference', () => {
  it.each(rows)('%s', (_name, got, want, dropped, expected) => {
    const d = storedDifference(JSON.parse(JSON.stringify(got)) as Record<string, unknown>, JSON.parse(JSON.stringify(want)) as Record<string, unknown>, dropped);
    if (expected === undefined) {
      expect(d).toBeUndefined();
      return;
    }
    expect(d?.strength).toBe(expected[0]);
    expect(d?.summary).toMatch(expected[1]);
  });
});

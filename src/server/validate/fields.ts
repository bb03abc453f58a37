// Top-level fields `name` and `mfa_cert_profile` (seed lines 24-25; spec
// #/components/schemas/mfa-servers `required: [name, mfa_cert_profile]`,
// both `type: string`). decisions.md: the reference server rejects `name: ""`;
// `mfa_cert_profile: ""` is accepted.
import type { BodyRule } from '../types.ts';
import { has, own } from './json.ts';

export const nameRequired: BodyRule = { name: 'name-required', ok: (b) => has(b, 'name') };

export const nameType: BodyRule = {
  name: 'name-type',
  ok: (b, s) => !has(b, 'name') || s.fieldTypes.name(b.name),
};

export const nameNotEmpty: BodyRule = { name: 'name-not-empty', ok: (b) => own(b, 'name') !== '' };

export const certProfileRequired: BodyRule = {
  name: 'cert-profile-required',
  ok: (b) => has(b, 'mfa_cert_profile'),
};

export const certProfileType: BodyRule = {
  name: 'cert-profile-type',
  ok: (b, s) => !has(b, 'mfa_cert_profile') || s.fieldTypes.mfa_cert_profile(b.mfa_cert_profile),
};

export const isString = (v: unknown): boolean => typeof v === 'string';

export const FIELD_RULES: readonly BodyRule[] = [nameRequired, nameType, nameNotEmpty, certProfileRequired, certProfileType];

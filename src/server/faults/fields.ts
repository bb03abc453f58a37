// Faults in the top-level fields (spec: required [name, mfa_cert_profile],
// both strings).
import { replaceByName } from '../pipeline.ts';
import type { Fault } from './types.ts';

const stringOrNumber = (v: unknown): boolean => typeof v === 'string' || typeof v === 'number';

export const FIELD_FAULTS: Record<string, Fault> = {
  'name-not-required': {
    kind: 'required',
    description: 'A body without name is accepted.',
    apply: (s) => replaceByName(s.bodyRules, 'name-required', undefined),
  },
  'cert-profile-not-required': {
    kind: 'required',
    description: 'A body without mfa_cert_profile is accepted.',
    apply: (s) => replaceByName(s.bodyRules, 'cert-profile-required', undefined),
  },
  'name-number-accepted': {
    kind: 'type',
    description: 'name may be a number.',
    apply: (s) => {
      s.fieldTypes.name = stringOrNumber;
    },
  },
  'cert-profile-number-accepted': {
    kind: 'type',
    description: 'mfa_cert_profile may be a number.',
    apply: (s) => {
      s.fieldTypes.mfa_cert_profile = stringOrNumber;
    },
  },
};

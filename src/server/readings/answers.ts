// Readings of what a stored object looks like in an answer (semantics.md
// "Open points", "Stored objects and answers"): an absent mfa_vendor_type,
// the secret fields, a typed language's nulls. Every answer carrying an
// object (create, get, put, list, delete) goes through Server.toAnswer.
import { createHash } from 'node:crypto';
import type { Server, VendorKey } from '../types.ts';
import { CONTAINER_KEYS } from '../types.ts';
import type { Reading } from './types.ts';
import { mapAnswer, vendorObjects } from './wrap.ts';

const specsOf = (s: Server, vk: string) => (Object.hasOwn(s.vendor.specs, vk) ? s.vendor.specs[vk as VendorKey] : []);

/** Replaces (or, with `undefined`, removes) every secret field that holds a string. */
function secrets(form: (value: string) => string | null | undefined): Reading['apply'] {
  return (s) =>
    mapAnswer(s, (o, srv) => {
      for (const [vk, v] of vendorObjects(o)) {
        for (const spec of specsOf(srv, vk)) {
          if (!spec.secret || typeof v[spec.key] !== 'string') continue;
          const next = form(v[spec.key] as string);
          if (next === undefined) delete v[spec.key];
          else v[spec.key] = next;
        }
      }
    });
}

function vendorTypeWhenAbsent(value: () => unknown): Reading['apply'] {
  return (s) =>
    mapAnswer(s, (o) => {
      if (!Object.hasOwn(o, 'mfa_vendor_type')) o.mfa_vendor_type = value();
    });
}

export const ANSWER_READINGS: Record<string, Reading> = {
  'vendor-type-null': {
    point: 'create.success',
    strength: 'open',
    description: 'An object whose mfa_vendor_type was not sent is answered with "mfa_vendor_type": null.',
    apply: vendorTypeWhenAbsent(() => null),
  },
  'vendor-type-empty': {
    point: 'create.success',
    strength: 'open',
    description: 'An object whose mfa_vendor_type was not sent is answered with "mfa_vendor_type": {}.',
    apply: vendorTypeWhenAbsent(() => ({})),
  },
  'secrets-masked': {
    point: 'create.success',
    strength: 'open',
    description: 'Secret fields (okta_token, ping_use_base64_key, rsa_accesskey, duo_secret_key) are answered as "********".',
    apply: secrets(() => '********'),
  },
  'secrets-omitted': {
    point: 'create.success',
    strength: 'open',
    description: 'Secret fields are left out of every answer.',
    apply: secrets(() => undefined),
  },
  'secrets-null': {
    point: 'create.success',
    strength: 'open',
    description: 'Secret fields are answered as null.',
    apply: secrets(() => null),
  },
  'secrets-encrypted': {
    point: 'create.success',
    strength: 'open',
    description: 'Secret fields are answered encrypted, PAN-OS style ("-AQ==" and base64), never as sent.',
    apply: secrets((v) => `-AQ==${createHash('sha256').update(`mfa-reading:${v}`).digest('base64')}`),
  },
  'typed-nulls': {
    point: 'create.success',
    also: ['get.success', 'list.success', 'update.success'],
    strength: 'open',
    description: "A typed language's answer: every container key the object does not have is null, and every field of its vendor that was neither sent nor defaulted is null.",
    apply: (s) =>
      mapAnswer(s, (o, srv) => {
        for (const k of CONTAINER_KEYS) if (!Object.hasOwn(o, k)) o[k] = null;
        for (const [vk, v] of vendorObjects(o)) {
          for (const spec of specsOf(srv, vk)) if (!Object.hasOwn(v, spec.key)) v[spec.key] = null;
        }
      }),
  },
};

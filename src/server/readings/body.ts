// Readings of the body rules (semantics.md "Body rules" and "Open points",
// "Body and format"): other answers for empty strings, timeouts written
// oddly, okta_timeout as a string, the spec's required lists and hostnames
// in the default profile, and unknown keys.
import { fail } from '../errors.ts';
import type { BodyRule, Server } from '../types.ts';
import { CONTAINER_KEYS } from '../types.ts';
import { replaceByName } from '../pipeline.ts';
import { isObject, own } from '../validate/json.ts';
import { openapiHostname, openapiRequired } from '../validate/openapi.ts';
import { vendorEntries } from '../validate/vendor.ts';
import { lexemeAt } from './jsonText.ts';
import type { Reading } from './types.ts';
import { isWrite, mapAnswer, mapStored, vendorObjects, wrapStep } from './wrap.ts';

/** The form the vendor's Terraform provider sends (strconv.Itoa): a decimal integer without sign or leading zero. */
const CANONICAL_INTEGER = /^[1-9][0-9]*$/;

function oktaTimeoutString(s: Server): void {
  const prev = s.timeout.isNumber;
  s.timeout.isNumber = (v, key) => prev(v, key) || (key === 'okta_timeout' && typeof v === 'string' && CANONICAL_INTEGER.test(v));
}

function addRule(s: Server, rule: BodyRule): void {
  if (!s.bodyRules.some((r) => r.name === rule.name)) s.bodyRules.push(rule);
}

const KNOWN_KEYS = new Set(['name', 'mfa_cert_profile', ...CONTAINER_KEYS, 'mfa_vendor_type']);

export const BODY_READINGS: Record<string, Reading> = {
  'float-timeouts-rejected': {
    point: 'body.timeout.integral-number',
    strength: 'open',
    description: 'A timeout written with a fraction or an exponent in the JSON text (30.0, 3e1) gets 400 E003 Invalid Object.',
    apply: (s) =>
      wrapStep(s, 'validate-body', (prev, ctx, srv) => {
        const r = prev.run(ctx, srv);
        if (r || !isWrite(ctx) || !isObject(ctx.json) || ctx.text === undefined) return r;
        for (const [vk, value] of vendorEntries(ctx.json)) {
          if (!isObject(value)) continue;
          for (const spec of srv.vendor.specs[vk]) {
            if (spec.kind !== 'timeout' || typeof own(value, spec.key) !== 'number') continue;
            const lexeme = lexemeAt(ctx.text, ['mfa_vendor_type', vk, spec.key]) ?? '';
            if (/[.eE]/.test(lexeme)) return fail(srv, 'invalid_object');
          }
        }
        return undefined;
      }),
  },
  'okta-timeout-string': {
    point: 'body.okta_adaptive_v1.okta_timeout.numeric-string',
    strength: 'open',
    description: 'okta_timeout may be a numeric string in 5..600 ("30", as the Terraform provider sends it), stored and answered as sent; other timeouts stay integer-only.',
    apply: oktaTimeoutString,
  },
  'okta-timeout-string-as-int': {
    point: 'body.okta_adaptive_v1.okta_timeout.numeric-string',
    strength: 'open',
    description: 'okta_timeout may be a numeric string in 5..600, stored and answered as the integer.',
    apply: (s) => {
      oktaTimeoutString(s);
      mapStored(s, (o) => {
        for (const [vk, v] of vendorObjects(o)) {
          if (vk === 'okta_adaptive_v1' && typeof v.okta_timeout === 'string') v.okta_timeout = Number(v.okta_timeout);
        }
      });
    },
  },
  'okta-timeout-answered-as-string': {
    point: 'body.okta_adaptive_v1.okta_timeout.numeric-string',
    also: ['create.success'],
    strength: 'open',
    description: 'okta_timeout is always answered as a numeric string ("30"), whatever was sent (input stays integer-only).',
    apply: (s) =>
      mapAnswer(s, (o) => {
        for (const [vk, v] of vendorObjects(o)) {
          if (vk === 'okta_adaptive_v1' && typeof v.okta_timeout === 'number') v.okta_timeout = String(v.okta_timeout);
        }
      }),
  },
  'spec-required-fields': {
    point: 'body.vendor.spec-required',
    strength: 'open',
    description: "Default profile too: a vendor object missing a field of the published spec's required list gets 400 Invalid Object.",
    apply: (s) => addRule(s, openapiRequired),
  },
  'hostname-format': {
    point: 'body.vendor.hostname',
    strength: 'open',
    description: 'Default profile too: an *_api_host that is not a hostname (format: hostname) gets 400 Invalid Object.',
    apply: (s) => addRule(s, openapiHostname),
  },
  'empty-name-accepted': {
    point: 'body.name.empty',
    strength: 'open',
    description: 'name "" is accepted (the reference server rejects it).',
    apply: (s) => replaceByName(s.bodyRules, 'name-not-empty', undefined),
  },
  'empty-cert-profile-rejected': {
    point: 'body.mfa_cert_profile.empty',
    strength: 'open',
    description: 'mfa_cert_profile "" gets 400 Invalid Object.',
    apply: (s) => addRule(s, { name: 'cert-profile-not-empty', ok: (b) => own(b, 'mfa_cert_profile') !== '' }),
  },
  'unknown-keys-rejected': {
    point: 'body.unknown-key',
    strength: 'should',
    description: 'Unknown top-level keys (a client id included) get 400 Invalid Object instead of being dropped.',
    apply: (s) => addRule(s, { name: 'no-unknown-keys', ok: (b) => Object.keys(b).every((k) => KNOWN_KEYS.has(k)) }),
  },
  'unknown-keys-echoed': {
    point: 'body.unknown-key',
    strength: 'should',
    description: 'Unknown top-level keys are stored and answered back (a client id is still replaced by the server\'s).',
    apply: (s) => {
      const prev = s.toStored;
      s.toStored = (body, srv) => {
        const out = prev(body, srv);
        for (const k of Object.keys(body)) if (!KNOWN_KEYS.has(k) && k !== 'id' && k !== '__proto__') out[k] = body[k];
        return out;
      };
    },
  },
  'vendor-unknown-keys-rejected': {
    point: 'body.vendor.unknown-key',
    strength: 'should',
    description: 'Unknown keys inside a vendor object get 400 Invalid Object instead of being ignored.',
    apply: (s) =>
      addRule(s, {
        name: 'no-unknown-vendor-keys',
        ok: (b, srv) =>
          vendorEntries(b).every(([vk, v]) => !isObject(v) || Object.keys(v).every((k) => srv.vendor.specs[vk].some((f) => f.key === k))),
      }),
  },
};

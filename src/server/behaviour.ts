// Builds one server instance's behaviour from its options: the correct
// server, then each requested reading of an open point (./readings/catalogue.ts),
// then each requested fault (./faults/catalogue.ts) applied on top.
import { containerExistsRule } from './edge/containers.ts';
import { jwtAuthStep, TokenIssuer } from './edge/oauth.ts';
import { loadErrors } from './errors.ts';
import { FAULTS } from './faults/catalogue.ts';
import { byName, defaultBodyRules, defaultSteps, replaceByName } from './pipeline.ts';
import { expandReadings, READINGS } from './readings/catalogue.ts';
import { Store } from './store.ts';
import type { Server, ServerOptions } from './types.ts';
import { CONTAINER_PATTERN } from './validate/container.ts';
import { isString } from './validate/fields.ts';
import { parseDecimal } from './validate/list.ts';
import { normalize } from './validate/object.ts';
import { vendorSpecs } from './validate/vendorSpecs.ts';

/** decisions.md "Authentication": the reference server's default tokens. */
export const DEFAULT_TOKENS = { rw: ['dev-token'], ro: ['dev-read-only-token'], expired: ['dev-expired-token'] } as const;

export const MAX_BODY_BYTES = 1024 * 1024;

export function createBehaviour(opts: ServerOptions = {}): Server {
  const profile = opts.profile ?? 'default';
  const s: Server = {
    profile,
    tokens: {
      rw: new Set(opts.tokens ?? DEFAULT_TOKENS.rw),
      ro: new Set(opts.readOnlyTokens ?? DEFAULT_TOKENS.ro),
      expired: new Set(opts.expiredTokens ?? DEFAULT_TOKENS.expired),
    },
    store: new Store(),
    steps: defaultSteps(),
    bodyRules: defaultBodyRules(profile),
    errors: loadErrors(),
    maxBodyBytes: MAX_BODY_BYTES,
    maxTokenLength: 8192,
    container: {
      test: (v) => CONTAINER_PATTERN.test(v),
      minLength: 1,
      maxLength: 64,
      count: (n) => n === 1,
    },
    vendor: { count: (n) => n === 1, extraKeysAllowed: false, specs: vendorSpecs() },
    // Number.isInteger: 30.0 and 3e1 are the integer 30 (decisions.md); 1e400 is Infinity, not an integer.
    timeout: { min: 5, max: 600, isNumber: (v) => typeof v === 'number' && Number.isInteger(v) },
    fieldTypes: { name: isString, mfa_cert_profile: isString },
    toStored: normalize,
    toAnswer: (obj) => obj,
    listOrder: (objs) => objs,
    paging: { parse: parseDecimal, limit: (n) => n },
    response: { createStatus: 200, fillDefaults: true, requestId: true, errorDetails: true, wwwAuthenticate: true },
  };
  // Tenant stand-in (./edge): the containers that exist, as one more body rule;
  // tokens of the token endpoint, inside the auth step (before readings and
  // faults, which wrap or replace that step as they do without it).
  if (opts.containers) s.bodyRules.push(containerExistsRule(opts.containers));
  if (opts.oauth) {
    s.oauth = new TokenIssuer(opts.oauth, opts.clock);
    replaceByName(s.steps, 'auth', jwtAuthStep(byName(s.steps, 'auth'), s.oauth));
  }
  for (const name of expandReadings(opts.readings ?? [])) READINGS[name]?.apply(s);
  for (const name of opts.faults ?? []) {
    const fault = FAULTS[name];
    if (!fault || !Object.hasOwn(FAULTS, name)) throw new Error(`unknown fault: ${name}`);
    fault.apply(s);
  }
  return s;
}

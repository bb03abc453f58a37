// The order of the steps is the precedence of semantics.md ("Precedence"):
// auth → path/method → permission → Content-Type → Accept → 413 → missing
// body → malformed JSON → invalid object (and list query) → not found →
// uniqueness → the operation. Each entry is one rule group, replaceable by name.
import { executeStep } from './operations/execute.ts';
import { existsStep } from './operations/exists.ts';
import { uniqueStep } from './operations/unique.ts';
import type { BodyRule, Profile, Step } from './types.ts';
import { authStep, permissionStep } from './validate/auth.ts';
import { missingBodyStep, parseJsonStep, payloadSizeStep } from './validate/body.ts';
import { CONTAINER_RULES } from './validate/container.ts';
import { FIELD_RULES } from './validate/fields.ts';
import { acceptStep, contentTypeStep } from './validate/formats.ts';
import { listQueryStep } from './validate/list.ts';
import { validateBodyStep } from './validate/object.ts';
import { OPENAPI_RULES } from './validate/openapi.ts';
import { routeStep } from './validate/route.ts';
import { VENDOR_RULES } from './validate/vendor.ts';

export function defaultSteps(): Step[] {
  return [
    authStep,
    routeStep,
    permissionStep,
    contentTypeStep,
    acceptStep,
    payloadSizeStep,
    missingBodyStep,
    parseJsonStep,
    validateBodyStep,
    listQueryStep,
    existsStep,
    uniqueStep,
    executeStep,
  ];
}

export function defaultBodyRules(profile: Profile): BodyRule[] {
  const rules = [...FIELD_RULES, ...CONTAINER_RULES, ...VENDOR_RULES];
  return profile === 'openapi' ? [...rules, ...OPENAPI_RULES] : rules;
}

/** Replaces the step or rule called `name` (throws if there is none: a fault must hit something). */
export function replaceByName<T extends { name: string }>(list: T[], name: string, next: T | undefined): void {
  const i = list.findIndex((x) => x.name === name);
  if (i < 0) throw new Error(`no step or rule named ${name}`);
  if (next) list[i] = next;
  else list.splice(i, 1);
}

export function byName<T extends { name: string }>(list: T[], name: string): T {
  const found = list.find((x) => x.name === name);
  if (!found) throw new Error(`no step or rule named ${name}`);
  return found;
}

// Valid create/update bodies (semantics.md "POST" body rules; seed:8-90):
// name and mfa_cert_profile strings, exactly one container with a valid
// value, and mfa_vendor_type absent or holding exactly one valid vendor.
// Mutations start from these, so every mutation breaks only what it changes.
import fc from 'fast-check';
import { spec } from '../spec/model.ts';
import { containerValue, fixedContainerValue, type Container } from './containerValue.ts';
import { freeText } from './freeText.ts';
import type { GenContext } from './genCase.ts';
import { memoPerContext } from './memo.ts';
import { objectName } from './objectName.ts';
import { fixedVendorBody, vendorBody, type VendorVariant } from './vendorBody.ts';
import { VENDOR_NAMES, vendorSpec } from './vendorFieldValue.ts';

export interface ValidBody {
  body: Record<string, unknown>;
  container: Container;
  /** The vendor key under mfa_vendor_type; undefined when mfa_vendor_type is absent. */
  vendor?: string;
}

/** vendor: a name → that vendor; null → mfa_vendor_type absent; undefined → any of those. */
export interface BodyChoice { vendor?: string | null; container?: Container }

export const CONTAINERS: readonly Container[] = spec.containers;

export function validBody(ctx: GenContext, choice: BodyChoice = {}): fc.Arbitrary<ValidBody> {
  return validBodyFor(ctx, choice.vendor, choice.container);
}

/** One arbitrary per context and choice: the families ask for the same few many times. */
const validBodyFor = memoPerContext(
  (vendor?: string | null, container?: Container) => `${vendor}|${container}`,
  (ctx: GenContext, vendor?: string | null, container?: Container): fc.Arbitrary<ValidBody> => {
    const containers = container ? [container] : CONTAINERS;
    const vendors = vendor === undefined ? [null, ...VENDOR_NAMES] : [vendor];
    return fc.oneof(...containers.flatMap((c) => vendors.map((v) => bodyOf(ctx, c, v))));
  },
);

function bodyOf(ctx: GenContext, container: Container, vendor: string | null): fc.Arbitrary<ValidBody> {
  const vb: fc.Arbitrary<Record<string, unknown> | undefined> = vendor === null ? fc.constant(undefined) : vendorBody(vendorSpec(vendor));
  return fc.tuple(objectName(ctx), freeText({ minLength: 1, maxLength: 32 }), containerValue(), vb)
    .map(([name, cert, cv, v]) => assemble(name, cert, container, cv, vendor, v));
}

function assemble(name: string, cert: string, container: Container, cv: string, vendor: string | null, v: Record<string, unknown> | undefined): ValidBody {
  const body: Record<string, unknown> = { name, mfa_cert_profile: cert, [container]: cv };
  if (vendor !== null) body['mfa_vendor_type'] = { [vendor]: v ?? {} };
  return vendor === null ? { body, container } : { body, container, vendor };
}

/**
 * The default container of a boundary case: its own name, kept to the
 * container class. One container per case lets the runner send boundary
 * cases in parallel (it orders only cases that share a container).
 */
export function containerFromName(name: string): string {
  return name.replace(/[^A-Za-z0-9_. -]/g, '').slice(-64) || fixedContainerValue(12);
}

/** A deterministic valid body (boundary cases). */
export function fixedBody(name: string, container: Container, vendor: string | null = null, variant: VendorVariant = 'full', cv = containerFromName(name)): ValidBody {
  const v = vendor === null ? undefined : fixedVendorBody(vendorSpec(vendor), variant);
  return assemble(name, 'cert-profile-1', container, cv, vendor, v);
}

/** Deep copy so a mutation never edits a shared value (fast-check reuses generated values while shrinking). */
export const clone = <T>(v: T): T => structuredClone(v);

export function vendorObject(b: ValidBody): Record<string, unknown> {
  const vt = b.body['mfa_vendor_type'] as Record<string, unknown>;
  return vt[b.vendor!] as Record<string, unknown>;
}

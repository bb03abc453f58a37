// Deterministic valid bodies whose free text is non-ASCII: name and
// mfa_cert_profile have no pattern (seed:24-25), vendor strings only a
// minimum length in code points (seed:28-90). Containers stay ASCII: their
// class forbids anything else (seed:15-23).
import { fixedBody, type ValidBody } from './validBody.ts';
import { VENDORS } from './vendorFieldValue.ts';
import { fixedContainerValue } from './containerValue.ts';

export function sampleWithUnicode(nextName: () => string): ValidBody[] {
  return VENDORS.map((v, i) => {
    const b = fixedBody(`${nextName()}-Grüße-日本-🚀`, (['folder', 'snippet', 'device'] as const)[i % 3]!, v.name, 'full', fixedContainerValue(20, i));
    b.body['mfa_cert_profile'] = 'zertifikat-Ωmega-🔐';
    const obj = (b.body['mfa_vendor_type'] as Record<string, Record<string, unknown>>)[v.name]!;
    for (const f of v.fields) {
      // Astral code points at exactly minLength: valid by code points (and by UTF-16 units).
      if (f.type === 'string' && f.minLength !== undefined && !f.hostname) obj[f.name] = '🦊'.repeat(f.minLength);
      else if (f.type === 'string' && !f.hostname) obj[f.name] = 'organisation-ü';
    }
    return b;
  });
}

// The contracts stay one model: the JSON Schemas, the rule catalogue and the
// error catalogue agree with contracts/openapi.yaml.
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { spec } from './model.ts';

describe('contracts/', () => {
  it('every vendor field constraint of openapi.yaml is in the body schema, with the same bounds', () => {
    const body = spec.schemas.body as any;
    for (const v of spec.vendors) {
      const props = body.properties.mfa_vendor_type.properties[v.name].properties;
      expect(Object.keys(props).sort()).toEqual(v.fields.map((f) => f.name).sort());
      for (const f of v.fields) {
        expect(props[f.name]).toMatchObject({ type: f.type, ...(f.minLength !== undefined && { minLength: f.minLength }), ...(f.minimum !== undefined && { minimum: f.minimum, maximum: f.maximum }) });
      }
    }
  });

  it('the rule catalogue has a type rule per vendor field, a length rule per minLength and a range rule per timeout', () => {
    for (const v of spec.vendors) for (const f of v.fields) {
      expect(spec.rules.has(`body.${v.name}.${f.name}.type`)).toBe(true);
      expect(spec.rules.has(`body.${v.name}.${f.name}.length`)).toBe(f.minLength !== undefined);
      expect(spec.rules.has(`body.${v.name}.${f.name}.range`)).toBe(f.minimum !== undefined);
    }
  });

  it('every rule with an error names a catalogue entry with the same status and code', () => {
    for (const r of spec.rules.values()) {
      if (!r.error) continue;
      const e = spec.errors.get(r.error)!;
      expect([r.id, e.status, e.code]).toEqual([r.id, r.status, r.code]);
    }
  });

  it('the four schemas compile under ajv defaults (unicodeRegExp on) and the container pattern is full-string', () => {
    const ajv = new Ajv({ allErrors: false, strict: false });
    for (const s of Object.values(spec.schemas)) ajv.addSchema(s);
    const body = ajv.getSchema('mfa-server-body.json')!;
    const ok = (folder: string) => body({ name: 'n', mfa_cert_profile: 'c', folder });
    expect(['a', 'A-b_c.d e', '0'.repeat(64)].map(ok)).toEqual([true, true, true]);
    expect(['a/b', 'a\n', '', 'ü', 'a@b', '0'.repeat(65)].map(ok)).toEqual([false, false, false, false, false, false]);
  });

  it('the seed pattern as written is a syntax error under the u flag (why contracts/ rewrites it)', () => {
    expect(() => new RegExp('^[a-zA-Z\\d-_\\. ]+$', 'u')).toThrow(SyntaxError);
    expect(() => new RegExp(spec.containerPattern, 'u')).not.toThrow();
  });
});

// The tenant mapping (generate/tenant.ts): valid containers and certificate
// profiles go to the user's, everything else about a case stays as generated.
import { describe, expect, it } from 'vitest';
import { genCase } from './genCase.ts';
import { forTenant, tenantContainer } from './tenant.ts';

const t = { containers: { folder: ['Shared', 'Team A'], snippet: ['s1'] }, certProfile: 'cp-real' };
const post = (label: string, body: string) => genCase(label, { method: 'POST', path: '/mfa-servers', headers: { authorization: 'Bearer x', 'content-type': 'application/json' }, body });

describe('forTenant', () => {
  it('moves a valid container and the certificate profile, keeping the text around them (spacing, number spelling)', () => {
    const c = forTenant(t, post('valid', '{ "name" : "n1", "mfa_cert_profile":"cert-1", "folder" :  "mfa-conf-1-x", "okta_timeout": 30.0 }'));
    const [key, value] = tenantContainer(t, 'folder', 'mfa-conf-1-x');
    expect(key).toBe('folder');
    expect(c.request.body).toBe(`{ "name" : "n1", "mfa_cert_profile":"cp-real", "folder" :  ${JSON.stringify(value)}, "okta_timeout": 30.0 }`);
  });

  it('equal values stay equal (a uniqueness clash stays a clash); a key the tenant lacks goes to one it has', () => {
    expect(tenantContainer(t, 'folder', 'abc')).toEqual(tenantContainer(t, 'folder', 'abc'));
    expect(tenantContainer(t, 'device', 'dev-1')[0]).not.toBe('device');
  });

  it('leaves values that break a container rule, and two containers at once, as generated', () => {
    for (const body of ['{"name":"n","folder":"bad/slash"}', '{"name":"n","folder":"a","snippet":"b"}', '{"name":"n","folder":""}', 'not json']) {
      const c = forTenant(t, post('valid', body));
      expect(c.request.body).toBe(body.replace('"mfa_cert_profile"', ''));
    }
  });

  it('a body padded to a size keeps its size (payload-too-large one byte over 1 MiB)', () => {
    const json = '{"name":"n","mfa_cert_profile":"c","folder":"a-very-long-generated-container-name-0001"}';
    const padded = json + ' '.repeat(1_048_577 - json.length);
    const c = forTenant(t, post('format.payload-too-large', padded));
    expect(Buffer.byteLength(c.request.body as string)).toBe(1_048_577);
    expect(c.request.body).not.toContain('a-very-long-generated');
  });

  it('maps a list query\'s container and the objects a case creates first', () => {
    const list = forTenant(t, genCase('valid', { method: 'GET', path: '/mfa-servers?snippet=mfa-conf-1-q&position=pre&limit=5', headers: {} }));
    expect(list.request.path).toBe('/mfa-servers?snippet=s1&position=pre&limit=5');
    const withSetup = forTenant(t, { ...post('uniqueness.name', '{"name":"n","folder":"f1"}'), needs: { existing: [{ name: 'n', folder: 'f1', mfa_cert_profile: 'c' }] } });
    const moved = tenantContainer(t, 'folder', 'f1');
    expect(withSetup.needs).toEqual({ existing: [{ name: 'n', [moved[0]]: moved[1], mfa_cert_profile: 'cp-real' }] });
    expect(JSON.parse(withSetup.request.body as string)[moved[0]]).toBe(moved[1]);
  });
});

// The store model advances only on a 2xx the oracle predicted, with the
// target's own id and body; it remembers deleted objects and earlier names.
import { describe, expect, it } from 'vitest';
import { StoreModel } from './model.ts';

const created = (id: string, name: string, folder = 'F') => ({
  request: { method: 'POST', path: '/mfa-servers', headers: {} },
  response: { status: 200, body: '' },
  json: { id, name, folder, mfa_cert_profile: 'c' },
});
const put = (id: string, body: Record<string, unknown>, status = 200) => ({
  request: { method: 'PUT', path: `/mfa-servers/${encodeURIComponent(id)}`, headers: {} },
  response: { status, body: '' },
  json: { id, ...body },
});
const del = (id: string, status = 200) => ({ request: { method: 'DELETE', path: `/mfa-servers/${id}`, headers: {} }, response: { status, body: '' }, json: {} });

describe('StoreModel', () => {
  it('keeps objects per container by id and name, in creation order', () => {
    const m = new StoreModel();
    for (const [id, name, folder] of [['a', 'one', 'F'], ['b', 'two', 'F'], ['c', 'one', 'G']] as const) {
      const e = created(id, name, folder);
      m.apply(e, e.json, true);
    }
    expect(m.inContainer('folder', 'F').map((o) => o.id)).toEqual(['a', 'b']);
    expect(m.named('folder', 'G', 'one').map((o) => o.id)).toEqual(['c']);
    expect(m.byId('b')?.['name']).toBe('two');
    expect(m.size).toBe(3);
  });

  it('does not advance on an answer the oracle did not predict, or on a non-2xx', () => {
    const m = new StoreModel();
    const e = created('a', 'one');
    m.apply(e, e.json, false);
    m.apply({ ...e, response: { status: 409, body: '' } }, e.json, true);
    expect(m.size).toBe(0);
    expect(m.idTaken('a')).toBe(false);
  });

  it('a PUT replaces the object in place (its creation rank kept) and remembers the earlier name; a move changes its container', () => {
    const m = new StoreModel();
    for (const [id, name] of [['a', 'one'], ['b', 'two']] as const) { const e = created(id, name); m.apply(e, e.json, true); }
    const r = put('a', { name: 'uno', folder: 'F', mfa_cert_profile: 'c' });
    m.apply(r, r.json, true);
    expect(m.inContainer('folder', 'F').map((o) => o['name'])).toEqual(['uno', 'two']);
    expect(m.earlierNames('a')).toEqual(['one']);
    const mv = put('b', { name: 'two', snippet: 'S', mfa_cert_profile: 'c' });
    m.apply(mv, mv.json, true);
    expect(m.inContainer('folder', 'F').map((o) => o.id)).toEqual(['a']);
    expect(m.inContainer('snippet', 'S').map((o) => o.id)).toEqual(['b']);
  });

  it('a DELETE moves the object to the deleted ones; its id stays taken', () => {
    const m = new StoreModel();
    const e = created('a', 'one');
    m.apply(e, e.json, true);
    m.apply(del('a'), {}, true);
    expect(m.byId('a')).toBeUndefined();
    expect(m.inContainer('folder', 'F')).toEqual([]);
    expect(m.deletedObjects().map((o) => o.id)).toEqual(['a']);
    expect(m.idTaken('a')).toBe(true);
    expect(m.idTaken('z')).toBe(false);
  });

  it('a failed DELETE or PUT changes nothing', () => {
    const m = new StoreModel();
    const e = created('a', 'one');
    m.apply(e, e.json, true);
    m.apply(del('a', 404), {}, true);
    const r = put('a', { name: 'uno', folder: 'F' }, 400);
    m.apply(r, r.json, true);
    expect(m.byId('a')?.['name']).toBe('one');
    expect(m.earlierNames('a')).toEqual([]);
  });
});

// Uniqueness, list, get, put, delete (semantics.md "Uniqueness", "Rest of the
// lifecycle"; decisions.md "List", "Item operations", "Responses").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './startServer.ts';
import { client, err, validBody } from './testing.ts';

let srv: RunningServer;
let send: ReturnType<typeof client>;
const UNKNOWN = '123e4567-e89b-12d3-a456-426655440000';

beforeAll(async () => {
  srv = await startServer({});
  send = client(srv.url);
});
afterAll(() => srv.close());

const create = async (over: Record<string, unknown>) => {
  const res = await send({ method: 'POST', path: '/mfa-servers', body: validBody(over) });
  expect(res.status).toBe(200);
  return res.json as Record<string, unknown> & { id: string };
};

describe('create and uniqueness', () => {
  it('200 (never 201), 409 for the same name in the same container, 200 in another', async () => {
    await create({ name: 'dup', folder: 'U1' });
    expect(err(await send({ method: 'POST', path: '/mfa-servers', body: validBody({ name: 'dup', folder: 'U1' }) }))).toEqual([
      409,
      'E006',
      'Name Not Unique',
    ]);
    await create({ name: 'dup', folder: 'U2' });
    await create({ name: 'dup', folder: undefined, snippet: 'U1' });
    await create({ name: 'DUP', folder: 'U1' }); // exact, case-sensitive
  });
  it('invalid object comes before uniqueness', async () => {
    const res = await send({ method: 'POST', path: '/mfa-servers', body: validBody({ name: 'dup', folder: 'U1', mfa_vendor_type: {} }) });
    expect(err(res)[2]).toBe('Invalid Object');
  });
});

describe('get / put / delete', () => {
  it('get returns the stored object', async () => {
    const obj = await create({ name: 'g1', folder: 'G' });
    const res = await send({ path: `/mfa-servers/${obj.id}` });
    expect(res.status).toBe(200);
    expect(res.json).toEqual(obj);
  });
  it.each([UNKNOWN, 'not-a-uuid', '', '%20'])('unknown or malformed id %j → 404 E005', async (id) => {
    expect(err(await send({ path: `/mfa-servers/${id}` }))).toEqual([404, 'E005', 'Object Not Present']);
    expect(err(await send({ method: 'DELETE', path: `/mfa-servers/${id}` }))[0]).toBe(404);
    expect(err(await send({ method: 'PUT', path: `/mfa-servers/${id}`, body: validBody({ name: 'x-unknown' }) }))[0]).toBe(404);
  });
  it('PUT replaces fully, keeps the id, validates like POST first', async () => {
    const obj = await create({ name: 'p1', folder: 'P', mfa_vendor_type: { okta_adaptive_v1: { okta_org: 'o' } } });
    const res = await send({ method: 'PUT', path: `/mfa-servers/${obj.id}`, body: { name: 'p1b', mfa_cert_profile: 'c2', snippet: 'S1', id: 'other' } });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ id: obj.id, name: 'p1b', mfa_cert_profile: 'c2', snippet: 'S1' });
    expect((await send({ path: `/mfa-servers/${obj.id}` })).json).toEqual(res.json);
    // validation before existence
    expect(err(await send({ method: 'PUT', path: `/mfa-servers/${UNKNOWN}`, body: { name: 'x' } }))[2]).toBe('Invalid Object');
  });
  it('PUT: keeping its own name is fine, renaming into a taken name is 409', async () => {
    const a = await create({ name: 'ra', folder: 'R' });
    await create({ name: 'rb', folder: 'R' });
    expect((await send({ method: 'PUT', path: `/mfa-servers/${a.id}`, body: validBody({ name: 'ra', folder: 'R', mfa_cert_profile: 'new' }) })).status).toBe(200);
    expect(err(await send({ method: 'PUT', path: `/mfa-servers/${a.id}`, body: validBody({ name: 'rb', folder: 'R' }) }))).toEqual([409, 'E006', 'Name Not Unique']);
    expect((await send({ method: 'PUT', path: `/mfa-servers/${a.id}`, body: validBody({ name: 'rb', folder: 'R2' }) })).status).toBe(200);
  });
  it('DELETE returns the object, then GET → 404, list without it, delete again → 404', async () => {
    const obj = await create({ name: 'd1', folder: 'D' });
    const del = await send({ method: 'DELETE', path: `/mfa-servers/${obj.id}` });
    expect(del.status).toBe(200);
    expect(del.json).toEqual(obj);
    expect(err(await send({ path: `/mfa-servers/${obj.id}` }))[0]).toBe(404);
    expect((await send({ path: '/mfa-servers?folder=D' })).json.total).toBe(0);
    expect(err(await send({ method: 'DELETE', path: `/mfa-servers/${obj.id}` }))).toEqual([404, 'E005', 'Object Not Present']);
    await create({ name: 'd1', folder: 'D' }); // the name is free again
  });
  it('a percent-encoded id is decoded', async () => {
    const obj = await create({ name: 'enc', folder: 'E' });
    const encoded = obj.id.replace(/-/g, '%2D');
    expect((await send({ path: `/mfa-servers/${encoded}` })).status).toBe(200);
  });
});

describe('list', () => {
  beforeAll(async () => {
    for (const name of ['l1', 'l2', 'l3', 'l4']) await create({ name, folder: 'L' });
    await create({ name: 'l1', folder: undefined, device: 'L' });
  });
  it('envelope and creation order', async () => {
    const res = await send({ path: '/mfa-servers?folder=L' });
    expect(res.status).toBe(200);
    expect(Object.keys(res.json)).toEqual(['data', 'limit', 'offset', 'total']);
    expect(res.json.data.map((o: { name: string }) => o.name)).toEqual(['l1', 'l2', 'l3', 'l4']);
    expect(res.json).toMatchObject({ limit: 200, offset: 0, total: 4 });
  });
  it('filters by container and exact name', async () => {
    expect((await send({ path: '/mfa-servers?device=L' })).json.total).toBe(1);
    expect((await send({ path: '/mfa-servers?snippet=L' })).json.total).toBe(0);
    expect((await send({ path: '/mfa-servers?folder=L&name=l2' })).json.data.map((o: { name: string }) => o.name)).toEqual(['l2']);
    expect((await send({ path: '/mfa-servers?folder=L&name=L2' })).json.total).toBe(0);
    expect((await send({ path: '/mfa-servers?folder=' })).json.total).toBe(0);
    expect((await send({ path: '/mfa-servers?folder=a%2Fb' })).json.total).toBe(0);
  });
  it('pages', async () => {
    const res = await send({ path: '/mfa-servers?folder=L&limit=2&offset=1&position=pre&junk=1' });
    expect(res.json.data.map((o: { name: string }) => o.name)).toEqual(['l2', 'l3']);
    expect(res.json).toMatchObject({ limit: 2, offset: 1, total: 4 });
    expect((await send({ path: '/mfa-servers?folder=L&limit=0' })).json.data).toEqual([]);
    expect((await send({ path: '/mfa-servers?folder=L&offset=10' })).json).toMatchObject({ data: [], total: 4, offset: 10 });
    expect((await send({ path: '/mfa-servers?folder=L&limit=007' })).json.limit).toBe(7);
    expect((await send({ path: '/mfa-servers?folder=L&limit=1&limit=x' })).json.limit).toBe(1);
  });
  it.each([
    ['limit=-1', 'Invalid Query Parameter: limit=-1'],
    ['limit=abc', 'Invalid Query Parameter: limit=abc'],
    ['limit=', 'Invalid Query Parameter: limit='],
    ['limit=1.5', 'Invalid Query Parameter: limit=1.5'],
    ['offset=-2', 'Invalid Query Parameter: offset=-2'],
    ['limit=x&offset=y', 'Invalid Query Parameter: limit=x'],
  ])('%s → 400 E003', async (q, message) => {
    expect(err(await send({ path: `/mfa-servers?folder=L&${q}` }))).toEqual([400, 'E003', message]);
  });
  it('missing container → Missing Query Parameter: folder', async () => {
    expect(err(await send({ path: '/mfa-servers' }))).toEqual([400, 'E003', 'Missing Query Parameter: folder']);
    expect(err(await send({ path: '/mfa-servers?name=l1&limit=x' }))[2]).toBe('Missing Query Parameter: folder');
  });
  it('two containers → Invalid Query Parameter naming the second', async () => {
    expect(err(await send({ path: '/mfa-servers?device=D&folder=L' }))[2]).toBe('Invalid Query Parameter: device=D');
    expect(err(await send({ path: '/mfa-servers?snippet=S&device=D&folder=L' }))[2]).toBe('Invalid Query Parameter: snippet=S');
  });
  it('read-only tokens can list', async () => {
    const res = await send({ path: '/mfa-servers?folder=L', headers: { authorization: 'Bearer dev-read-only-token' } });
    expect(res.json.total).toBe(4);
  });
});

describe('stores are per instance', () => {
  it('a second server starts empty', async () => {
    const other = await startServer({});
    try {
      expect((await client(other.url)({ path: '/mfa-servers?folder=L' })).json.total).toBe(0);
    } finally {
      await other.close();
    }
  });
});

// serve --containers: objects only in containers that exist (decisions.md
// "Tenant stand-in": 400 E003 Invalid Object, a body rule), lists of other
// containers are empty pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../startServer.ts';
import { client, err, validBody } from '../testing.ts';
import { parseContainers } from './containers.ts';

let srv: RunningServer;
let send: ReturnType<typeof client>;
beforeAll(async () => {
  srv = await startServer({ containers: parseContainers(['folder:Shared,folder:Prisma Access', 'snippet:snip-1', 'device:dev-1']) });
  send = client(srv.url);
});
afterAll(() => srv.close());

describe('parseContainers', () => {
  it('reads kind:name items, repeatable and comma separated, once each', () => {
    expect(parseContainers(['folder:Shared,folder:Prisma Access', 'device:d 1', 'folder:Shared'])).toEqual([
      { key: 'folder', value: 'Shared' },
      { key: 'folder', value: 'Prisma Access' },
      { key: 'device', value: 'd 1' },
    ]);
  });
  it.each([['Shared'], ['tenant:x'], ['folder:'], ['folder:a/b'], [`folder:${'x'.repeat(65)}`], ['folder:Shared,']])('%s is refused with one line', (v) => {
    expect(() => parseContainers([v])).toThrow(/^--containers/);
  });
});

describe('--containers', () => {
  it.each([
    [{ folder: 'Shared' }],
    [{ folder: 'Prisma Access' }],
    [{ snippet: 'snip-1' }],
    [{ device: 'dev-1' }],
  ])('create in an existing container %j → 200', async (where) => {
    const body = { name: `in-${Object.values(where)[0]}`, mfa_cert_profile: 'c', ...where };
    expect((await send({ method: 'POST', path: '/mfa-servers', body })).status).toBe(200);
  });

  it.each([
    [{ folder: 'Nope' }],
    [{ folder: 'shared' }],
    [{ snippet: 'Shared' }],
    [{ device: 'snip-1' }],
  ])('create in a container that does not exist %j → 400 E003 Invalid Object, nothing stored', async (where) => {
    const body = { name: 'nowhere', mfa_cert_profile: 'c', ...where };
    const res = await send({ method: 'POST', path: '/mfa-servers', body });
    expect(err(res)).toEqual([400, 'E003', 'Invalid Object']);
    const [key, value] = Object.entries(where)[0]!;
    const list = await send({ path: `/mfa-servers?${key}=${encodeURIComponent(value)}&name=nowhere` });
    expect([list.status, list.json.total]).toEqual([200, 0]);
  });

  it('a move into a container that does not exist → 400 Invalid Object, the object stays; a move into one that exists → 200', async () => {
    const made = await send({ method: 'POST', path: '/mfa-servers', body: validBody({ name: 'mover' }) });
    expect(made.status).toBe(200);
    const bad = await send({ method: 'PUT', path: `/mfa-servers/${made.json.id}`, body: validBody({ name: 'mover', folder: 'Elsewhere' }) });
    expect(err(bad)).toEqual([400, 'E003', 'Invalid Object']);
    expect((await send({ path: `/mfa-servers/${made.json.id}` })).json.folder).toBe('Shared');
    const good = await send({ method: 'PUT', path: `/mfa-servers/${made.json.id}`, body: validBody({ name: 'mover', folder: 'Prisma Access' }) });
    expect([good.status, good.json.folder]).toEqual([200, 'Prisma Access']);
  });

  it('precedence of a body rule: before not found (PUT of an unknown id) and before uniqueness', async () => {
    const unknown = await send({ method: 'PUT', path: '/mfa-servers/00000000-0000-4000-8000-000000000000', body: validBody({ folder: 'Nope' }) });
    expect(err(unknown)).toEqual([400, 'E003', 'Invalid Object']);
    expect((await send({ method: 'POST', path: '/mfa-servers', body: validBody({ name: 'twice' }) })).status).toBe(200);
    expect(err(await send({ method: 'POST', path: '/mfa-servers', body: validBody({ name: 'twice' }) }))[0]).toBe(409);
    // Permission and format still come first.
    expect(err(await client(srv.url, 'dev-read-only-token')({ method: 'POST', path: '/mfa-servers', body: validBody({ folder: 'Nope' }) }))).toEqual([403, 'E007', 'Unauthorized']);
  });

  it('a list of a container that does not exist is an empty page', async () => {
    const res = await send({ path: '/mfa-servers?folder=Nope' });
    expect([res.status, res.json]).toEqual([200, { data: [], limit: 200, offset: 0, total: 0 }]);
  });
});

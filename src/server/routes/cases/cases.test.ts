import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../../test/helpers/workspaces.js';
import { stageUfaReport } from '../../../../test/integration/record-fixtures.js';
import { type Agent, createHarness, type Harness } from '../../../../test/security/harness.js';

const dialects = await testDialects();

describe.each(dialects)('/api/v1/cases on %s', (dialect) => {
  let h: Harness;
  let viewer: Agent;
  let admin: Agent;
  const get = (url: string, agent: Agent) => h.app.inject({ method: 'GET', url, headers: { cookie: agent.cookie } });

  beforeAll(async () => {
    h = await createHarness(dialect);
    viewer = await h.signIn('viewer');
    admin = await h.signIn('admin');
    await stageUfaReport(h.t.workspace, { accept: true });
  });
  afterAll(async () => h?.close());

  it('lists reviewed cases and shows one with its defendants', async () => {
    const list = (await get('/api/v1/cases', viewer)).json();
    expect(list.total).toBe(1);
    expect(list.items.map((c: { name: string }) => c.name)).toEqual(['дело «Башкирского кружка»']);
    const one = await get(`/api/v1/cases/${list.items[0].id}`, viewer);
    expect(one.statusCode).toBe(200);
    expect(one.json().parties).toEqual([{ personId: expect.any(String), role: 'defendant' }]);
    expect((await get('/api/v1/cases/01NOSUCHCASE', viewer)).json().error.code).toBe('NOT_FOUND');
  });

  it('lets an editor change, delete and restore a case (versioned), and a viewer not', async () => {
    const editor = await h.signIn('editor');
    const send = (method: 'PATCH' | 'DELETE' | 'POST', url: string, agent: Agent, payload?: object) =>
      h.app.inject({
        method,
        url,
        headers: { cookie: agent.cookie, 'x-csrf-token': agent.csrf },
        ...(payload ? { payload } : {}),
      });
    const { id, version } = (await get('/api/v1/cases', viewer)).json().items[0];
    expect((await send('PATCH', `/api/v1/cases/${id}`, viewer, { court: 'x' })).statusCode).toBe(404);
    const changed = await send('PATCH', `/api/v1/cases/${id}`, editor, {
      court: 'Центральный районный суд Уфы',
      articles: [{ code: 'УК РФ', article: '282.2', part: 1 }],
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ court: 'Центральный районный суд Уфы', version: version + 1 });
    expect((await send('PATCH', `/api/v1/cases/${id}`, editor, { parties: [] })).statusCode).toBe(400);
    expect((await send('DELETE', `/api/v1/cases/${id}`, editor)).json().deletedAt).not.toBeNull();
    expect((await get('/api/v1/cases', viewer)).json().total).toBe(0);
    expect((await send('POST', `/api/v1/cases/${id}/restore`, editor)).json().deletedAt).toBeNull();
  });

  it('hides a restricted case outside its groups, and a restricted defendant of a visible case', async () => {
    const { db } = h.t.workspace;
    const { id, parties } = (await get('/api/v1/cases', viewer)).json().items[0];
    await db
      .updateTable('persons')
      .set({ confidentiality: 'restricted' })
      .where('id', '=', parties[0].personId)
      .execute();
    expect((await get(`/api/v1/cases/${id}`, viewer)).json().parties).toEqual([]);
    await db.updateTable('cases').set({ confidentiality: 'restricted' }).where('id', '=', id).execute();
    expect((await get(`/api/v1/cases/${id}`, viewer)).statusCode).toBe(404);
    expect((await get('/api/v1/cases', viewer)).json()).toMatchObject({ total: 0, items: [] });
    expect((await get(`/api/v1/cases/${id}`, admin)).json().parties).toHaveLength(1);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createHarness, type Harness } from '../security/harness.js';

/** `/api/v1/groups` and a record's groups, as the web UI and a script use them. */
describe('the access groups API', () => {
  let h: Harness;
  let admin: Agent;
  let editor: Agent;
  let viewer: Agent;

  beforeAll(async () => {
    h = await createHarness('sqlite');
    [admin, editor, viewer] = await Promise.all([h.signIn('admin'), h.signIn('editor'), h.signIn('viewer')]);
  });
  afterAll(async () => h?.close());

  const call = async (
    method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH',
    url: string,
    agent: Agent,
    payload?: unknown,
  ) => {
    const res = await h.call(method, url, agent, payload);
    return { status: res.statusCode, body: res.json() as Record<string, unknown> };
  };

  it('lets an admin make a group and fill it, an editor give a source to it, and its member read it', async () => {
    const made = await call('POST', '/api/v1/groups', admin, { name: 'Адвокаты' });
    expect(made).toMatchObject({ status: 200, body: { name: 'Адвокаты', members: [], records: 0 } });
    const groupId = made.body.id as string;
    expect((await call('POST', '/api/v1/groups', editor, { name: 'Свои' })).status).toBe(404);
    expect((await call('POST', '/api/v1/groups', admin, { name: 'адвокаты' })).status).toBe(409);

    // A restricted source: an upload the editor's own, then restricted by the admin.
    const form = new FormData();
    form.append('file', new Blob(['Показания Фёдора Подзащитного о задержании.'], { type: 'text/plain' }), 'f.txt');
    const request = new Request('http://localhost/', { method: 'POST', body: form });
    const upload = await h.app.inject({
      method: 'POST',
      url: '/api/v1/sources',
      headers: {
        cookie: editor.cookie,
        'x-csrf-token': editor.csrf,
        'content-type': request.headers.get('content-type')!,
      },
      payload: Buffer.from(await request.arrayBuffer()),
    });
    const sourceId = (upload.json() as { results: Array<{ sourceId: string }> }).results[0]!.sourceId;
    expect((await call('PATCH', `/api/v1/sources/${sourceId}`, admin, { confidentiality: 'restricted' })).status).toBe(
      200,
    );
    expect((await call('GET', `/api/v1/sources/${sourceId}`, viewer)).status).toBe(404);
    // The editor cannot see it, so cannot give it to a group either; the admin can.
    expect((await call('PUT', `/api/v1/sources/${sourceId}/groups`, editor, { groups: [groupId] })).status).toBe(404);
    expect(await call('PUT', `/api/v1/sources/${sourceId}/groups`, admin, { groups: ['Адвокаты'] })).toMatchObject({
      status: 200,
      body: { groups: [{ id: groupId, name: 'Адвокаты' }] },
    });
    const viewerName = (
      await h.t.workspace.db
        .selectFrom('users')
        .select('username')
        .where('id', '=', viewer.userId)
        .executeTakeFirstOrThrow()
    ).username;
    expect((await call('PUT', `/api/v1/groups/${groupId}/members/${viewerName}`, editor)).status).toBe(404);
    expect(await call('PUT', `/api/v1/groups/${groupId}/members/${viewerName}`, admin)).toMatchObject({
      status: 200,
      body: { members: [viewerName], records: 1 },
    });
    expect((await call('GET', `/api/v1/sources/${sourceId}`, viewer)).status).toBe(200);
    expect(await call('GET', `/api/v1/sources/${sourceId}/groups`, viewer)).toMatchObject({
      body: { groups: [{ name: 'Адвокаты' }] },
    });
    // Editors read the groups' names, not who is in them.
    expect((await call('GET', '/api/v1/groups', editor)).body).toEqual({
      items: [{ id: groupId, name: 'Адвокаты', members: null, records: 1 }],
    });
    expect((await call('GET', '/api/v1/groups', viewer)).status).toBe(404);
    expect(await call('DELETE', `/api/v1/groups/${groupId}/members/${viewerName}`, admin)).toMatchObject({
      body: { members: [] },
    });
    expect((await call('GET', `/api/v1/sources/${sourceId}`, viewer)).status).toBe(404);
    expect((await call('PUT', `/api/v1/sources/${sourceId}/groups`, admin, { groups: ['Нет такой'] })).body).toEqual({
      error: { code: 'NOT_FOUND', message: 'no group Нет такой' },
    });
    // Renamed by an admin only.
    expect((await call('PATCH', `/api/v1/groups/${groupId}`, editor, { name: 'Защитники' })).status).toBe(404);
    expect((await call('PATCH', `/api/v1/groups/${groupId}`, admin, { name: 'Защитники' })).body).toMatchObject({
      id: groupId,
      name: 'Защитники',
    });
    expect((await call('PATCH', `/api/v1/groups/${groupId}`, admin, { name: '' })).status).toBe(400);
    // Deleted only once given no record, and only by an admin.
    expect((await call('DELETE', `/api/v1/groups/${groupId}`, admin)).status).toBe(409);
    await call('PUT', `/api/v1/sources/${sourceId}/groups`, admin, { groups: [] });
    expect((await call('DELETE', `/api/v1/groups/${groupId}`, editor)).status).toBe(404);
    expect((await call('DELETE', `/api/v1/groups/${groupId}`, admin)).body).toMatchObject({ name: 'Защитники' });
    expect((await call('GET', '/api/v1/groups', admin)).body).toEqual({ items: [] });
  });
});

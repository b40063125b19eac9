import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../../test/helpers/workspaces.js';
import { stageUfaReport } from '../../../../test/integration/record-fixtures.js';
import { type Agent, createHarness, type Harness } from '../../../../test/security/harness.js';

const dialects = await testDialects();

describe.each(dialects)('/api/v1/events on %s', (dialect) => {
  let h: Harness;
  let viewer: Agent;
  let sourceId: string;
  let personId: string;
  const get = (url: string, agent: Agent) => h.app.inject({ method: 'GET', url, headers: { cookie: agent.cookie } });

  beforeAll(async () => {
    h = await createHarness(dialect);
    viewer = await h.signIn('viewer');
    ({ sourceId, personId } = await stageUfaReport(h.t.workspace, { accept: true }));
  });
  afterAll(async () => h?.close());

  it("lists accepted events newest first, of a person or of a type, each with the source's words", async () => {
    const events = (await get(`/api/v1/events?personId=${personId}`, viewer)).json();
    expect(events.total).toBe(2);
    expect(events.items.map((e: { type: string }) => e.type)).toEqual(['detention', 'sentence']);
    expect(events.items[1].evidence).toEqual([
      expect.objectContaining({ sourceId, quote: expect.stringContaining('6 годам') }),
    ]);
    expect((await get('/api/v1/events?type=sentence', viewer)).json().total).toBe(1);
    expect((await get('/api/v1/events?type=picnic', viewer)).statusCode).toBe(400);
    const one = (await get(`/api/v1/events/${events.items[0].id}`, viewer)).json();
    expect(one).toMatchObject({ type: 'detention', date: '2024-03-12', datePrecision: 'day' });
    expect(one.participants).toContainEqual({ entityType: 'persons', entityId: personId, role: 'subject' });
  });

  it('names the place, the case with its articles and the people of one event, with their review state', async () => {
    const { db } = h.t.workspace;
    const events = (await get(`/api/v1/events?personId=${personId}`, viewer)).json().items;
    const detention = (await get(`/api/v1/events/${events[0].id}`, viewer)).json();
    expect(detention.place).toMatchObject({ name: 'Уфа' });
    expect(detention.case).toBeNull();
    expect(detention.persons).toEqual([
      { id: personId, name: 'Иван Петров', role: 'subject', reviewStatus: 'accepted' },
    ]);
    const caseId = events[1].caseId as string;
    const articles = JSON.stringify([{ code: 'УК РФ', article: '282.2', part: 1 }]);
    await db.updateTable('cases').set({ articles }).where('id', '=', caseId).execute();
    const sentence = (await get(`/api/v1/events/${events[1].id}`, viewer)).json();
    expect(sentence.case).toEqual({
      id: caseId,
      name: 'дело «Башкирского кружка»',
      reviewStatus: 'accepted',
      articles: [{ code: 'УК РФ', article: '282.2', part: 1 }],
    });
    await db.updateTable('cases').set({ confidentiality: 'restricted' }).where('id', '=', caseId).execute();
    expect((await get(`/api/v1/events/${events[1].id}`, viewer)).json().case).toBeNull();
    await db
      .updateTable('cases')
      .set({ confidentiality: 'internal', articles: '[]' })
      .where('id', '=', caseId)
      .execute();
  });

  it("lets an editor change, delete and restore an event, and the subject's status follows", async () => {
    const editor = await h.signIn('editor');
    const send = (method: 'PATCH' | 'DELETE' | 'POST', url: string, payload?: object) =>
      h.app.inject({
        method,
        url,
        headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrf },
        ...(payload ? { payload } : {}),
      });
    const status = async () => (await get(`/api/v1/persons/${personId}`, viewer)).json().status.status;
    const sentence = (await get('/api/v1/events?type=sentence', viewer)).json().items[0];
    expect(await status()).toBe('detained');
    // Dated after the detention, the sentence now sets the status.
    const changed = await send('PATCH', `/api/v1/events/${sentence.id}`, { date: '2024-04-02', sentenceYears: 6.5 });
    expect(changed.json()).toMatchObject({ date: '2024-04-02', datePrecision: 'day', sentenceYears: 6.5 });
    expect(await status()).toBe('sentenced');
    expect((await send('DELETE', `/api/v1/events/${sentence.id}`)).statusCode).toBe(200);
    expect(await status()).toBe('detained');
    expect((await send('POST', `/api/v1/events/${sentence.id}/restore`)).statusCode).toBe(200);
    expect(await status()).toBe('sentenced');
    expect((await send('PATCH', `/api/v1/events/${sentence.id}`, { type: 'picnic' })).statusCode).toBe(400);
  });

  it('hides restricted events, restricted participants and quotes from restricted sources', async () => {
    const { db } = h.t.workspace;
    const { items } = (await get('/api/v1/events', viewer)).json();
    const detention = items.find((e: { type: string }) => e.type === 'detention');
    const sentence = items.find((e: { type: string }) => e.type === 'sentence');
    await db.updateTable('events').set({ confidentiality: 'restricted' }).where('id', '=', detention.id).execute();
    expect((await get(`/api/v1/events/${detention.id}`, viewer)).statusCode).toBe(404);
    expect((await get('/api/v1/events', viewer)).json().total).toBe(1);
    await db.updateTable('persons').set({ confidentiality: 'restricted' }).where('id', '=', personId).execute();
    await db.updateTable('sources').set({ confidentiality: 'restricted' }).where('id', '=', sourceId).execute();
    const shown = (await get(`/api/v1/events/${sentence.id}`, viewer)).json();
    expect(shown.participants.map((p: { entityId: string }) => p.entityId)).not.toContain(personId);
    expect(shown.evidence).toEqual([]);
  });
});

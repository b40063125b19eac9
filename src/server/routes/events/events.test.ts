import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../../test/helpers/workspaces.js';
import { stageUfaReport } from '../../../../test/integration/record-fixtures.js';
import { type Agent, createHarness, type Harness } from '../../../../test/security/harness.js';
import { updateEvent } from '../../../record/index.js';

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

describe.each(dialects)('PATCH /api/v1/events/:id: links and dates on %s', (dialect) => {
  let h: Harness;
  let editor: Agent;
  let detentionId: string;
  let caseId: string;
  let placeId: string;
  const patch = (id: string, payload: object) => h.call('PATCH', `/api/v1/events/${id}`, editor, payload);
  const row = (id: string) =>
    h.t.workspace.db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  beforeAll(async () => {
    h = await createHarness(dialect);
    editor = await h.signIn('editor');
    await stageUfaReport(h.t.workspace, { accept: true });
    const { db } = h.t.workspace;
    const detention = await db
      .selectFrom('events')
      .select(['id', 'place_id'])
      .where('type', '=', 'detention')
      .executeTakeFirstOrThrow();
    detentionId = detention.id;
    placeId = detention.place_id!;
    caseId = (await db.selectFrom('cases').select('id').executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => h?.close());

  it('answers a case the editor may not see exactly as one that never existed, and links neither', async () => {
    const { db } = h.t.workspace;
    await db.updateTable('cases').set({ confidentiality: 'restricted' }).where('id', '=', caseId).execute();
    const before = await row(detentionId);
    const missingId = '01M96VEP3E50RWK41B6XDSYTM9';
    const hidden = await patch(detentionId, { caseId, description: 'moved' });
    const missing = await patch(detentionId, { caseId: missingId, description: 'moved' });
    expect(hidden.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(hidden.json()).toEqual(JSON.parse(missing.body.replaceAll(missingId, caseId)));
    expect(hidden.json()).toEqual((await h.call('GET', `/api/v1/cases/${caseId}`, editor)).json());
    expect(await row(detentionId)).toEqual(before);
    // Once the editor may see it, the same link is made.
    await db.updateTable('cases').set({ confidentiality: 'internal' }).where('id', '=', caseId).execute();
    expect((await patch(detentionId, { caseId })).json()).toMatchObject({ caseId });
  });

  it('answers a deleted case as one that never existed, and refuses one rejected in review', async () => {
    const { db } = h.t.workspace;
    const before = await row(detentionId);
    const missingId = '01M96VEP3E50RWK41B6XDSYTM8';
    await db.updateTable('cases').set({ deleted_at: '2026-01-01T00:00:00.000Z' }).where('id', '=', caseId).execute();
    const deleted = await patch(detentionId, { caseId, description: 'moved' });
    const missing = await patch(detentionId, { caseId: missingId, description: 'moved' });
    expect(deleted.statusCode).toBe(404);
    expect(deleted.json()).toEqual(JSON.parse(missing.body.replaceAll(missingId, caseId)));
    await db
      .updateTable('cases')
      .set({ deleted_at: null, review_status: 'rejected' })
      .where('id', '=', caseId)
      .execute();
    const rejected = await patch(detentionId, { caseId, description: 'moved' });
    expect(rejected.statusCode).toBe(409);
    expect(rejected.json().error).toEqual({
      code: 'CONFLICT',
      message: `case ${caseId} was rejected in review: reopen it before an event names it`,
    });
    expect(await row(detentionId)).toEqual(before);
    await db.updateTable('cases').set({ review_status: 'accepted' }).where('id', '=', caseId).execute();
  });

  it('refuses a place that does not exist with a not-found, not a database error, and writes nothing', async () => {
    const before = await row(detentionId);
    const res = await patch(detentionId, { placeId: 'NOPE', description: 'moved' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toEqual({ code: 'NOT_FOUND', message: 'no place NOPE' });
    expect(await row(detentionId)).toEqual(before);
    expect((await patch(detentionId, { placeId })).statusCode).toBe(200);
    // A caller that skips the check meets the database's refusal as a clear error, not a 500.
    const direct = h.t.workspace.db
      .transaction()
      .execute((trx) => updateEvent(trx, detentionId, { placeId: 'NOPE' }, null));
    await expect(direct).rejects.toMatchObject({
      code: 'VALIDATION',
      message: `event ${detentionId} names a place NOPE that does not exist`,
    });
    expect(await row(detentionId)).toMatchObject({ place_id: placeId });
  });

  it.each([
    [{ date: '2023-05', datePrecision: 'day' }, /datePrecision day disagrees with date 2023-05, which is a month/],
    [{ date: '2023', datePrecision: 'month' }, /datePrecision month disagrees with date 2023, which is a year/],
    [
      { date: '2023-05-04', datePrecision: 'year' },
      /datePrecision year disagrees with date 2023-05-04, which is a day/,
    ],
    [{ datePrecision: 'month' }, /datePrecision month disagrees with date 2024-03-12, which is a day/],
    [{ datePrecision: null }, /datePrecision null disagrees with date 2024-03-12/],
    [{ dateEnd: '2024-03-11' }, /dateEnd 2024-03-11 is before date 2024-03-12/],
    [{ date: '2024-04', dateEnd: '2024-03' }, /dateEnd 2024-03 is before date 2024-04/],
    [{ date: null, dateEnd: '2024-04-01' }, /dateEnd 2024-04-01 needs a date/],
    [{ date: '2999-01-01' }, /date 2999-01-01 is in the future, and a detention can only have happened/],
    [{ type: 'protest', date: '2999' }, /date 2999 is in the future, and a protest/],
  ])('refuses %j with a clear message, and writes nothing', async (payload, message) => {
    const before = await row(detentionId);
    const res = await patch(detentionId, payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({ code: 'VALIDATION', message: expect.stringMatching(message) });
    expect(await row(detentionId)).toEqual(before);
  });

  it("keeps a date's precision its own, an end within its period, and clears the end with the date", async () => {
    expect((await patch(detentionId, { date: '2024-03' })).json()).toMatchObject({ datePrecision: 'month' });
    expect((await patch(detentionId, { date: '2024-03-12', datePrecision: 'day' })).statusCode).toBe(200);
    // An end in the same month as a day's start is not before it: the month runs to its last day.
    expect((await patch(detentionId, { dateEnd: '2024-03' })).json()).toMatchObject({ dateEnd: '2024-03' });
    const undated = (await patch(detentionId, { date: null })).json();
    expect(undated).toMatchObject({ date: null, datePrecision: null, dateEnd: null });
    expect((await patch(detentionId, { datePrecision: 'day' })).json().error).toEqual({
      code: 'VALIDATION',
      message: 'datePrecision day is for a date; the event has none',
    });
    expect((await patch(detentionId, { date: '2024-03-12' })).statusCode).toBe(200);
  });

  it('accepts a hearing scheduled ahead, but not turned into a detention while dated ahead', async () => {
    const next = `${new Date().getUTCFullYear() + 1}-02-01`;
    const hearing = await patch(detentionId, { type: 'hearing', date: next });
    expect(hearing.statusCode).toBe(200);
    expect(hearing.json()).toMatchObject({ type: 'hearing', date: next, datePrecision: 'day' });
    const back = await patch(detentionId, { type: 'detention' });
    expect(back.json().error).toEqual({ code: 'VALIDATION', message: expect.stringMatching(/in the future/) });
    expect((await row(detentionId)).type).toBe('hearing');
    // Tomorrow is still today somewhere: the allowance for time zones.
    const tomorrow = new Date(Date.now() + 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
    expect((await patch(detentionId, { type: 'detention', date: tomorrow })).statusCode).toBe(200);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../../test/helpers/workspaces.js';
import { ingestText, span, UFA_TEXT, ufaExtraction } from '../../../../test/integration/record-fixtures.js';
import { type Agent, createGroup, createHarness, type Harness } from '../../../../test/security/harness.js';
import { type ExtractionInput, stageExtraction } from '../../../record/index.js';

const dialects = await testDialects();

describe.each(dialects)('/api/v1/review on %s', (dialect) => {
  let h: Harness;
  let viewer: Agent;
  let reviewer: Agent;
  let sourceId: string;

  const call: Harness['call'] = (...request) => h.call(...request);

  async function stage(name: string, text = UFA_TEXT, extraction = ufaExtraction(text)): Promise<string> {
    const id = await ingestText(h.t.workspace, name, text);
    await h.t.workspace.db
      .transaction()
      .execute((trx) => stageExtraction(trx, { sourceId: id, extraction, extractorVersion: '1', userId: null }));
    return id;
  }

  beforeAll(async () => {
    h = await createHarness(dialect);
    viewer = await h.signIn('viewer');
    reviewer = await h.signIn('reviewer');
    sourceId = await stage('ufa.txt');
  });
  afterAll(async () => h?.close());

  it('lists the proposals of a source with kind, status and evidence spans, by page and by kind', async () => {
    const res = await call('GET', `/api/v1/review?sourceId=${sourceId}`, viewer);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(5);
    expect(body.items.map((i: { kind: string }) => i.kind).sort()).toEqual([
      'case',
      'event',
      'event',
      'organization',
      'person',
    ]);
    const detention = body.items.find((i: { event?: { type: string } }) => i.event?.type === 'detention');
    expect(detention.status).toBe('proposed');
    expect(detention.evidence[0]).toMatchObject({
      sourceId,
      quote: 'В Уфе 12 марта 2024 года полиция задержала Ивана Петрова.',
    });
    expect(UFA_TEXT.slice(detention.evidence[0].start, detention.evidence[0].end)).toBe(detention.evidence[0].quote);
    const page = (await call('GET', '/api/v1/review?limit=2&offset=1', viewer)).json();
    expect(page.total).toBe(5);
    expect(page.items).toHaveLength(2);
    expect((await call('GET', '/api/v1/review?kind=event', viewer)).json().total).toBe(2);
    expect((await call('GET', '/api/v1/review?kind=nonsense', viewer)).statusCode).toBe(400);
  });

  it('lets a reviewer accept and reject through the domain (audited), and a viewer not at all', async () => {
    const { items } = (await call('GET', '/api/v1/review?kind=event', viewer)).json();
    const detention = items.find((i: { event: { type: string } }) => i.event.type === 'detention');
    const sentence = items.find((i: { event: { type: string } }) => i.event.type === 'sentence');
    const denied = await call('POST', '/api/v1/review/decisions', viewer, { accept: [detention.id] });
    expect(denied.statusCode).toBe(404);
    const res = await call('POST', '/api/v1/review/decisions', reviewer, {
      accept: [detention.id],
      reject: [sentence.id],
    });
    expect(res.statusCode).toBe(200);
    const subject = detention.event.participants.find((p: { role: string }) => p.role === 'subject').entityId;
    expect(res.json().accepted).toEqual(expect.arrayContaining([detention.id, subject]));
    expect(res.json().rejected).toEqual([sentence.id]);
    const audit = await h.t.workspace.db
      .selectFrom('audit_log')
      .select(['user_id', 'action'])
      .where('target', '=', `events/${detention.id}`)
      .execute();
    expect(audit).toContainEqual({ user_id: reviewer.userId, action: 'review.accept' });
    // The queue shows what is still proposed; the decided ones stay readable with their status.
    const all = (await call('GET', `/api/v1/review?sourceId=${sourceId}&status=all&limit=500`, viewer)).json();
    expect(all.items.find((i: { id: string }) => i.id === sentence.id).status).toBe('rejected');
    expect(all.items.find((i: { id: string }) => i.id === detention.id).status).toBe('accepted');
    expect((await call('GET', '/api/v1/review?status=rejected', viewer)).json().total).toBe(1);
    const unknown = await call('POST', '/api/v1/review/decisions', reviewer, { accept: ['01NOSUCHPROPOSAL'] });
    expect(unknown.statusCode).toBe(404);
  });

  it('puts a decision back in the queue for a reviewer (audited), refusing where later work rests on it', async () => {
    const other = await stage('ufa-reopen.txt', `${UFA_TEXT}  `);
    const { items } = (await call('GET', `/api/v1/review?sourceId=${other}&kind=event`, viewer)).json();
    const detention = items.find((i: { event: { type: string } }) => i.event.type === 'detention');
    const subject = detention.event.participants.find((p: { role: string }) => p.role === 'subject').entityId;
    const decided = (await call('POST', '/api/v1/review/decisions', reviewer, { accept: [detention.id] })).json();
    expect((await call('POST', '/api/v1/review/reopen', viewer, { ids: decided.accepted })).statusCode).toBe(404);
    const alone = await call('POST', '/api/v1/review/reopen', reviewer, { ids: [subject] });
    expect(alone.statusCode).toBe(409);
    expect(alone.json().error.message).toMatch(/is named by the accepted event \w+: take that event back first/);
    const res = await call('POST', '/api/v1/review/reopen', reviewer, { ids: decided.accepted });
    expect(res.statusCode).toBe(200);
    expect(res.json().reopened.sort()).toEqual([...decided.accepted].sort());
    const queue = (await call('GET', `/api/v1/review?sourceId=${other}&kind=event`, viewer)).json();
    expect(queue.items.map((i: { id: string }) => i.id)).toContain(detention.id);
    const audit = await h.t.workspace.db
      .selectFrom('audit_log')
      .select(['user_id', 'action'])
      .where('target', '=', `events/${detention.id}`)
      .execute();
    expect(audit).toContainEqual({ user_id: reviewer.userId, action: 'review.reopen' });
    expect((await call('POST', '/api/v1/review/reopen', reviewer, { ids: [] })).statusCode).toBe(400);
  });

  it('accepts a proposal with corrections, and accepts all of one source', async () => {
    const other = await stage('ufa-2.txt', `${UFA_TEXT} `);
    const { items } = (await call('GET', `/api/v1/review?sourceId=${other}&kind=event`, viewer)).json();
    const sentence = items.find((i: { event: { type: string } }) => i.event.type === 'sentence');
    const corrected = await call('POST', `/api/v1/review/${sentence.id}/correct`, reviewer, {
      sentenceYears: 6.5,
      date: '2024-03-20',
    });
    expect(corrected.statusCode).toBe(200);
    expect(corrected.json()).toMatchObject({ status: 'accepted', event: { sentenceYears: 6.5, date: '2024-03-20' } });
    const badField = await call('POST', `/api/v1/review/${sentence.id}/correct`, reviewer, {
      confidentiality: 'public',
    });
    expect(badField.statusCode).toBe(400);
    const all = await call('POST', '/api/v1/review/accept-all', reviewer, { sourceId: other });
    expect(all.statusCode).toBe(200);
    expect(all.json().accepted.length).toBeGreaterThan(0);
    expect((await call('GET', `/api/v1/review?sourceId=${other}`, viewer)).json().total).toBe(0);
  });

  it('hides restricted proposals and restricted sources from users outside their groups', async () => {
    const text = 'Свидетель Семён Зорин рассказал о допросе.';
    const secret = await stage('secret.txt', text, {
      language: 'ru',
      persons: [{ name: 'Семён Зорин', mentions: [span(text, 'Семён Зорин')], confidence: 0.9 }],
      organizations: [],
      places: [],
      dates: [],
      cases: [],
      events: [],
    } as unknown as ExtractionInput);
    const { items } = (await call('GET', `/api/v1/review?sourceId=${secret}&kind=person`, viewer)).json();
    const person = items[0];
    const group = await createGroup(h.t, `review-${dialect}`, [reviewer.userId]);
    const { db } = h.t.workspace;
    await db.updateTable('persons').set({ confidentiality: 'restricted' }).where('id', '=', person.id).execute();
    await db
      .insertInto('record_groups')
      .values({ record_table: 'persons', record_id: person.id, group_id: group })
      .execute();
    await db.updateTable('sources').set({ confidentiality: 'restricted' }).where('id', '=', secret).execute();
    await db
      .insertInto('record_groups')
      .values({ record_table: 'sources', record_id: secret, group_id: group })
      .execute();

    expect((await call('GET', `/api/v1/review?sourceId=${secret}`, viewer)).statusCode).toBe(404);
    const queue = (await call('GET', '/api/v1/review?kind=person&limit=500', viewer)).json();
    expect(queue.items.map((i: { id: string }) => i.id)).not.toContain(person.id);
    // The group's member sees both; a reviewer outside it could not decide on it either.
    const member = (await call('GET', `/api/v1/review?sourceId=${secret}&kind=person`, reviewer)).json();
    expect(member.items.map((i: { id: string }) => i.id)).toContain(person.id);
    expect(member.items[0].evidence.length).toBeGreaterThan(0);
    const editor = await h.signIn('editor');
    const res = await call('POST', '/api/v1/review/decisions', editor, { reject: [person.id] });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });

  it('describes its routes in the OpenAPI document', async () => {
    const doc = (await call('GET', '/api/v1/openapi.json', viewer)).json();
    for (const path of [
      '/api/v1/review',
      '/api/v1/review/decisions',
      '/api/v1/review/accept-all',
      '/api/v1/review/reopen',
      '/api/v1/review/{id}/correct',
    ])
      expect(Object.keys(doc.paths)).toContain(path);
  });
});

import { gunzipSync } from 'node:zlib';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../../test/helpers/workspaces.js';
import { stageUfaReport } from '../../../../test/integration/record-fixtures.js';
import { type Agent, createGroup, createHarness, type Harness } from '../../../../test/security/harness.js';
import type { Database } from '../../../db/schema.js';
import { createEvent, createPerson, deleteEvent, type EventRecordInput } from '../../../record/index.js';

const dialects = await testDialects();

describe.each(dialects)('/api/v1/persons on %s', (dialect) => {
  let h: Harness;
  let viewer: Agent;
  let editor: Agent;
  let admin: Agent;
  let personId: string;
  let secretId: string;

  const call: Harness['call'] = (...request) => h.call(...request);
  /** An accepted event of the person as its subject, restricted to one group: its id. */
  const restrictedEvent = async (
    trx: Kysely<Database>,
    group: string,
    event: Pick<EventRecordInput, 'type' | 'date' | 'description'>,
  ): Promise<string> => {
    const created = await createEvent(
      trx,
      {
        ...event,
        confidentiality: 'restricted',
        participants: [{ entityType: 'persons', entityId: personId, role: 'subject' }],
      },
      null,
    );
    await trx
      .insertInto('record_groups')
      .values({ record_table: 'events', record_id: created.id, group_id: group })
      .execute();
    return created.id;
  };

  beforeAll(async () => {
    h = await createHarness(dialect);
    viewer = await h.signIn('viewer');
    editor = await h.signIn('editor');
    admin = await h.signIn('admin');
    const { db } = h.t.workspace;
    ({ personId } = await stageUfaReport(h.t.workspace, { accept: true }));
    const group = await createGroup(h.t, `persons-${dialect}`, [editor.userId]);
    secretId = await db.transaction().execute(async (trx) => {
      const secret = await createPerson(trx, { displayName: 'Тайный Свидетель', confidentiality: 'restricted' }, null);
      await trx
        .insertInto('record_groups')
        .values({ record_table: 'persons', record_id: secret.id, group_id: group })
        .execute();
      return secret.id;
    });
  });
  afterAll(async () => h?.close());

  it('lists people by name fragment in any case and by status, with paging', async () => {
    const all = (await call('GET', '/api/v1/persons', viewer)).json();
    expect(all.items.map((p: { displayName: string }) => p.displayName)).toEqual(['Иван Петров']);
    expect(all.total).toBe(1);
    // Each item holds the whole person, names included, as the person page has it, and what the table shows beside it.
    const page = (await call('GET', `/api/v1/persons/${personId}`, viewer)).json();
    expect(all.items).toEqual([expect.objectContaining(page.person)]);
    expect(all.items[0].names.length).toBeGreaterThan(0);
    const found = (await call('GET', `/api/v1/persons?q=${encodeURIComponent('петРОВ')}`, viewer)).json();
    expect(found.items.map((p: { id: string }) => p.id)).toEqual([personId]);
    expect((await call('GET', `/api/v1/persons?q=${encodeURIComponent('%')}`, viewer)).json().total).toBe(0);
    expect((await call('GET', '/api/v1/persons?status=detained', viewer)).json().total).toBe(1);
    expect((await call('GET', '/api/v1/persons?status=released', viewer)).json().total).toBe(0);
    expect((await call('GET', '/api/v1/persons?status=flying', viewer)).statusCode).toBe(400);
    expect((await call('GET', '/api/v1/persons?limit=1&offset=1', viewer)).json()).toEqual({ total: 1, items: [] });
  });

  it('shows a person with status and the event that set it, a timeline with evidence, cases and versions', async () => {
    const res = await call('GET', `/api/v1/persons/${personId}`, viewer);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.person.names.map((n: { name: string }) => n.name)).toContain('Иван Петров');
    // '2024-03' (the sentence, month only) sorts before '2024-03-12' (the detention): the detention is latest.
    expect(body.status).toMatchObject({ status: 'detained', override: null });
    expect(body.status.event).toMatchObject({ id: body.status.eventId, event: { type: 'detention' } });
    expect(body.status.event.evidence[0].quote).toBe('В Уфе 12 марта 2024 года полиция задержала Ивана Петрова.');
    expect(body.timeline.map((e: { event: { type: string } }) => e.event.type)).toEqual(['sentence', 'detention']);
    expect(body.timeline[0].evidence[0].quote).toContain('6 годам');
    expect(body.cases).toEqual([expect.objectContaining({ name: 'дело «Башкирского кружка»', roles: ['defendant'] })]);
    expect(body.versions.length).toBeGreaterThan(0);
  });

  it('lets an editor change, soft-delete, restore and override the status of a person; not a viewer', async () => {
    expect((await call('PATCH', `/api/v1/persons/${personId}`, viewer, { notes: 'x' })).statusCode).toBe(404);
    // Read before the changes, so a page kept from before them would show.
    const page = async () => (await call('GET', `/api/v1/persons/${personId}`, viewer)).json();
    expect((await page()).person.notes).not.toBe('moved to Ufa SIZO-1');
    const changed = await call('PATCH', `/api/v1/persons/${personId}`, editor, { notes: 'moved to Ufa SIZO-1' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().notes).toBe('moved to Ufa SIZO-1');
    expect((await call('PATCH', `/api/v1/persons/${personId}`, editor, { role: 'x' })).statusCode).toBe(400);

    const override = await call('POST', `/api/v1/persons/${personId}/status-override`, editor, {
      status: 'emigrated',
      reason: 'left for Georgia, per family',
    });
    expect(override.statusCode).toBe(200);
    expect(override.json()).toMatchObject({ status: 'emigrated', derived: 'detained' });
    const overridden = await page();
    expect(overridden.person.notes).toBe('moved to Ufa SIZO-1');
    expect(overridden.status).toMatchObject({ status: 'emigrated', override: expect.anything() });
    const noReason = await call('POST', `/api/v1/persons/${personId}/status-override`, editor, { status: 'deceased' });
    expect(noReason.json().error.code).toBe('VALIDATION');
    await call('POST', `/api/v1/persons/${personId}/status-override`, editor, { status: null });

    expect((await call('DELETE', `/api/v1/persons/${personId}`, editor)).json().deletedAt).not.toBeNull();
    expect((await call('GET', '/api/v1/persons', viewer)).json().total).toBe(0);
    expect((await call('DELETE', `/api/v1/persons/${personId}`, editor)).json().error.code).toBe('CONFLICT');
    expect((await call('POST', `/api/v1/persons/${personId}/restore`, editor)).json().deletedAt).toBeNull();
    const versions = (await call('GET', `/api/v1/persons/${personId}`, viewer)).json().versions;
    expect(versions.at(-1).userId).toBe(editor.userId);
  });

  it('says no status, not "at liberty", of a person no event and no manual status says anything of', async () => {
    const person = await h.t.workspace.db
      .transaction()
      .execute((trx) => createPerson(trx, { displayName: 'Безвестный Человек' }, null));
    const page = (await call('GET', `/api/v1/persons/${person.id}`, viewer)).json();
    expect(page.status).toMatchObject({ status: null, derived: null, eventId: null, override: null });
    const list = (await call('GET', `/api/v1/persons?q=${encodeURIComponent('Безвестный')}`, viewer)).json();
    expect(list.items.map((p: { status: string | null }) => p.status)).toEqual([null]);
  });

  it('hides a restricted person from users outside its group: 404 on every route, absent from lists and counts', async () => {
    const hidden = await call('GET', `/api/v1/persons/${secretId}`, viewer);
    const missing = await call('GET', '/api/v1/persons/01NOSUCHPERSON', viewer);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.code).toBe(missing.json().error.code);
    expect((await call('GET', `/api/v1/persons?q=${encodeURIComponent('Тайный')}`, viewer)).json().total).toBe(0);
    // The group member and admins see it, and the read of a restricted record is audited.
    expect((await call('GET', `/api/v1/persons?q=${encodeURIComponent('Тайный')}`, editor)).json().total).toBe(1);
    expect((await call('GET', `/api/v1/persons/${secretId}`, editor)).statusCode).toBe(200);
    expect((await call('GET', `/api/v1/persons/${secretId}`, admin)).statusCode).toBe(200);
    const reads = await h.t.workspace.db
      .selectFrom('audit_log')
      .select('user_id')
      .where('action', '=', 'record.read')
      .where('target', '=', `persons/${secretId}`)
      .execute();
    expect(reads.map((r) => r.user_id)).toContain(editor.userId);
  });

  it('leaves a restricted event out of the timeline of a person everyone sees, except for its group', async () => {
    const { db } = h.t.workspace;
    const group = await createGroup(h.t, `persons-events-${dialect}`, [editor.userId]);
    const hiddenId = await db
      .transaction()
      .execute((trx) =>
        restrictedEvent(trx, group, { type: 'search', date: '2024-05-02', description: 'обыск у свидетеля' }),
      );
    const timeline = async (agent: Agent) =>
      ((await call('GET', `/api/v1/persons/${personId}`, agent)).json().timeline as Array<{ id: string }>).map(
        (e) => e.id,
      );
    expect(await timeline(viewer)).not.toContain(hiddenId);
    expect((await call('GET', `/api/v1/persons/${personId}`, viewer)).body).not.toContain('обыск у свидетеля');
    expect(await timeline(editor)).toContain(hiddenId);
    expect(await timeline(admin)).toContain(hiddenId);
    await db.transaction().execute((trx) => deleteEvent(trx, hiddenId, null));
  });

  it('derives the status from every event the person is the subject of, showing its event only to who may see it', async () => {
    const { db } = h.t.workspace;
    const group = await createGroup(h.t, `persons-status-${dialect}`, [editor.userId]);
    const [releaseId, witnessedId] = await db.transaction().execute(async (trx) => {
      const releaseId = await restrictedEvent(trx, group, {
        type: 'release',
        date: '2024-06-01',
        description: 'освобождён',
      });
      // Later still, but the person only witnessed it: it is on their timeline and says nothing of where they are.
      const witnessed = await createEvent(
        trx,
        {
          type: 'detention',
          date: '2024-07-01',
          description: 'задержан другой человек',
          participants: [{ entityType: 'persons', entityId: personId, role: 'witness' }],
        },
        null,
      );
      return [releaseId, witnessed.id];
    });
    const asViewer = (await call('GET', `/api/v1/persons/${personId}`, viewer)).json();
    // The hidden event is not named, not even by its id, which would answer as one that exists.
    expect(asViewer.status).toMatchObject({ status: 'released', eventId: null, event: null });
    expect(asViewer.timeline.map((e: { id: string }) => e.id)).toEqual(expect.arrayContaining([witnessedId]));
    expect(asViewer.timeline.map((e: { id: string }) => e.id)).not.toContain(releaseId);
    expect(asViewer.timeline.at(-1).id).toBe(witnessedId);
    const asMember = (await call('GET', `/api/v1/persons/${personId}`, editor)).json();
    expect(asMember.status).toMatchObject({ status: 'released', eventId: releaseId, event: { id: releaseId } });
    expect(asMember.timeline.map((e: { id: string }) => e.id).slice(-2)).toEqual([releaseId, witnessedId]);
    await db.transaction().execute(async (trx) => {
      await deleteEvent(trx, releaseId, null);
      await deleteEvent(trx, witnessedId, null);
    });
    expect((await call('GET', `/api/v1/persons/${personId}`, viewer)).json().status.status).toBe('detained');
  });

  it('audits every read of a restricted person, also when the page and the list are kept from an earlier read', async () => {
    const readsBy = async (part: string | null) =>
      (
        await h.t.workspace.db
          .selectFrom('audit_log')
          .select(['user_id', 'after'])
          .where('action', '=', 'record.read')
          .where('target', '=', `persons/${secretId}`)
          .where('user_id', '=', editor.userId)
          .execute()
      ).filter((r) => {
        const after = typeof r.after === 'string' || r.after === null ? r.after : JSON.stringify(r.after);
        return part === null ? after === null : (after ?? '').includes(`"${part}"`);
      }).length;
    const [pages, lists] = [await readsBy(null), await readsBy('list')];
    const list = `/api/v1/persons?q=${encodeURIComponent('Тайный')}`;
    for (let i = 0; i < 3; i++) {
      expect((await call('GET', `/api/v1/persons/${secretId}`, editor)).statusCode).toBe(200);
      expect((await call('GET', list, editor)).json().total).toBe(1);
    }
    expect(await readsBy(null)).toBe(pages + 3);
    expect(await readsBy('list')).toBe(lists + 3);
  });

  it('sends a kept page as the first read had it, gzipped to a client that takes gzip', async () => {
    const url = `/api/v1/persons/${personId}`;
    const first = await call('GET', url, viewer);
    const again = await call('GET', url, viewer);
    expect(again.body).toBe(first.body);
    expect(first.headers['content-type']).toMatch(/^application\/json/);
    const zipped = await h.app.inject({
      method: 'GET',
      url,
      headers: { cookie: viewer.cookie, 'accept-encoding': 'gzip' },
    });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(zipped.rawPayload).toString('utf8')).toBe(first.body);
    // Only what the response schema names goes out, as for a returned object.
    expect(Object.keys(first.json()).sort()).toEqual(['cases', 'person', 'status', 'timeline', 'versions']);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../../test/helpers/workspaces.js';
import { stageUfaReport } from '../../../../test/integration/record-fixtures.js';
import { type Agent, createGroup, createHarness, type Harness } from '../../../../test/security/harness.js';
import { createPerson, updatePerson } from '../../../record/index.js';

const dialects = await testDialects();

interface Entry {
  version: number;
  at: string;
  user: { id: string; username: string | null } | null;
  action: string | null;
  changes: Array<{ field: string; before: unknown; after: unknown }>;
}

describe.each(dialects)('GET /api/v1/persons/:id/history on %s', (dialect) => {
  let h: Harness;
  let viewer: Agent;
  let reviewer: Agent;
  let editor: Agent;
  let personId: string;
  let sourceId: string;
  let secretId: string;

  const call: Harness['call'] = (...request) => h.call(...request);
  const history = (id: string, agent: Agent | null, query = '') =>
    call('GET', `/api/v1/persons/${id}/history${query}`, agent);

  beforeAll(async () => {
    h = await createHarness(dialect);
    viewer = await h.signIn('viewer');
    reviewer = await h.signIn('reviewer');
    editor = await h.signIn('editor');
    const { db } = h.t.workspace;
    ({ personId, sourceId } = await stageUfaReport(h.t.workspace));
    // Through the API, as people make them: a correction in review, an edit, a delete and its undoing.
    const steps = [
      await call('POST', `/api/v1/review/${personId}/correct`, reviewer, { displayName: 'Иван Сергеевич Петров' }),
      await call('PATCH', `/api/v1/persons/${personId}`, editor, { notes: 'moved to Ufa SIZO-1' }),
      await call('DELETE', `/api/v1/persons/${personId}`, editor),
      await call('POST', `/api/v1/persons/${personId}/restore`, editor),
    ];
    expect(steps.map((s) => s.statusCode)).toEqual([200, 200, 200, 200]);
    const group = await createGroup(h.t, `history-${dialect}`, [editor.userId]);
    secretId = await db.transaction().execute(async (trx) => {
      const secret = await createPerson(trx, { displayName: 'Тайный Свидетель', confidentiality: 'restricted' }, null);
      await trx
        .insertInto('record_groups')
        .values({ record_table: 'persons', record_id: secret.id, group_id: group })
        .execute();
      await updatePerson(trx, secret.id, { notes: 'адрес известен' }, editor.userId);
      return secret.id;
    });
  });
  afterAll(async () => h?.close());

  it('lists who changed what and when, newest first, to a viewer', async () => {
    const res = await history(personId, viewer);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { total: number; items: Entry[] };
    expect(body.total).toBe(5);
    expect(
      body.items.map((e) => [e.version, e.action, e.user?.username ?? null, e.changes.map((c) => c.field)]),
    ).toEqual([
      [5, 'record.restore', 'editor-user', ['deleted_at']],
      [4, 'record.delete', 'editor-user', ['deleted_at']],
      [3, 'person.update', 'editor-user', ['notes']],
      [2, 'review.correct', 'reviewer-user', ['display_name', 'review_status', 'names']],
      [1, 'baseline', null, []],
    ]);
    expect(body.items[3]!.user).toEqual({ id: reviewer.userId, username: 'reviewer-user' });
    expect(body.items[3]!.changes[0]).toEqual({
      field: 'display_name',
      before: 'Иван Петров',
      after: 'Иван Сергеевич Петров',
    });
    expect(body.items[2]!.changes).toEqual([{ field: 'notes', before: null, after: 'moved to Ufa SIZO-1' }]);
    expect(body.items[0]!.changes).toEqual([{ field: 'deleted_at', before: expect.any(String), after: null }]);
  });

  it('pages with limit and offset, and refuses a page out of bounds with 400', async () => {
    const all = (await history(personId, viewer)).json() as { items: Entry[] };
    const page = await history(personId, viewer, '?limit=2&offset=2');
    expect(page.statusCode).toBe(200);
    expect(page.json()).toEqual({ total: 5, items: all.items.slice(2, 4) });
    expect((await history(personId, viewer, '?limit=200')).json().items).toHaveLength(5);
    for (const bad of ['?limit=0', '?limit=201', '?offset=-1', '?limit=two']) {
      const res = await history(personId, viewer, bad);
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().error.code, bad).toBe('VALIDATION');
    }
  });

  it('answers an unknown person and a restricted one outside its group alike: 404', async () => {
    const missing = await history('01NOSUCHPERSON', viewer);
    const hidden = await history(secretId, viewer);
    expect(missing.statusCode).toBe(404);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.code).toBe(missing.json().error.code);
    expect(hidden.body).not.toContain('адрес');
  });

  it('withholds what changed while a record was restricted from a viewer once it is open again', async () => {
    const { db } = h.t.workspace;
    const id = await db.transaction().execute(async (trx) => {
      const person = await createPerson(trx, { displayName: 'Открытый Временно' }, null);
      await updatePerson(trx, person.id, { confidentiality: 'restricted' }, editor.userId);
      await updatePerson(trx, person.id, { notes: 'живёт у сестры в Самаре' }, editor.userId);
      await updatePerson(trx, person.id, { confidentiality: 'internal' }, editor.userId);
      return person.id;
    });
    const asViewer = (await history(id, viewer)).json() as { items: Array<Entry & { withheld?: boolean }> };
    expect(JSON.stringify(asViewer)).not.toContain('сестры');
    expect(asViewer.items.map((e) => e.withheld ?? false)).toEqual([true, true, true, false]);
    expect(asViewer.items[0]!.changes).toEqual([]);
    const asAdmin = (await history(id, await h.signIn('admin'))).json() as { items: Entry[] };
    expect(JSON.stringify(asAdmin)).toContain('сестры');
  });

  it("audits a group member's read of a restricted person's history as a read of that person", async () => {
    const reads = async () =>
      (
        await h.t.workspace.db
          .selectFrom('audit_log')
          .select(['user_id', 'after'])
          .where('action', '=', 'record.read')
          .where('target', '=', `persons/${secretId}`)
          .execute()
      ).map((r) => [r.user_id, JSON.parse(r.after ?? '{}').part]);
    const before = await reads();
    const res = await history(secretId, editor);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((e: Entry) => e.action)).toEqual(['person.update', 'person.create']);
    expect((await reads()).slice(before.length)).toEqual([[editor.userId, 'history']]);
    // The outsider's refused read is no read; an ordinary person's history is not audited at all.
    await history(secretId, viewer);
    await history(personId, editor);
    expect(await reads()).toHaveLength(before.length + 1);
  });

  it('is described in the OpenAPI document with its paging and response', async () => {
    const doc = (await call('GET', '/api/v1/openapi.json', viewer)).json();
    const get = doc.paths['/api/v1/persons/{id}/history'].get;
    expect(get.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['id', 'limit', 'offset']);
    const item = get.responses['200'].content['application/json'].schema.properties.items.items;
    expect(Object.keys(item.properties).sort()).toEqual(['action', 'at', 'changes', 'user', 'version', 'withheld']);
  });

  it('asks for a session', async () => {
    expect((await history(personId, null)).statusCode).toBe(401);
  });

  it("lists a case's history the same way, at /api/v1/cases/:id/history", async () => {
    const { db } = h.t.workspace;
    const caseId = (
      await db
        .selectFrom('cases')
        .select('id')
        .where('name', '=', 'дело «Башкирского кружка»')
        .executeTakeFirstOrThrow()
    ).id;
    const corrected = await call('POST', `/api/v1/review/${caseId}/correct`, reviewer, {
      name: 'дело «Башкирского кружка» (Уфа)',
    });
    expect(corrected.statusCode).toBe(200);
    const res = await call('GET', `/api/v1/cases/${caseId}/history`, viewer);
    expect(res.statusCode).toBe(200);
    const items = (res.json() as { items: Entry[] }).items;
    expect(items.map((e) => e.action)).toEqual(['review.correct', 'baseline']);
    expect(items[0]!.user?.username).toBe('reviewer-user');
    expect(items[0]!.changes).toEqual(
      expect.arrayContaining([
        { field: 'name', before: 'дело «Башкирского кружка»', after: 'дело «Башкирского кружка» (Уфа)' },
      ]),
    );
    expect((await call('GET', '/api/v1/cases/NOSUCHCASE/history', viewer)).statusCode).toBe(404);
  });

  it("lists an event's history the same way, at /api/v1/events/:id/history", async () => {
    const { db } = h.t.workspace;
    const eventId = (
      await db
        .selectFrom('events')
        .innerJoin('evidence', 'evidence.target_id', 'events.id')
        .select('events.id')
        .where('evidence.source_id', '=', sourceId)
        .executeTakeFirstOrThrow()
    ).id;
    const changed = await call('PATCH', `/api/v1/events/${eventId}`, editor, { description: 'задержан у суда' });
    expect(changed.statusCode).toBe(200);
    const items = ((await call('GET', `/api/v1/events/${eventId}/history`, viewer)).json() as { items: Entry[] }).items;
    expect(items[0]).toMatchObject({ action: 'event.update', user: { username: 'editor-user' } });
    expect(items[0]!.changes).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'description' })]));
    expect((await call('GET', '/api/v1/events/NOSUCHEVENT/history', viewer)).statusCode).toBe(404);
  });
});

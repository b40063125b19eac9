import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, testDialects } from '../../../../test/helpers/workspaces.js';
import { type Agent, createGroup, createHarness, type Harness } from '../../../../test/security/harness.js';
import { WORKSPACE_OWNER } from '../../../auth/index.js';
import { exportRecordsJson, importRecordsJson } from '../../../export/index.js';
import { createPerson } from '../../../record/index.js';
import { setNameKeys } from '../../../record/name-keys.js';
import { newId } from '../../../shared/ids.js';

const dialects = await testDialects();

describe.each(dialects)('relationships over /api/v1 on %s', (dialect) => {
  let h: Harness;
  let viewer: Agent;
  let editor: Agent;
  let admin: Agent;
  let mother: string;
  let son: string;
  let lawyer: string;
  let secret: string;
  let organization: string;
  let hiddenOrganization: string;

  const call: Harness['call'] = (...request) => h.call(...request);
  const relationsOf = async (id: string, agent: Agent) =>
    (await call('GET', `/api/v1/persons/${id}/relationships`, agent)).json().items as Array<{
      id: string;
      relation: string;
      direction: string;
      other: { type: string; id: string; name: string };
    }>;

  beforeAll(async () => {
    h = await createHarness(dialect);
    viewer = await h.signIn('viewer');
    editor = await h.signIn('editor');
    admin = await h.signIn('admin');
    const { db } = h.t.workspace;
    // A group nobody but admins sees into: its restricted records are hidden from the editor and the viewer.
    const group = await createGroup(h.t, `relationships-${dialect}`, []);
    await db.transaction().execute(async (trx) => {
      mother = (await createPerson(trx, { displayName: 'Тамара Гайнуллина' }, null)).id;
      son = (await createPerson(trx, { displayName: 'Ринат Гайнуллин' }, null)).id;
      lawyer = (await createPerson(trx, { displayName: 'Олег Защитников' }, null)).id;
      secret = (await createPerson(trx, { displayName: 'Скрытый Свидетель', confidentiality: 'restricted' }, null)).id;
      await trx
        .insertInto('record_groups')
        .values({ record_table: 'persons', record_id: secret, group_id: group })
        .execute();
      const now = new Date().toISOString();
      organization = newId();
      hiddenOrganization = newId();
      await trx
        .insertInto('organizations')
        .values([
          {
            id: organization,
            name: 'Общество «Светлый путь»',
            kind: 'ngo',
            confidentiality: 'internal',
            review_status: 'accepted',
            created_at: now,
            updated_at: now,
            deleted_at: null,
          },
          {
            id: hiddenOrganization,
            name: 'Закрытый кружок',
            kind: 'group',
            confidentiality: 'restricted',
            review_status: 'accepted',
            created_at: now,
            updated_at: now,
            deleted_at: null,
          },
        ])
        .execute();
      await setNameKeys(trx, 'organizations', organization, ['Общество «Светлый путь»']);
      await setNameKeys(trx, 'organizations', hiddenOrganization, ['Закрытый кружок']);
    });
  });
  afterAll(async () => h?.close());

  it('records "mother of" once and shows it both ways: "mother of" on her page, "child of" on his', async () => {
    const res = await call('POST', `/api/v1/persons/${mother}/relationships`, editor, {
      kind: 'mother_of',
      toType: 'person',
      toId: son,
      note: 'from her letter',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      fromPersonId: mother,
      kind: 'mother_of',
      toId: son,
      note: 'from her letter',
      createdBy: editor.userId,
    });
    expect(await relationsOf(mother, viewer)).toEqual([
      expect.objectContaining({
        relation: 'mother_of',
        direction: 'outgoing',
        other: { type: 'person', id: son, name: 'Ринат Гайнуллин' },
      }),
    ]);
    expect(await relationsOf(son, viewer)).toEqual([
      expect.objectContaining({
        relation: 'child_of',
        direction: 'incoming',
        other: { type: 'person', id: mother, name: 'Тамара Гайнуллина' },
      }),
    ]);
    const body = (await call('GET', `/api/v1/persons/${son}/relationships`, viewer)).json();
    expect(body.kinds).toContainEqual({ kind: 'member_of', target: 'organization' });

    const lawyerOf = await call('POST', `/api/v1/persons/${lawyer}/relationships`, editor, {
      kind: 'lawyer_of',
      toType: 'person',
      toId: son,
    });
    expect(lawyerOf.statusCode).toBe(201);
    expect((await relationsOf(son, viewer)).map((r) => r.relation)).toEqual(['child_of', 'client_of']);
    const member = await call('POST', `/api/v1/persons/${son}/relationships`, editor, {
      kind: 'member_of',
      toType: 'organization',
      toId: organization,
    });
    expect(member.statusCode).toBe(201);
    expect((await relationsOf(son, viewer)).at(-1)).toMatchObject({
      relation: 'member_of',
      other: { type: 'organization', name: 'Общество «Светлый путь»' },
    });
  });

  it('refuses unknown kinds, the wrong kind of other end, oneself, duplicates (symmetric kinds both ways) and viewers', async () => {
    const post = (from: string, payload: object, agent = editor) =>
      call('POST', `/api/v1/persons/${from}/relationships`, agent, payload);
    expect((await post(mother, { kind: 'aunt_of', toType: 'person', toId: son })).statusCode).toBe(400);
    const wrongEnd = await post(son, { kind: 'member_of', toType: 'person', toId: mother });
    expect(wrongEnd.statusCode).toBe(400);
    expect(wrongEnd.json().error.code).toBe('VALIDATION');
    expect((await post(son, { kind: 'spouse_of', toType: 'person', toId: son })).statusCode).toBe(400);
    expect((await post(son, { kind: 'spouse_of', toType: 'person', toId: 'NOSUCHPERSON01' })).statusCode).toBe(404);
    expect((await post(mother, { kind: 'mother_of', toType: 'person', toId: son })).statusCode).toBe(409);
    expect((await post(son, { kind: 'colleague_of', toType: 'person', toId: lawyer })).statusCode).toBe(201);
    expect((await post(lawyer, { kind: 'colleague_of', toType: 'person', toId: son })).statusCode).toBe(409);
    expect((await post(mother, { kind: 'sibling_of', toType: 'person', toId: lawyer, extra: 1 })).statusCode).toBe(400);
    // A viewer is turned away by the access guard before the handler: the generic not-found.
    const byViewer = await post(mother, { kind: 'sibling_of', toType: 'person', toId: lawyer }, viewer);
    expect(byViewer.statusCode).toBe(404);
    expect(byViewer.json().error.message).toBe('not found');
  });

  it('shows, creates and deletes a relationship only when the user may see both ends', async () => {
    // Admins see the restricted witness; they record that he is the son's sibling and a member of a closed circle.
    const sibling = await call('POST', `/api/v1/persons/${secret}/relationships`, admin, {
      kind: 'sibling_of',
      toType: 'person',
      toId: son,
    });
    expect(sibling.statusCode).toBe(201);
    const member = await call('POST', `/api/v1/persons/${son}/relationships`, admin, {
      kind: 'member_of',
      toType: 'organization',
      toId: hiddenOrganization,
    });
    expect(member.statusCode).toBe(201);
    for (const agent of [viewer, editor]) {
      const names = (await relationsOf(son, agent)).map((r) => r.other.name);
      expect(names).not.toContain('Скрытый Свидетель');
      expect(names).not.toContain('Закрытый кружок');
      expect((await call('GET', `/api/v1/persons/${secret}/relationships`, agent)).statusCode).toBe(404);
    }
    const seenByAdmin = (await relationsOf(son, admin)).map((r) => r.other.name);
    expect(seenByAdmin).toEqual(expect.arrayContaining(['Скрытый Свидетель', 'Закрытый кружок']));
    // The admin's reading of the restricted names is audited.
    const reads = await h.t.workspace.db
      .selectFrom('audit_log')
      .select('target')
      .where('action', '=', 'record.read')
      .where('user_id', '=', admin.userId)
      .execute();
    expect(reads.map((r) => r.target)).toEqual(
      expect.arrayContaining([`persons/${secret}`, `organizations/${hiddenOrganization}`]),
    );

    // The editor cannot link to, nor delete a link with, a record it cannot see: answered as absent.
    const toHidden = await call('POST', `/api/v1/persons/${son}/relationships`, editor, {
      kind: 'spouse_of',
      toType: 'person',
      toId: secret,
    });
    expect(toHidden.statusCode).toBe(404);
    const hiddenDelete = await call('DELETE', `/api/v1/relationships/${sibling.json().id}`, editor);
    const missingDelete = await call('DELETE', '/api/v1/relationships/NOSUCHRELATION1', editor);
    expect(hiddenDelete.statusCode).toBe(404);
    expect(hiddenDelete.json().error.code).toBe(missingDelete.json().error.code);
    expect((await call('DELETE', `/api/v1/relationships/${member.json().id}`, editor)).statusCode).toBe(404);
  });

  it('soft-deletes a relationship with its history and audit, and the search for an other end honours the policy', async () => {
    const [child] = (await relationsOf(son, editor)).filter((r) => r.relation === 'child_of');
    const deleted = await call('DELETE', `/api/v1/relationships/${child!.id}`, editor);
    expect(deleted.statusCode).toBe(200);
    expect(deleted.json().deletedAt).not.toBeNull();
    expect((await relationsOf(son, viewer)).map((r) => r.relation)).not.toContain('child_of');
    expect(await relationsOf(mother, viewer)).toEqual([]);
    expect((await call('DELETE', `/api/v1/relationships/${child!.id}`, editor)).statusCode).toBe(409);
    const { db } = h.t.workspace;
    const versions = await db
      .selectFrom('record_versions')
      .select(['version', 'user_id', 'action'])
      .where('record_table', '=', 'relationships')
      .where('record_id', '=', child!.id)
      .orderBy('version')
      .execute();
    expect(versions).toEqual([
      { version: 1, user_id: editor.userId, action: 'relationship.create' },
      { version: 2, user_id: editor.userId, action: 'relationship.delete' },
    ]);
    const audit = await db
      .selectFrom('audit_log')
      .select('action')
      .where('target', '=', `relationships/${child!.id}`)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['relationship.create', 'relationship.delete']);
    // A mother deleted by mistake can be recorded again.
    expect(
      (
        await call('POST', `/api/v1/persons/${mother}/relationships`, editor, {
          kind: 'mother_of',
          toType: 'person',
          toId: son,
        })
      ).statusCode,
    ).toBe(201);

    const targets = (q: string, agent: Agent) =>
      call('GET', `/api/v1/relationship-targets?q=${encodeURIComponent(q)}`, agent).then(
        (r) => r.json().items as Array<{ name: string; type: string }>,
      );
    expect((await targets('гайнулл', viewer)).map((t) => t.name)).toEqual(['Ринат Гайнуллин', 'Тамара Гайнуллина']);
    expect(await targets('СВЕТЛЫЙ', viewer)).toEqual([
      expect.objectContaining({ type: 'organization', name: 'Общество «Светлый путь»' }),
    ]);
    expect(await targets('Скрытый', viewer)).toEqual([]);
    expect(await targets('Закрытый', editor)).toEqual([]);
    expect((await targets('Скрытый', admin)).map((t) => t.name)).toEqual(['Скрытый Свидетель']);
    expect((await call('GET', '/api/v1/relationship-targets?q=', viewer)).statusCode).toBe(400);
  });

  it('carries relationships through the JSON export and import', async () => {
    const exported = await exportRecordsJson(h.t.workspace.db, WORKSPACE_OWNER, h.runtime.cipher);
    expect(exported.tables.relationships.length).toBeGreaterThanOrEqual(5);
    // The other end's type is stored as its table name, as event participants store theirs.
    expect(new Set(exported.tables.relationships.map((r) => r.to_entity_type))).toEqual(
      new Set(['persons', 'organizations']),
    );
    const target = await createTestWorkspace(dialect);
    try {
      await target.workspace.db
        .transaction()
        .execute((trx) =>
          importRecordsJson(trx, JSON.parse(JSON.stringify(exported)), { cipher: h.runtime.cipher, userId: null }),
        );
      const again = await exportRecordsJson(target.workspace.db, WORKSPACE_OWNER, h.runtime.cipher);
      expect(again.tables.relationships).toEqual(exported.tables.relationships);
      expect(again.tables.relationships.some((r) => r.deleted_at !== null)).toBe(true);
    } finally {
      await target.dispose();
    }
  });
  it('leaves out a relationship whose other end was deleted, and brings it back when the person is restored', async () => {
    expect((await relationsOf(son, viewer)).map((r) => r.other.name)).toContain('Олег Защитников');
    expect((await call('DELETE', `/api/v1/persons/${lawyer}`, editor)).statusCode).toBe(200);
    expect((await relationsOf(son, viewer)).map((r) => r.other.name)).not.toContain('Олег Защитников');
    expect((await call('POST', `/api/v1/persons/${lawyer}/restore`, editor)).statusCode).toBe(200);
    expect((await relationsOf(son, viewer)).map((r) => r.other.name)).toContain('Олег Защитников');
  });
});

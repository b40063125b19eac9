import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from '../../src/audit/index.js';
import {
  createGroup,
  deleteGroup,
  listGroups,
  type PolicyUser,
  recordGroups,
  renameGroup,
  setGroupMember,
  setRecordGroups,
  sourceScope,
  visibilityClass,
} from '../../src/auth/index.js';
import { searchSources } from '../../src/search/index.js';
import type { ChronicleError } from '../../src/shared/errors.js';
import { newId } from '../../src/shared/ids.js';
import { blobCipherFromSecret, getSource, type IngestContext, listSources } from '../../src/sources/index.js';
import { ingestAll } from '../helpers/sources.js';
import { createTestWorkspace, type TestWorkspace, testDialects } from '../helpers/workspaces.js';
import { insertUser } from '../security/exports-property.js';

const dialects = await testDialects();

describe.each(dialects)('access groups, on %s', (dialect) => {
  let t: TestWorkspace;
  let context: IngestContext;

  beforeAll(async () => {
    t = await createTestWorkspace(dialect);
    context = { workspace: t.workspace, userId: null, cipher: blobCipherFromSecret('test secret') };
  });
  afterAll(async () => t.dispose());

  const grant = (table: 'sources', id: string, groups: string[]) =>
    t.workspace.db.transaction().execute((trx) => setRecordGroups(trx, null, table, id, groups));

  it('lets the members of the groups a restricted source is given to read it, and nobody else', async () => {
    const { db } = t.workspace;
    const lawyers = await createGroup(db, null, '  Адвокаты   Защиты ');
    expect(lawyers).toMatchObject({ name: 'Адвокаты Защиты', members: [], records: 0 });
    await createGroup(db, null, 'Семья');
    const anna: PolicyUser = await insertUser(db, 'anna-groups', 'viewer', []);
    const boris: PolicyUser = await insertUser(db, 'boris-groups', 'viewer', []);
    const [stored] = await ingestAll(context, [
      {
        name: 'testimony.txt',
        bytes: new TextEncoder().encode('Показания матери Тихона Доверенного о пытках в изоляторе.'),
        metadata: { confidentiality: 'restricted' },
      },
    ]);
    const id = stored!.sourceId!;
    const sees = async (user: PolicyUser) => {
      const scope = sourceScope(user);
      const listed = (await listSources(db, { scope, limit: 500 })).items.some((s) => s.id === id);
      const found = (await searchSources(db, dialect, 'Доверенного', { scope })).total === 1;
      const opened = await getSource(db, id, scope).then(
        () => true,
        () => false,
      );
      expect([listed, found]).toEqual([opened, opened]);
      return opened;
    };
    expect([await sees(anna), await sees(boris)]).toEqual([false, false]);

    const before = await visibilityClass(db, anna);
    await setGroupMember(db, null, 'адвокаты защиты', 'Anna-Groups', true);
    expect(await visibilityClass(db, anna)).not.toBe(before);
    expect(await grant('sources', id, [lawyers.id])).toEqual([{ id: lawyers.id, name: 'Адвокаты Защиты' }]);
    expect([await sees(anna), await sees(boris)]).toEqual([true, false]);
    expect((await listGroups(db)).find((g) => g.id === lawyers.id)).toMatchObject({
      members: ['anna-groups'],
      records: 1,
    });

    // Given to the family instead: anna no longer reads it; boris joins the family and does.
    await grant('sources', id, ['Семья']);
    await setGroupMember(db, null, 'Семья', 'boris-groups', true);
    expect([await sees(anna), await sees(boris)]).toEqual([false, true]);
    expect(await recordGroups(db, 'sources', id)).toEqual([expect.objectContaining({ name: 'Семья' })]);
    await setGroupMember(db, null, 'Семья', 'boris-groups', false);
    expect(await sees(boris)).toBe(false);

    const actions = await db
      .selectFrom('audit_log')
      .select(['action', 'before', 'after'])
      .where('action', 'in', ['group.add', 'group.member-added', 'group.member-removed', 'record.groups'])
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'group.add',
      'group.add',
      'group.member-added',
      'record.groups',
      'record.groups',
      'group.member-added',
      'group.member-removed',
    ]);
    expect(JSON.parse(actions[4]!.before!)).toEqual({ groups: ['Адвокаты Защиты'] });
    expect(JSON.parse(actions[4]!.after!)).toEqual({ groups: ['Семья'] });
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it('refuses a second group of the same name, an unknown group, user or record, with nothing changed', async () => {
    const { db } = t.workspace;
    await createGroup(db, null, 'Наблюдатели');
    const refused = async (action: Promise<unknown>) => {
      const error = (await action.catch((e: unknown) => e)) as ChronicleError;
      return [error.code, error.message];
    };
    expect(await refused(createGroup(db, null, 'НАБЛЮДАТЕЛИ'))).toEqual(['CONFLICT', 'a group Наблюдатели exists']);
    expect((await refused(createGroup(db, null, '   ')))[0]).toBe('VALIDATION');
    expect((await refused(createGroup(db, null, 'x'.repeat(101))))[0]).toBe('VALIDATION');
    expect(await refused(setGroupMember(db, null, 'Нет такой', 'anna-groups', true))).toEqual([
      'NOT_FOUND',
      'no group Нет такой',
    ]);
    expect(await refused(setGroupMember(db, null, 'Наблюдатели', 'nobody', true))).toEqual([
      'NOT_FOUND',
      'no user nobody',
    ]);
    expect((await refused(grant('sources', '01NOSUCHSOURCE0000000000000', ['Наблюдатели'])))[0]).toBe('NOT_FOUND');
    expect((await listGroups(db)).find((g) => g.name === 'Наблюдатели')).toMatchObject({ members: [], records: 0 });
  });

  it.runIf(dialect === 'postgres')(
    'refuses a group whose name another admin is making in other letters at the same moment',
    async () => {
      const { db } = t.workspace;
      const order: string[] = [];
      const { second } = await db.transaction().execute(async (trx) => {
        // What createGroup writes, in a transaction held open.
        await trx.insertInto('groups').values({ id: newId(), name: 'Одновременные' }).execute();
        await appendAudit(trx, { userId: null, action: 'group.add', target: 'groups/x', after: {} });
        // The other admin's check cannot see this group before it commits: it must wait for it, then find it.
        const second = createGroup(db, null, 'ОДНОВРЕМЕННЫЕ').then(
          () => order.push('second made'),
          (error: ChronicleError) => order.push(`second refused: ${error.code}`),
        );
        await new Promise((resolve) => setTimeout(resolve, 300));
        order.push('first committed');
        return { second }; // not the promise itself, which the transaction would wait for before it commits
      });
      await second;
      expect(order).toEqual(['first committed', 'second refused: CONFLICT']);
      expect((await listGroups(db)).filter((g) => g.name.toLowerCase() === 'одновременные')).toHaveLength(1);
    },
  );

  it('renames a group, keeping its members and records, and refuses a name another group has', async () => {
    const { db } = t.workspace;
    const made = await createGroup(db, null, 'Адвкаты');
    await createGroup(db, null, 'Родные');
    await insertUser(db, 'gleb-groups', 'viewer', []);
    await setGroupMember(db, null, made.id, 'gleb-groups', true);
    expect(await renameGroup(db, null, 'адвкаты', '  Адвокаты  Севера ')).toMatchObject({
      id: made.id,
      name: 'Адвокаты Севера',
      members: ['gleb-groups'],
    });
    // Its own name in other letters is its own to take; another group's is not.
    expect((await renameGroup(db, null, made.id, 'АДВОКАТЫ СЕВЕРА')).name).toBe('АДВОКАТЫ СЕВЕРА');
    const refused = (await renameGroup(db, null, made.id, 'родные').catch((e: unknown) => e)) as ChronicleError;
    expect([refused.code, refused.message]).toEqual(['CONFLICT', 'a group Родные exists']);
    const renames = await db
      .selectFrom('audit_log')
      .select(['before', 'after'])
      .where('action', '=', 'group.rename')
      .orderBy('seq')
      .execute();
    expect(renames.map((r) => [JSON.parse(r.before!).name, JSON.parse(r.after!).name])).toEqual([
      ['Адвкаты', 'Адвокаты Севера'],
      ['Адвокаты Севера', 'АДВОКАТЫ СЕВЕРА'],
    ]);
  });

  it('deletes a group given no record, its members with it, and refuses one still given records', async () => {
    const { db } = t.workspace;
    const slip = await createGroup(db, null, 'Опечатка');
    await insertUser(db, 'vera-groups', 'viewer', []);
    await setGroupMember(db, null, 'Опечатка', 'vera-groups', true);
    const [stored] = await ingestAll(context, [
      { name: 'slip.txt', bytes: new TextEncoder().encode('Заметка о суде над Серафимом Удаляемым.') },
    ]);
    await grant('sources', stored!.sourceId!, ['Опечатка']);
    const refused = (await deleteGroup(db, null, 'опечатка').catch((e: unknown) => e)) as ChronicleError;
    expect([refused.code, refused.message]).toEqual([
      'CONFLICT',
      'Опечатка is given 1 record: take it from it first, or it would be read by admins only',
    ]);
    await grant('sources', stored!.sourceId!, []);
    expect(await deleteGroup(db, null, slip.id)).toMatchObject({ name: 'Опечатка', members: ['vera-groups'] });
    expect((await listGroups(db)).map((g) => g.name)).not.toContain('Опечатка');
    expect(await db.selectFrom('user_groups').select('user_id').where('group_id', '=', slip.id).execute()).toEqual([]);
    const audit = await db
      .selectFrom('audit_log')
      .select('before')
      .where('action', '=', 'group.delete')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.before!)).toEqual({ name: 'Опечатка', members: ['vera-groups'] });
  });
});

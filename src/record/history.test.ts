import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestWorkspace,
  type TestWorkspace,
  testDialects,
  unmigratedWorkspaceSuite,
} from '../../test/helpers/workspaces.js';
import { stageUfaReport } from '../../test/integration/record-fixtures.js';
import { createUser, type PolicyUser } from '../auth/index.js';
import { migrateTo, migrateToLatest } from '../db/migrate.js';
import type { Database } from '../db/schema.js';
import { newId } from '../shared/ids.js';
import { diffSnapshots, type HistoryEntry, recordHistory } from './history.js';
import { deletePerson, personRow, restorePerson, updatePerson } from './persons.js';
import { correctProposal } from './review.js';
import { setStatusOverride } from './status.js';
import { listVersions, loadSnapshot } from './versions.js';

const dialects = await testDialects();

/** A version as the tests compare it: its number, action, user's name and changed fields. */
const summary = (e: HistoryEntry) => [e.version, e.action, e.user?.username ?? null, e.changes];

describe('diffSnapshots', () => {
  const person = (row: Record<string, unknown>, names: string[]) => ({
    row,
    names: names.map((name, i) => ({ id: `n${i}`, name, script: null, kind: 'alias', source_id: null })),
  });

  it('names the columns that changed, without the version and time every write changes', () => {
    const before = person({ id: 'p', display_name: 'Петров', notes: null, version: 2, updated_at: '2025-01-01' }, []);
    const after = person(
      { id: 'p', display_name: 'Иван Петров', notes: null, version: 3, updated_at: '2025-02-01' },
      [],
    );
    expect(diffSnapshots('persons', before, after)).toEqual([
      { field: 'display_name', before: 'Петров', after: 'Иван Петров' },
    ]);
  });

  it('compares the names as a sorted list of strings: a reordering or new row ids is no change, an alias is one', () => {
    const before = person({}, ['Иван Петров', 'Ivan Petrov']);
    expect(diffSnapshots('persons', before, person({}, ['Ivan Petrov', 'Иван Петров']))).toEqual([]);
    expect(diffSnapshots('persons', before, person({}, ['Ivan Petrov', 'Иван Петров', 'Ваня']))).toEqual([
      {
        field: 'names',
        before: ['Ivan Petrov', 'Иван Петров'],
        after: ['Ivan Petrov', 'Ваня', 'Иван Петров'],
      },
    ]);
  });

  it("lists an event's participants and a case's parties as role and record", () => {
    const event = (ids: string[]) => ({
      row: {},
      participants: ids.map((id) => ({ entity_type: 'persons', entity_id: id, role: 'subject' })),
    });
    expect(diffSnapshots('events', event(['p1']), event(['p1', 'p2']))).toEqual([
      { field: 'participants', before: ['subject persons/p1'], after: ['subject persons/p1', 'subject persons/p2'] },
    ]);
    const parties = { row: {}, parties: [{ person_id: 'p1', role: 'defendant' }] };
    expect(diffSnapshots('cases', { row: {}, parties: [] }, parties)).toEqual([
      { field: 'parties', before: [], after: ['defendant persons/p1'] },
    ]);
  });

  it('takes a column an older snapshot lacks as null: no change unless the newer one sets it', () => {
    expect(diffSnapshots('organizations', { row: { name: 'ОВД' } }, { row: { name: 'ОВД', note: null } })).toEqual([]);
    expect(diffSnapshots('organizations', { row: { name: 'ОВД' } }, { row: { name: 'ОВД', note: 'x' } })).toEqual([
      { field: 'note', before: null, after: 'x' },
    ]);
  });
});

describe.each(dialects)('recordHistory on %s', (dialect) => {
  let t: TestWorkspace;
  let reviewer: PolicyUser;
  let editor: PolicyUser;
  let personId: string;

  beforeAll(async () => {
    t = await createTestWorkspace(dialect);
    const { db } = t.workspace;
    const account = async (username: string, role: string) =>
      (await createUser(db, null, { username, role, password: 'correct horse battery staple' })).user;
    reviewer = await account('anna', 'reviewer');
    editor = await account('boris', 'editor');
    ({ personId } = await stageUfaReport(t.workspace));
  });
  afterAll(async () => t?.dispose());

  it('lists every change of a proposed person, newest first, with its action, user and exactly the changed fields', async () => {
    const { db } = t.workspace;
    const tx = <T>(fn: (trx: Kysely<Database>) => Promise<T>) => db.transaction().execute(fn);
    // A proposal nobody has changed has no version yet.
    expect(await recordHistory(db, 'persons', personId)).toEqual({ total: 0, items: [] });

    await tx((trx) => correctProposal(trx, personId, { displayName: 'Иван Сергеевич Петров' }, reviewer));
    await tx((trx) => updatePerson(trx, personId, { notes: 'moved to Ufa SIZO-1' }, editor.id));
    await tx((trx) => updatePerson(trx, personId, { aliases: ['Ivan Petrov'] }, editor.id));
    const deleted = await tx((trx) => deletePerson(trx, personId, editor.id));
    await tx((trx) => restorePerson(trx, personId, editor.id));

    const history = await recordHistory(db, 'persons', personId);
    expect(history.total).toBe(6);
    expect(history.items.map(summary)).toEqual([
      [6, 'record.restore', 'boris', [{ field: 'deleted_at', before: deleted.deletedAt, after: null }]],
      [5, 'record.delete', 'boris', [{ field: 'deleted_at', before: null, after: deleted.deletedAt }]],
      [
        4,
        'person.update',
        'boris',
        [
          {
            field: 'names',
            before: ['Иван Петров', 'Иван Сергеевич Петров'],
            after: ['Ivan Petrov', 'Иван Петров', 'Иван Сергеевич Петров'],
          },
        ],
      ],
      [3, 'person.update', 'boris', [{ field: 'notes', before: null, after: 'moved to Ufa SIZO-1' }]],
      [
        2,
        'review.correct',
        'anna',
        [
          { field: 'display_name', before: 'Иван Петров', after: 'Иван Сергеевич Петров' },
          { field: 'review_status', before: 'proposed', after: 'accepted' },
          { field: 'names', before: ['Иван Петров'], after: ['Иван Петров', 'Иван Сергеевич Петров'] },
        ],
      ],
      // The machine's proposal as it was before the correction: no user, nothing to differ from.
      [1, 'baseline', null, []],
    ]);
    expect(history.items[0]!.user).toEqual({ id: editor.id, username: 'boris' });
    expect(history.items[0]!.at >= history.items[5]!.at).toBe(true);
    expect((await listVersions(db, 'persons', personId)).map((v) => v.action)).toEqual([
      'baseline',
      'review.correct',
      'person.update',
      'person.update',
      'record.delete',
      'record.restore',
    ]);
  });

  it('pages the versions, a page’s oldest still compared with the version before it on the next page', async () => {
    const { db } = t.workspace;
    const all = (await recordHistory(db, 'persons', personId)).items;
    const page = await recordHistory(db, 'persons', personId, { limit: 2, offset: 3 });
    expect(page).toEqual({ total: 6, items: all.slice(3, 5) });
    expect(page.items[1]!.changes).not.toEqual([]);
    expect((await recordHistory(db, 'persons', personId, { limit: 2, offset: 6 })).items).toEqual([]);
    // At most 200 at a time, whatever is asked.
    expect((await recordHistory(db, 'persons', personId, { limit: 10_000 })).items).toHaveLength(6);
  });

  it('keeps the id of a user with no account here, with no name', async () => {
    const { db } = t.workspace;
    await db.transaction().execute((trx) => updatePerson(trx, personId, { birthYear: 1990 }, 'imported-user'));
    const [latest] = (await recordHistory(db, 'persons', personId, { limit: 1 })).items;
    expect(latest).toMatchObject({
      action: 'person.update',
      user: { id: 'imported-user', username: null },
      changes: [{ field: 'birth_year', before: null, after: 1990 }],
    });
  });

  it('keeps a status set by hand as a version: who set it, and the status and reason it gave', async () => {
    const { db } = t.workspace;
    await db
      .transaction()
      .execute((trx) =>
        setStatusOverride(trx, personId, { status: 'emigrated', reason: 'left, per family' }, editor.id),
      );
    const [latest] = (await recordHistory(db, 'persons', personId, { limit: 1 })).items;
    expect(latest).toMatchObject({ action: 'person.status-override', user: { id: editor.id, username: 'boris' } });
    expect(latest!.changes).toEqual(
      expect.arrayContaining([
        { field: 'status_override', before: null, after: 'emigrated' },
        { field: 'status_reason', before: null, after: 'left, per family' },
        expect.objectContaining({ field: 'status', after: 'emigrated' }),
      ]),
    );
  });

  it('refuses an unknown record', async () => {
    await expect(recordHistory(t.workspace.db, 'persons', 'NOSUCHPERSON')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe.each(dialects)('migration 0014 over an older workspace on %s', (dialect) => {
  const workspace = unmigratedWorkspaceSuite(dialect);

  it('upgrades a workspace at 0013 with versions in it: they keep a null action and still list', async () => {
    const db = workspace().db;
    await migrateTo(db as Kysely<unknown>, '0013-search-hidden-index');
    const now = new Date().toISOString();
    const id = newId();
    // Written as the code before 0014 wrote them: a person, and two versions with no action.
    await db
      .insertInto('persons')
      .values(personRow(id, 'Ринат Гайнуллин', now, { status: null }))
      .execute();
    const keep = async (version: number, userId: string | null) => {
      const data = await loadSnapshot(db, 'persons', id);
      await db
        .insertInto('record_versions')
        .values({
          id: newId(),
          record_table: 'persons',
          record_id: id,
          version,
          data: JSON.stringify(data),
          user_id: userId,
          at: now,
        })
        .execute();
    };
    await keep(1, 'u-old');
    await db.updateTable('persons').set({ notes: 'in SIZO', version: 2 }).where('id', '=', id).execute();
    await keep(2, 'u-old');

    await migrateToLatest(db as Kysely<unknown>);
    expect((await recordHistory(db, 'persons', id)).items.map(summary)).toEqual([
      [2, null, null, [{ field: 'notes', before: null, after: 'in SIZO' }]],
      [1, null, null, []],
    ]);
    // Changed after the upgrade, the person's new version names its action, after the old ones.
    await db.transaction().execute((trx) => updatePerson(trx, id, { notes: 'released' }, null));
    const history = await recordHistory(db, 'persons', id);
    expect(history.items.map((e) => [e.version, e.action])).toEqual([
      [3, 'person.update'],
      [2, null],
      [1, null],
    ]);
    expect(history.items[0]!.changes).toEqual([{ field: 'notes', before: 'in SIZO', after: 'released' }]);
    expect(history.items[1]!.user).toEqual({ id: 'u-old', username: null });
  });
});

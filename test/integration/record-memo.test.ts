import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordGeneration } from '../../src/audit/index.js';
import {
  type Audience,
  caseScope,
  createUser,
  eventScope,
  type PolicyUser,
  personScope,
} from '../../src/auth/index.js';
import { openWorkspace, type Workspace } from '../../src/db/connection.js';
import type { Database } from '../../src/db/schema.js';
import {
  cachedStats,
  changeRecord,
  computeStats,
  createEvent,
  createPerson,
  createRelationship,
  decideProposals,
  deleteEvent,
  mergePersons,
  queryPersonTable,
  recordMemo,
  undoMerge,
  updateEvent,
  updatePerson,
} from '../../src/record/index.js';
import { newId } from '../../src/shared/ids.js';
import { createTestWorkspace, type TestWorkspace, testDialects } from '../helpers/workspaces.js';

/*
 * cachedStats keeps the figures per (visibility class, dates) and record generation, and the people table its
 * total and facets the same way (recordMemo). Every kind of change to the
 * record must reach the figures it serves, on both databases and across two connections to one database (as two
 * server processes), and no audience may ever be served figures counted for one that sees more.
 */

const dialects = await testDialects();

describe.each(dialects)('cached statistics on %s', (dialect) => {
  let t: TestWorkspace;
  let db: Kysely<Database>;
  let editor: PolicyUser;
  let member: PolicyUser;
  let outsider: PolicyUser;
  let otherOutsider: PolicyUser;
  let group: string;
  const admin: PolicyUser = { id: 'workspace-owner', role: 'admin' };
  const audiences = (): Array<[string, Audience]> => [
    ['member', member],
    ['outsider', outsider],
    ['admin', admin],
    ['signed out', null],
    ['public', { public: true }],
  ];
  const tx = <T>(work: (trx: Kysely<Database>) => Promise<T>) => db.transaction().execute(work);
  const user = async (username: string, role: string): Promise<PolicyUser> => ({
    id: (await createUser(db, null, { username, role, password: 'correct horse battery staple' })).user.id,
    role,
  });
  const detention = (personIds: string[], extra: { confidentiality?: 'public' | 'internal' | 'restricted' } = {}) =>
    tx((trx) =>
      createEvent(
        trx,
        {
          type: 'detention',
          date: '2024-03-15',
          datePrecision: 'day',
          confidentiality: 'public',
          ...extra,
          participants: personIds.map((entityId) => ({ entityType: 'persons', entityId, role: 'subject' })),
        },
        null,
      ),
    );
  const person = (displayName: string) =>
    tx((trx) => createPerson(trx, { displayName, confidentiality: 'public', consentToPublish: true }, null));

  /** Every audience's cached figures equal a fresh count; returns them to compare before and after a change. */
  const expectFresh = async (): Promise<string> => {
    const seen: string[] = [];
    for (const [who, audience] of audiences()) {
      const cached = await cachedStats(db, { user: audience });
      expect(cached, who).toEqual(await computeStats(db, { user: audience }));
      seen.push(JSON.stringify(cached));
    }
    return seen.join('\n');
  };

  /** `change` raises the generation and every audience then gets the figures as they now are, not as they were. */
  const expectSeen = async (change: () => Promise<unknown>, options: { figuresChange?: boolean } = {}) => {
    const before = await expectFresh();
    const generation = await recordGeneration(db);
    await change();
    expect(await recordGeneration(db)).toBeGreaterThan(generation);
    const after = await expectFresh();
    if (options.figuresChange !== false) expect(after).not.toBe(before);
  };

  beforeAll(async () => {
    t = await createTestWorkspace(dialect);
    db = t.workspace.db;
    editor = await user('editor', 'editor');
    member = await user('member', 'viewer');
    outsider = await user('outsider', 'viewer');
    otherOutsider = await user('other', 'reviewer');
    group = newId();
    await db.insertInto('groups').values({ id: group, name: 'lawyers' }).execute();
    await db.insertInto('user_groups').values({ user_id: member.id, group_id: group }).execute();
    const a = await person('Иванов Иван');
    await detention([a.id]);
  });
  afterAll(async () => t?.dispose());

  it('sees an event accepted in review', async () => {
    const p = await person('Петров Пётр');
    const proposed = await detention([p.id]);
    await db.updateTable('events').set({ status: 'proposed' }).where('id', '=', proposed.id).execute();
    await expectSeen(() => tx((trx) => decideProposals(trx, [proposed.id], 'accept', null)));
  });

  it('sees an edited event', async () => {
    const p = await person('Сидоров Сидор');
    const e = await detention([p.id]);
    await expectSeen(() => tx((trx) => updateEvent(trx, e.id, { date: '2023-11-05' }, null)));
  });

  it('sees a deleted event', async () => {
    const p = await person('Кузнецов Кузьма');
    const e = await detention([p.id]);
    await expectSeen(() => tx((trx) => deleteEvent(trx, e.id, null)));
  });

  it('sees a merge and its undo', async () => {
    const a = await person('Смирнов Семён');
    const b = await person('Смирнов С.');
    await detention([a.id]);
    await detention([b.id]);
    let mergeId = '';
    await expectSeen(async () => {
      mergeId = (await mergePersons(db, editor, a.id, b.id)).mergeId;
    });
    await expectSeen(() => undoMerge(db, editor, mergeId));
  });

  it('sees a change of confidentiality, and of the groups a record is shared with', async () => {
    const p = await person('Орлова Ольга');
    await detention([p.id]);
    await expectSeen(() => tx((trx) => updatePerson(trx, p.id, { confidentiality: 'internal' }, null)));
    await expectSeen(() =>
      tx((trx) =>
        changeRecord(trx, 'persons', p.id, null, 'person.update', async () => {
          await trx.updateTable('persons').set({ confidentiality: 'restricted' }).where('id', '=', p.id).execute();
          await trx
            .insertInto('record_groups')
            .values({ record_table: 'persons', record_id: p.id, group_id: group })
            .execute();
        }),
      ),
    );
  });

  it('counts again after a relationship is recorded (any change does)', async () => {
    const a = await person('Волков Виктор');
    const b = await person('Волкова Вера');
    await expectSeen(
      () => tx((trx) => createRelationship(trx, a.id, { kind: 'spouse_of', toType: 'person', toId: b.id }, null)),
      { figuresChange: false },
    );
  });

  it('never serves one audience what was counted for another that sees more', async () => {
    const p = await person('Тайная Татьяна');
    await detention([p.id]);
    await db
      .insertInto('record_groups')
      .values({ record_table: 'persons', record_id: p.id, group_id: group })
      .execute();
    await tx((trx) => updatePerson(trx, p.id, { confidentiality: 'restricted' }, null));
    // Counted first for those who see the most, so a shared entry would show.
    for (const order of [audiences(), audiences().reverse()]) {
      await tx((trx) => updatePerson(trx, p.id, { notes: `order ${order[0]?.[0]}` }, null));
      for (const [who, audience] of order)
        expect(await cachedStats(db, { user: audience }), who).toEqual(await computeStats(db, { user: audience }));
    }
    const counted = await Promise.all(audiences().map(([, audience]) => cachedStats(db, { user: audience })));
    expect(new Set(counted).size).toBe(counted.length);
    expect(counted[0]?.totals.detention).not.toEqual(counted[1]?.totals.detention);
    // Users who see the same records share one count, and calls at the same time wait for it.
    const [mine, theirs] = await Promise.all([
      cachedStats(db, { user: outsider }),
      cachedStats(db, { user: otherOutsider }),
    ]);
    expect(theirs).toBe(mine);
    // A user added to a group is another audience at once.
    await db.insertInto('user_groups').values({ user_id: otherOutsider.id, group_id: group }).execute();
    expect(await cachedStats(db, { user: otherOutsider })).toEqual(await computeStats(db, { user: otherOutsider }));
    expect(await cachedStats(db, { user: otherOutsider })).not.toEqual(mine);
    // The dates are part of the key.
    expect(await cachedStats(db, { user: outsider, from: '2025-01-01' })).toEqual(
      await computeStats(db, { user: outsider, from: '2025-01-01' }),
    );
  });

  it('sees a change made through another connection (another server process)', async () => {
    const other: Workspace = await openWorkspace(
      t.url ? { databaseUrl: t.url } : { dataDir: t.dataDir ?? '', databaseUrl: '', key: null },
    );
    try {
      const p = await person('Другой Дмитрий');
      const e = await detention([p.id]);
      const before = await cachedStats(other.db, { user: outsider });
      await tx((trx) => deleteEvent(trx, e.id, null));
      const after = await cachedStats(other.db, { user: outsider });
      expect(after).toEqual(await computeStats(other.db, { user: outsider }));
      expect(after.totals.detention?.events).toBe((before.totals.detention?.events ?? 0) - 1);
    } finally {
      await other.close();
    }
  });

  it('keeps the people table total, facets and pages only until the record changes, per audience', async () => {
    const table = async (viewer: PolicyUser, memo: boolean) =>
      queryPersonTable(
        db,
        { persons: personScope(viewer), events: eventScope(viewer), cases: caseScope(viewer) },
        { limit: 500, offset: 0, facets: true },
        memo ? await recordMemo(db, viewer) : undefined,
      );
    const expectFreshTable = async () => {
      for (const viewer of [member, outsider, admin]) {
        expect(await table(viewer, true)).toEqual(await table(viewer, false));
      }
    };
    await expectFreshTable();
    const before = (await table(outsider, true)).total;
    const p = await person('Новикова Нина');
    await expectFreshTable();
    expect((await table(outsider, true)).total).toBe(before + 1);
    await tx((trx) => updatePerson(trx, p.id, { displayName: 'Новикова Нина Павловна' }, null));
    await expectFreshTable();
    expect((await table(outsider, true)).items.find((row) => row.id === p.id)?.displayName).toBe(
      'Новикова Нина Павловна',
    );
    await db
      .insertInto('record_groups')
      .values({ record_table: 'persons', record_id: p.id, group_id: group })
      .execute();
    await tx((trx) => updatePerson(trx, p.id, { confidentiality: 'restricted' }, null));
    await expectFreshTable();
    expect((await table(outsider, true)).total).toBe(before);
    expect((await table(member, true)).total).toBeGreaterThan(before);
  });

  it('does not share a figure computed for a user whose groups changed while it was computed', async () => {
    const [x, y] = [await user('x', 'viewer'), await user('y', 'viewer')];
    const [asX, asY] = [await recordMemo(db, x), await recordMemo(db, y)];
    let added = false;
    const first = asX('probe', 1, async () => {
      if (!added) await db.insertInto('user_groups').values({ user_id: x.id, group_id: group }).execute();
      added = true;
      return 'counted with the group';
    });
    const second = asY('probe', 1, async () => 'counted without it');
    expect(await first).toBe('counted with the group');
    expect(await second).toBe('counted without it');
    expect(await (await recordMemo(db, y))('probe', 1, async () => 'again without it')).toBe('again without it');
  });

  it('keeps a costly figure while many pages of another kind come and go', async () => {
    const viewer = await user('crawler', 'viewer');
    const memo = await recordMemo(db, viewer);
    expect(await memo('costly', null, async () => 'counted once')).toBe('counted once');
    for (let i = 0; i < 1_200; i++) await memo('page', i, async () => `page ${i}`);
    expect(await memo('costly', null, async () => 'counted again')).toBe('counted once');
    // Pages themselves are bounded: the first of them has gone, the last is kept.
    expect(await memo('page', 0, async () => 'read again')).toBe('read again');
    expect(await memo('page', 1_199, async () => 'read again')).toBe('page 1199');
  });
});

import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type PolicyUser } from '../../src/auth/index.js';
import { migrateTo, migrateToLatest } from '../../src/db/migrate.js';
import * as recordGenerationMigration from '../../src/db/migrations/0012-record-generation.js';
import * as versionActionsMigration from '../../src/db/migrations/0014-version-actions.js';
import type { Database } from '../../src/db/schema.js';
import {
  createPerson,
  getPerson,
  keepApart,
  listEvents,
  listMergeProposals,
  listMerges,
  listVersions,
  mergePersons,
  mergeProposal,
  proposeMerges,
  splitPerson,
  undoMerge,
} from '../../src/record/index.js';
import {
  createTestWorkspace,
  type TestWorkspace,
  testDialects,
  unmigratedWorkspaceSuite,
} from '../helpers/workspaces.js';
import { type Seeded, seedGainullins } from './merge-fixtures.js';

const dialects = await testDialects();

/** Every row a merge may touch, sorted, with the persons' version bookkeeping (version, updated_at) left out. */
async function recordState(db: Kysely<Database>): Promise<Record<string, string[]>> {
  const dump = (rows: object[]) => rows.map((r) => JSON.stringify(r)).sort();
  const persons = (await db.selectFrom('persons').selectAll().execute()).map(
    ({ version: _v, updated_at: _u, ...rest }) => rest,
  );
  return {
    persons: dump(persons),
    person_names: dump(await db.selectFrom('person_names').selectAll().execute()),
    event_participants: dump(await db.selectFrom('event_participants').selectAll().execute()),
    case_parties: dump(await db.selectFrom('case_parties').selectAll().execute()),
    relationships: dump(await db.selectFrom('relationships').selectAll().execute()),
    mentions: dump(await db.selectFrom('mentions').selectAll().execute()),
    evidence: dump(await db.selectFrom('evidence').selectAll().execute()),
    name_keys: dump(await db.selectFrom('name_keys').selectAll().execute()),
    record_groups: dump(await db.selectFrom('record_groups').selectAll().execute()),
  };
}

const pairOf = (p: { a: { id: string }; b: { id: string } }) => [p.a.id, p.b.id].sort().join('|');
const pair = (x: string, y: string) => [x, y].sort().join('|');

describe.each(dialects)('reversible merges and splits on %s', (dialect) => {
  let t: TestWorkspace;
  let s: Seeded;
  let editor: PolicyUser;
  let viewer: PolicyUser;
  let admin: PolicyUser;
  let member: PolicyUser;

  beforeAll(async () => {
    t = await createTestWorkspace(dialect);
    const { db } = t.workspace;
    const mk = async (username: string, role: 'viewer' | 'editor' | 'admin') => {
      const { user } = await createUser(db, null, { username, role, password: 'correct horse battery staple' });
      return { id: user.id, role };
    };
    editor = await mk('merge-editor', 'editor');
    viewer = await mk('merge-viewer', 'viewer');
    admin = await mk('merge-admin', 'admin');
    member = await mk('merge-member', 'editor');
    s = await seedGainullins(t.workspace, member.id);
  });
  afterAll(async () => t?.dispose());

  it('proposes the spellings and the genitive of one man, never the one-letter surname or his mother', async () => {
    const { db } = t.workspace;
    const result = await proposeMerges(db);
    expect(result.created).toBeGreaterThan(0);
    const refreshes = async () =>
      (await db.selectFrom('audit_log').select('after').where('action', '=', 'merge.refresh').execute()).map(
        (r) => JSON.parse(r.after!) as { created: number },
      );
    expect(await refreshes()).toEqual([expect.objectContaining({ created: result.created, removed: 0 })]);
    // Looking again and finding nothing new writes nothing.
    await proposeMerges(db);
    expect(await refreshes()).toHaveLength(1);
    const { items, total } = await listMergeProposals(db, admin, { limit: 100 });
    expect(total).toBe(items.length);
    const pairs = new Set(items.map(pairOf));
    expect(pairs).toContain(pair(s.rinat, s.latin));
    expect(pairs).toContain(pair(s.rinat, s.genitive));
    expect(pairs).toContain(pair(s.latin, s.genitive));
    expect(pairs).toContain(pair(s.rinat, s.secret));
    for (const p of items) {
      for (const other of [s.gaynutdinov, s.tamara]) {
        expect([p.a.id, p.b.id], p.why.summary).not.toContain(other);
      }
    }
    const rl = items.find((p) => pairOf(p) === pair(s.rinat, s.latin))!;
    expect(rl.score).toBeGreaterThan(0.9);
    expect(rl.why.summary).toMatch(/surname/);
    expect(rl.why.parts.map((x) => x.part)).toContain('surname');
    const latinSide = rl.a.id === s.latin ? rl.a : rl.b;
    expect(latinSide.names).toEqual([{ name: 'Rinat Gainullin', script: 'latin' }]);
    expect(latinSide.eventsCount).toBe(2);
    expect(latinSide.evidence.map((e) => e.quote)).toContain('Rinat Gainullin was sentenced to 5 years.');
    expect(latinSide.evidence[0]?.sourceTitle).toBe('Казанский суд');
    const genitive = items.find((p) => pairOf(p) === pair(s.rinat, s.genitive))!;
    expect(genitive.why.reading).toBeTruthy();
    // Running again changes nothing.
    expect(await proposeMerges(db)).toMatchObject({ created: 0, updated: 0, removed: 0 });
  });

  it('never shows a proposal involving a record the user cannot see', async () => {
    const { db } = t.workspace;
    const forViewer = await listMergeProposals(db, viewer, { limit: 100 });
    expect(forViewer.items.flatMap((p) => [p.a.id, p.b.id])).not.toContain(s.secret);
    const forMember = await listMergeProposals(db, member, { limit: 100 });
    expect(forMember.items.flatMap((p) => [p.a.id, p.b.id])).toContain(s.secret);
    expect(forViewer.total).toBe(forMember.total - forMember.items.filter((p) => pairOf(p).includes(s.secret)).length);
    const hidden = forMember.items.find((p) => pairOf(p).includes(s.secret))!;
    await expect(keepApart(db, editor, hidden.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(mergePersons(db, editor, s.rinat, s.secret)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('needs the editor role to merge, keep apart or undo', async () => {
    const { db } = t.workspace;
    await expect(mergePersons(db, viewer, s.rinat, s.latin)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const { items } = await listMergeProposals(db, viewer);
    await expect(keepApart(db, viewer, items[0]!.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(mergePersons(db, editor, s.rinat, s.rinat)).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('merges: the person shows both names and all events; undo restores exactly the previous rows', async () => {
    const { db } = t.workspace;
    const before = await recordState(db);
    const proposal = (await listMergeProposals(db, editor, { limit: 100 })).items.find(
      (p) => pairOf(p) === pair(s.rinat, s.latin),
    )!;
    const merged = await mergeProposal(db, editor, proposal.id, { keepId: s.rinat, reason: 'same case, same court' });
    expect(merged).toMatchObject({ keptId: s.rinat, mergedId: s.latin, proposalId: proposal.id });

    const person = await getPerson(db, s.rinat);
    expect(person.names.map((n) => n.name)).toEqual(
      expect.arrayContaining(['Ринат Гайнуллин', 'Гайнуллин Ринат Рашидович', 'Rinat Gainullin']),
    );
    expect(person.names.filter((n) => n.kind === 'primary')).toHaveLength(1);
    const events = (await listEvents(db, { personId: s.rinat, limit: 50 })).items.map((e) => e.id).sort();
    expect(events).toEqual([s.detention, s.sentence, s.hearing].sort());
    expect((await listEvents(db, { personId: s.latin, limit: 50 })).items).toHaveLength(0);
    const gone = await getPerson(db, s.latin);
    expect(gone.names).toEqual([]);
    expect(
      (await db.selectFrom('persons').select('merged_into').where('id', '=', s.latin).executeTakeFirst())?.merged_into,
    ).toBe(s.rinat);
    const parties = await db.selectFrom('case_parties').selectAll().where('case_id', '=', s.caseId).execute();
    expect(parties.map((p) => p.person_id)).toEqual([s.rinat]);
    const rel = await db.selectFrom('relationships').selectAll().where('from_person_id', '=', s.tamara).execute();
    expect(rel[0]?.to_entity_id).toBe(s.rinat);
    const mention = await db.selectFrom('mentions').select('entity_id').where('text', '=', 'Rinat Gainullin').execute();
    expect(mention.map((m) => m.entity_id)).toEqual([s.rinat]);
    // The proposal is decided; the merged person is in no pending proposal; both persons have a new version and audit.
    expect((await listMergeProposals(db, editor, { status: 'merged' })).items.map((p) => p.id)).toContain(proposal.id);
    expect((await listMergeProposals(db, editor, { limit: 100 })).items.flatMap((p) => [p.a.id, p.b.id])).not.toContain(
      s.latin,
    );
    for (const id of [s.rinat, s.latin]) {
      const versions = await listVersions(db, 'persons', id);
      expect(versions.at(-1)?.userId).toBe(editor.id);
      const audit = await db
        .selectFrom('audit_log')
        .select('action')
        .where('target', '=', `persons/${id}`)
        .where('action', '=', 'person.merge')
        .execute();
      expect(audit).toHaveLength(1);
    }
    expect((await listMerges(db, editor)).items.map((m) => m.id)).toContain(merged.mergeId);
    // A second merge of the merged person is refused.
    await expect(mergePersons(db, editor, s.genitive, s.latin)).rejects.toMatchObject({ code: 'CONFLICT' });

    const undone = await undoMerge(db, editor, merged.mergeId);
    expect(undone.undoneAt).not.toBeNull();
    expect(await recordState(db)).toEqual(before);
    expect((await listMergeProposals(db, editor, { limit: 100 })).items.map((p) => p.id)).toContain(proposal.id);
    await expect(undoMerge(db, editor, merged.mergeId)).rejects.toMatchObject({ code: 'CONFLICT' });
    const undoAudit = await db
      .selectFrom('audit_log')
      .select('action')
      .where('target', '=', `persons/${s.latin}`)
      .where('action', '=', 'person.merge-undo')
      .execute();
    expect(undoAudit).toHaveLength(1);
  });

  it('never lets a merge show a restricted person to more readers; undo gives back who could read the kept one', async () => {
    const { db } = t.workspace;
    const groupOf = async (personId: string) =>
      (
        await db
          .selectFrom('record_groups')
          .select('group_id')
          .where('record_table', '=', 'persons')
          .where('record_id', '=', personId)
          .execute()
      ).map((g) => g.group_id);
    const [open, otherSecret] = await db
      .transaction()
      .execute(async (trx) => [
        (await createPerson(trx, { displayName: 'Вера Открытая', aliases: ['Vera Otkrytaya'] }, null)).id,
        (await createPerson(trx, { displayName: 'Вера Закрытая', confidentiality: 'restricted' }, null)).id,
      ]);
    const before = await recordState(db);
    // The restricted one's names and events become the internal one's: it takes their protection and groups.
    const merged = await mergePersons(db, member, open, s.secret, 'same family, same court');
    expect(await getPerson(db, open)).toMatchObject({ confidentiality: 'restricted' });
    expect(await groupOf(open)).toEqual(await groupOf(s.secret));
    expect((await listMergeProposals(db, viewer, { limit: 100 })).items.flatMap((p) => [p.a.id, p.b.id])).not.toContain(
      open,
    );
    const audited = await db
      .selectFrom('audit_log')
      .select('action')
      .where('target', '=', `persons/${open}`)
      .where('action', '=', 'record.groups')
      .execute();
    expect(audited).toHaveLength(1);
    // Two restricted persons of different groups: either group's members would read the other's.
    await expect(mergePersons(db, admin, open, otherSecret)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('restricted to different access groups'),
    });
    await undoMerge(db, member, merged.mergeId);
    expect(await recordState(db)).toEqual(before);
    expect(await getPerson(db, open)).toMatchObject({ confidentiality: 'internal' });
  });

  it('undoes chained merges only newest first', async () => {
    const { db } = t.workspace;
    const before = await recordState(db);
    const first = await mergePersons(db, editor, s.rinat, s.latin);
    const second = await mergePersons(db, editor, s.rinat, s.genitive);
    await expect(undoMerge(db, editor, first.mergeId)).rejects.toMatchObject({ code: 'CONFLICT' });
    await undoMerge(db, editor, second.mergeId);
    await undoMerge(db, editor, first.mergeId);
    expect(await recordState(db)).toEqual(before);
  });

  it('lets only one of two simultaneous merges of the same person through', async () => {
    const { db } = t.workspace;
    const results = await Promise.allSettled([
      mergePersons(db, editor, s.rinat, s.latin),
      mergePersons(db, member, s.genitive, s.latin),
    ]);
    const done = results.filter((r) => r.status === 'fulfilled');
    expect(done).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'CONFLICT' });
    await undoMerge(db, editor, (done[0] as PromiseFulfilledResult<{ mergeId: string }>).value.mergeId);
  });

  it('keeps a pair apart so it is not proposed again', async () => {
    const { db } = t.workspace;
    const target = (await listMergeProposals(db, editor, { limit: 100 })).items.find(
      (p) => pairOf(p) === pair(s.latin, s.genitive),
    )!;
    const kept = await keepApart(db, editor, target.id);
    expect(kept.status).toBe('kept_apart');
    await proposeMerges(db);
    expect((await listMergeProposals(db, editor, { limit: 100 })).items.map((p) => p.id)).not.toContain(target.id);
    expect((await listMergeProposals(db, editor, { status: 'kept_apart' })).items.map((p) => p.id)).toEqual([
      target.id,
    ]);
    await expect(keepApart(db, editor, target.id)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('splits chosen names and events to a new person, and undoes the split exactly', async () => {
    const { db } = t.workspace;
    const before = await recordState(db);
    const split = await splitPerson(db, editor, s.rinat, {
      names: ['Гайнуллин Ринат Рашидович'],
      eventIds: [s.detention],
    });
    const fresh = await getPerson(db, split.newPersonId);
    expect(fresh.names.map((n) => n.name)).toEqual(['Гайнуллин Ринат Рашидович']);
    expect((await listEvents(db, { personId: split.newPersonId })).items.map((e) => e.id)).toEqual([s.detention]);
    expect((await getPerson(db, s.rinat)).names.map((n) => n.name)).toEqual(['Ринат Гайнуллин']);
    await expect(splitPerson(db, editor, s.rinat, { names: ['Ринат Гайнуллин'] })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    await expect(splitPerson(db, editor, s.rinat, { names: ['Nobody'] })).rejects.toMatchObject({ code: 'VALIDATION' });
    await undoMerge(db, editor, split.mergeId);
    const after = await recordState(db);
    // The split-off person stays as a hidden row folded into the original (its history is kept); all else is as before.
    const folded = await db
      .selectFrom('persons')
      .selectAll()
      .where('id', '=', split.newPersonId)
      .executeTakeFirstOrThrow();
    expect(folded.merged_into).toBe(s.rinat);
    expect(folded.deleted_at).not.toBeNull();
    const { persons: afterPersons = [], ...afterRest } = after;
    const { persons: beforePersons, ...beforeRest } = before;
    expect(afterRest).toEqual(beforeRest);
    expect(afterPersons.filter((p) => !p.includes(split.newPersonId))).toEqual(beforePersons);
  });
});

describe.each(dialects)('migration 0007 over an older workspace on %s', (dialect) => {
  const workspace = unmigratedWorkspaceSuite(dialect);

  it('upgrades a workspace at 0006 with persons in it, then proposes merges', async () => {
    const db = workspace().db;
    await migrateTo(db as Kysely<unknown>, '0006-totp-enrolment');
    const tables = async () =>
      (await db.introspection.getTables())
        .map((t) => t.name)
        .filter((n) => n.startsWith('merge') || n.startsWith('person_m'));
    expect(await tables()).toEqual([]);
    // Today's createPerson raises the record generation (0012) in its audit entry and names its version's action
    // (0014): those first.
    await recordGenerationMigration.up(db as Kysely<unknown>);
    await versionActionsMigration.up(db as Kysely<unknown>);
    const ids = await db
      .transaction()
      .execute(async (trx) => [
        (await createPerson(trx, { displayName: 'Ринат Гайнуллин' }, null)).id,
        (await createPerson(trx, { displayName: 'Rinat Gaynullin' }, null)).id,
      ]);
    await migrateToLatest(db as Kysely<unknown>);
    expect((await tables()).sort()).toEqual(['merge_proposals', 'person_merges']);
    await proposeMerges(db);
    const admin = { id: 'system', role: 'admin' };
    const { items } = await listMergeProposals(db, admin);
    expect(items.map(pairOf)).toEqual([pair(ids[0]!, ids[1]!)]);
    const merged = await mergeProposal(db, admin, items[0]!.id);
    await undoMerge(db, admin, merged.mergeId);
    expect((await getPerson(db, ids[1]!)).names.map((n) => n.name)).toEqual(['Rinat Gaynullin']);
  });
});

import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { recordGeneration } from '../../src/audit/index.js';
import { migrateTo, migrateToLatest } from '../../src/db/migrate.js';
import * as personSearchKeysMigration from '../../src/db/migrations/0016-person-search-keys.js';
import { normalizeName, personRow, queryPersonTable } from '../../src/record/index.js';
import { testDialects, unmigratedWorkspaceSuite } from '../helpers/workspaces.js';

const dialects = await testDialects();
const everyone = () => sql<boolean>`1 = 1`;
const scopes = { persons: everyone, events: everyone, cases: everyone };

describe.each(dialects)('migration 0016 over an older workspace on %s', (dialect) => {
  const workspace = unmigratedWorkspaceSuite(dialect);

  it('writes the search keys of every person name already stored, so the people table finds them, and runs twice', async () => {
    const db = workspace().db;
    await migrateTo(db as Kysely<unknown>, '0015-place-regions');
    const now = new Date().toISOString();
    // Written as the record wrote people before 0016: the exact key of each name, nothing else.
    const people = { 'p-galiev': ['Ruslan Galiev'], 'p-akhm': ['Тимур Ахметзянов', 'Timur Akhmetzyanov'] };
    for (const [id, names] of Object.entries(people)) {
      await db
        .insertInto('persons')
        .values(personRow(id, names[0]!, now))
        .execute();
      await db
        .insertInto('name_keys')
        .values(names.map((name) => ({ record_table: 'persons', record_id: id, name_key: normalizeName(name) })))
        .execute();
    }
    await db
      .insertInto('name_keys')
      .values({ record_table: 'cases', record_id: 'c-1', name_key: 'дело галиева' })
      .execute();
    const found = async (q: string) =>
      (await queryPersonTable(db, scopes, { q, limit: 10, offset: 0 })).items.map((p) => p.id);
    expect(await found('Галиевым')).toEqual([]);
    const generation = await recordGeneration(db);

    await migrateToLatest(db as Kysely<unknown>);
    const keys = async () =>
      (await db.selectFrom('name_keys').select(['record_table', 'record_id', 'name_key']).execute())
        .map((k) => `${k.record_table} ${k.record_id} ${k.name_key}`)
        .sort();
    const after = await keys();
    expect(after).toEqual(
      expect.arrayContaining(['persons p-galiev Φgaliev', 'persons p-galiev Ωgaliev', 'persons p-akhm Ωахметзянов']),
    );
    // Only people get search keys; the exact keys stay as they were.
    expect(after.filter((k) => k.startsWith('cases '))).toEqual(['cases c-1 дело галиева']);
    expect(after).toEqual(
      expect.arrayContaining(['persons p-galiev ruslan galiev', 'persons p-akhm тимур ахметзянов']),
    );
    expect(await found('Галиевым')).toEqual(['p-galiev']);
    expect(await found('Akhmetz')).toEqual(['p-akhm']);
    expect(await recordGeneration(db)).toBe(generation + 1);

    // Run again (a workspace whose migration records were lost): nothing changes, the generation stays.
    await personSearchKeysMigration.up(db as Kysely<unknown>);
    expect(await keys()).toEqual(after);
    expect(await recordGeneration(db)).toBe(generation + 1);
  });
});

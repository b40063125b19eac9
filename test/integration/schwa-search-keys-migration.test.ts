import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { recordGeneration } from '../../src/audit/index.js';
import { migrateTo, migrateToLatest } from '../../src/db/migrate.js';
import * as schwaSearchKeysMigration from '../../src/db/migrations/0028-schwa-search-keys.js';
import { normalizeName, personRow, queryPersonTable } from '../../src/record/index.js';
import { testDialects, unmigratedWorkspaceSuite } from '../helpers/workspaces.js';

const dialects = await testDialects();
const everyone = () => sql<boolean>`1 = 1`;
const scopes = { persons: everyone, events: everyone, cases: everyone };

describe.each(dialects)('migration 0028 over an older workspace on %s', (dialect) => {
  const workspace = unmigratedWorkspaceSuite(dialect);

  it('writes again the search keys of a name with an Azerbaijani schwa, so the table finds it spelt in English', async () => {
    const db = workspace().db;
    await migrateTo(db as Kysely<unknown>, '0027-unknown-person-status');
    const now = new Date().toISOString();
    // Keys as 0016 wrote them when the fold dropped «ə»: Məmmədli's search keys were those of "Mmmdli".
    const stale = ['Φmmmdli', 'Ωməmmədli'];
    const people = { 'p-elnur': 'Elnur Məmmədli', 'p-rauf': 'Rauf Hasanli' };
    for (const [id, name] of Object.entries(people)) {
      await db
        .insertInto('persons')
        .values(personRow(id, name, now))
        .execute();
      await db
        .insertInto('name_keys')
        .values({ record_table: 'persons', record_id: id, name_key: normalizeName(name) })
        .execute();
    }
    await db
      .insertInto('name_keys')
      .values(stale.map((name_key) => ({ record_table: 'persons', record_id: 'p-elnur', name_key })))
      .execute();
    const found = async (q: string) =>
      (await queryPersonTable(db, scopes, { q, limit: 10, offset: 0 })).items.map((p) => p.id);
    expect(await found('Mammadli')).toEqual([]);
    const generation = await recordGeneration(db);

    await migrateToLatest(db as Kysely<unknown>);
    const keys = async (id: string) =>
      (await db.selectFrom('name_keys').select('name_key').where('record_id', '=', id).execute())
        .map((k) => k.name_key)
        .sort();
    const after = await keys('p-elnur');
    expect(after).not.toContain('Φmmmdli');
    expect(await found('Mammadli')).toEqual(['p-elnur']);
    expect(await found('Məmmədli')).toEqual(['p-elnur']);
    // A person without the letter is left as it was.
    expect(await keys('p-rauf')).toEqual([normalizeName('Rauf Hasanli')]);
    expect(await recordGeneration(db)).toBe(generation + 1);

    await schwaSearchKeysMigration.up(db as Kysely<unknown>);
    expect(await keys('p-elnur')).toEqual(after);
  });
});

import { CompiledQuery, type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorkspace, type TestWorkspace } from '../../test/helpers/workspaces.js';
import type { Database } from '../db/schema.js';
import { newId } from '../shared/ids.js';
import { namesKeys } from './name-keys.js';
import { personsNamed, queryPersonTable } from './person-table.js';
import { createPerson, personRow } from './persons.js';

const everyone = () => sql<boolean>`1 = 1`;
const scopes = { persons: everyone, events: everyone, cases: everyone };

/** The query plan SQLite chooses, one line per step. */
async function plan(db: Kysely<Database>, compiled: CompiledQuery): Promise<string[]> {
  const rows = await db.executeQuery<{ detail: string }>(
    CompiledQuery.raw(`EXPLAIN QUERY PLAN ${compiled.sql}`, [...compiled.parameters]),
  );
  return rows.rows.map((r) => r.detail);
}

describe('finding people by name at scale (SQLite)', () => {
  let t: TestWorkspace;
  beforeAll(async () => {
    t = await createTestWorkspace('sqlite');
    const { db } = t.workspace;
    const now = new Date().toISOString();
    // 5,000 invented people; no ANALYZE, as a workspace has none, so the planner goes by the indexes alone.
    const syllables = ['Га', 'Ли', 'Ах', 'Ме', 'Ту', 'Ро', 'Ка', 'Ни', 'Бе', 'Зу'];
    const given = ['Руслан', 'Тимур', 'Ольга', 'Anna', 'Oleg'];
    await db.transaction().execute(async (trx) => {
      const persons = [];
      const keys = [];
      for (let i = 0; i < 5000; i++) {
        const s = Math.floor(i / given.length);
        const name = `${given[i % given.length]} ${syllables[s % 10]}${syllables[Math.floor(s / 10) % 10]!.toLowerCase()}${syllables[Math.floor(s / 100) % 10]!.toLowerCase()}ев`;
        const id = newId();
        persons.push(personRow(id, name, now));
        for (const name_key of namesKeys('persons', [name]))
          keys.push({ record_table: 'persons', record_id: id, name_key });
      }
      for (let i = 0; i < persons.length; i += 500)
        await trx
          .insertInto('persons')
          .values(persons.slice(i, i + 500))
          .execute();
      for (let i = 0; i < keys.length; i += 1000)
        await trx
          .insertInto('name_keys')
          .values(keys.slice(i, i + 1000))
          .execute();
      await createPerson(trx, { displayName: 'Ruslan Galiev' }, null);
    });
  });
  afterAll(async () => t?.dispose());

  it('reads name keys by one index range per spelling, never all of them, and looks people up by id', async () => {
    const { db } = t.workspace;
    for (const q of ['Галиевым', 'Ruslan Gal', 'Тимура Ахметзянова', 'Га']) {
      const named = personsNamed(db, q);
      expect(named, q).not.toBeNull();
      const steps = await plan(
        db,
        db.selectFrom('persons').select('persons.id').where('persons.id', 'in', named!).compile(),
      );
      const reads = steps.filter((s) => s.includes('name_keys'));
      expect(reads.length, steps.join('\n')).toBeGreaterThan(0);
      for (const read of reads)
        expect(read, steps.join('\n')).toMatch(
          /^SEARCH name_keys .*\(record_table=\? AND name_key>\? AND name_key<\?\)$/,
        );
      expect(
        steps.filter((s) => /^SCAN (persons|name_keys)\b/.test(s)),
        steps.join('\n'),
      ).toEqual([]);
    }
  });

  it('pages the people a query finds', async () => {
    const { db } = t.workspace;
    const page = await queryPersonTable(db, scopes, { q: 'Галиевым', limit: 50, offset: 0 });
    expect(page.items.map((p) => p.displayName)).toEqual(['Ruslan Galiev']);
    expect((await queryPersonTable(db, scopes, { q: 'Ruslan Гал', limit: 50, offset: 0 })).total).toBeGreaterThan(1);
  });
});

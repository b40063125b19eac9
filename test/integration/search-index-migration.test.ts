import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Workspace } from '../../src/db/connection.js';
import { migrateTo, migrateToLatest } from '../../src/db/migrate.js';
import * as searchWordMarks from '../../src/db/migrations/0018-search-word-marks.js';
import type { Database } from '../../src/db/schema.js';
import { fieldTerms } from '../../src/search/document-terms.js';
import { searchSources } from '../../src/search/index.js';
import { ingestFiles } from '../../src/sources/index.js';
import { createTestWorkspace, unmigratedWorkspaceSuite } from '../helpers/workspaces.js';

const REPORTS = [
  ['ufa.txt', 'В Уфе задержали активиста Ивана Петрова после пикета у здания суда.'],
  ['kazan.txt', 'Суд в Казани продлил арест троим задержанным по делу о протестах.'],
  ['moscow.txt', 'Police detained protesters in Moscow; the court extended their detention.'],
  ['samara.txt', 'В Самаре прошли обыски у сторонников задержанного журналиста.'],
];
const QUERIES = [
  'задерж*',
  'задержан',
  'протест*',
  'protest*',
  'detain*',
  'Moscow',
  '"продлил арест"',
  '"продлил арес"*',
  'суд* -Казани',
  'обыск* OR пикет',
];
const encoder = new TextEncoder();

async function ingest(workspace: Workspace, reports: string[][]): Promise<void> {
  const files = reports.map(([name, text]) => ({ name: name!, bytes: encoder.encode(text) }));
  for await (const result of ingestFiles({ workspace, userId: null, cipher: null }, files))
    expect(result.status).toBe('ingested');
}

async function answers(db: Kysely<Database>) {
  const out: Record<string, { total: number; files: string[] }> = {};
  for (const q of QUERIES) {
    const r = await searchSources(db, 'sqlite', q);
    const names = await db
      .selectFrom('sources')
      .select('file_name')
      .where(
        'id',
        'in',
        r.results.map((h) => h.sourceId),
      )
      .execute();
    out[q] = { total: r.total, files: names.map((n) => n.file_name ?? '').sort() };
  }
  return out;
}

describe('migration 0018 over an older SQLite workspace', () => {
  const workspace = unmigratedWorkspaceSuite('sqlite');

  it('re-indexes four-column rows into marked words: the same rowids, the answers of a new workspace; runs twice', async () => {
    const fresh = await createTestWorkspace('sqlite');
    try {
      await ingest(fresh.workspace, REPORTS);
      const expected = await answers(fresh.workspace.db);
      expect(expected['задерж*']!.total).toBe(3);
      expect(expected['protest*']!.files).toEqual(['moscow.txt']);
      expect(expected['"продлил арес"*']!.files).toEqual(['kazan.txt']);

      const w = workspace();
      const db = w.db;
      await migrateTo(db as Kysely<unknown>, '0017-search-prefixes');
      await ingest(w, REPORTS);
      // The index rows as 0002 wrote them: stems and words in four columns.
      const keys = (
        await sql<{
          doc: number;
          source_id: string;
        }>`SELECT doc, source_id FROM source_search_keys ORDER BY doc`.execute(db)
      ).rows;
      await sql`DELETE FROM source_search`.execute(db);
      for (const key of keys) {
        const text = await db
          .selectFrom('source_texts')
          .select('text')
          .where('source_id', '=', key.source_id)
          .executeTakeFirstOrThrow();
        const body = fieldTerms(text.text);
        await sql`INSERT INTO source_search (rowid, title, body, title_words, body_words) VALUES (${key.doc}, '', ${body.stems.join(' ')}, '', ${body.words.join(' ')})`.execute(
          db,
        );
      }
      const tableSql = async () =>
        (await sql<{ sql: string }>`SELECT sql FROM sqlite_master WHERE name = 'source_search'`.execute(db)).rows[0]!
          .sql;
      expect(await tableSql()).toContain('title_words');

      await migrateToLatest(db as Kysely<unknown>);
      expect(await tableSql()).toContain(`prefix='${searchWordMarks.SEARCH_PREFIXES}'`);
      expect(await tableSql()).not.toContain('title_words');
      expect(await answers(db)).toEqual(expected);
      expect((await sql`SELECT doc, source_id FROM source_search_keys ORDER BY doc`.execute(db)).rows).toEqual(keys);

      // A source ingested afterwards is found by prefix through the new table, as ingestion writes it.
      await ingest(w, [['perm.txt', 'В Перми задержали двоих участников акции.']]);
      expect((await searchSources(db, 'sqlite', 'задерж*')).total).toBe(4);
      // Run again (a workspace whose migration records were lost): the new table is left as it is.
      await searchWordMarks.up(db as Kysely<unknown>);
      expect((await searchSources(db, 'sqlite', 'задерж*')).total).toBe(4);
    } finally {
      await fresh.dispose();
    }
  });
});

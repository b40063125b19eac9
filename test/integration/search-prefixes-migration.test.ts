import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateTo, migrateToLatest } from '../../src/db/migrate.js';
import * as searchPrefixesMigration from '../../src/db/migrations/0017-search-prefixes.js';
import { searchSources } from '../../src/search/index.js';
import { ingestFiles } from '../../src/sources/index.js';
import { unmigratedWorkspaceSuite } from '../helpers/workspaces.js';

const REPORTS = [
  ['ufa.txt', 'В Уфе задержали активиста Ивана Петрова после пикета у здания суда.'],
  ['kazan.txt', 'Суд в Казани продлил арест троим задержанным по делу о протестах.'],
  ['moscow.txt', 'Police detained protesters in Moscow; the court extended their detention.'],
  ['samara.txt', 'В Самаре прошли обыски у сторонников задержанного журналиста.'],
];
const QUERIES = ['задерж*', 'задержан', 'протест*', 'protest*', 'detain*', '"продлил арест"', 'суд* -Казани', 'обыск*'];

describe('migration 0017 over an older SQLite workspace', () => {
  const workspace = unmigratedWorkspaceSuite('sqlite');

  it('rebuilds the search index with prefix indexes: the same rowids, the same results; and runs twice', async () => {
    const w = workspace();
    const db = w.db;
    await migrateTo(db as Kysely<unknown>, '0016-person-search-keys');
    const encoder = new TextEncoder();
    const files = REPORTS.map(([name, text]) => ({ name: name!, bytes: encoder.encode(text) }));
    for await (const result of ingestFiles({ workspace: w, userId: null, cipher: null }, files))
      expect(result.status).toBe('ingested');
    const tableSql = async () =>
      (await sql<{ sql: string }>`SELECT sql FROM sqlite_master WHERE name = 'source_search'`.execute(db)).rows[0]!.sql;
    expect(await tableSql()).not.toContain('prefix=');
    const answers = async () => {
      const out: Record<string, { total: number; ids: string[] }> = {};
      for (const q of QUERIES) {
        const r = await searchSources(db, 'sqlite', q);
        out[q] = { total: r.total, ids: r.results.map((h) => h.sourceId).sort() };
      }
      return out;
    };
    const keys = async () =>
      (
        await sql<{
          doc: number;
          source_id: string;
        }>`SELECT doc, source_id FROM source_search_keys ORDER BY doc`.execute(db)
      ).rows;
    const before = await answers();
    expect(before['задерж*']!.total).toBe(3);
    expect(before['protest*']!.total).toBe(1);
    const keysBefore = await keys();

    await migrateToLatest(db as Kysely<unknown>);
    expect(await tableSql()).toContain(`prefix='${searchPrefixesMigration.SEARCH_PREFIXES}'`);
    expect(await answers()).toEqual(before);
    expect(await keys()).toEqual(keysBefore);
    // A source ingested afterwards is found by prefix through the new table, as ingestion writes it.
    for await (const result of ingestFiles({ workspace: w, userId: null, cipher: null }, [
      { name: 'perm.txt', bytes: encoder.encode('В Перми задержали двоих участников акции.') },
    ]))
      expect(result.status).toBe('ingested');
    expect((await searchSources(db, 'sqlite', 'задерж*')).total).toBe(4);

    // Run again (a workspace whose migration records were lost): the table with the option is left as it is.
    await searchPrefixesMigration.up(db as Kysely<unknown>);
    expect((await searchSources(db, 'sqlite', 'задерж*')).total).toBe(4);
  });
});

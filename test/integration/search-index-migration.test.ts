import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Workspace } from '../../src/db/connection.js';
import { migrateTo, migrateToLatest } from '../../src/db/migrate.js';
import * as searchWordMarks from '../../src/db/migrations/0018-search-word-marks.js';
import * as searchVectorsOutOfLine from '../../src/db/migrations/0019-search-vectors-out-of-line.js';
import * as searchRankVectors from '../../src/db/migrations/0020-search-rank-vectors.js';
import * as searchLiveIndex from '../../src/db/migrations/0021-search-live-index.js';
import type { Database } from '../../src/db/schema.js';
import { fieldTerms } from '../../src/search/document-terms.js';
import { searchSources } from '../../src/search/index.js';
import { tsvectorsOf } from '../../src/search/tsvector.js';
import { ingestFiles } from '../../src/sources/index.js';
import { createTestWorkspace, testDialects, unmigratedWorkspaceSuite } from '../helpers/workspaces.js';

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

async function answers(db: Kysely<Database>, dialect: 'sqlite' | 'postgres' = 'sqlite', queries = QUERIES) {
  const out: Record<string, { total: number; files: string[] }> = {};
  for (const q of queries) {
    const r = await searchSources(db, dialect, q);
    out[q] = { total: r.total, files: r.results.map((h) => h.fileName ?? '').sort() };
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

/** Reports long enough that their vectors (stems, marked words and stem pairs) would make rows of several kB inline. */
/**
 * Search and ingestion of this version read and write rank vectors (`source_search_rank`, migration 0020) too: a
 * workspace migrated to before 0020 gets a stand-in table for them while a test writes into it and searches it as an
 * older version would, dropped before its upgrade.
 */
const rankStandIn = {
  create: (db: Kysely<Database>) =>
    sql`CREATE TABLE source_search_rank (doc bigint PRIMARY KEY, vector tsvector NOT NULL)`.execute(db),
  drop: (db: Kysely<Database>) => sql`DROP TABLE source_search_rank`.execute(db),
};

const LONG_REPORTS = Array.from({ length: 30 }, (_, i) => [
  `long-${i}.txt`,
  `Суд продлил арест участнику ${i} акции. ${Array.from({ length: 60 }, (_, j) => `слово${(i * 61 + j) % 997}`).join(' ')} В Самаре задержали ещё двоих.`,
]);
const PHRASE_QUERIES = [...QUERIES, '"суд продлил арест"', '"задержали еще"', '"продлил арест"*', '"арест продлил"'];

describe.runIf((await testDialects()).includes('postgres'))('migration 0019 over an older PostgreSQL workspace', () => {
  const workspace = unmigratedWorkspaceSuite('postgres');

  it('moves the vectors out of line and adds stem pairs: the same docs, the answers of a new workspace; runs twice', async () => {
    const fresh = await createTestWorkspace('postgres');
    try {
      await ingest(fresh.workspace, [...REPORTS, ...LONG_REPORTS]);
      const expected = await answers(fresh.workspace.db, 'postgres', PHRASE_QUERIES);
      expect(expected['"суд продлил арест"']!.total).toBe(30);
      expect(expected['"продлил арест"']!.total).toBe(31);
      expect(expected['"арест продлил"']!.total).toBe(0);

      const db = workspace().db;
      await migrateTo(db as Kysely<unknown>, '0018-search-word-marks');
      await rankStandIn.create(db);
      await ingest(workspace(), [...REPORTS, ...LONG_REPORTS]);
      // The index rows as ingestion wrote them before 0019: the same vectors without stem pairs, inline.
      await sql`UPDATE source_search SET vector = ts_delete(vector, ARRAY(SELECT lexeme FROM unnest(vector) WHERE lexeme LIKE '% %'))`.execute(
        db,
      );
      const docs = async () =>
        (
          await sql<{ doc: string; source_id: string }>`SELECT doc, source_id FROM source_search ORDER BY doc`.execute(
            db,
          )
        ).rows;
      const before = await docs();
      const bytesPerRow = async () => {
        const r = await sql<{
          bytes: string;
          n: string;
        }>`SELECT pg_relation_size('source_search') AS bytes, count(*) AS n FROM source_search`.execute(db);
        return Number(r.rows[0]!.bytes) / Number(r.rows[0]!.n);
      };
      expect(await bytesPerRow()).toBeGreaterThan(1000);
      // Phrases are asked for by stem pairs, which the old rows do not have.
      expect((await searchSources(db, 'postgres', '"суд продлил арест"')).total).toBe(0);

      await rankStandIn.drop(db);
      await migrateToLatest(db as Kysely<unknown>);
      expect(await answers(db, 'postgres', PHRASE_QUERIES)).toEqual(expected);
      expect(await docs()).toEqual(before);
      expect(await bytesPerRow()).toBeLessThan(300);
      const storage = await sql<{
        attstorage: string;
      }>`SELECT attstorage FROM pg_attribute WHERE attrelid = 'source_search'::regclass AND attname = 'vector'`.execute(
        db,
      );
      expect(storage.rows[0]!.attstorage).toBe('e');

      // Written afterwards (a new source, a changed one) the rows stay small and are found.
      await ingest(workspace(), [['perm.txt', 'В Перми суд продлил арест двоим участникам акции.']]);
      expect((await searchSources(db, 'postgres', '"суд продлил арест"')).total).toBe(31);
      // ufa.txt has «задержали» and no «суд продлил арест».
      const gone = (
        await db.selectFrom('sources').select('id').where('file_name', '=', 'ufa.txt').executeTakeFirstOrThrow()
      ).id;
      await db.updateTable('sources').set({ deleted_at: '2024-01-02T00:00:00.000Z' }).where('id', '=', gone).execute();
      expect((await searchSources(db, 'postgres', 'задерж*')).total).toBe(expected['задерж*']!.total - 1);
      expect(await bytesPerRow()).toBeLessThan(300);
      // The constraints came along: unique docs, one row per source, deleted with its source.
      const constraints = await sql<{
        contype: string;
        confdeltype: string;
      }>`SELECT contype, confdeltype FROM pg_constraint WHERE conrelid = 'source_search'::regclass ORDER BY contype`.execute(
        db,
      );
      expect(constraints.rows.map((c) => `${c.contype}${c.confdeltype}`)).toEqual(['fc', 'p ', 'u ']);
      // Run again (a workspace whose migration records were lost): the table is left as it is.
      await searchVectorsOutOfLine.up(db as Kysely<unknown>);
      expect((await searchSources(db, 'postgres', '"суд продлил арест"')).total).toBe(31);
    } finally {
      await fresh.dispose();
    }
  });
});

describe.runIf((await testDialects()).includes('postgres'))('migration 0020 over an older PostgreSQL workspace', () => {
  const workspace = unmigratedWorkspaceSuite('postgres');

  /** Each query's total and its page as file names with their scores, in page order. */
  async function rankedAnswers(db: Kysely<Database>) {
    const out: Record<string, { total: number; page: string[] }> = {};
    for (const q of PHRASE_QUERIES) {
      const r = await searchSources(db, 'postgres', q);
      out[q] = { total: r.total, page: r.results.map((h) => `${h.fileName} ${h.score.toFixed(6)}`) };
    }
    return out;
  }

  it('writes the rank vector of every indexed source from its index vector: the pages and scores of a new workspace; runs twice', async () => {
    const fresh = await createTestWorkspace('postgres');
    try {
      await ingest(fresh.workspace, [...REPORTS, ...LONG_REPORTS]);
      const expected = await rankedAnswers(fresh.workspace.db);
      expect(expected['"суд продлил арест"']!.page).toHaveLength(20);

      const db = workspace().db;
      await migrateTo(db as Kysely<unknown>, '0019-search-vectors-out-of-line');
      await rankStandIn.create(db);
      await ingest(workspace(), [...REPORTS, ...LONG_REPORTS]);
      await rankStandIn.drop(db);
      const table = await sql<{ t: string | null }>`SELECT to_regclass('source_search_rank')::text AS t`.execute(db);
      expect(table.rows).toEqual([{ t: null }]);

      await migrateToLatest(db as Kysely<unknown>);
      expect(await rankedAnswers(db)).toEqual(expected);
      // Each index row has one rank row: the stems its source's title and text give.
      const rows = await sql<{ doc: string; title: string | null; text: string }>`SELECT k.doc, s.title, t.text
        FROM source_search AS k JOIN sources AS s ON s.id = k.source_id
        JOIN source_texts AS t ON t.source_id = k.source_id`.execute(db);
      expect(rows.rows).toHaveLength(REPORTS.length + LONG_REPORTS.length);
      for (const row of rows.rows) {
        const { rank } = tsvectorsOf(fieldTerms(row.title), fieldTerms(row.text));
        const same = await sql<{
          same: boolean;
        }>`SELECT vector = ${rank}::tsvector AS same FROM source_search_rank WHERE doc = ${row.doc}`.execute(db);
        expect(same.rows).toEqual([{ same: true }]);
      }

      // Run again (a workspace whose migration records were lost): only missing rows are written.
      await sql`DELETE FROM source_search_rank WHERE doc = (SELECT min(doc) FROM source_search)`.execute(db);
      await searchRankVectors.up(db as Kysely<unknown>);
      await searchRankVectors.up(db as Kysely<unknown>);
      expect(await rankedAnswers(db)).toEqual(expected);
      const count = await sql<{ n: string }>`SELECT count(*) AS n FROM source_search_rank`.execute(db);
      expect(Number(count.rows[0]!.n)).toBe(REPORTS.length + LONG_REPORTS.length);
    } finally {
      await fresh.dispose();
    }
  });
});

describe.runIf((await testDialects()).includes('postgres'))('migration 0021 over an older PostgreSQL workspace', () => {
  const workspace = unmigratedWorkspaceSuite('postgres');
  const deleteSource = (db: Kysely<Database>, fileName: string, deletedAt: string | null) =>
    db.updateTable('sources').set({ deleted_at: deletedAt }).where('file_name', '=', fileName).execute();
  const indexes = async (db: Kysely<Database>) =>
    (
      await sql<{ definition: string }>`SELECT indexdef AS definition FROM pg_indexes
        WHERE tablename = 'source_search' AND indexdef LIKE '%USING gin%'`.execute(db)
    ).rows.map((row) => row.definition);
  const countPlan = async (db: Kysely<Database>) =>
    (
      await sql<{ 'QUERY PLAN': string }>`EXPLAIN SELECT count(*) FROM source_search
        WHERE vector @@ '''задержа'''::tsquery AND deleted_at IS NULL`.execute(db)
    ).rows
      .map((row) => row['QUERY PLAN'])
      .join('\n');

  it('indexes the rows of sources not deleted only, answers as before, and follows deletions both ways; runs twice', async () => {
    const db = workspace().db;
    await migrateTo(db as Kysely<unknown>, '0020-search-rank-vectors');
    await ingest(workspace(), REPORTS);
    await deleteSource(db, 'samara.txt', '2026-12-01T00:00:00.000Z');
    const before = await answers(db, 'postgres');
    expect(before['задерж*']!.files).toEqual(['kazan.txt', 'ufa.txt']);
    expect(await indexes(db)).toEqual([expect.stringMatching(/^CREATE INDEX source_search_vector ON .* \(vector\)$/)]);

    await migrateToLatest(db as Kysely<unknown>);
    expect(await indexes(db)).toEqual([
      expect.stringMatching(/^CREATE INDEX source_search_live ON .* \(vector\) WHERE \(deleted_at IS NULL\)$/),
    ]);
    expect(await answers(db, 'postgres')).toEqual(before);
    // The index says the condition holds: PostgreSQL no longer tests it on each match's row.
    const plan = await db.transaction().execute(async (trx) => {
      await sql`SET LOCAL enable_seqscan = off`.execute(trx);
      return countPlan(trx);
    });
    expect(plan).toContain('Bitmap Index Scan on source_search_live');
    expect(plan).not.toContain('Filter');

    // Restored, a source is found again; deleted, it is not.
    await deleteSource(db, 'samara.txt', null);
    await deleteSource(db, 'ufa.txt', '2026-12-02T00:00:00.000Z');
    expect((await answers(db, 'postgres'))['задерж*']!.files).toEqual(['kazan.txt', 'samara.txt']);

    await searchLiveIndex.up(db as Kysely<unknown>);
    expect(await indexes(db)).toHaveLength(1);
    expect((await answers(db, 'postgres'))['задерж*']!.files).toEqual(['kazan.txt', 'samara.txt']);
  });
});

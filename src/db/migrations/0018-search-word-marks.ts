import { type Kysely, sql } from 'kysely';
import { fieldTerms, ftsFieldText } from '../../search/document-terms.js';
import { parameterChunks } from '../parameter-chunks.js';
import { dialectTypes } from './dialect-types.js';

/**
 * The SQLite search index in two columns, title and body, each holding a field's stems followed by its words marked
 * with '=' (`ftsFieldText`), as the PostgreSQL vector marks them — where the stems and the words had been four
 * columns. A query then names no columns: FTS5 had read the position list of every match to test its column (a
 * column filter), which at a million reports was about 40 % of counting a common word (26 → 15 ms) and of bm25's
 * pass over it (21 → 11 ms). Prefix indexes stay for word prefixes of 4 to 7 letters, which the mark makes 5 to 8
 * characters long (migration 0017's reason for them stands).
 *
 * FTS5 fixes its columns and options when the table is created: the table is made again under its name and every
 * indexed source written into it from its stored text, at the rowid it had (source_search_keys keeps it), with the
 * terms ingestion writes. Idempotent: a table that already marks its words is left alone.
 */
export const SEARCH_PREFIXES = '5 6 7 8';

export async function up(db: Kysely<unknown>): Promise<void> {
  if (dialectTypes(db).postgres) return;
  const table = await sql<{
    sql: string;
  }>`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'source_search'`.execute(db);
  if (table.rows[0]?.sql.includes('tokenchars')) return;
  await sql`DROP TABLE IF EXISTS source_search_marked`.execute(db);
  await sql`CREATE VIRTUAL TABLE source_search_marked USING fts5(
    title, body,
    content='', contentless_delete=1, tokenize="ascii tokenchars '='", detail=full, prefix=${sql.lit(SEARCH_PREFIXES)}
  )`.execute(db);
  // In batches by rowid, so a large workspace is never read into memory at once.
  const BATCH = 500;
  let after = 0;
  for (;;) {
    const batch = await sql<{
      doc: number;
      title: string | null;
      text: string;
    }>`SELECT k.doc AS doc, s.title AS title, t.text AS text FROM source_search_keys AS k
      INNER JOIN sources AS s ON s.id = k.source_id INNER JOIN source_texts AS t ON t.source_id = k.source_id
      WHERE k.doc > ${after} ORDER BY k.doc LIMIT ${BATCH}`.execute(db);
    if (batch.rows.length === 0) break;
    for (const chunk of parameterChunks(batch.rows, 3)) {
      const values = chunk.map(
        (row) => sql`(${row.doc}, ${ftsFieldText(fieldTerms(row.title))}, ${ftsFieldText(fieldTerms(row.text))})`,
      );
      await sql`INSERT INTO source_search_marked (rowid, title, body) VALUES ${sql.join(values)}`.execute(db);
    }
    after = batch.rows[batch.rows.length - 1]!.doc;
  }
  await sql`DROP TABLE source_search`.execute(db);
  await sql`ALTER TABLE source_search_marked RENAME TO source_search`.execute(db);
}

/** The layout stays: it changes no result, only how fast matches are counted. */
export async function down(_db: Kysely<unknown>): Promise<void> {}

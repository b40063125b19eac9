import { type Kysely, sql } from 'kysely';
import { fieldTerms } from '../../search/document-terms.js';
import { parameterChunks } from '../parameter-chunks.js';
import { dialectTypes } from './dialect-types.js';

/**
 * FTS5 prefix indexes for prefixes of 4 to 7 characters (SQLite only): `задерж*` or `protest*` read one prepared
 * list instead of merging the lists of every word that begins so, which a search did up to four times (count, newest
 * window, ranking). At 100,000 reports prefix queries went from p95 33 to 9 ms and the whole query mix from 24.5 to
 * 11.8 ms; indexing writes each word's prefixes too (the index build of the search benchmark: 9,479 → 5,342
 * reports/s). Shorter prefixes match too many words to be worth an index of their own; longer ones cover few words
 * and stay cheap without one.
 *
 * FTS5 takes the option only when the table is created: the table is made again under its name and every indexed
 * source written into it from its stored text, at the rowid it had (source_search_keys keeps it), with the terms
 * ingestion writes (`fieldTerms`). Idempotent: a table that already has the option is left alone.
 */
export const SEARCH_PREFIXES = '4 5 6 7';

export async function up(db: Kysely<unknown>): Promise<void> {
  if (dialectTypes(db).postgres) return;
  const table = await sql<{
    sql: string;
  }>`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'source_search'`.execute(db);
  if (table.rows[0]?.sql.includes('prefix=')) return;
  await sql`CREATE VIRTUAL TABLE source_search_prefixed USING fts5(
    title, body, title_words, body_words,
    content='', contentless_delete=1, tokenize='ascii', detail=full, prefix=${sql.lit(SEARCH_PREFIXES)}
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
    for (const chunk of parameterChunks(batch.rows, 5)) {
      const values = chunk.map((row) => {
        const title = fieldTerms(row.title);
        const body = fieldTerms(row.text);
        return sql`(${row.doc}, ${title.stems.join(' ')}, ${body.stems.join(' ')}, ${title.words.join(' ')}, ${body.words.join(' ')})`;
      });
      await sql`INSERT INTO source_search_prefixed (rowid, title, body, title_words, body_words) VALUES ${sql.join(values)}`.execute(
        db,
      );
    }
    after = batch.rows[batch.rows.length - 1]!.doc;
  }
  await sql`DROP TABLE source_search`.execute(db);
  await sql`ALTER TABLE source_search_prefixed RENAME TO source_search`.execute(db);
}

/** The prefix indexes stay: they change no result, only how fast a prefix is found. */
export async function down(_db: Kysely<unknown>): Promise<void> {}

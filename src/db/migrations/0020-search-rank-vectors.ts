import { type Kysely, sql } from 'kysely';
import { analyzeIfFilled } from './analyze.js';
import { dialectTypes } from './dialect-types.js';

/**
 * Rank vectors for PostgreSQL's search (SQLite is left as it is): `source_search_rank` holds, under each index row's
 * `doc`, the row's stems alone at their positions and weights — what `tsvectorsOf` writes as `rank`, about a
 * quarter of the index vector (850 bytes for a short report), which has every word twice and each pair of stems as
 * well. A page ranks its 2,000 newest matches; from the index vectors, kept in the TOAST table since migration 0019,
 * that took 10 ms at 100,000 reports, from these rows 4 ms. They stay inline (`toast_tuple_target` at its largest):
 * the table is read only by ranking, a row at a time by `doc`, so its size slows no count.
 *
 * Filled from the index vectors themselves: their stems are the lexemes that are neither a marked word (`=`), nor a
 * block (`~`), nor a pair (two stems and a space). Idempotent: run again, it writes only the rows missing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!dialectTypes(db).postgres) return;
  await sql`CREATE TABLE IF NOT EXISTS source_search_rank (
    doc bigint PRIMARY KEY REFERENCES source_search (doc) ON DELETE CASCADE,
    vector tsvector NOT NULL
  ) WITH (toast_tuple_target = 8160)`.execute(db);
  await sql`INSERT INTO source_search_rank (doc, vector)
    SELECT k.doc, ts_delete(k.vector, ARRAY(SELECT lexeme FROM unnest(k.vector)
      WHERE lexeme LIKE '=%' OR lexeme LIKE '~%' OR lexeme LIKE '% %'))
    FROM source_search AS k
    WHERE NOT EXISTS (SELECT 1 FROM source_search_rank AS r WHERE r.doc = k.doc)`.execute(db);
  // And the index rows again: a workspace made empty by 0019 before `analyzeIfFilled` had them analyzed as empty.
  await analyzeIfFilled(db, 'source_search');
  await analyzeIfFilled(db, 'source_search_rank');
}

/** The table stays: ranking reads it, and it changes no result but the scores' scale. */
export async function down(_db: Kysely<unknown>): Promise<void> {}

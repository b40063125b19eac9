import { type Kysely, sql } from 'kysely';
import { dialectTypes } from './dialect-types.js';

/**
 * On SQLite, an index of the only index rows a signed-in reader can be refused: deleted sources and those neither
 * public nor internal. When none of them is hidden from the reader, search counts a query's matches in FTS5 alone,
 * without reading each match's filter row (src/search/sqlite.ts, `hiddenDocs`): a word found in half of 100,000
 * reports is counted in 5 ms instead of 16. Partial, so it holds those few rows only and costs ordinary ingestion
 * nothing. PostgreSQL counts from its index rows as before (migration 0011).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (dialectTypes(db).postgres) return;
  await sql`CREATE INDEX IF NOT EXISTS source_search_keys_maybe_hidden ON source_search_keys (doc)
    WHERE deleted_at IS NOT NULL OR confidentiality IS NULL OR confidentiality NOT IN ('public', 'internal')`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (dialectTypes(db).postgres) return;
  await sql`DROP INDEX IF EXISTS source_search_keys_maybe_hidden`.execute(db);
}

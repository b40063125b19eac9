import { type Kysely, sql } from 'kysely';
import { dialectTypes } from './dialect-types.js';

/**
 * Full-text index over sources (DESIGN §6), inside the workspace database so it is written in the same transaction
 * as the source it indexes and can never drift out of sync with it.
 *
 * Both dialects store terms computed in code by src/search (stem.ts), never by the database:
 * - SQLite: FTS5 has no Russian stemmer. A contentless FTS5 table (`content=''`, `contentless_delete=1`: the text
 *   already lives in source_texts, a second copy would double the file) with four columns at the same token
 *   positions — stems of the title and body, for words and phrases, and the normalized words themselves, for
 *   prefix queries («навальн*» means words starting so, not stems). The `ascii` tokenizer only splits on ASCII
 *   punctuation, which the indexed terms never contain, so every term reaches FTS5 exactly as Chronicle computed
 *   it. FTS5 rowids map to sources through source_search_keys.
 * - PostgreSQL: one tsvector per source with a GIN index, built from the same terms (stems as lexemes, normalized
 *   words as '=word' lexemes at the same positions; title weighted A). Not `to_tsvector('russian'|'english', …)`:
 *   those configurations are the same Snowball algorithms, but they take one language per document (reports mix
 *   Cyrillic and Latin names), tokenize differently from FTS5, drop stop words FTS5 keeps and do not join
 *   «задержания» with «задержан». Stemming once in code gives the same matches on both databases.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = dialectTypes(db);
  if (t.postgres) {
    // `doc` numbers rows in the order sources were first indexed, as FTS5 rowids do on SQLite (see RANK_WINDOW in
    // src/search/filters.ts).
    await sql`CREATE TABLE IF NOT EXISTS source_search (
      source_id text PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
      doc bigserial NOT NULL UNIQUE,
      vector tsvector NOT NULL
    )`.execute(db);
    await sql`CREATE INDEX IF NOT EXISTS source_search_vector ON source_search USING gin (vector)`.execute(db);
    return;
  }
  await sql`CREATE TABLE IF NOT EXISTS source_search_keys (
    doc INTEGER PRIMARY KEY,
    source_id TEXT NOT NULL UNIQUE REFERENCES sources(id) ON DELETE CASCADE
  )`.execute(db);
  await sql`CREATE VIRTUAL TABLE IF NOT EXISTS source_search USING fts5(
    title, body, title_words, body_words,
    content='', contentless_delete=1, tokenize='ascii', detail=full
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS source_search`.execute(db);
  await sql`DROP TABLE IF EXISTS source_search_keys`.execute(db);
}

import { type Kysely, sql } from 'kysely';
import { fieldTerms } from '../../search/document-terms.js';
import { indexedVector } from '../../search/postgres.js';
import { tsvectorsOf } from '../../search/tsvector.js';
import { parameterChunks } from '../parameter-chunks.js';
import { analyzeIfFilled } from './analyze.js';
import { dialectTypes } from './dialect-types.js';

/**
 * PostgreSQL's search rows made small, and phrases answered by the index (SQLite is left as it is).
 *
 * A search's exact total visits the heap row of every match, since a GIN index cannot say on its own whether a row
 * is visible. Each row carried its tsvector inline (about 1.6 kB for a short report), so counting a word in half of
 * 100,000 reports read 19,390 pages (100–300 ms). PostgreSQL moves a value out of line only when a row exceeds
 * 2 kB, whatever `toast_tuple_target` says, so each row now also holds `toast_pad`: 2 kB of spaces, which take the
 * row over the threshold on every write; the toaster then compresses the pad to 35 bytes and moves the vector out
 * of line, down to the 128-byte target. A row is now about 100 bytes, and the same count reads 1,640 pages (5–10 ms).
 * Ranking still reads the 2,000 vectors it scores, from the TOAST table, where they are kept uncompressed (pglz's
 * decompression was half of reading them).
 *
 * A phrase could not use that: the index finds the reports holding its words, and PostgreSQL reads each one's vector
 * to compare positions. Vectors now also hold each pair of adjacent stems (`tsvectorsOf`), and `toTsquery` asks
 * for a phrase by its pairs. And they hold the lexemes of their `doc`'s blocks (`indexedVector`), through which a
 * page reads the rows of the newest matches only.
 *
 * The table is made again beside the old one and every indexed source written into it from its stored text, with
 * the `doc` number and filter columns it had, then put in its place. Idempotent: a table with `toast_pad` is left
 * alone.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (!dialectTypes(db).postgres) return;
  const padded = await sql<{ n: number }>`SELECT count(*)::int AS n FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = 'source_search' AND column_name = 'toast_pad'`.execute(db);
  if (padded.rows[0]!.n > 0) return;
  await sql`DROP TABLE IF EXISTS source_search_next`.execute(db);
  await sql`CREATE TABLE source_search_next (
    source_id text NOT NULL,
    doc bigint NOT NULL DEFAULT nextval('source_search_doc_seq'),
    vector tsvector NOT NULL,
    deleted_at text,
    language text,
    published_at text,
    confidentiality text,
    toast_pad text NOT NULL DEFAULT repeat(' ', 2048)
  ) WITH (toast_tuple_target = 128)`.execute(db);
  // Uncompressed: ranking reads 2,000 vectors a search, and pglz's decompression had been half of that time.
  await sql`ALTER TABLE source_search_next ALTER COLUMN vector SET STORAGE EXTERNAL`.execute(db);
  // In batches by doc, so a large workspace is never read into memory at once.
  const BATCH = 500;
  let after = 0;
  for (;;) {
    const batch = await sql<{
      doc: string;
      source_id: string;
      title: string | null;
      text: string;
    }>`SELECT k.doc AS doc, k.source_id AS source_id, s.title AS title, t.text AS text FROM source_search AS k
      INNER JOIN sources AS s ON s.id = k.source_id INNER JOIN source_texts AS t ON t.source_id = k.source_id
      WHERE k.doc > ${after} ORDER BY k.doc LIMIT ${BATCH}`.execute(db);
    if (batch.rows.length === 0) break;
    for (const chunk of parameterChunks(batch.rows, 2)) {
      const values = chunk.map(
        (row) => sql`(${row.source_id}, ${tsvectorsOf(fieldTerms(row.title), fieldTerms(row.text)).vector}::tsvector)`,
      );
      await sql`INSERT INTO source_search_next (source_id, doc, vector, deleted_at, language, published_at, confidentiality)
        SELECT k.source_id, k.doc, ${indexedVector(sql.ref('v.vector'), sql.ref('k.doc'))}, k.deleted_at, k.language, k.published_at, k.confidentiality
        FROM (VALUES ${sql.join(values)}) AS v (source_id, vector) JOIN source_search AS k ON k.source_id = v.source_id`.execute(
        db,
      );
    }
    after = Number(batch.rows[batch.rows.length - 1]!.doc);
  }
  // The sequence numbering `doc` belongs to the old table's column and would go with it.
  await sql`ALTER SEQUENCE source_search_doc_seq OWNED BY source_search_next.doc`.execute(db);
  await sql`DROP TABLE source_search`.execute(db);
  await sql`ALTER TABLE source_search_next RENAME TO source_search`.execute(db);
  await sql`ALTER TABLE source_search ADD CONSTRAINT source_search_pkey PRIMARY KEY (source_id)`.execute(db);
  await sql`ALTER TABLE source_search ADD CONSTRAINT source_search_doc_key UNIQUE (doc)`.execute(db);
  await sql`ALTER TABLE source_search ADD CONSTRAINT source_search_source_id_fkey
    FOREIGN KEY (source_id) REFERENCES sources(id) ON DELETE CASCADE`.execute(db);
  await sql`CREATE INDEX source_search_vector ON source_search USING gin (vector)`.execute(db);
  await analyzeIfFilled(db, 'source_search');
}

/** The layout stays: the vectors' pairs and their place change no result, only how fast matches are counted. */
export async function down(_db: Kysely<unknown>): Promise<void> {}

import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../db/connection.js';
import { parameterChunks } from '../db/parameter-chunks.js';
import type { Database } from '../db/schema.js';
import { ChronicleError } from '../shared/errors.js';
import { fieldTerms, ftsFieldText } from './document-terms.js';
import { writeIndexRows } from './postgres.js';
import type { IndexableSource } from './search-sources.js';
import { tsvectorsOf } from './tsvector.js';

/**
 * `indexSource` for many sources of one transaction (ingestion's group commit), in a few multi-row statements.
 * On SQLite this also keeps FTS5 from flushing its pending terms into a new segment per source: FTS5 flushes at
 * every savepoint, and every statement that needs a statement journal (an upsert) opens one, so the keys are
 * written first, all at once, and the FTS5 rows after them. Must run inside the caller's transaction.
 * `await indexSources(trx, 'sqlite', [{ sourceId: '01J…', title: null, text: 'Суд…', language: 'ru' }, …])`.
 */
export async function indexSources(
  db: Kysely<Database>,
  dialect: DialectName,
  docs: readonly IndexableSource[],
): Promise<void> {
  if (docs.some((doc) => typeof doc.text !== 'string'))
    throw new ChronicleError('VALIDATION', 'a source to index needs its text');
  if (!db.isTransaction) throw new ChronicleError('INTERNAL', 'indexSources must run inside a transaction');
  // One row per source, the last given winning as with repeated indexSource calls: PostgreSQL refuses an upsert
  // that touches the same row twice.
  const unique = [...new Map(docs.map((doc) => [doc.sourceId, doc])).values()];
  if (unique.length === 0) return;
  if (dialect === 'postgres') await indexPostgresRows(db, unique);
  else await indexSqliteRows(db, unique);
}

async function indexSqliteRows(db: Kysely<Database>, docs: readonly IndexableSource[]): Promise<void> {
  const rowids = new Map<string, number>();
  for (const chunk of parameterChunks(docs, 1)) {
    // The same upsert as indexSqlite: a source indexed before keeps its FTS5 rowid and is replaced in place, and
    // the key row carries the source's filter columns (migration 0011).
    const keys = await sql<{ doc: number; source_id: string }>`INSERT INTO source_search_keys
        (source_id, deleted_at, language, published_at, confidentiality)
      SELECT id, deleted_at, language, published_at, confidentiality FROM sources
      WHERE id IN (${sql.join(chunk.map((doc) => doc.sourceId))})
      ON CONFLICT (source_id) DO UPDATE SET deleted_at = excluded.deleted_at, language = excluded.language,
        published_at = excluded.published_at, confidentiality = excluded.confidentiality
      RETURNING doc, source_id`.execute(db);
    for (const key of keys.rows) rowids.set(key.source_id, key.doc);
  }
  const missing = docs.find((doc) => !rowids.has(doc.sourceId));
  if (missing) throw new ChronicleError('NOT_FOUND', `source ${missing.sourceId} not found`);
  for (const chunk of parameterChunks(docs, 3)) {
    const rows = chunk.map(
      (doc) =>
        sql`(${rowids.get(doc.sourceId)!}, ${ftsFieldText(fieldTerms(doc.title))}, ${doc.ftsBody ?? ftsFieldText(fieldTerms(doc.text))})`,
    );
    await sql`INSERT OR REPLACE INTO source_search (rowid, title, body) VALUES ${sql.join(rows)}`.execute(db);
  }
}

async function indexPostgresRows(db: Kysely<Database>, docs: readonly IndexableSource[]): Promise<void> {
  for (const chunk of parameterChunks(docs, 3)) {
    const rows = chunk.map((doc) => ({
      sourceId: doc.sourceId,
      ...(doc.indexVectors?.title === doc.title
        ? doc.indexVectors
        : tsvectorsOf(fieldTerms(doc.title), fieldTerms(doc.text))),
    }));
    if ((await writeIndexRows(db, rows)) !== chunk.length)
      throw new ChronicleError('NOT_FOUND', 'a source to index was not found');
  }
}

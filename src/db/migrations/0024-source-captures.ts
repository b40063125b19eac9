import type { Kysely } from 'kysely';

/**
 * Each later time a source's bytes came in (src/sources/captures.ts): the same press release saved from another
 * outlet's site, the same PDF attached to a second letter, an archive holding a file stored before. The source stays
 * one — the first capture is its own row (`captured_at`, `file_name`, `parent_id`) — and each later one keeps where
 * it came from and what was given with it, so that a letter still lists the attachment it was sent with and a
 * report's second address is not lost. Only new tables: nothing stored before changes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('source_captures')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source_id', 'text', (c) => c.notNull().references('sources.id'))
    .addColumn('parent_id', 'text', (c) => c.references('sources.id'))
    .addColumn('relation', 'text')
    .addColumn('file_name', 'text')
    .addColumn('title', 'text')
    .addColumn('publisher', 'text')
    .addColumn('author', 'text')
    .addColumn('url', 'text')
    .addColumn('published_at', 'text')
    .addColumn('captured_at', 'text', (c) => c.notNull())
    .addColumn('ingested_by', 'text')
    .execute();
  await db.schema
    .createIndex('source_captures_source')
    .ifNotExists()
    .on('source_captures')
    .column('source_id')
    .execute();
  await db.schema
    .createIndex('source_captures_parent')
    .ifNotExists()
    .on('source_captures')
    .column('parent_id')
    .execute();
}

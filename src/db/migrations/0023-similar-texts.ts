import type { Kysely } from 'kysely';

/**
 * Reports republished with small changes (src/sources/similar-texts.ts). `text_bands`: the keys a text's wording is
 * filed under (`bandKeys`), so that texts sharing a key are compared without comparing every pair. `similar_texts`:
 * a source linked as a near-duplicate because its wording is mostly another's — the source it matched and the share
 * of wording in common — kept apart from exact copies (same text), which need no explanation and cannot be unlinked.
 * `distinct_texts`: pairs a person said are two reports, never linked again (the lower id first).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('text_bands')
    .ifNotExists()
    .addColumn('band_key', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull().references('sources.id'))
    .addPrimaryKeyConstraint('text_bands_pk', ['band_key', 'source_id'])
    .execute();
  await db.schema.createIndex('text_bands_source').ifNotExists().on('text_bands').column('source_id').execute();
  await db.schema
    .createTable('similar_texts')
    .ifNotExists()
    .addColumn('source_id', 'text', (c) => c.primaryKey().references('sources.id'))
    .addColumn('similar_to', 'text', (c) => c.notNull().references('sources.id'))
    .addColumn('similarity', 'real', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('similar_texts_to').ifNotExists().on('similar_texts').column('similar_to').execute();
  await db.schema
    .createTable('distinct_texts')
    .ifNotExists()
    .addColumn('source_id', 'text', (c) => c.notNull().references('sources.id'))
    .addColumn('other_id', 'text', (c) => c.notNull().references('sources.id'))
    .addColumn('user_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('distinct_texts_pk', ['source_id', 'other_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('distinct_texts').ifExists().execute();
  await db.schema.dropTable('similar_texts').ifExists().execute();
  await db.schema.dropTable('text_bands').ifExists().execute();
}

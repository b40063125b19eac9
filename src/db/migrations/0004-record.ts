import { type Kysely, sql } from 'kysely';

/**
 * The record domain (issue 7): two bookkeeping tables and the indexes its queries need.
 * - `name_keys`: the normalized name of each person name, organization, place and case (lower case, ё→е), so
 *   staging links a mention to an existing accepted record with one indexed lookup on both dialects (SQLite's
 *   lower() folds only ASCII, so the key is computed in code, never by the database).
 * - `staged_records`: which rows a source's extraction created and with which extractor version, so re-staging
 *   with a newer extractor removes exactly those that are still proposed and never an accepted or rejected one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('name_keys')
    .ifNotExists()
    .addColumn('record_table', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('name_keys_pk', ['record_table', 'name_key', 'record_id'])
    .execute();
  await db.schema
    .createIndex('name_keys_record')
    .ifNotExists()
    .on('name_keys')
    .columns(['record_table', 'record_id'])
    .execute();

  await db.schema
    .createTable('staged_records')
    .ifNotExists()
    .addColumn('source_id', 'text', (c) => c.notNull().references('sources.id'))
    .addColumn('record_table', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('extractor_version', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('staged_records_pk', ['source_id', 'record_table', 'record_id'])
    .execute();
  await db.schema
    .createIndex('staged_records_record')
    .ifNotExists()
    .on('staged_records')
    .columns(['record_table', 'record_id'])
    .execute();

  await db.schema
    .createIndex('event_participants_entity')
    .ifNotExists()
    .on('event_participants')
    .columns(['entity_type', 'entity_id'])
    .execute();
  await db.schema.createIndex('evidence_source').ifNotExists().on('evidence').column('source_id').execute();
  await db.schema.createIndex('events_source').ifNotExists().on('events').column('source_id').execute();
  await db.schema.createIndex('case_parties_person').ifNotExists().on('case_parties').column('person_id').execute();
  await db.schema
    .createIndex('record_versions_lookup')
    .ifNotExists()
    .on('record_versions')
    .columns(['record_table', 'record_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS staged_records`.execute(db);
  await sql`DROP TABLE IF EXISTS name_keys`.execute(db);
}

import { type Kysely, sql } from 'kysely';
import { dialectTypes } from './dialect-types.js';

/** The whole data model of DESIGN §4. Later issues fill the tables; this migration only creates them. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = dialectTypes(db);
  const now = t.postgres
    ? sql`(to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`
    : sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

  await db.schema
    .createTable('blobs')
    .ifNotExists()
    .addColumn('sha256', 'text', (c) => c.primaryKey())
    .addColumn('bytes', t.bytes, (c) => c.notNull())
    .addColumn('byte_size', t.bigint, (c) => c.notNull())
    .addColumn('encryption', 'text', (c) => c.notNull().defaultTo('none'))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable('sources')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sha256', 'text', (c) => c.notNull().unique().references('blobs.sha256'))
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('byte_size', t.bigint, (c) => c.notNull())
    .addColumn('file_name', 'text')
    .addColumn('title', 'text')
    .addColumn('publisher', 'text')
    .addColumn('author', 'text')
    .addColumn('url', 'text')
    .addColumn('language', 'text')
    .addColumn('published_at', 'text')
    .addColumn('captured_at', 'text', (c) => c.notNull())
    .addColumn('reliability', 'text')
    .addColumn('confidentiality', 'text', (c) => c.notNull().defaultTo('internal'))
    .addColumn('ingested_by', 'text')
    .addColumn('parent_id', 'text', (c) => c.references('sources.id'))
    .addColumn('relation', 'text')
    .addColumn('text_sha256', 'text')
    .addColumn('near_duplicate_of', 'text', (c) => c.references('sources.id'))
    .addColumn('needs_ocr', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('metadata', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema.createIndex('sources_text_sha256').ifNotExists().on('sources').column('text_sha256').execute();
  await db.schema.createIndex('sources_published_at').ifNotExists().on('sources').column('published_at').execute();
  await db.schema.createIndex('sources_parent').ifNotExists().on('sources').column('parent_id').execute();

  await db.schema
    .createTable('source_texts')
    .ifNotExists()
    .addColumn('source_id', 'text', (c) => c.primaryKey().references('sources.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('extractor', 'text', (c) => c.notNull())
    .addColumn('extractor_version', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('persons')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('gender', 'text')
    .addColumn('birth_year', 'integer')
    .addColumn('status', 'text')
    .addColumn('status_override', 'text')
    .addColumn('status_reason', 'text')
    .addColumn('notes', 'text')
    .addColumn('confidentiality', 'text', (c) => c.notNull().defaultTo('internal'))
    .addColumn('consent_to_publish', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('review_status', 'text', (c) => c.notNull().defaultTo('proposed'))
    .addColumn('merged_into', 'text', (c) => c.references('persons.id'))
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();

  await db.schema
    .createTable('person_names')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('script', 'text')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('primary'))
    .addColumn('source_id', 'text', (c) => c.references('sources.id'))
    .execute();
  await db.schema.createIndex('person_names_person').ifNotExists().on('person_names').column('person_id').execute();

  await db.schema
    .createTable('organizations')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text')
    .addColumn('confidentiality', 'text', (c) => c.notNull().defaultTo('internal'))
    .addColumn('review_status', 'text', (c) => c.notNull().defaultTo('proposed'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();

  await db.schema
    .createTable('places')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text')
    .addColumn('country', 'text')
    .addColumn('region', 'text')
    .addColumn('lat', t.real)
    .addColumn('lon', t.real)
    .addColumn('gazetteer_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();

  await db.schema
    .createTable('cases')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('jurisdiction', 'text')
    .addColumn('articles', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('opened_on', 'text')
    .addColumn('status', 'text')
    .addColumn('court', 'text')
    .addColumn('notes', 'text')
    .addColumn('confidentiality', 'text', (c) => c.notNull().defaultTo('internal'))
    .addColumn('review_status', 'text', (c) => c.notNull().defaultTo('proposed'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();

  await db.schema
    .createTable('case_parties')
    .ifNotExists()
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('case_parties_pk', ['case_id', 'person_id', 'role'])
    .execute();

  await db.schema
    .createTable('events')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('date', 'text')
    .addColumn('date_precision', 'text')
    .addColumn('date_end', 'text')
    .addColumn('place_id', 'text', (c) => c.references('places.id'))
    .addColumn('case_id', 'text', (c) => c.references('cases.id'))
    .addColumn('sentence_years', t.real)
    .addColumn('fine_amount', t.real)
    .addColumn('description', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('proposed'))
    .addColumn('confidence', t.real)
    .addColumn('confidentiality', 'text', (c) => c.notNull().defaultTo('internal'))
    .addColumn('source_id', 'text', (c) => c.references('sources.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema.createIndex('events_type_date').ifNotExists().on('events').columns(['type', 'date']).execute();

  await db.schema
    .createTable('event_participants')
    .ifNotExists()
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id'))
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('event_participants_pk', ['event_id', 'entity_type', 'entity_id', 'role'])
    .execute();

  await db.schema
    .createTable('mentions')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source_id', 'text', (c) => c.notNull().references('sources.id'))
    .addColumn('start', 'integer', (c) => c.notNull())
    .addColumn('end', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('canonical', 'text')
    .addColumn('confidence', t.real)
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('proposed'))
    .addColumn('extractor_version', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mentions_source').ifNotExists().on('mentions').column('source_id').execute();
  await db.schema.createIndex('mentions_entity').ifNotExists().on('mentions').column('entity_id').execute();

  await db.schema
    .createTable('evidence')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('target_table', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('target_field', 'text')
    .addColumn('source_id', 'text', (c) => c.notNull().references('sources.id'))
    .addColumn('start', 'integer', (c) => c.notNull())
    .addColumn('end', 'integer', (c) => c.notNull())
    .addColumn('quote', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('evidence_target')
    .ifNotExists()
    .on('evidence')
    .columns(['target_table', 'target_id'])
    .execute();

  await db.schema
    .createTable('relationships')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('from_person_id', 'text', (c) => c.notNull().references('persons.id'))
    .addColumn('to_entity_type', 'text', (c) => c.notNull())
    .addColumn('to_entity_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('evidence_id', 'text', (c) => c.references('evidence.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('users')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('totp_secret', 'text')
    .addColumn('recovery_codes', 'text')
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();

  await db.schema
    .createTable('groups')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .execute();

  await db.schema
    .createTable('user_groups')
    .ifNotExists()
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id'))
    .addPrimaryKeyConstraint('user_groups_pk', ['user_id', 'group_id'])
    .execute();

  await db.schema
    .createTable('record_groups')
    .ifNotExists()
    .addColumn('record_table', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('group_id', 'text', (c) => c.notNull().references('groups.id'))
    .addPrimaryKeyConstraint('record_groups_pk', ['record_table', 'record_id', 'group_id'])
    .execute();

  await db.schema
    .createTable('audit_log')
    .ifNotExists()
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target', 'text')
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull().unique())
    .execute();

  await db.schema
    .createTable('record_versions')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('record_table', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('record_versions_record')
    .ifNotExists()
    .on('record_versions')
    .columns(['record_table', 'record_id', 'version'])
    .execute();

  await db.schema
    .createTable('jobs')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('queued'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull().defaultTo(3))
    .addColumn('lease_until', 'text')
    .addColumn('worker_id', 'text')
    .addColumn('error', 'text')
    .addColumn('result', 'text')
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('jobs_status').ifNotExists().on('jobs').columns(['status', 'created_at']).execute();
}

import { type Kysely, sql } from 'kysely';

/**
 * Relationships between people and from people to organizations (issue 7: "mother of, lawyer of, member of").
 * The table came with the core schema; the record domain now writes it, and needs:
 * - `deleted_at`, so a relationship entered by mistake is soft-deleted and keeps its history like every record;
 * - `note` (how we know: "per his mother's letter") and `created_by`, the user who entered it;
 * - indexes for the two ways a person page reads them (from the person, and to the person as the other end).
 * The people table (issue 5) lands with it and pages 100,000 people by name: an index on `persons.display_name`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('relationships').addColumn('deleted_at', 'text').execute();
  await db.schema.alterTable('relationships').addColumn('note', 'text').execute();
  await db.schema.alterTable('relationships').addColumn('created_by', 'text').execute();
  await db.schema
    .createIndex('relationships_from')
    .ifNotExists()
    .on('relationships')
    .column('from_person_id')
    .execute();
  await db.schema
    .createIndex('relationships_to')
    .ifNotExists()
    .on('relationships')
    .columns(['to_entity_type', 'to_entity_id'])
    .execute();
  await db.schema
    .createIndex('persons_display_name')
    .ifNotExists()
    .on('persons')
    .columns(['display_name', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS persons_display_name`.execute(db);
  await sql`DROP INDEX IF EXISTS relationships_to`.execute(db);
  await sql`DROP INDEX IF EXISTS relationships_from`.execute(db);
  await db.schema.alterTable('relationships').dropColumn('created_by').execute();
  await db.schema.alterTable('relationships').dropColumn('note').execute();
  await db.schema.alterTable('relationships').dropColumn('deleted_at').execute();
}

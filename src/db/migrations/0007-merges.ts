import { type Kysely, sql } from 'kysely';
import { dialectTypes } from './dialect-types.js';

/**
 * Reversible merges and splits of persons (issues 4 and 5).
 * - `merge_proposals`: pairs of persons the names resolver thinks may be one person, with its score and the
 *   explanation (`why`, JSON), and a documentalist's decision: pending, merged or kept_apart. One row per pair
 *   (`person_a` < `person_b`), so a pair kept apart is never proposed again.
 * - `person_merges`: every merge and split done, with exactly what moved (`moved`, JSON: the ids and former values of
 *   names, event participants, case parties, relationships, mentions and evidence) and the persons' rows before
 *   (`before`, JSON), so undo restores the previous state row for row.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = dialectTypes(db);
  await db.schema
    .createTable('merge_proposals')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_a', 'text', (c) => c.notNull().references('persons.id'))
    .addColumn('person_b', 'text', (c) => c.notNull().references('persons.id'))
    .addColumn('score', t.real, (c) => c.notNull())
    .addColumn('why', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('merge_proposals_pair', ['person_a', 'person_b'])
    .execute();
  await db.schema
    .createIndex('merge_proposals_status')
    .ifNotExists()
    .on('merge_proposals')
    .columns(['status', 'score'])
    .execute();
  await db.schema
    .createIndex('merge_proposals_person_b')
    .ifNotExists()
    .on('merge_proposals')
    .column('person_b')
    .execute();

  await db.schema
    .createTable('person_merges')
    .ifNotExists()
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('proposal_id', 'text')
    .addColumn('kept_id', 'text', (c) => c.notNull().references('persons.id'))
    .addColumn('other_id', 'text', (c) => c.notNull().references('persons.id'))
    .addColumn('reason', 'text')
    .addColumn('moved', 'text', (c) => c.notNull())
    .addColumn('before', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('undone_by', 'text')
    .addColumn('undone_at', 'text')
    .execute();
  await db.schema.createIndex('person_merges_kept').ifNotExists().on('person_merges').column('kept_id').execute();
  await db.schema.createIndex('person_merges_other').ifNotExists().on('person_merges').column('other_id').execute();
  await db.schema
    .createIndex('relationships_to')
    .ifNotExists()
    .on('relationships')
    .columns(['to_entity_type', 'to_entity_id'])
    .execute();
  await db.schema
    .createIndex('relationships_from')
    .ifNotExists()
    .on('relationships')
    .column('from_person_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS person_merges`.execute(db);
  await sql`DROP TABLE IF EXISTS merge_proposals`.execute(db);
}

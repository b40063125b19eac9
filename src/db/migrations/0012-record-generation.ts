import { type Kysely, sql } from 'kysely';

/**
 * `record_generation`: one row whose `generation` every audited change to the workspace raises, in the transaction
 * of the change (src/audit/chain.ts, `appendAudit`). Whatever is computed from the record — the statistics above
 * all — may be kept while the generation it was computed at is still the current one. It lives in the database, not
 * in a process, so several servers on one PostgreSQL see each other's changes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('record_generation')
    .ifNotExists()
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('generation', 'integer', (c) => c.notNull())
    .execute();
  // Idempotent like the table: a test that writes through today's code into an older workspace creates it early.
  await sql`INSERT INTO record_generation (id, generation) SELECT 1, 0 WHERE NOT EXISTS (SELECT 1 FROM record_generation WHERE id = 1)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('record_generation').ifExists().execute();
}

import { type Kysely, sql } from 'kysely';
import { dialectTypes } from './dialect-types.js';

/**
 * A person's notes on a source (src/sources/source-details.ts): how it reached the group, from whom, how it was
 * checked — the provenance a file cannot say of itself. A nullable column; nothing stored before changes. A column
 * already there (an earlier start killed half-way) is left alone.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const existing = dialectTypes(db).postgres
    ? await sql<{ name: string }>`SELECT column_name AS name FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = 'sources'`.execute(db)
    : await sql<{ name: string }>`SELECT name FROM pragma_table_info('sources')`.execute(db);
  if (existing.rows.some((row) => row.name === 'notes')) return;
  await db.schema.alterTable('sources').addColumn('notes', 'text').execute();
}

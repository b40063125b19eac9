import { type Kysely, sql } from 'kysely';
import { dialectTypes } from './dialect-types.js';

/**
 * `record_versions.action`: what made each version ('review.correct', 'person.update', 'record.delete', … and
 * 'baseline' for the state kept before a record's first recorded change), so a record's history can say who changed
 * what and how without matching versions to audit entries by time. Versions kept before this migration have none
 * (NULL): their action is not guessed from the audit log.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Left alone when already there: a test that writes through today's code into an older workspace adds it early,
  // and a workspace whose migration records were lost runs this again (as 0011 and 0012).
  const existing = dialectTypes(db).postgres
    ? await sql<{
        name: string;
      }>`SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'record_versions'`.execute(
        db,
      )
    : await sql<{ name: string }>`SELECT name FROM pragma_table_info('record_versions')`.execute(db);
  if (existing.rows.some((r) => r.name === 'action')) return;
  await db.schema.alterTable('record_versions').addColumn('action', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('record_versions').dropColumn('action').execute();
}

import { type Kysely, sql } from 'kysely';
import { dialectTypes } from './dialect-types.js';

/**
 * Which accepted event made a case party (src/record/review.ts): accepting a charge, custody or sentence makes its
 * subjects defendants of its case, and taking that event back in review must undo exactly that link, not one an
 * editor set or another accepted event implies. A nullable column, not a foreign key (an export lists case parties
 * before events); null for every party stored before, which taking an event back then leaves alone. A column
 * already there (an earlier start killed half-way) is left alone.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const existing = dialectTypes(db).postgres
    ? await sql<{ name: string }>`SELECT column_name AS name FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = 'case_parties'`.execute(db)
    : await sql<{ name: string }>`SELECT name FROM pragma_table_info('case_parties')`.execute(db);
  if (existing.rows.some((row) => row.name === 'event_id')) return;
  await db.schema.alterTable('case_parties').addColumn('event_id', 'text').execute();
  await db.schema.createIndex('case_parties_event').ifNotExists().on('case_parties').column('event_id').execute();
}

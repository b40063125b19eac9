import type { Kysely } from 'kysely';

/**
 * Statistics count in SQL (src/record/stats.ts). EXPLAIN QUERY PLAN (SQLite) and EXPLAIN ANALYZE (PostgreSQL) of
 * each of its queries at 3k persons / 30k events: the subject joins use the primary keys of event_participants
 * ((event_id, entity_type, …), covering) and persons; places and cases join by id; the filter on type uses
 * events_type_date; PostgreSQL hash-joins whole tables, as a count over all of them should. The one join without
 * an index is events by case_id (the count by article joins each case's articles to the events of that case; the
 * first version of the query had SQLite build "AUTOMATIC PARTIAL COVERING INDEX (status=? AND case_id=?)" on every
 * call). The events browser's filter by case (`/api/v1/events?caseId=`) uses it too.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('events_case').ifNotExists().on('events').column('case_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('events_case').ifExists().execute();
}

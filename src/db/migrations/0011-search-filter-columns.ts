import { type Kysely, sql } from 'kysely';
import { dialectTypes } from './dialect-types.js';

/** The sources columns search filters on (src/search/filters.ts `sourceFilter` and the policy's scope). */
const FILTER_COLUMNS = ['deleted_at', 'language', 'published_at', 'confidentiality'] as const;

/**
 * Search's `total` counts every visible match, so each match was joined to `sources` for its deletion, language,
 * date and confidentiality: at 100k synthetic reports that join was half of a common word's query time on SQLite
 * (53k matches: FTS5 alone 9 ms, + source_search_keys 39 ms, + sources 118 ms). The index row of each source now
 * carries copies of those columns (source_search_keys on SQLite, source_search on PostgreSQL), so the count reads
 * the index tables only. Triggers on `sources` keep the copies in the same transaction as every update, whichever
 * code path makes it (soft delete, restore, imports, confidentiality changes).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = dialectTypes(db);
  const table = t.postgres ? 'source_search' : 'source_search_keys';
  // Columns already there are left alone: a workspace whose earlier start was killed half-way through this
  // migration (before SQLite migrations ran in a transaction) has some of them without the migration's record.
  const existing = t.postgres
    ? await sql<{
        name: string;
      }>`SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ${table}`.execute(
        db,
      )
    : await sql<{ name: string }>`SELECT name FROM pragma_table_info(${table})`.execute(db);
  const present = new Set(existing.rows.map((r) => r.name));
  for (const column of FILTER_COLUMNS) {
    if (!present.has(column)) await db.schema.alterTable(table).addColumn(column, 'text').execute();
  }
  const columns = sql.join(FILTER_COLUMNS.map((c) => sql.ref(c)));
  const fromSources = sql.join(FILTER_COLUMNS.map((c) => sql.ref(`sources.${c}`)));
  await sql`UPDATE ${sql.table(table)} SET (${columns}) = (SELECT ${fromSources} FROM sources WHERE sources.id = ${sql.ref(`${table}.source_id`)})`.execute(
    db,
  );
  const assignments = sql.join(
    FILTER_COLUMNS.map((c) => sql`${sql.ref(c)} = ${sql.raw(`NEW.${c}`)}`),
    sql`, `,
  );
  if (t.postgres) {
    await sql`CREATE OR REPLACE FUNCTION chronicle_source_search_filters() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE source_search SET ${assignments} WHERE source_id = NEW.id;
        RETURN NULL;
      END $$`.execute(db);
    await sql`CREATE TRIGGER source_search_filters AFTER UPDATE OF ${columns} ON sources FOR EACH ROW EXECUTE FUNCTION chronicle_source_search_filters()`.execute(
      db,
    );
    return;
  }
  await sql`CREATE TRIGGER IF NOT EXISTS source_search_filters AFTER UPDATE OF ${columns} ON sources BEGIN
    UPDATE source_search_keys SET ${assignments} WHERE source_id = NEW.id;
  END`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const t = dialectTypes(db);
  const table = t.postgres ? 'source_search' : 'source_search_keys';
  await sql`DROP TRIGGER IF EXISTS source_search_filters ${t.postgres ? sql`ON sources` : sql``}`.execute(db);
  if (t.postgres) await sql`DROP FUNCTION IF EXISTS chronicle_source_search_filters()`.execute(db);
  for (const column of FILTER_COLUMNS) await db.schema.alterTable(table).dropColumn(column).execute();
}

import { type Kysely, PostgresAdapter, sql } from 'kysely';

/** Column types that differ between SQLite and PostgreSQL, chosen once per migration run. */
export function dialectTypes(db: Kysely<unknown>) {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  return {
    postgres,
    bytes: postgres ? sql`bytea` : sql`blob`,
    real: postgres ? sql`double precision` : sql`real`,
    bigint: postgres ? sql`bigint` : sql`integer`,
  };
}

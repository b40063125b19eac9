import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * The planner settings of a PostgreSQL workspace's search connections: never a sequential scan of the index table,
 * never parallel workers for one query. When half the sources match a word, PostgreSQL costs a sequential scan
 * (testing every row's vector: 350 ms at 100k sources) as cheaper than the GIN index and a visit of each match's row
 * (10 ms), and a parallel worker costs more to start (10–20 ms) than the scans it would share.
 */
export const SEARCH_PLANNER_SETTINGS = { enable_seqscan: 'off', max_parallel_workers_per_gather: '0' } as const;

const readers = new WeakMap<Kysely<Database>, Kysely<Database>>();

/**
 * Registers the search connections of a PostgreSQL workspace's own Kysely instance: connections opened with
 * `SEARCH_PLANNER_SETTINGS`, which a search's statements use as they are, where the page and the count would each
 * need a transaction to set them (begin, set, commit: a search was 10 round trips, 4 with these).
 */
export function registerSearchReader(db: Kysely<Database>, reader: Kysely<Database>): void {
  readers.set(db, reader);
}

/** The search connections registered for `db`, or undefined (SQLite; a transaction; a Kysely opened elsewhere). */
export function searchReaderOf(db: Kysely<Database>): Kysely<Database> | undefined {
  return readers.get(db);
}

import type { Kysely } from 'kysely';

/**
 * FTS5 prefix indexes for the SQLite search table. Superseded by 0018-search-word-marks, which makes the table again
 * with its prefix indexes and its new columns in one re-index: a workspace that had not reached this migration is
 * re-indexed once, not twice. Workspaces that ran it keep its table until 0018 replaces it. Kept (empty) so the
 * record of applied migrations stays whole.
 */
export async function up(_db: Kysely<unknown>): Promise<void> {}

export async function down(_db: Kysely<unknown>): Promise<void> {}

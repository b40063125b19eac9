import type { Kysely } from 'kysely';
import { auditRestrictedListRead, auditRestrictedRead, type ScopedTable } from '../auth/index.js';
import type { Database } from '../db/schema.js';

/**
 * DESIGN §8: every read of a restricted record is audited, on the command line as on the server. The command line
 * reads as the workspace owner (src/cli/audience.ts), whose reads are audited without a user id, as its exports are
 * (src/export/audience.ts `auditUser`). Each function answers one command's output with the `part` the server's
 * route names for the same read.
 */

/** `chronicle search` printed these sources' titles and snippets: `auditSearchHits(db, ['01J…'])`. */
export async function auditSearchHits(db: Kysely<Database>, sourceIds: readonly string[]): Promise<void> {
  await auditRestrictedListRead(db, null, 'sources', sourceIds, 'search');
}

/** `chronicle review list` printed these proposals, each of a table: as the review queue's page on the server. */
export async function auditReviewList(
  db: Kysely<Database>,
  proposals: ReadonlyArray<{ id: string; table: ScopedTable }>,
): Promise<void> {
  for (const table of new Set(proposals.map((p) => p.table)))
    await auditRestrictedListRead(
      db,
      null,
      table,
      proposals.filter((p) => p.table === table).map((p) => p.id),
      'review',
    );
}

/** `chronicle merges list` printed both persons of each proposal, as `GET /api/v1/merges` shows them. */
export async function auditMergeList(
  db: Kysely<Database>,
  persons: ReadonlyArray<{ id: string; confidentiality: string }>,
): Promise<void> {
  for (const person of persons) await auditRestrictedRead(db, null, 'persons', person, 'merge-proposal');
}

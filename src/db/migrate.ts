import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import { ChronicleError } from '../shared/errors.js';
import * as core from './migrations/0001-core.js';
import * as search from './migrations/0002-search.js';
import * as security from './migrations/0003-security.js';
import * as record from './migrations/0004-record.js';
import * as visibleSources from './migrations/0005-visible-sources-index.js';
import * as totpEnrolment from './migrations/0006-totp-enrolment.js';
import * as merges from './migrations/0007-merges.js';
import * as relationships from './migrations/0008-relationships.js';
import * as apiIndices from './migrations/0009-api-indices.js';
import * as statsIndices from './migrations/0010-stats-indices.js';
import * as searchFilterColumns from './migrations/0011-search-filter-columns.js';
import * as recordGeneration from './migrations/0012-record-generation.js';
import * as searchHiddenIndex from './migrations/0013-search-hidden-index.js';
import * as versionActions from './migrations/0014-version-actions.js';
import * as placeRegions from './migrations/0015-place-regions.js';
import * as personSearchKeys from './migrations/0016-person-search-keys.js';
import * as searchPrefixes from './migrations/0017-search-prefixes.js';
import * as searchWordMarks from './migrations/0018-search-word-marks.js';
import * as searchVectorsOutOfLine from './migrations/0019-search-vectors-out-of-line.js';
import * as searchRankVectors from './migrations/0020-search-rank-vectors.js';
import * as searchLiveIndex from './migrations/0021-search-live-index.js';
import * as waitingParts from './migrations/0022-waiting-parts.js';
import * as similarTexts from './migrations/0023-similar-texts.js';
import * as sourceCaptures from './migrations/0024-source-captures.js';
import * as sourceNotes from './migrations/0025-source-notes.js';
import * as casePartyEvents from './migrations/0026-case-party-events.js';
import * as unknownPersonStatus from './migrations/0027-unknown-person-status.js';
import * as schwaSearchKeys from './migrations/0028-schwa-search-keys.js';

/**
 * Every migration, in order. Static imports (not a folder scan) so the compiled CLI and the test runner see the
 * same set; later issues append here.
 */
const MIGRATIONS: Record<string, Migration> = {
  '0001-core': core,
  '0002-search': search,
  '0003-security': security,
  '0004-record': record,
  '0005-visible-sources-index': visibleSources,
  '0006-totp-enrolment': totpEnrolment,
  '0007-merges': merges,
  '0008-relationships': relationships,
  '0009-api-indices': apiIndices,
  '0010-stats-indices': statsIndices,
  '0011-search-filter-columns': searchFilterColumns,
  '0012-record-generation': recordGeneration,
  '0013-search-hidden-index': searchHiddenIndex,
  '0014-version-actions': versionActions,
  '0015-place-regions': placeRegions,
  '0016-person-search-keys': personSearchKeys,
  '0017-search-prefixes': searchPrefixes,
  '0018-search-word-marks': searchWordMarks,
  '0019-search-vectors-out-of-line': searchVectorsOutOfLine,
  '0020-search-rank-vectors': searchRankVectors,
  '0021-search-live-index': searchLiveIndex,
  '0022-waiting-parts': waitingParts,
  '0023-similar-texts': similarTexts,
  '0024-source-captures': sourceCaptures,
  '0025-source-notes': sourceNotes,
  '0026-case-party-events': casePartyEvents,
  '0027-unknown-person-status': unknownPersonStatus,
  '0028-schwa-search-keys': schwaSearchKeys,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

function migrator(db: Kysely<unknown>): Migrator {
  return new Migrator({
    db,
    provider,
    migrationTableName: 'chronicle_migrations',
    migrationLockTableName: 'chronicle_migrations_lock',
    // Migrations are written on parallel branches; a workspace that ran a later one first still takes the rest.
    allowUnorderedMigrations: true,
  });
}

/** The names of every migration, in order (`'0001-core'`, …). */
export const MIGRATION_NAMES: readonly string[] = Object.keys(MIGRATIONS);

/** Brings a workspace up to (and including) one migration — for tests of upgrading an older workspace. */
export async function migrateTo(db: Kysely<unknown>, name: string): Promise<void> {
  const { error } = await migrator(db).migrateTo(name);
  if (error) throw new ChronicleError('DATABASE', `migration to ${name} failed: ${String(error)}`, { cause: error });
}

/** Brings a workspace up to date. Idempotent: a current workspace is left as it is. */
export async function migrateToLatest(db: Kysely<unknown>): Promise<void> {
  const { error, results } = await migrator(db).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    const message = String((error as Error).message ?? error);
    // Kysely's words for a workspace that ran a migration this version does not have.
    const unknown = /previously executed migration (\S+) is missing/.exec(message);
    if (!failed && unknown)
      throw new ChronicleError(
        'DATABASE',
        `this workspace was upgraded by a newer version of Chronicle (its migration ${unknown[1]} is unknown here): open it with that version or a later one`,
        { cause: error },
      );
    // No migration ran: the database itself could not be reached (a wrong DATABASE_URL, a server that is down).
    if (!failed) throw new ChronicleError('DATABASE', `cannot reach the database: ${message}`, { cause: error });
    throw new ChronicleError('DATABASE', `migration ${failed.migrationName} failed: ${message}`, { cause: error });
  }
}

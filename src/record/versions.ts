import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/index.js';
import type { Database } from '../db/schema.js';
import { ChronicleError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { type KeyedTable, setNameKeys } from './name-keys.js';

export type RecordTable = 'persons' | 'organizations' | 'places' | 'cases' | 'events';
export const RECORD_TABLES: readonly RecordTable[] = ['persons', 'organizations', 'places', 'cases', 'events'];

/** A record as one version keeps it: its row and the rows that belong to it (names, participants, parties). */
export interface RecordSnapshot {
  row: Record<string, unknown>;
  names?: Array<{ id: string; name: string; script: string | null; kind: string; source_id: string | null }>;
  participants?: Array<{ entity_type: string; entity_id: string; role: string }>;
  parties?: Array<{ person_id: string; role: string }>;
}

export interface RecordVersion {
  version: number;
  at: string;
  userId: string | null;
  /** What made it (`'review.correct'`, `'baseline'`, …); null for versions kept before migration 0014. */
  action: string | null;
  data: RecordSnapshot;
}

/** The action of the version `changeRecord` keeps of a record's state before its first recorded change. */
export const BASELINE_ACTION = 'baseline';

const VERSIONED_COLUMN = new Set<RecordTable>(['persons', 'cases', 'events']);

/** The current state of a record with what belongs to it, or null. */
export async function loadSnapshot(
  db: Kysely<Database>,
  table: RecordTable,
  id: string,
): Promise<RecordSnapshot | null> {
  const row = await db
    .selectFrom(table as 'persons')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const snapshot: RecordSnapshot = { row: { ...row } };
  if (table === 'persons') {
    snapshot.names = await db
      .selectFrom('person_names')
      .select(['id', 'name', 'script', 'kind', 'source_id'])
      .where('person_id', '=', id)
      .orderBy('id')
      .execute();
  }
  if (table === 'events') {
    snapshot.participants = await db
      .selectFrom('event_participants')
      .select(['entity_type', 'entity_id', 'role'])
      .where('event_id', '=', id)
      .orderBy('role')
      .orderBy('entity_type')
      .orderBy('entity_id')
      .execute();
  }
  if (table === 'cases') {
    snapshot.parties = await db
      .selectFrom('case_parties')
      .select(['person_id', 'role'])
      .where('case_id', '=', id)
      .orderBy('person_id')
      .orderBy('role')
      .execute();
  }
  return snapshot;
}

async function latestVersion(db: Kysely<Database>, table: RecordTable, id: string): Promise<number> {
  const row = await db
    .selectFrom('record_versions')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('record_table', '=', table)
    .where('record_id', '=', id)
    .executeTakeFirst();
  return Number(row?.v ?? 0);
}

async function insertVersion(
  trx: Kysely<Database>,
  table: RecordTable,
  id: string,
  version: number,
  data: RecordSnapshot,
  userId: string | null,
  action: string,
): Promise<void> {
  await trx
    .insertInto('record_versions')
    .values({
      id: newId(),
      record_table: table,
      record_id: id,
      version,
      data: JSON.stringify(data),
      user_id: userId,
      at: new Date().toISOString(),
      action,
    })
    .execute();
}

/**
 * Keeps the first version of a record just created and audits its creation, in the creating transaction.
 * `recordCreation(trx, 'cases', id, userId, 'case.create')` → the snapshot stored as version 1.
 */
export async function recordCreation(
  trx: Kysely<Database>,
  table: RecordTable,
  id: string,
  userId: string | null,
  action: string,
): Promise<RecordSnapshot> {
  const snapshot = await loadSnapshot(trx, table, id);
  if (!snapshot) throw new ChronicleError('INTERNAL', `${table} record ${id} vanished while being created`);
  await insertVersion(trx, table, id, 1, snapshot, userId, action);
  await appendAudit(trx, { userId, action, target: `${table}/${id}`, after: snapshot.row });
  return snapshot;
}

/**
 * Applies one change to a record and keeps its history: the state before the first recorded change is kept as
 * the baseline version (for a staged record, the machine's proposal, with no user and the action 'baseline'), the
 * state after as the next version with the user and action that made it, and the change is audited in the same
 * transaction.
 * `changeRecord(trx, 'events', id, userId, 'review.correct', () => trx.updateTable('events')…)` → the new snapshot.
 */
export async function changeRecord(
  trx: Kysely<Database>,
  table: RecordTable,
  id: string,
  userId: string | null,
  action: string,
  mutate: (before: RecordSnapshot) => Promise<void>,
): Promise<RecordSnapshot> {
  const before = await loadSnapshot(trx, table, id);
  if (!before) throw new ChronicleError('NOT_FOUND', `no ${table} record ${id}`);
  let latest = await latestVersion(trx, table, id);
  if (latest === 0) {
    latest = typeof before.row.version === 'number' ? before.row.version : 1;
    await insertVersion(trx, table, id, latest, before, null, BASELINE_ACTION);
  }
  await mutate(before);
  const next = latest + 1;
  const now = new Date().toISOString();
  if (VERSIONED_COLUMN.has(table)) {
    await trx
      .updateTable(table as 'persons')
      .set({ version: next, updated_at: now })
      .where('id', '=', id)
      .execute();
  } else if (table === 'organizations') {
    await trx.updateTable('organizations').set({ updated_at: now }).where('id', '=', id).execute();
  }
  const after = await loadSnapshot(trx, table, id);
  if (!after) throw new ChronicleError('INTERNAL', `${table} record ${id} vanished while being changed`);
  await insertVersion(trx, table, id, next, after, userId, action);
  await appendAudit(trx, { userId, action, target: `${table}/${id}`, before: before.row, after: after.row });
  return after;
}

/** Every kept version of a record, oldest first: `listVersions(db, 'persons', id)` → `[{version: 1, userId: null, …}, …]`. */
export async function listVersions(db: Kysely<Database>, table: RecordTable, id: string): Promise<RecordVersion[]> {
  const rows = await db
    .selectFrom('record_versions')
    .selectAll()
    .where('record_table', '=', table)
    .where('record_id', '=', id)
    .orderBy('version')
    .execute();
  return rows.map((r) => ({
    version: r.version,
    at: r.at,
    userId: r.user_id,
    action: r.action ?? null,
    data: JSON.parse(r.data) as RecordSnapshot,
  }));
}

const NEVER_RESTORED = new Set(['id', 'created_at', 'updated_at', 'version']);

/**
 * Brings a record back to the state of an earlier version, as a new version (history is never rewritten).
 * `restoreVersion(trx, 'persons', id, 1, userId)` → the restored snapshot.
 */
export async function restoreVersion(
  trx: Kysely<Database>,
  table: RecordTable,
  id: string,
  version: number,
  userId: string | null,
): Promise<RecordSnapshot> {
  const kept = await trx
    .selectFrom('record_versions')
    .select('data')
    .where('record_table', '=', table)
    .where('record_id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (!kept) throw new ChronicleError('NOT_FOUND', `${table} record ${id} has no version ${version}`);
  const data = JSON.parse(kept.data) as RecordSnapshot;
  return changeRecord(trx, table, id, userId, 'record.restore-version', async () => {
    const values = Object.fromEntries(Object.entries(data.row).filter(([k]) => !NEVER_RESTORED.has(k)));
    await trx
      .updateTable(table as 'persons')
      .set(values)
      .where('id', '=', id)
      .execute();
    if (table === 'persons' && data.names) {
      await trx.deleteFrom('person_names').where('person_id', '=', id).execute();
      if (data.names.length > 0)
        await trx
          .insertInto('person_names')
          .values(data.names.map((n) => ({ ...n, person_id: id })))
          .execute();
      await setNameKeys(
        trx,
        'persons',
        id,
        data.names.map((n) => n.name),
      );
    }
    if (table === 'events' && data.participants) {
      await trx.deleteFrom('event_participants').where('event_id', '=', id).execute();
      if (data.participants.length > 0)
        await trx
          .insertInto('event_participants')
          .values(data.participants.map((p) => ({ ...p, event_id: id })))
          .execute();
    }
    if (table === 'cases' && data.parties) {
      await trx.deleteFrom('case_parties').where('case_id', '=', id).execute();
      if (data.parties.length > 0)
        await trx
          .insertInto('case_parties')
          .values(data.parties.map((p) => ({ ...p, case_id: id })))
          .execute();
    }
    if (table !== 'persons' && table !== 'events' && typeof data.row.name === 'string')
      await setNameKeys(trx, table as KeyedTable, id, [data.row.name]);
  });
}

/** Soft delete: the record stays with all its history and evidence, hidden from the record until restored. */
export async function softDelete(
  trx: Kysely<Database>,
  table: RecordTable,
  id: string,
  userId: string | null,
): Promise<RecordSnapshot> {
  return changeRecord(trx, table, id, userId, 'record.delete', async (before) => {
    if (before.row.deleted_at) throw new ChronicleError('CONFLICT', `${table} record ${id} is already deleted`);
    await trx
      .updateTable(table as 'persons')
      .set({ deleted_at: new Date().toISOString() })
      .where('id', '=', id)
      .execute();
  });
}

/** Undoes a soft delete. */
export async function restoreDeleted(
  trx: Kysely<Database>,
  table: RecordTable,
  id: string,
  userId: string | null,
): Promise<RecordSnapshot> {
  return changeRecord(trx, table, id, userId, 'record.restore', async (before) => {
    if (!before.row.deleted_at) throw new ChronicleError('CONFLICT', `${table} record ${id} is not deleted`);
    await trx
      .updateTable(table as 'persons')
      .set({ deleted_at: null })
      .where('id', '=', id)
      .execute();
  });
}

import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { ChronicleError } from '../shared/errors.js';
import type { RecordSnapshot, RecordTable } from './versions.js';

/** One field a version changed, with its value in the version before and in this one. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** One kept version of a record: who made it, when, by which action, and what it changed. */
export interface HistoryEntry {
  version: number;
  at: string;
  /**
   * The user who made the version; null when no user did (a baseline, the command line, the extractor). A user id
   * with no account in this workspace (a record imported from another one) keeps its id with `username: null`.
   */
  user: { id: string; username: string | null } | null;
  /** The audited action that made it ('review.correct', 'record.delete', 'baseline', …); null before migration 0014. */
  action: string | null;
  /** The difference from the version before; empty for the oldest kept version, which has none to differ from. */
  changes: FieldChange[];
  /** True when what it changed is withheld from this reader: the record was restricted then (`withholdRestricted`). */
  withheld?: boolean;
}

export interface RecordHistory {
  total: number;
  items: HistoryEntry[];
}

/** The most versions one page of a history holds. */
export const HISTORY_LIMIT = 200;

/** Columns every write changes (the version count, the time of the write) or none does: no change worth showing. */
const BOOKKEEPING = new Set(['id', 'version', 'created_at', 'updated_at']);

/**
 * The rows that belong to a record, each as a readable string and sorted, so that a version that only reorders or
 * re-ids them (a restore re-inserts names with their ids) is no change.
 */
const LISTS: Partial<Record<RecordTable, { field: string; of: (s: RecordSnapshot) => string[] }>> = {
  persons: { field: 'names', of: (s) => (s.names ?? []).map((n) => n.name) },
  events: {
    field: 'participants',
    of: (s) => (s.participants ?? []).map((p) => `${p.role} ${p.entity_type}/${p.entity_id}`),
  },
  cases: { field: 'parties', of: (s) => (s.parties ?? []).map((p) => `${p.role} persons/${p.person_id}`) },
};

// JSON equality: snapshots come back from JSON, so a value and its copy compare equal whatever their identity.
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * What changed from one snapshot of a record to the next: row columns by their stored name (bookkeeping left out),
 * then the record's names, participants or parties as one change of the sorted list. A column an older snapshot
 * lacks (added by a later migration) counts as null there, so it is no change unless it was set.
 * `diffSnapshots('persons', { row: { display_name: 'Иванов' }, names: [] }, { row: { display_name: 'Иван Иванов' },
 * names: [{ name: 'Иван Иванов', … }] })` → `[{ field: 'display_name', before: 'Иванов', after: 'Иван Иванов' },
 * { field: 'names', before: [], after: ['Иван Иванов'] }]`.
 */
export function diffSnapshots(table: RecordTable, before: RecordSnapshot, after: RecordSnapshot): FieldChange[] {
  const changes: FieldChange[] = [];
  const columns = new Set([...Object.keys(after.row), ...Object.keys(before.row)]);
  for (const field of columns) {
    if (BOOKKEEPING.has(field)) continue;
    const was = before.row[field] ?? null;
    const is = after.row[field] ?? null;
    if (!same(was, is)) changes.push({ field, before: was, after: is });
  }
  const list = LISTS[table];
  if (list) {
    const was = list.of(before).sort();
    const is = list.of(after).sort();
    if (!same(was, is)) changes.push({ field: list.field, before: was, after: is });
  }
  return changes;
}

/**
 * A record's kept versions, newest first, each with its user, action and what it changed from the version before
 * (the one below it, also when that is on the next page), `limit` (at most 200, 50 unless given) at a time.
 * `recordHistory(db, 'persons', id, { limit: 2 })` → `{ total: 3, items: [{ version: 3, action: 'record.delete',
 * user: { id, username: 'anna' }, changes: [{ field: 'deleted_at', before: null, after: '2025-…' }] }, { version: 2,
 * action: 'review.correct', … }] }`. A record with no kept version (a proposal nobody changed yet) has none; an
 * unknown record is NOT_FOUND. Who may see the record is the caller's to check.
 */
export async function recordHistory(
  db: Kysely<Database>,
  table: RecordTable,
  id: string,
  options: {
    limit?: number;
    offset?: number;
    /**
     * Withholds what a version changed when the record was restricted on either side of it: a reader who may read
     * the record now, open again, may not read what it held while it was closed (a restricted person merged into it
     * and the merge undone left their names in its history).
     */
    withholdRestricted?: boolean;
  } = {},
): Promise<RecordHistory> {
  const limit = Math.max(1, Math.min(options.limit ?? 50, HISTORY_LIMIT));
  const offset = Math.max(0, options.offset ?? 0);
  const record = await db
    .selectFrom(table as 'persons')
    .select('id')
    .where('id', '=', id)
    .executeTakeFirst();
  if (!record) throw new ChronicleError('NOT_FOUND', `no ${table} record ${id}`);
  const versions = db.selectFrom('record_versions').where('record_table', '=', table).where('record_id', '=', id);
  const counted = await versions.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst();
  // One version more than the page: the one before its oldest, to tell what that oldest changed.
  const rows = await versions
    .select(['version', 'at', 'user_id', 'action', 'data'])
    .orderBy('version', 'desc')
    .limit(limit + 1)
    .offset(offset)
    .execute();
  const userIds = [...new Set(rows.slice(0, limit).flatMap((r) => (r.user_id === null ? [] : [r.user_id])))];
  const usernames = new Map(
    userIds.length === 0
      ? []
      : (await db.selectFrom('users').select(['id', 'username']).where('id', 'in', userIds).execute()).map(
          (u) => [u.id, u.username] as const,
        ),
  );
  const snapshots = rows.map((r) => JSON.parse(r.data) as RecordSnapshot);
  const items = rows.slice(0, limit).map((r, i): HistoryEntry => {
    const previous = snapshots[i + 1];
    const entry: HistoryEntry = {
      version: r.version,
      at: r.at,
      user: r.user_id === null ? null : { id: r.user_id, username: usernames.get(r.user_id) ?? null },
      action: r.action ?? null,
      changes: previous ? diffSnapshots(table, previous, snapshots[i]!) : [],
    };
    const closed = [snapshots[i]!, previous].some((snapshot) => snapshot?.row.confidentiality === 'restricted');
    return options.withholdRestricted && closed ? { ...entry, changes: [], withheld: true } : entry;
  });
  return { total: Number(counted?.n ?? 0), items };
}

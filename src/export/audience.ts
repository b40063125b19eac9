import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import {
  type Audience,
  audienceScope,
  auditRestrictedReads,
  eventInVisibleCaseScope,
  isPublicAudience,
  type PolicyUser,
  roleAtLeast,
  type ScopedTable,
  WORKSPACE_OWNER,
} from '../auth/index.js';
import type { Database } from '../db/schema.js';

/**
 * Every export runs for an audience (DESIGN §8, through the one policy module): a user sees in an export exactly
 * the records the policy lets them see anywhere else; `{ public: true }` gets only what the public list may
 * publish; the CLI without `--as` exports as WORKSPACE_OWNER (an admin: everything). Rows that hang off a record
 * (names, participants, parties, evidence, versions) follow it: a hidden person's names never leave.
 */

/** The user an export's audit entries name: none for the workspace owner, the public or the signed-out. */
export function auditUser(audience: Audience): PolicyUser | null {
  if (audience === null || isPublicAudience(audience) || audience === WORKSPACE_OWNER) return null;
  return audience;
}

export function isAdminAudience(audience: Audience): boolean {
  return !isPublicAudience(audience) && roleAtLeast(audience as PolicyUser | null, 'admin');
}

/** The scope of one table for this audience, as a WHERE condition; events also need their case visible. */
export function scopeSql(audience: Audience, table: ScopedTable): RawBuilder<SqlBool> {
  const scope = table === 'events' ? eventInVisibleCaseScope(audience) : audienceScope(audience, table);
  // The scopes build their SQL from table names alone; they never read the expression builder.
  return scope(undefined as never) as RawBuilder<SqlBool>;
}

/** `(SELECT persons.id FROM persons WHERE <scope>)`: the ids of `table` this audience may see, for `IN`. */
export function visibleIdsSql(audience: Audience, table: ScopedTable): RawBuilder<unknown> {
  return sql`(SELECT ${sql.ref(`${table}.id`)} FROM ${sql.table(table)} WHERE ${scopeSql(audience, table)})`;
}

/**
 * Places carry no confidentiality of their own: an admin sees all of them, anyone else only the places of events
 * they may see (a place named only by a hidden event — a safe flat, a meeting point — stays hidden with it).
 */
export function visiblePlacesSql(audience: Audience): RawBuilder<unknown> {
  if (isAdminAudience(audience)) return sql`(SELECT places.id FROM places)`;
  return sql`(SELECT events.place_id FROM events WHERE events.place_id IS NOT NULL AND ${scopeSql(audience, 'events')})`;
}

/** `<column> IN (visible ids of table)`. */
export function inVisible(column: string, audience: Audience, table: ScopedTable | 'places'): RawBuilder<SqlBool> {
  const ids = table === 'places' ? visiblePlacesSql(audience) : visibleIdsSql(audience, table);
  return sql<SqlBool>`${sql.ref(column)} IN ${ids}`;
}

/**
 * The restricted records one export let out, audited when it is done: one `record.read` entry per record,
 * naming the export (`export:ftm`). Public and internal records are not logged.
 */
export class ExportReads {
  private readonly seen = new Map<ScopedTable, Map<string, { id: string; confidentiality: string }>>();
  constructor(readonly format: string) {}

  note(table: ScopedTable, rows: Iterable<{ id: string; confidentiality: string }>): void {
    const map = this.seen.get(table) ?? new Map();
    for (const row of rows)
      if (row.confidentiality === 'restricted') map.set(row.id, { id: row.id, confidentiality: row.confidentiality });
    this.seen.set(table, map);
  }

  async audit(db: Kysely<Database>, audience: Audience): Promise<number> {
    let n = 0;
    for (const [table, rows] of this.seen)
      n += await auditRestrictedReads(db, auditUser(audience), table, rows.values(), `export:${this.format}`);
    return n;
  }
}

/**
 * For the exports that list events with their case (GeoJSON, ICS): notes the events and their cases as read and
 * returns each event's subjects this audience may see, by event id.
 */
export function eventsRead(
  db: Kysely<Database>,
  audience: Audience,
  reads: ExportReads,
  rows: ReadonlyArray<{
    id: string;
    confidentiality: string;
    case_id: string | null;
    case_confidentiality: string | null;
  }>,
): Promise<Map<string, string[]>> {
  reads.note('events', rows);
  reads.note(
    'cases',
    rows.flatMap((r) => (r.case_id ? [{ id: r.case_id, confidentiality: r.case_confidentiality ?? '' }] : [])),
  );
  return subjectNames(
    db,
    audience,
    rows.map((r) => r.id),
    reads,
  );
}

/** Display names of each event's subjects this audience may see (a hidden person is not named). */
export async function subjectNames(
  db: Kysely<Database>,
  audience: Audience,
  eventIds: string[],
  reads?: ExportReads,
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (eventIds.length === 0) return out;
  const rows: Array<{ event_id: string; id: string; display_name: string; confidentiality: string }> = [];
  for (let i = 0; i < eventIds.length; i += 500) {
    rows.push(
      ...(await db
        .selectFrom('event_participants')
        .innerJoin('persons', 'persons.id', 'event_participants.entity_id')
        .select(['event_participants.event_id', 'persons.id', 'persons.display_name', 'persons.confidentiality'])
        .where('event_participants.entity_type', '=', 'persons')
        .where('event_participants.role', '=', 'subject')
        .where('persons.deleted_at', 'is', null)
        .where('event_participants.event_id', 'in', eventIds.slice(i, i + 500))
        .where(scopeSql(audience, 'persons'))
        .orderBy('persons.display_name')
        .execute()),
    );
  }
  rows.sort((a, b) => (a.display_name < b.display_name ? -1 : a.display_name > b.display_name ? 1 : 0));
  reads?.note('persons', rows);
  for (const r of rows) out.set(r.event_id, [...(out.get(r.event_id) ?? []), r.display_name]);
  return out;
}

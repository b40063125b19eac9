import { type Kysely, sql } from 'kysely';
import { appendAudit } from '../audit/index.js';
import type { Audience, ScopedTable } from '../auth/index.js';
import { dialectOf } from '../db/connection.js';
import type { Database } from '../db/schema.js';
import { indexSource } from '../search/index.js';
import { ChronicleError } from '../shared/errors.js';
import { type BlobCipher, getBlob, putBlob } from '../sources/index.js';
import { ExportReads, isAdminAudience, scopeSql, visiblePlacesSql } from './audience.js';

export const RECORD_EXPORT_FORMAT = 'chronicle-record';
export const RECORD_EXPORT_VERSION = 1;

/**
 * The tables a record export carries, in an order that satisfies their references on import. The audit log is
 * not carried: it is the history of one workspace, and the import itself is audited in the receiving one.
 */
const TABLES = [
  'sources',
  'source_texts',
  'places',
  'organizations',
  'persons',
  'person_names',
  'cases',
  'case_parties',
  'events',
  'event_participants',
  'mentions',
  'evidence',
  'relationships',
  'record_versions',
  'name_keys',
  'staged_records',
] as const;
type ExportTable = (typeof TABLES)[number];

/** Stable row order so two exports of the same record are byte-identical apart from exportedAt. */
const ORDER: Record<ExportTable, string[]> = {
  sources: ['id'],
  source_texts: ['source_id'],
  places: ['id'],
  organizations: ['id'],
  persons: ['id'],
  person_names: ['id'],
  cases: ['id'],
  case_parties: ['case_id', 'person_id', 'role'],
  events: ['id'],
  event_participants: ['event_id', 'entity_type', 'entity_id', 'role'],
  mentions: ['id'],
  evidence: ['id'],
  relationships: ['id'],
  record_versions: ['id'],
  name_keys: ['record_table', 'name_key', 'record_id'],
  staged_records: ['source_id', 'record_table', 'record_id'],
};

export interface RecordExport {
  format: typeof RECORD_EXPORT_FORMAT;
  version: number;
  exportedAt: string;
  /** Rows as stored; each source also carries `original`, its bytes in base64, so the export is complete. */
  tables: Record<ExportTable, Array<Record<string, unknown>>>;
}

type Row = Record<string, unknown>;
const SCOPED: ScopedTable[] = ['sources', 'persons', 'cases', 'events', 'organizations'];

/** The ids of each record table this audience may see (deleted rows included, as the dump carries them). */
async function visibleSets(db: Kysely<Database>, audience: Audience): Promise<Record<string, Set<string>>> {
  const sets: Record<string, Set<string>> = {};
  for (const table of SCOPED) {
    const rows = await db
      .selectFrom(table as 'persons')
      .select(sql<string>`${sql.ref(`${table}.id`)}`.as('id'))
      .where(scopeSql(audience, table))
      .execute();
    sets[table] = new Set(rows.map((r) => r.id));
  }
  const places = await db
    .selectFrom('places')
    .select('id')
    .where(sql<boolean>`places.id IN ${visiblePlacesSql(audience)}`)
    .execute();
  sets.places = new Set(places.map((p) => p.id));
  return sets;
}

/**
 * The rows of each table this audience may see, the rest dropped; rows that hang off a record follow it, and a
 * reference to a hidden record is emptied (a source's hidden parent, a name's hidden source, a merged-into
 * person) so the rows still import.
 */
function keepVisible(table: ExportTable, rows: Row[], v: Record<string, Set<string>>): Row[] {
  const seen = (t: unknown, id: unknown) => typeof id === 'string' && (v[String(t)]?.has(id) ?? false);
  const orNull = (t: string, id: unknown) => (seen(t, id) ? id : null);
  switch (table) {
    case 'sources':
      return rows
        .filter((r) => seen('sources', r.id))
        .map((r) => ({
          ...r,
          parent_id: orNull('sources', r.parent_id),
          near_duplicate_of: orNull('sources', r.near_duplicate_of),
        }));
    case 'source_texts':
      return rows.filter((r) => seen('sources', r.source_id));
    case 'places':
    case 'organizations':
    case 'cases':
      return rows.filter((r) => seen(table, r.id));
    case 'persons':
      return rows
        .filter((r) => seen('persons', r.id))
        .map((r) => ({ ...r, merged_into: orNull('persons', r.merged_into) }));
    case 'person_names':
      return rows
        .filter((r) => seen('persons', r.person_id))
        .map((r) => ({ ...r, source_id: orNull('sources', r.source_id) }));
    case 'case_parties':
      return rows.filter((r) => seen('cases', r.case_id) && seen('persons', r.person_id));
    case 'events':
      return rows.filter((r) => seen('events', r.id)).map((r) => ({ ...r, source_id: orNull('sources', r.source_id) }));
    case 'event_participants':
      return rows.filter((r) => seen('events', r.event_id) && seen(r.entity_type, r.entity_id));
    case 'mentions':
      // A mention is a span of its source's text; the record it names is only kept when visible.
      return rows
        .filter((r) => seen('sources', r.source_id))
        .map((r) =>
          r.entity_id == null || Object.values(v).some((set) => set.has(r.entity_id as string))
            ? r
            : { ...r, entity_id: null, canonical: null },
        );
    case 'evidence':
      return rows.filter((r) => seen('sources', r.source_id) && seen(r.target_table, r.target_id));
    case 'relationships':
      return rows.filter((r) => seen('persons', r.from_person_id) && seen(r.to_entity_type, r.to_entity_id));
    case 'record_versions':
      // A version is a snapshot of a record as it once was, with references (participants, parties) that the
      // policy cannot check row by row: the history stays with admins.
      return [];
    case 'name_keys':
      return rows.filter((r) => seen(r.record_table, r.record_id));
    case 'staged_records':
      return rows.filter((r) => seen('sources', r.source_id) && seen(r.record_table, r.record_id));
  }
}

/**
 * The whole record with its sources, originals and history, re-importable with `importRecordsJson`: an export of
 * the imported workspace equals the export it came from. `exportRecordsJson(db, WORKSPACE_OWNER, cipher)` →
 * RecordExport. An admin (the workspace owner) gets everything, deleted and restricted rows included (a
 * backup-grade dump); any other audience only the rows the policy lets it see, related rows following them, and
 * no version history (old snapshots may name records hidden from it).
 */
export async function exportRecordsJson(
  db: Kysely<Database>,
  audience: Audience,
  cipher: BlobCipher | null,
): Promise<RecordExport> {
  const visible = isAdminAudience(audience) ? null : await visibleSets(db, audience);
  const reads = new ExportReads('json');
  const tables = {} as RecordExport['tables'];
  for (const table of TABLES) {
    let query = db.selectFrom(table as 'persons').selectAll();
    for (const column of ORDER[table]) query = query.orderBy(column as 'id');
    let rows = (await query.execute()) as Row[];
    if (visible) rows = keepVisible(table, rows, visible);
    if ((SCOPED as string[]).includes(table))
      reads.note(table as ScopedTable, rows as Array<{ id: string; confidentiality: string }>);
    if (table === 'sources') {
      for (const row of rows) row.original = (await getBlob(db, row.sha256 as string, cipher)).toString('base64');
    }
    tables[table] = rows;
  }
  await reads.audit(db, audience);
  return { format: RECORD_EXPORT_FORMAT, version: RECORD_EXPORT_VERSION, exportedAt: new Date().toISOString(), tables };
}

export interface ImportResult {
  inserted: Record<string, number>;
  skipped: Record<string, number>;
}

/**
 * Imports a record export in the caller's transaction. Rows whose key already exists are kept as they are (an
 * import never overwrites), so importing the same file twice changes nothing. Originals are stored under the
 * receiving workspace's key and sources are indexed for search.
 */
export async function importRecordsJson(
  trx: Kysely<Database>,
  data: unknown,
  options: { cipher: BlobCipher | null; userId: string | null },
): Promise<ImportResult> {
  const doc = data as Partial<RecordExport> | null;
  if (!doc || doc.format !== RECORD_EXPORT_FORMAT || typeof doc.tables !== 'object' || doc.tables === null) {
    throw new ChronicleError('VALIDATION', `not a ${RECORD_EXPORT_FORMAT} export`);
  }
  if (doc.version !== RECORD_EXPORT_VERSION)
    throw new ChronicleError('VALIDATION', `unsupported ${RECORD_EXPORT_FORMAT} version ${String(doc.version)}`);
  const result: ImportResult = { inserted: {}, skipped: {} };
  const dialect = dialectOf(trx);
  const deferredSourceLinks: Array<{ id: string; parent_id: unknown; near_duplicate_of: unknown }> = [];
  for (const table of TABLES) {
    const rows = (doc.tables as Record<string, unknown>)[table];
    if (rows === undefined) continue;
    if (!Array.isArray(rows)) throw new ChronicleError('VALIDATION', `${table} must be a list`);
    let inserted = 0;
    for (const raw of rows as Array<Record<string, unknown>>) {
      const row = { ...raw };
      if (table === 'sources') {
        if (typeof row.original !== 'string')
          throw new ChronicleError('VALIDATION', `source ${String(row.id)} has no original`);
        const sha = await putBlob(trx, Buffer.from(row.original, 'base64'), options.cipher);
        if (sha !== row.sha256)
          throw new ChronicleError(
            'VALIDATION',
            `source ${String(row.id)}: its original does not match sha256 ${String(row.sha256)}`,
          );
        delete row.original;
        // Links between sources are set once every source is in, whatever order they come in.
        deferredSourceLinks.push({
          id: row.id as string,
          parent_id: row.parent_id,
          near_duplicate_of: row.near_duplicate_of,
        });
        row.parent_id = null;
        row.near_duplicate_of = null;
      }
      const keys = ORDER[table];
      const done = await trx
        .insertInto(table as 'persons')
        .values(row as never)
        .onConflict((oc) => oc.columns(keys as never).doNothing())
        .executeTakeFirst();
      const n = Number(done.numInsertedOrUpdatedRows ?? 0);
      inserted += n;
      if (table === 'sources' && n === 0) deferredSourceLinks.pop();
    }
    result.inserted[table] = inserted;
    result.skipped[table] = rows.length - inserted;
  }
  for (const link of deferredSourceLinks) {
    await trx
      .updateTable('sources')
      .set({
        parent_id: (link.parent_id as string | null) ?? null,
        near_duplicate_of: (link.near_duplicate_of as string | null) ?? null,
      })
      .where('id', '=', link.id)
      .execute();
  }
  const imported = new Set(deferredSourceLinks.map((l) => l.id));
  for (const text of ((doc.tables as Record<string, unknown>).source_texts ?? []) as Array<{
    source_id: string;
    text: string;
  }>) {
    if (!imported.has(text.source_id)) continue;
    const source = ((doc.tables as Record<string, unknown>).sources as Array<Record<string, unknown>>).find(
      (s) => s.id === text.source_id,
    );
    await indexSource(trx, dialect, {
      sourceId: text.source_id,
      title: (source?.title as string | null) ?? null,
      text: text.text,
      language: (source?.language as string | null) ?? null,
    });
  }
  await appendAudit(trx, { userId: options.userId, action: 'record.import', target: null, after: result });
  return result;
}

import { type Kysely, sql } from 'kysely';
import { appendAudit } from '../audit/index.js';
import { type Audience, checkGroupName, groupNameKey, SCOPED_TABLES, type ScopedTable } from '../auth/index.js';
import { dialectOf } from '../db/connection.js';
import { parameterChunks } from '../db/parameter-chunks.js';
import type { Database } from '../db/schema.js';
import {
  DATE_PRECISIONS,
  EVENT_TYPES,
  MERGE_KINDS,
  MERGE_PROPOSAL_STATUSES,
  PERSON_STATUSES,
  REVIEW_STATUSES,
} from '../record/index.js';
import { indexSource } from '../search/index.js';
import { isCalendarDate } from '../shared/dates.js';
import { ChronicleError, describeError } from '../shared/errors.js';
import { type BlobCipher, CONFIDENTIALITY, fileWording, getBlob, putBlob, RELIABILITY } from '../sources/index.js';
import { ExportReads, isAdminAudience, scopeSql, visiblePlacesSql } from './audience.js';

export const RECORD_EXPORT_FORMAT = 'chronicle-record';
export const RECORD_EXPORT_VERSION = 1;

/**
 * The tables a record export carries, in an order that satisfies their references on import. The audit log is
 * not carried: it is the history of one workspace, and the import itself is audited in the receiving one. Nor are
 * accounts (users, their password hashes and second factors, sessions) or who is in which group (`user_groups`):
 * a dump must not hand out sign-ins, and the receiving workspace's admins say who its members are. The groups
 * themselves and the records given to them are carried, so a restricted record stays restricted to the same groups.
 */
const TABLES = [
  'sources',
  'source_texts',
  'similar_texts',
  'distinct_texts',
  'source_captures',
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
  'groups',
  'record_groups',
  'merge_proposals',
  'person_merges',
] as const;
type ExportTable = (typeof TABLES)[number];

/** Stable row order so two exports of the same record are byte-identical apart from exportedAt. */
const ORDER: Record<ExportTable, string[]> = {
  sources: ['id'],
  source_texts: ['source_id'],
  similar_texts: ['source_id'],
  distinct_texts: ['source_id', 'other_id'],
  source_captures: ['id'],
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
  groups: ['id'],
  record_groups: ['record_table', 'record_id', 'group_id'],
  merge_proposals: ['id'],
  person_merges: ['id'],
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
  // A record's page names the groups it is given to, so whoever sees the record may see those groups' names.
  const given = await db.selectFrom('record_groups').select(['record_table', 'record_id', 'group_id']).execute();
  sets.groups = new Set(given.filter((g) => sets[g.record_table]?.has(g.record_id)).map((g) => g.group_id));
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
    case 'similar_texts':
      return rows.filter((r) => seen('sources', r.source_id) && seen('sources', r.similar_to));
    case 'distinct_texts':
      return rows.filter((r) => seen('sources', r.source_id) && seen('sources', r.other_id));
    case 'source_captures':
      // That a hidden letter carried a source, and when, is the hidden letter's own (as on the source's page).
      return rows.filter((r) => seen('sources', r.source_id) && (r.parent_id === null || seen('sources', r.parent_id)));
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
      return rows
        .filter((r) => seen('cases', r.case_id) && seen('persons', r.person_id))
        .map((r) => ({ ...r, event_id: orNull('events', r.event_id) }));
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
    case 'groups':
      return rows.filter((r) => seen('groups', r.id));
    case 'record_groups':
      return rows.filter((r) => seen(r.record_table, r.record_id));
    case 'merge_proposals':
      return rows.filter((r) => seen('persons', r.person_a) && seen('persons', r.person_b));
    case 'person_merges':
      // What a merge moved names event participations, relationships and evidence row by row, hidden ones
      // included, and `before` holds both persons as they were: like versions, merge history stays with admins.
      return [];
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

type Tables = Partial<Record<ExportTable, Row[]>>;

/** The tables of an export as lists of rows; a table the file leaves out is read as none. */
function readTables(doc: Partial<RecordExport>): Tables {
  const tables: Tables = {};
  for (const table of TABLES) {
    const rows = (doc.tables as Record<string, unknown>)[table];
    if (rows === undefined) continue;
    if (!Array.isArray(rows)) throw new ChronicleError('VALIDATION', `${table} must be a list`);
    rows.forEach((row, index) => {
      if (typeof row !== 'object' || row === null || Array.isArray(row))
        throw new ChronicleError('VALIDATION', `${table}[${index}] is not a row`);
    });
    tables[table] = rows as Row[];
  }
  return tables;
}

/** A row as a message names it: its table and key, `events 01HV…` or `case_parties 01HW…/01HX…/defendant`. */
function rowName(table: ExportTable, row: Row): string {
  return `${table} ${ORDER[table].map((column) => String(row[column])).join('/')}`;
}

/** Tables whose rows are named by `id`: what a reference (or an evidence row's target) can point to. */
const ID_TABLES = new Set<string>(TABLES.filter((table) => ORDER[table].length === 1 && ORDER[table][0] === 'id'));

/**
 * What each row refers to, by id: the schema's foreign keys (migrations 0001, 0004, 0007), and the record an event
 * participant, an evidence row or a record's group names by table and id (no foreign key holds those, so the
 * database would take a wrong one silently). Each must be in the file or already in the workspace.
 */
const REFERENCES: { [T in ExportTable]?: Array<{ column: string; table: ExportTable | { column: string } }> } = {
  sources: [
    { column: 'parent_id', table: 'sources' },
    { column: 'near_duplicate_of', table: 'sources' },
  ],
  source_texts: [{ column: 'source_id', table: 'sources' }],
  similar_texts: [
    { column: 'source_id', table: 'sources' },
    { column: 'similar_to', table: 'sources' },
  ],
  distinct_texts: [
    { column: 'source_id', table: 'sources' },
    { column: 'other_id', table: 'sources' },
  ],
  source_captures: [
    { column: 'source_id', table: 'sources' },
    { column: 'parent_id', table: 'sources' },
  ],
  persons: [{ column: 'merged_into', table: 'persons' }],
  person_names: [
    { column: 'person_id', table: 'persons' },
    { column: 'source_id', table: 'sources' },
  ],
  case_parties: [
    { column: 'case_id', table: 'cases' },
    { column: 'person_id', table: 'persons' },
    { column: 'event_id', table: 'events' },
  ],
  events: [
    { column: 'place_id', table: 'places' },
    { column: 'case_id', table: 'cases' },
    { column: 'source_id', table: 'sources' },
  ],
  event_participants: [
    { column: 'event_id', table: 'events' },
    { column: 'entity_id', table: { column: 'entity_type' } },
  ],
  mentions: [{ column: 'source_id', table: 'sources' }],
  evidence: [
    { column: 'source_id', table: 'sources' },
    { column: 'target_id', table: { column: 'target_table' } },
  ],
  relationships: [
    { column: 'from_person_id', table: 'persons' },
    { column: 'evidence_id', table: 'evidence' },
  ],
  staged_records: [{ column: 'source_id', table: 'sources' }],
  record_groups: [
    { column: 'record_id', table: { column: 'record_table' } },
    { column: 'group_id', table: 'groups' },
  ],
  merge_proposals: [
    { column: 'person_a', table: 'persons' },
    { column: 'person_b', table: 'persons' },
  ],
  person_merges: [
    { column: 'kept_id', table: 'persons' },
    { column: 'other_id', table: 'persons' },
    // No foreign key holds it, but an undo sets the proposal back to pending: it must be a proposal.
    { column: 'proposal_id', table: 'merge_proposals' },
  ],
};

/**
 * Every reference of the file that points at nothing, as one line each:
 * `events 01HV…: case_id refers to cases 01HZ…, which is neither in the file nor in the workspace`.
 */
async function missingReferences(trx: Kysely<Database>, tables: Tables): Promise<string[]> {
  const problems: string[] = [];
  const inFile = new Map<string, Set<string>>();
  for (const table of ID_TABLES)
    inFile.set(table, new Set((tables[table as ExportTable] ?? []).map((r) => r.id as string)));
  const wanted: Array<{ from: string; column: string; table: string; id: string }> = [];
  for (const from of TABLES) {
    for (const row of tables[from] ?? []) {
      for (const ref of REFERENCES[from] ?? []) {
        const id = row[ref.column];
        if (id === null || id === undefined) continue;
        const table = typeof ref.table === 'string' ? ref.table : row[ref.table.column];
        if (typeof table !== 'string' || !ID_TABLES.has(table)) {
          const named = typeof ref.table === 'string' ? ref.column : ref.table.column;
          problems.push(`${rowName(from, row)}: ${named} ${JSON.stringify(table)} is not a table of the record`);
          continue;
        }
        if (typeof id !== 'string') {
          problems.push(`${rowName(from, row)}: ${ref.column} ${JSON.stringify(id)} is not an id`);
          continue;
        }
        if (!inFile.get(table)?.has(id)) wanted.push({ from: rowName(from, row), column: ref.column, table, id });
      }
    }
  }
  const stored = new Map<string, Set<string>>();
  for (const table of new Set(wanted.map((w) => w.table))) {
    const ids = [...new Set(wanted.filter((w) => w.table === table).map((w) => w.id))];
    const found = new Set<string>();
    for (const chunk of parameterChunks(ids, 1)) {
      const rows = await trx
        .selectFrom(table as 'persons')
        .select('id')
        .where('id', 'in', chunk)
        .execute();
      for (const r of rows) found.add(r.id);
    }
    stored.set(table, found);
  }
  for (const w of wanted) {
    if (!stored.get(w.table)?.has(w.id))
      problems.push(
        `${w.from}: ${w.column} refers to ${w.table} ${w.id}, which is neither in the file nor in the workspace`,
      );
  }
  return problems;
}

/**
 * Each group of the file that would be a second group of one name in the workspace, where names are unique whatever
 * their letter case: `groups 01HG…: the workspace has another group named "Адвокаты" (01HK…)`. The import refuses
 * rather than give the file's restricted records to the workspace's group of that name, whose members were chosen
 * by other people for other records; a group already there under the same id is the same group, and kept.
 */
async function clashingGroups(trx: Kysely<Database>, tables: Tables): Promise<string[]> {
  const rows = tables.groups ?? [];
  if (rows.length === 0) return [];
  const stored = await trx.selectFrom('groups').select(['id', 'name']).execute();
  const storedIds = new Set(stored.map((g) => g.id));
  const taken = new Map(stored.map((g) => [groupNameKey(g.name), g]));
  const problems: string[] = [];
  for (const row of rows) {
    if (typeof row.name !== 'string' || storedIds.has(row.id as string)) continue;
    const other = taken.get(groupNameKey(row.name));
    if (other && other.id !== row.id)
      problems.push(
        `${rowName('groups', row)}: the ${storedIds.has(other.id) ? 'workspace' : 'file'} has another group named ` +
          `${JSON.stringify(other.name)} (${other.id}); rename one of them and import again`,
      );
    else taken.set(groupNameKey(row.name), { id: row.id as string, name: row.name });
  }
  return problems;
}

/**
 * Every evidence row and mention whose span is not a span of its source's text, or whose quote is not what the
 * text holds there: evidence is "the exact span of text it came from". Offsets are UTF-16 code units, as
 * `String.prototype.slice` counts them and the rest of the record stores them (src/record/evidence-spans.ts). The
 * text is the one the source will have after the import: the workspace's own when it holds one (an import never
 * overwrites), else the file's. `evidence 01HV… (source 01HS…): its quote differs from the source's text at 0–57`.
 */
async function falseSpans(trx: Kysely<Database>, tables: Tables): Promise<string[]> {
  const spans = [
    ...(tables.evidence ?? []).map((row) => ({ row, what: 'evidence', quote: 'quote' })),
    ...(tables.mentions ?? []).map((row) => ({ row, what: 'mention', quote: 'text' })),
  ];
  if (spans.length === 0) return [];
  const texts = new Map<string, string>();
  for (const t of tables.source_texts ?? [])
    if (typeof t.source_id === 'string' && typeof t.text === 'string') texts.set(t.source_id, t.text);
  const sourceIds = [
    ...new Set(spans.map((s) => s.row.source_id).filter((id): id is string => typeof id === 'string')),
  ];
  for (const chunk of parameterChunks(sourceIds, 1)) {
    const rows = await trx
      .selectFrom('source_texts')
      .select(['source_id', 'text'])
      .where('source_id', 'in', chunk)
      .execute();
    for (const r of rows) texts.set(r.source_id, r.text);
  }
  const problems: string[] = [];
  for (const { row, what, quote } of spans) {
    const { start, end } = row;
    const name = `${what} ${String(row.id)} (source ${String(row.source_id)})`;
    const text = texts.get(row.source_id as string) ?? '';
    if (typeof start !== 'number' || typeof end !== 'number' || !Number.isInteger(start) || !Number.isInteger(end))
      problems.push(
        `${name}: start and end must be whole numbers, not ${JSON.stringify(start)}–${JSON.stringify(end)}`,
      );
    else if (start < 0 || end > text.length)
      problems.push(`${name}: span ${start}–${end} lies outside the source's text of ${text.length} characters`);
    else if (start >= end) problems.push(`${name}: span ${start}–${end} does not start before it ends`);
    else if (row[quote] !== text.slice(start, end))
      problems.push(`${name}: its ${quote} differs from the source's text at ${start}–${end}`);
  }
  return problems;
}

/**
 * Fields holding U+0000, which PostgreSQL's text cannot: named by table, row and field before anything is written,
 * rather than left for the database to refuse the whole import in its own words. A row's `original` is base64.
 */
function nulFields(tables: Tables): string[] {
  const problems: string[] = [];
  for (const table of TABLES)
    (tables[table] ?? []).forEach((row, index) => {
      for (const [field, value] of Object.entries(row))
        if (typeof value === 'string' && value.includes('\u0000'))
          problems.push(`${table}[${index}].${field} holds a NUL character (U+0000), which no field may hold`);
    });
  return problems;
}

/** What is wrong with a value of a field, or null when the API would take it. */
type Check = (value: unknown) => string | null;

const oneOf =
  (what: string, values: readonly string[]): Check =>
  (value) =>
    typeof value === 'string' && values.includes(value) ? null : `is not ${what} (${values.join(', ')})`;
const orNull =
  (check: Check): Check =>
  (value) =>
    value === null ? null : check(value);
const calendarDate: Check = (value) =>
  typeof value === 'string' && isCalendarDate(value) ? null : 'is not a real date written YYYY, YYYY-MM or YYYY-MM-DD';
const jsonText: Check = (value) => {
  if (typeof value !== 'string') return 'is not JSON text';
  try {
    JSON.parse(value);
    return null;
  } catch {
    return 'is not JSON';
  }
};
const groupName: Check = (value) => {
  if (typeof value !== 'string') return 'is not a name';
  try {
    return checkGroupName(value) === value ? null : 'is not a name as a group is given one (trimmed, one space apart)';
  } catch (error) {
    return `is refused: ${(error as Error).message}`;
  }
};

const confidentiality = oneOf('a confidentiality level', CONFIDENTIALITY);
const reviewStatus = oneOf('a review status', REVIEW_STATUSES);
const personStatus = orNull(oneOf("a person's status", PERSON_STATUSES));

/**
 * The values of each table that the API checks when a person sets them, checked here against the same definitions:
 * the database holds no CHECK for them, so a file could otherwise put an event of type `bogus` dated `2024-99-99`
 * into the record, to reach the exports and statistics as if it were one. JSON columns are read back with
 * `JSON.parse` (a merge's undo, a proposal's explanation), so they must be JSON.
 */
const VALUES: { [T in ExportTable]?: Record<string, Check> } = {
  sources: { confidentiality, reliability: orNull(oneOf('a reliability grade', RELIABILITY)), metadata: jsonText },
  persons: {
    confidentiality,
    review_status: reviewStatus,
    status: personStatus,
    status_override: personStatus,
    details: jsonText,
  },
  organizations: { confidentiality, review_status: reviewStatus },
  cases: { confidentiality, review_status: reviewStatus, opened_on: orNull(calendarDate), articles: jsonText },
  events: {
    type: oneOf('an event type', EVENT_TYPES),
    date: orNull(calendarDate),
    date_precision: orNull(oneOf('a date precision', DATE_PRECISIONS)),
    date_end: orNull(calendarDate),
    status: reviewStatus,
    confidentiality,
  },
  mentions: { status: reviewStatus },
  groups: { name: groupName },
  record_groups: { record_table: oneOf('a table whose records have access groups', SCOPED_TABLES) },
  merge_proposals: { status: oneOf('a merge proposal status', MERGE_PROPOSAL_STATUSES), why: jsonText },
  person_merges: { kind: oneOf('a kind of merge', MERGE_KINDS), moved: jsonText, before: jsonText },
};

/**
 * Every value the API would refuse, as one line each: `events 01HV…: type "bogus" is not an event type (protest, …)`.
 * A field the row leaves out is the database's to fill or refuse.
 */
function badValues(tables: Tables): string[] {
  const problems: string[] = [];
  for (const table of TABLES) {
    const checks = Object.entries(VALUES[table] ?? {});
    for (const row of tables[table] ?? [])
      for (const [field, check] of checks) {
        if (!(field in row)) continue;
        const problem = check(row[field]);
        if (problem) problems.push(`${rowName(table, row)}: ${field} ${JSON.stringify(row[field])} ${problem}`);
      }
  }
  return problems;
}

/** Refuses the file on its first problem, in one line; the rest (up to 100) go with the error as details. */
function refuse(problems: string[]): void {
  const [first] = problems;
  if (first === undefined) return;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  throw new ChronicleError('VALIDATION', `${first}${more}`, { details: { problems: problems.slice(0, 100) } });
}

/**
 * A row the database refused for what it holds (a key or constraint, a column or value it cannot take) is a fault
 * of the file: named by its table and key. SQLite reports SQLITE_CONSTRAINT_* and SQLITE_MISMATCH; PostgreSQL
 * SQLSTATE class 22 (data) and 23 (integrity), and 42703 (no such column).
 */
function isRowFault(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  if (code.startsWith('SQLITE_CONSTRAINT') || code === 'SQLITE_MISMATCH' || /^2[23]...$/.test(code)) return true;
  return code === '42703' || (code === 'SQLITE_ERROR' && /has no column named/.test(String((error as Error).message)));
}

/** Runs one write of `row`, turning the database's refusal into an error that names the row. */
async function writeRow<T>(table: ExportTable, row: Row, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isRowFault(error)) throw error;
    throw new ChronicleError('VALIDATION', `${rowName(table, row)} cannot be written: ${describeError(error)}`, {
      cause: error,
    });
  }
}

/** References from a table to itself, set once every row of it is in, whatever order the rows come in. */
const SELF_REFERENCES: { [T in ExportTable]?: string[] } = {
  sources: ['parent_id', 'near_duplicate_of'],
  persons: ['merged_into'],
};

/**
 * Tables whose rows are also unique by something other than their key: a pair of persons has one merge proposal. A
 * workspace that proposed the pair itself keeps its own proposal and decision, as it keeps any row it holds.
 */
const PAIRED = new Set<ExportTable>(['merge_proposals']);

/**
 * What can be refused in an export without a database: its format and version, its tables' shape and values. The
 * command line checks it before it opens, or creates, the workspace the file is to go into.
 */
export function checkRecordExport(data: unknown): Tables {
  const doc = data as Partial<RecordExport> | null;
  if (!doc || doc.format !== RECORD_EXPORT_FORMAT || typeof doc.tables !== 'object' || doc.tables === null) {
    const what = otherExportKind(data);
    throw new ChronicleError(
      'VALIDATION',
      what
        ? `not a ${RECORD_EXPORT_FORMAT} export: this is ${what}; import json takes what \`chronicle export ` +
            '--format json` writes without --sources or --public'
        : `not a ${RECORD_EXPORT_FORMAT} export`,
    );
  }
  if (doc.version !== RECORD_EXPORT_VERSION)
    throw new ChronicleError('VALIDATION', `unsupported ${RECORD_EXPORT_FORMAT} version ${String(doc.version)}`);
  const tables = readTables(doc);
  refuse(nulFields(tables));
  refuse(badValues(tables));
  return tables;
}

/**
 * Which of Chronicle's other JSON files this is, for the refusal to say, since they are easily taken for a record
 * export: `otherExportKind({ items: [] })` → 'a public list (`chronicle export --public`)'; anything else → null.
 */
function otherExportKind(data: unknown): string | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  const doc = data as Record<string, unknown>;
  if (doc.format === 'chronicle-export' && Array.isArray(doc.sources))
    return 'a list of sources (`chronicle export --sources`), which carries no record';
  if (doc.format === 'chronicle-backup') return "a backup's manifest: bring a backup back with `chronicle restore`";
  if (doc.type === 'FeatureCollection') return 'a map of events (`chronicle export --format geojson`)';
  if (Array.isArray(doc.items) && Object.keys(doc).length === 1) return 'a public list (`chronicle export --public`)';
  return null;
}

/**
 * Imports a record export in the caller's transaction. Rows whose key already exists are kept as they are (an
 * import never overwrites), so importing the same file twice changes nothing. Originals are stored under the
 * receiving workspace's key and sources are indexed for search. Before anything is written the whole file is
 * checked: every reference points at a row of the file or the workspace, and every evidence quote and mention is
 * the span of its source's text it says it is; the first fault refuses the file (`VALIDATION`, naming the row).
 */
export async function importRecordsJson(
  trx: Kysely<Database>,
  data: unknown,
  options: { cipher: BlobCipher | null; userId: string | null },
): Promise<ImportResult> {
  const tables = checkRecordExport(data);
  refuse(await missingReferences(trx, tables));
  refuse(await clashingGroups(trx, tables));
  refuse(await falseSpans(trx, tables));
  const result: ImportResult = { inserted: {}, skipped: {} };
  const dialect = dialectOf(trx);
  const deferredLinks: Array<{ table: ExportTable; row: Row; links: Row }> = [];
  const importedSources = new Set<string>();
  for (const table of TABLES) {
    const rows = tables[table];
    if (rows === undefined) continue;
    let inserted = 0;
    for (const raw of rows) {
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
      }
      const selfLinks = SELF_REFERENCES[table] ?? [];
      const links: Row = {};
      for (const column of selfLinks) {
        links[column] = row[column] ?? null;
        row[column] = null;
      }
      const keys = ORDER[table];
      const done = await writeRow(table, raw, () =>
        trx
          .insertInto(table as 'persons')
          .values(row as never)
          .onConflict((oc) => (PAIRED.has(table) ? oc.doNothing() : oc.columns(keys as never).doNothing()))
          .executeTakeFirst(),
      );
      const n = Number(done.numInsertedOrUpdatedRows ?? 0);
      inserted += n;
      // A row already in the workspace is kept as it is, its links included.
      if (n > 0 && selfLinks.length > 0) deferredLinks.push({ table, row: raw, links });
      if (table === 'sources' && n > 0) importedSources.add(row.id as string);
    }
    result.inserted[table] = inserted;
    result.skipped[table] = rows.length - inserted;
  }
  for (const { table, row, links } of deferredLinks) {
    if (Object.values(links).every((v) => v === null)) continue;
    await writeRow(table, row, () =>
      trx
        .updateTable(table as 'persons')
        .set(links as never)
        .where('id', '=', row.id as string)
        .execute(),
    );
  }
  const linkedByWording = new Set((tables.similar_texts ?? []).map((row) => row.source_id));
  for (const text of (tables.source_texts ?? []) as Array<{ source_id: string; text: string }>) {
    if (!importedSources.has(text.source_id)) continue;
    const source = (tables.sources ?? []).find((s) => s.id === text.source_id);
    await indexSource(trx, dialect, {
      sourceId: text.source_id,
      title: (source?.title as string | null) ?? null,
      text: text.text,
      language: (source?.language as string | null) ?? null,
    });
    // Filed as the workspace files its own texts, so that a report republished later is linked to it.
    if (source?.near_duplicate_of == null || linkedByWording.has(text.source_id))
      await fileWording(trx, text.source_id, text.text);
  }
  await appendAudit(trx, { userId: options.userId, action: 'record.import', target: null, after: result });
  return result;
}

import type { Writable } from 'node:stream';
import { type Kysely, sql } from 'kysely';
import { type Audience, isPublicAudience } from '../auth/index.js';
import type { Database } from '../db/schema.js';
import { listPublicPersons, publicPersonsCsv } from '../publish/index.js';
import { articleLabel } from '../record/index.js';
import { ExportReads, inVisible, scopeSql, subjectNames, visibleIdsSql, visiblePlacesSql } from './audience.js';
import { csvFile } from './sheet-cells.js';
import { CSV_COLUMNS as SOURCE_COLUMNS, visibleSources } from './sources.js';

const EVENT_COLUMNS = [
  'event_id',
  'type',
  'date',
  'date_precision',
  'persons',
  'place',
  'region',
  'country',
  'case',
  'articles',
  'sentence_years',
  'fine_amount',
  'sources',
  'description',
  'place_id',
  'case_id',
  'date_end',
  'confidentiality',
];

const PERSON_COLUMNS = [
  'id',
  'display_name',
  'gender',
  'birth_year',
  'status',
  'status_override',
  'status_reason',
  'notes',
  'details',
  'confidentiality',
  'consent_to_publish',
  'created_at',
  'updated_at',
] as const;

const articlesOf = (json: string | null) =>
  (JSON.parse(json || '[]') as Array<Parameters<typeof articleLabel>[0]>).map(articleLabel).join('; ');

/** The event rows of the events CSV, for this audience: subjects, place, case, articles and visible sources. */
async function eventRows(db: Kysely<Database>, audience: Audience, reads: ExportReads): Promise<unknown[][]> {
  const rows = await db
    .selectFrom('events')
    .leftJoin('places', 'places.id', 'events.place_id')
    .leftJoin('cases', 'cases.id', 'events.case_id')
    .select([
      'events.id',
      'events.type',
      'events.date',
      'events.date_precision',
      'events.date_end',
      'events.sentence_years',
      'events.fine_amount',
      'events.description',
      'events.confidentiality',
      'events.place_id',
      'events.case_id',
      'places.name as place',
      'places.region',
      'places.country',
      'cases.name as case_name',
      'cases.articles',
      'cases.confidentiality as case_confidentiality',
    ])
    .where('events.status', '=', 'accepted')
    .where('events.deleted_at', 'is', null)
    .where(scopeSql(audience, 'events'))
    .orderBy('events.date')
    .orderBy('events.id')
    .execute();
  reads.note('events', rows);
  reads.note(
    'cases',
    rows.flatMap((r) => (r.case_id ? [{ id: r.case_id, confidentiality: r.case_confidentiality ?? '' }] : [])),
  );
  const ids = rows.map((r) => r.id);
  const names = await subjectNames(db, audience, ids, reads);
  const evidence = new Map<string, Set<string>>();
  if (ids.length > 0) {
    const found = await db
      .selectFrom('evidence')
      .select(['target_id', 'source_id'])
      .where('target_table', '=', 'events')
      .where('target_id', 'in', (eb) =>
        eb
          .selectFrom('events')
          .select('events.id')
          .where('events.status', '=', 'accepted')
          .where('events.deleted_at', 'is', null)
          .where(scopeSql(audience, 'events')),
      )
      .where(inVisible('evidence.source_id', audience, 'sources'))
      .orderBy('source_id')
      .execute();
    for (const e of found) evidence.set(e.target_id, (evidence.get(e.target_id) ?? new Set()).add(e.source_id));
  }
  return rows.map((r) => [
    r.id,
    r.type,
    r.date,
    r.date_precision,
    (names.get(r.id) ?? []).join('; '),
    r.place,
    r.region,
    r.country,
    r.case_name,
    articlesOf(r.articles),
    r.sentence_years,
    r.fine_amount,
    [...(evidence.get(r.id) ?? [])].join('; '),
    isPublicAudience(audience) ? null : r.description,
    r.place_id,
    r.case_id,
    r.date_end,
    r.confidentiality,
  ]);
}

/**
 * The accepted events this audience may see as one spreadsheet-friendly table (UTF-8 with a BOM, header row,
 * CRLF, formula-looking text neutralised): one row per event with its visible subjects, place, case, articles
 * and sources. `chronicle export --format csv` without `--out` writes this. Returns how many rows.
 */
export async function exportEventsCsv(db: Kysely<Database>, audience: Audience, out: Writable): Promise<number> {
  const reads = new ExportReads('csv');
  const rows = await eventRows(db, audience, reads);
  out.write(csvFile(EVENT_COLUMNS, rows));
  await reads.audit(db, audience);
  return rows.length;
}

/** The per-type CSV files, by file name. */
export type CsvFiles = Record<string, string>;

/**
 * The record as one CSV file per record type (persons.csv, person_names.csv, cases.csv, case_parties.csv,
 * events.csv, event_participants.csv, organizations.csv, places.csv, sources.csv), each UTF-8 with BOM, header
 * row, CRLF, dates as stored (ISO 8601). Only accepted, undeleted records this audience may see; rows that hang
 * off a record follow it. For the public (`{ public: true }`) only the public list's persons.csv, with its fields.
 * `await exportRecordsCsv(db, viewer)` → `{ 'persons.csv': '\uFEFFid,display_name,…\r\n…', … }`.
 */
export async function exportRecordsCsv(db: Kysely<Database>, audience: Audience): Promise<CsvFiles> {
  if (isPublicAudience(audience)) {
    const rows = await listPublicPersons(db);
    return { 'persons.csv': publicPersonsCsv(rows) };
  }
  const reads = new ExportReads('csv');
  const files: CsvFiles = {};
  const persons = await db
    .selectFrom('persons')
    .select(PERSON_COLUMNS)
    .where('review_status', '=', 'accepted')
    .where('deleted_at', 'is', null)
    .where('merged_into', 'is', null)
    .where(scopeSql(audience, 'persons'))
    .orderBy('id')
    .execute();
  reads.note('persons', persons);
  files['persons.csv'] = csvFile(
    PERSON_COLUMNS,
    persons.map((p) => PERSON_COLUMNS.map((c) => p[c])),
  );
  const shownPersons = new Set(persons.map((p) => p.id));

  const names = await db
    .selectFrom('person_names')
    .select([
      'id',
      'person_id',
      'name',
      'script',
      'kind',
      sql<
        string | null
      >`CASE WHEN person_names.source_id IN ${visibleIdsSql(audience, 'sources')} THEN person_names.source_id END`.as(
        'source_id',
      ),
    ])
    .where(inVisible('person_names.person_id', audience, 'persons'))
    .orderBy('person_id')
    .orderBy('id')
    .execute();
  files['person_names.csv'] = csvFile(
    ['id', 'person_id', 'name', 'script', 'kind', 'source_id'],
    names
      .filter((n) => shownPersons.has(n.person_id))
      .map((n) => [n.id, n.person_id, n.name, n.script, n.kind, n.source_id]),
  );

  const cases = await db
    .selectFrom('cases')
    .select(['id', 'name', 'jurisdiction', 'articles', 'opened_on', 'status', 'court', 'notes', 'confidentiality'])
    .where('review_status', '=', 'accepted')
    .where('deleted_at', 'is', null)
    .where(scopeSql(audience, 'cases'))
    .orderBy('id')
    .execute();
  reads.note('cases', cases);
  files['cases.csv'] = csvFile(
    ['id', 'name', 'jurisdiction', 'articles', 'opened_on', 'status', 'court', 'notes', 'confidentiality'],
    cases.map((c) => [
      c.id,
      c.name,
      c.jurisdiction,
      articlesOf(c.articles),
      c.opened_on,
      c.status,
      c.court,
      c.notes,
      c.confidentiality,
    ]),
  );
  const shownCases = new Set(cases.map((c) => c.id));
  const parties = await db
    .selectFrom('case_parties')
    .select(['case_id', 'person_id', 'role'])
    .orderBy('case_id')
    .orderBy('person_id')
    .orderBy('role')
    .where(inVisible('case_parties.case_id', audience, 'cases'))
    .where(inVisible('case_parties.person_id', audience, 'persons'))
    .execute();
  files['case_parties.csv'] = csvFile(
    ['case_id', 'person_id', 'role'],
    parties
      .filter((p) => shownCases.has(p.case_id) && shownPersons.has(p.person_id))
      .map((p) => [p.case_id, p.person_id, p.role]),
  );

  const events = await eventRows(db, audience, reads);
  files['events.csv'] = csvFile(EVENT_COLUMNS, events);
  const shownEvents = new Set(events.map((e) => e[0] as string));

  const organizations = await db
    .selectFrom('organizations')
    .select(['id', 'name', 'kind', 'confidentiality'])
    .where('review_status', '=', 'accepted')
    .where('deleted_at', 'is', null)
    .where(scopeSql(audience, 'organizations'))
    .orderBy('id')
    .execute();
  reads.note('organizations', organizations);
  files['organizations.csv'] = csvFile(
    ['id', 'name', 'kind', 'confidentiality'],
    organizations.map((o) => [o.id, o.name, o.kind, o.confidentiality]),
  );
  const shownOrgs = new Set(organizations.map((o) => o.id));

  const participants = await db
    .selectFrom('event_participants')
    .select(['event_id', 'entity_type', 'entity_id', 'role'])
    .where(inVisible('event_participants.event_id', audience, 'events'))
    .orderBy('event_id')
    .orderBy('entity_type')
    .orderBy('entity_id')
    .orderBy('role')
    .execute();
  files['event_participants.csv'] = csvFile(
    ['event_id', 'entity_type', 'entity_id', 'role'],
    participants
      .filter(
        (p) =>
          shownEvents.has(p.event_id) &&
          (p.entity_type === 'persons' ? shownPersons : p.entity_type === 'organizations' ? shownOrgs : new Set()).has(
            p.entity_id,
          ),
      )
      .map((p) => [p.event_id, p.entity_type, p.entity_id, p.role]),
  );

  const places = await db
    .selectFrom('places')
    .select(['id', 'name', 'kind', 'country', 'region', 'lat', 'lon'])
    .where('deleted_at', 'is', null)
    .where(sql<boolean>`places.id IN ${visiblePlacesSql(audience)}`)
    .orderBy('id')
    .execute();
  files['places.csv'] = csvFile(
    ['id', 'name', 'kind', 'country', 'region', 'lat', 'lon'],
    places.map((p) => [p.id, p.name, p.kind, p.country, p.region, p.lat, p.lon]),
  );

  const sourceRows: unknown[][] = [];
  for await (const source of visibleSources(db, audience, reads)) sourceRows.push(SOURCE_COLUMNS.map((c) => source[c]));
  files['sources.csv'] = csvFile(SOURCE_COLUMNS, sourceRows);

  await reads.audit(db, audience);
  return files;
}

import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { subjectNames } from './geojson.js';

const COLUMNS = [
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
];

/**
 * The accepted events as one spreadsheet-friendly table (UTF-8 with a BOM, as Excel needs for Cyrillic): one row
 * per event with its subjects, place, case, articles and sources. Returns how many rows.
 */
export async function exportEventsCsv(db: Kysely<Database>, out: Writable): Promise<number> {
  const rows = await db
    .selectFrom('events')
    .leftJoin('places', 'places.id', 'events.place_id')
    .leftJoin('cases', 'cases.id', 'events.case_id')
    .select([
      'events.id',
      'events.type',
      'events.date',
      'events.date_precision',
      'events.sentence_years',
      'events.fine_amount',
      'events.description',
      'places.name as place',
      'places.region',
      'places.country',
      'cases.name as case_name',
      'cases.articles',
    ])
    .where('events.status', '=', 'accepted')
    .where('events.deleted_at', 'is', null)
    .orderBy('events.date')
    .orderBy('events.id')
    .execute();
  const ids = rows.map((r) => r.id);
  const names = await subjectNames(db, ids);
  const evidence = ids.length
    ? await db
        .selectFrom('evidence')
        .select(['target_id', 'source_id'])
        .where('target_table', '=', 'events')
        .where('target_id', 'in', ids)
        .execute()
    : [];
  out.write(`\uFEFF${stringify([COLUMNS])}`);
  for (const r of rows) {
    const articles = (
      JSON.parse(r.articles ?? '[]') as Array<{ code?: string | null; article?: string; part?: number | null } | string>
    ).map((a) =>
      typeof a === 'string' ? a : [a.code, a.article, a.part != null ? `ч. ${a.part}` : null].filter(Boolean).join(' '),
    );
    const sources = [...new Set(evidence.filter((e) => e.target_id === r.id).map((e) => e.source_id))];
    out.write(
      stringify([
        [
          r.id,
          r.type,
          r.date ?? '',
          r.date_precision ?? '',
          (names.get(r.id) ?? []).join('; '),
          r.place ?? '',
          r.region ?? '',
          r.country ?? '',
          r.case_name ?? '',
          articles.join('; '),
          r.sentence_years ?? '',
          r.fine_amount ?? '',
          sources.join('; '),
          r.description ?? '',
        ],
      ]),
    );
  }
  return rows.length;
}

import { strToU8, zipSync } from 'fflate';
import type { Kysely } from 'kysely';
import { type Audience, isPublicAudience } from '../auth/index.js';
import type { Database } from '../db/schema.js';
import { listPublicPersons } from '../publish/index.js';
import type { BlobCipher } from '../sources/index.js';
import { exportFtm } from './ftm.js';
import { exportEventsGeoJson } from './geojson.js';
import { exportHearingsIcs } from './ics.js';
import { exportRecordsCsv } from './records-csv.js';
import { exportRecordsJson } from './records-json.js';

/** The export format names (a contract, DESIGN §7). */
export const EXPORT_FORMATS = ['json', 'csv', 'ftm', 'geojson', 'ics'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportResult {
  body: string | Uint8Array;
  contentType: string;
  fileName: string;
  /** `3 persons, 5 events, 2 sources`: what the CLI reports on stderr. */
  summary: string;
}

/**
 * One export of the record for an audience, as the API serves it and the CLI writes it: json (re-importable; for
 * the public, the public list), csv (a ZIP of the per-type files), ftm (JSON lines), geojson, ics.
 * `await exportRecord(db, viewer, 'ftm', cipher)` → `{ body: '{"id":"chronicle-person-…"}\n…', contentType: 'application/x-ndjson', … }`.
 */
export async function exportRecord(
  db: Kysely<Database>,
  audience: Audience,
  format: ExportFormat,
  cipher: BlobCipher | null,
  options: { now?: Date } = {},
): Promise<ExportResult> {
  const day = (options.now ?? new Date()).toISOString().slice(0, 10);
  const name = `chronicle-${isPublicAudience(audience) ? 'public-' : ''}${day}`;
  if (format === 'json') {
    if (isPublicAudience(audience)) {
      const items = await listPublicPersons(db);
      return {
        body: `${JSON.stringify({ items })}\n`,
        contentType: 'application/json; charset=utf-8',
        fileName: `${name}.json`,
        summary: `${items.length} public list rows`,
      };
    }
    const data = await exportRecordsJson(db, audience, cipher);
    return {
      body: `${JSON.stringify(data)}\n`,
      contentType: 'application/json; charset=utf-8',
      fileName: `${name}.json`,
      summary: `${data.tables.persons.length} persons, ${data.tables.events.length} events, ${data.tables.sources.length} sources`,
    };
  }
  if (format === 'csv') {
    const files = await exportRecordsCsv(db, audience);
    const zip = zipSync(Object.fromEntries(Object.entries(files).map(([file, text]) => [file, strToU8(text)])));
    return {
      body: zip,
      contentType: 'application/zip',
      fileName: `${name}-csv.zip`,
      summary: `${Object.keys(files).length} CSV files`,
    };
  }
  if (format === 'ftm') {
    const lines: string[] = [];
    const n = await exportFtm(db, audience, (e) => void lines.push(`${JSON.stringify(e)}\n`));
    return {
      body: lines.join(''),
      contentType: 'application/x-ndjson; charset=utf-8',
      fileName: `${name}.ftm.json`,
      summary: `${n} entities`,
    };
  }
  if (format === 'geojson') {
    const collection = await exportEventsGeoJson(db, audience);
    return {
      body: `${JSON.stringify(collection)}\n`,
      contentType: 'application/geo+json; charset=utf-8',
      fileName: `${name}.geojson`,
      summary: `${collection.features.length} events`,
    };
  }
  const { ics, count } = await exportHearingsIcs(db, audience, options);
  return {
    body: ics,
    contentType: 'text/calendar; charset=utf-8',
    fileName: `${name}.ics`,
    summary: `${count} hearings`,
  };
}

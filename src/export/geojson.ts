import type { Kysely } from 'kysely';
import type { Audience } from '../auth/index.js';
import type { Database } from '../db/schema.js';
import { ExportReads, eventsRead, scopeSql } from './audience.js';

export interface EventFeature {
  type: 'Feature';
  id: string;
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: {
    type: string;
    date: string | null;
    datePrecision: string | null;
    place: string;
    region: string | null;
    country: string | null;
    case: string | null;
    persons: string[];
    sentenceYears: number | null;
  };
}

/**
 * Accepted events this audience may see at places with coordinates, as an RFC 7946 FeatureCollection
 * (coordinates are [lon, lat]); subjects hidden from the audience are not named.
 * `exportEventsGeoJson(db, viewer)` → `{ type: 'FeatureCollection', features: [{ geometry: { coordinates: [55.97, 54.74] }, … }] }`.
 */
export async function exportEventsGeoJson(
  db: Kysely<Database>,
  audience: Audience,
): Promise<{ type: 'FeatureCollection'; features: EventFeature[] }> {
  const reads = new ExportReads('geojson');
  const rows = await db
    .selectFrom('events')
    .innerJoin('places', 'places.id', 'events.place_id')
    .leftJoin('cases', 'cases.id', 'events.case_id')
    .select([
      'events.id',
      'events.type',
      'events.date',
      'events.date_precision',
      'events.sentence_years',
      'events.confidentiality',
      'places.name as place',
      'places.region',
      'places.country',
      'places.lat',
      'places.lon',
      'cases.name as case_name',
      'cases.id as case_id',
      'cases.confidentiality as case_confidentiality',
    ])
    .where('events.status', '=', 'accepted')
    .where('events.deleted_at', 'is', null)
    .where('places.lat', 'is not', null)
    .where('places.lon', 'is not', null)
    .where(scopeSql(audience, 'events'))
    .orderBy('events.date')
    .orderBy('events.id')
    .execute();
  const names = await eventsRead(db, audience, reads, rows);
  await reads.audit(db, audience);
  return {
    type: 'FeatureCollection',
    features: rows.map((r) => ({
      type: 'Feature',
      id: r.id,
      geometry: { type: 'Point', coordinates: [r.lon!, r.lat!] },
      properties: {
        type: r.type,
        date: r.date,
        datePrecision: r.date_precision,
        place: r.place,
        region: r.region,
        country: r.country,
        case: r.case_name,
        persons: names.get(r.id) ?? [],
        sentenceYears: r.sentence_years,
      },
    })),
  };
}

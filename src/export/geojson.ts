import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

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
 * Accepted events at places with coordinates, as an RFC 7946 FeatureCollection (coordinates are [lon, lat]).
 * `exportEventsGeoJson(db)` → `{ type: 'FeatureCollection', features: [{ geometry: { coordinates: [55.97, 54.74] }, … }] }`.
 */
export async function exportEventsGeoJson(
  db: Kysely<Database>,
): Promise<{ type: 'FeatureCollection'; features: EventFeature[] }> {
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
      'places.name as place',
      'places.region',
      'places.country',
      'places.lat',
      'places.lon',
      'cases.name as case_name',
    ])
    .where('events.status', '=', 'accepted')
    .where('events.deleted_at', 'is', null)
    .where('places.lat', 'is not', null)
    .where('places.lon', 'is not', null)
    .orderBy('events.date')
    .orderBy('events.id')
    .execute();
  const names = await subjectNames(
    db,
    rows.map((r) => r.id),
  );
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

/** Display names of each event's accepted subjects. */
export async function subjectNames(db: Kysely<Database>, eventIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (eventIds.length === 0) return out;
  const rows = await db
    .selectFrom('event_participants')
    .innerJoin('persons', 'persons.id', 'event_participants.entity_id')
    .select(['event_participants.event_id', 'persons.display_name'])
    .where('event_participants.entity_type', '=', 'persons')
    .where('event_participants.role', '=', 'subject')
    .where('persons.deleted_at', 'is', null)
    .where('event_participants.event_id', 'in', eventIds)
    .orderBy('persons.display_name')
    .execute();
  for (const r of rows) out.set(r.event_id, [...(out.get(r.event_id) ?? []), r.display_name]);
  return out;
}

import type { ExpressionBuilder, Kysely, SelectQueryBuilder } from 'kysely';
import { caseScope, eventScope, type PolicyUser, visibleIds } from '../../../auth/index.js';
import type { Database } from '../../../db/schema.js';

/** The filters the events table and the map share (kept in the page's address). */
export interface EventFilters {
  personId?: string;
  caseId?: string;
  placeId?: string;
  type?: string;
  /** ISO day or partial date: events dated on or after it. */
  from?: string;
  /** ISO day or partial date: events dated on or before it (a partial `to` covers its whole month or year). */
  to?: string;
  /** `places.region` of the event's place. */
  region?: string;
}

/** `'2024-03'` → `'2024-03-99'`: an upper bound that a string comparison puts after every day of March 2024. */
export function upperBound(to: string): string {
  if (/^\d{4}$/.test(to)) return `${to}-99-99`;
  if (/^\d{4}-\d{2}$/.test(to)) return `${to}-99`;
  return to;
}

type EventsQuery = SelectQueryBuilder<Database, 'events', object>;

/**
 * Accepted, not deleted events this user may see, narrowed by the filters; `except` leaves one filter out (for the
 * facet counts of that filter). Every list, count and map point goes through here, so they always agree.
 */
export function filteredEvents(
  db: Kysely<Database>,
  user: PolicyUser | null,
  f: EventFilters,
  except?: 'type' | 'region' | 'caseId',
): EventsQuery {
  let query = db
    .selectFrom('events')
    .where('events.status', '=', 'accepted')
    .where('events.deleted_at', 'is', null)
    .where(eventScope(user));
  if (f.caseId && except !== 'caseId') query = query.where('events.case_id', '=', f.caseId);
  if (f.placeId) query = query.where('events.place_id', '=', f.placeId);
  if (f.type && except !== 'type') query = query.where('events.type', '=', f.type);
  if (f.from) query = query.where('events.date', '>=', f.from);
  if (f.to) query = query.where('events.date', '<=', upperBound(f.to));
  if (f.region && except !== 'region') {
    const region = f.region;
    query = query.where('events.place_id', 'in', (eb: ExpressionBuilder<Database, 'events'>) =>
      eb.selectFrom('places').select('places.id').where('places.region', '=', region),
    );
  }
  if (f.personId) {
    const personId = f.personId;
    query = query.where('events.id', 'in', (eb: ExpressionBuilder<Database, 'events'>) =>
      eb
        .selectFrom('event_participants')
        .select('event_participants.event_id')
        .where('event_participants.entity_type', '=', 'persons')
        .where('event_participants.entity_id', '=', personId),
    );
  }
  return query;
}

/** Counts by type, region and case (visible cases, with their names) over the filtered events, each ignoring its own filter. */
export async function eventFacets(db: Kysely<Database>, user: PolicyUser | null, f: EventFilters) {
  const types = await filteredEvents(db, user, f, 'type')
    .select(['events.type as value', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy('events.type')
    .execute();
  const regions = await filteredEvents(db, user, f, 'region')
    .innerJoin('places', 'places.id', 'events.place_id')
    .select(['places.region as value', (eb) => eb.fn.countAll<number>().as('count')])
    .where('places.region', 'is not', null)
    .groupBy('places.region')
    .execute();
  const cases = await filteredEvents(db, user, f, 'caseId')
    .innerJoin('cases', 'cases.id', 'events.case_id')
    .select(['cases.id as value', 'cases.name as label', (eb) => eb.fn.countAll<number>().as('count')])
    .where('cases.deleted_at', 'is', null)
    .where(caseScope(user))
    .groupBy(['cases.id', 'cases.name'])
    .execute();
  const shape = (rows: Array<{ value: string | null; count: number | string }>) =>
    rows
      .filter((r): r is { value: string; count: number } => r.value !== null)
      .map((r) => ({ value: r.value, count: Number(r.count) }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value, 'ru'));
  return {
    type: shape(types),
    region: shape(regions),
    case: cases
      .map((r) => ({ value: r.value, label: r.label, count: Number(r.count) }))
      .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'ru')),
  };
}

/**
 * Names for the events table: each event's place (with region and coordinates), its case (when visible) and its
 * visible people. `describe(db, viewer, events)` → `Map { eventId → { place, case, persons } }`.
 */
export async function eventLabels(
  db: Kysely<Database>,
  user: PolicyUser | null,
  events: Array<{
    id: string;
    placeId: string | null;
    caseId: string | null;
    participants: Array<{ entityType: string; entityId: string; role: string }>;
  }>,
) {
  const placeIds = [...new Set(events.flatMap((e) => (e.placeId ? [e.placeId] : [])))];
  const places =
    placeIds.length === 0
      ? []
      : await db
          .selectFrom('places')
          .select(['id', 'name', 'region', 'lat', 'lon'])
          .where('id', 'in', placeIds)
          .execute();
  const caseIds = await visibleIds(
    db,
    user,
    'cases',
    events.flatMap((e) => (e.caseId ? [e.caseId] : [])),
  );
  const cases =
    caseIds.size === 0
      ? []
      : await db
          .selectFrom('cases')
          .select(['id', 'name'])
          .where('id', 'in', [...caseIds])
          .execute();
  const personIds = [
    ...new Set(events.flatMap((e) => e.participants.filter((p) => p.entityType === 'persons').map((p) => p.entityId))),
  ];
  const persons =
    personIds.length === 0
      ? []
      : await db.selectFrom('persons').select(['id', 'display_name']).where('id', 'in', personIds).execute();
  const placeOf = new Map(places.map((p) => [p.id, p]));
  const caseOf = new Map(cases.map((c) => [c.id, c.name]));
  const personOf = new Map(persons.map((p) => [p.id, p.display_name]));
  const labels = new Map<
    string,
    {
      place: { id: string; name: string; region: string | null; lat: number | null; lon: number | null } | null;
      case: { id: string; name: string } | null;
      persons: Array<{ id: string; name: string; role: string }>;
    }
  >();
  for (const e of events) {
    const place = e.placeId ? placeOf.get(e.placeId) : undefined;
    const caseName = e.caseId ? caseOf.get(e.caseId) : undefined;
    labels.set(e.id, {
      place: place
        ? {
            id: place.id,
            name: place.name,
            region: place.region,
            lat: place.lat === null ? null : Number(place.lat),
            lon: place.lon === null ? null : Number(place.lon),
          }
        : null,
      case: e.caseId && caseName !== undefined ? { id: e.caseId, name: caseName } : null,
      // Participants arrive already filtered to the visible ones.
      persons: e.participants
        .filter((p) => p.entityType === 'persons' && personOf.has(p.entityId))
        .map((p) => ({ id: p.entityId, name: personOf.get(p.entityId) as string, role: p.role })),
    });
  }
  return labels;
}

/**
 * The map's points: filtered events grouped by their place, for places with coordinates; also how many of the
 * filtered events have no located place. `eventPlaces(db, viewer, { type: 'detention' })` →
 * `{ total: 12, located: 10, places: [{ id, name, region, lat: 54.74, lon: 55.97, count: 4 }] }`.
 */
export async function eventPlaces(db: Kysely<Database>, user: PolicyUser | null, f: EventFilters) {
  const total = await filteredEvents(db, user, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  const rows = await filteredEvents(db, user, f)
    .innerJoin('places', 'places.id', 'events.place_id')
    .select([
      'places.id',
      'places.name',
      'places.region',
      'places.lat',
      'places.lon',
      (eb) => eb.fn.countAll<number>().as('count'),
    ])
    .where('places.lat', 'is not', null)
    .where('places.lon', 'is not', null)
    .groupBy(['places.id', 'places.name', 'places.region', 'places.lat', 'places.lon'])
    .execute();
  const places = rows
    .map((r) => ({
      id: r.id,
      name: r.name,
      region: r.region,
      lat: Number(r.lat),
      lon: Number(r.lon),
      count: Number(r.count),
    }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'ru'));
  return {
    total: Number(total?.n ?? 0),
    located: places.reduce((sum, p) => sum + p.count, 0),
    places,
  };
}

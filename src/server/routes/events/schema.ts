import { Type } from '@sinclair/typebox';
import { DATE_PRECISIONS, EVENT_TYPES } from '../../../record/index.js';
import { ConfidentialityLevel, Id, IsoDay, nullable, Paging } from '../../schemas.js';

/** src/record's EventView, with the evidence it was accepted on. */
export const Event = Type.Object(
  {
    id: Type.String(),
    type: Type.String(),
    date: nullable(Type.String()),
    datePrecision: nullable(Type.String()),
    dateEnd: nullable(Type.String()),
    placeId: nullable(Type.String()),
    caseId: nullable(Type.String()),
    sentenceYears: nullable(Type.Number()),
    fineAmount: nullable(Type.Number()),
    description: nullable(Type.String()),
    status: Type.String(),
    confidence: nullable(Type.Number()),
    confidentiality: Type.String(),
    sourceId: nullable(Type.String()),
    participants: Type.Array(Type.Object({ entityType: Type.String(), entityId: Type.String(), role: Type.String() })),
    version: Type.Integer(),
    deletedAt: nullable(Type.String()),
    evidence: Type.Array(Type.Ref('Evidence')),
  },
  { $id: 'Event' },
);

export const EventFilters = {
  personId: Type.Optional(Id),
  caseId: Type.Optional(Id),
  placeId: Type.Optional(Id),
  type: Type.Optional(Type.Union(EVENT_TYPES.map((t) => Type.Literal(t)))),
  /** Events dated on or after this day (or month, or year). */
  from: Type.Optional(IsoDay),
  /** Events dated on or before this day (a month or year covers all of it). */
  to: Type.Optional(IsoDay),
  /** The region of the event's place (places.region). */
  region: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
};

export const EventsQuery = Type.Object({ ...Paging, ...EventFilters });
export const EventPlacesQuery = Type.Object(EventFilters);

const Facet = Type.Array(Type.Object({ value: Type.String(), count: Type.Integer() }));
const Place = Type.Object({
  id: Type.String(),
  name: Type.String(),
  region: nullable(Type.String()),
  lat: nullable(Type.Number()),
  lon: nullable(Type.Number()),
});

/** An event in the events table: the Event with names of its place, case and visible people. */
export const EventListItem = Type.Object({
  ...Event.properties,
  place: nullable(Place),
  case: nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  persons: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), role: Type.String() })),
});

/**
 * One event as its page shows it: the Event with its place, its case (with the articles it is under) and its visible
 * people named, each with whether a reviewer accepted them — a proposal must not read as fact.
 */
export const EventDetail = Type.Object({
  ...Event.properties,
  place: nullable(Place),
  case: nullable(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      reviewStatus: Type.String(),
      articles: Type.Array(Type.Unknown()),
    }),
  ),
  persons: Type.Array(
    Type.Object({ id: Type.String(), name: Type.String(), role: Type.String(), reviewStatus: Type.String() }),
  ),
});

export const EventList = Type.Object({
  total: Type.Integer(),
  items: Type.Array(EventListItem),
  /** Counts by type, region and case over the filtered events, each ignoring its own filter. */
  facets: Type.Object({
    type: Facet,
    region: Facet,
    case: Type.Array(Type.Object({ value: Type.String(), label: Type.String(), count: Type.Integer() })),
  }),
});

export const EventPlaces = Type.Object({
  /** Events matching the filters. */
  total: Type.Integer(),
  /** Of those, events at a place with coordinates (the ones on the map). */
  located: Type.Integer(),
  places: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      region: nullable(Type.String()),
      lat: Type.Number(),
      lon: Type.Number(),
      count: Type.Integer(),
    }),
  ),
});
export const EventParams = Type.Object({ id: Id });

const day = IsoDay;

export const EventChanges = Type.Object(
  {
    type: Type.Optional(Type.Union(EVENT_TYPES.map((t) => Type.Literal(t)))),
    date: Type.Optional(nullable(day)),
    datePrecision: Type.Optional(nullable(Type.Union(DATE_PRECISIONS.map((p) => Type.Literal(p))))),
    dateEnd: Type.Optional(nullable(day)),
    placeId: Type.Optional(nullable(Id)),
    caseId: Type.Optional(nullable(Id)),
    sentenceYears: Type.Optional(nullable(Type.Number({ minimum: 0, maximum: 100 }))),
    fineAmount: Type.Optional(nullable(Type.Number({ minimum: 0 }))),
    description: Type.Optional(nullable(Type.String({ maxLength: 20_000 }))),
    confidentiality: Type.Optional(ConfidentialityLevel()),
  },
  { additionalProperties: false },
);

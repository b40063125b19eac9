import { Type } from '@sinclair/typebox';
import { HISTORY_LIMIT, PERSON_STATUSES, PERSON_TABLE_SORTS } from '../../../record/index.js';
import { ConfidentialityLevel, Id, IsoDay, nullable, Offset, Paging } from '../../schemas.js';

const Status = Type.Union(PERSON_STATUSES.map((s) => Type.Literal(s)));
const Confidentiality = ConfidentialityLevel();

/** src/record's PersonView. */
export const Person = Type.Object(
  {
    id: Type.String(),
    displayName: Type.String(),
    names: Type.Array(Type.Object({ name: Type.String(), kind: Type.String(), script: nullable(Type.String()) })),
    gender: nullable(Type.String()),
    birthYear: nullable(Type.Number()),
    status: nullable(Type.String()),
    statusOverride: nullable(Type.String()),
    statusReason: nullable(Type.String()),
    notes: nullable(Type.String()),
    confidentiality: Type.String(),
    consentToPublish: Type.Boolean(),
    reviewStatus: Type.String(),
    details: Type.Record(Type.String(), Type.Unknown()),
    version: Type.Integer(),
    createdAt: Type.String(),
    updatedAt: Type.String(),
    deletedAt: nullable(Type.String()),
    mergedInto: Type.Optional(nullable(Type.String())),
  },
  { $id: 'Person' },
);

export const PersonsQuery = Type.Object({
  ...Paging,
  q: Type.Optional(
    Type.String({
      maxLength: 200,
      description:
        "Words that each begin a word of one of the person's names, in any letter case, in either script and any common transliteration, and for Russian names in any grammatical case (`Галиевым`, `Galiev` and `gal` all find Руслан Галиев); or the beginning of a whole name",
    }),
  ),
  status: Type.Optional(Status),
  /** Took part in an event in this region. */
  region: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  /** A party to this case or to one of its events. */
  case: Type.Optional(Id),
  /** In a case under this article, as the facet labels it (`УК РФ 280.3 ч. 1`). */
  article: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  /** Took part in an event dated from / to (inclusive; year, month or day). */
  from: Type.Optional(IsoDay),
  to: Type.Optional(IsoDay),
  sort: Type.Optional(Type.Union(PERSON_TABLE_SORTS.map((s) => Type.Literal(s)))),
  order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
  /** Also return, per facet, how many visible people each value gives with the other filters applied. */
  facets: Type.Optional(Type.Boolean()),
});

/** One row of the people table: the person, and the region, last event date and cases shown beside the name. */
export const PersonRow = Type.Object({
  ...Person.properties,
  region: nullable(Type.String()),
  lastEventDate: nullable(Type.String()),
  cases: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
});

const FacetValues = Type.Array(Type.Object({ value: Type.String(), label: Type.String(), count: Type.Integer() }));

export const PersonList = Type.Object({
  total: Type.Integer(),
  items: Type.Array(PersonRow),
  facets: Type.Optional(
    Type.Object({
      status: FacetValues,
      region: FacetValues,
      case: FacetValues,
      article: FacetValues,
      date: Type.Object({ min: nullable(Type.String()), max: nullable(Type.String()) }),
    }),
  ),
});

export const PersonParams = Type.Object({ id: Id });

export const StatusView = Type.Object({
  /** Null when no event and no manual status says anything: nothing claims the person is at liberty. */
  status: nullable(Type.String()),
  derived: nullable(Type.String()),
  eventId: nullable(Type.String()),
  override: nullable(Type.String()),
  reason: nullable(Type.String()),
  /** The event that set the derived status, with its evidence. */
  event: nullable(Type.Ref('Proposal')),
});

export const PersonDetail = Type.Object({
  person: Type.Ref('Person'),
  status: StatusView,
  /** Accepted events the person took part in, oldest first, each with its evidence quotes and sources. */
  timeline: Type.Array(Type.Ref('Proposal')),
  cases: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), roles: Type.Array(Type.String()) })),
  versions: Type.Array(Type.Object({ version: Type.Integer(), at: Type.String(), userId: nullable(Type.String()) })),
});

export const PersonChanges = Type.Object(
  {
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    aliases: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 500 }), { maxItems: 50 })),
    gender: Type.Optional(nullable(Type.String({ maxLength: 32 }))),
    birthYear: Type.Optional(nullable(Type.Integer({ minimum: 1800, maximum: 2200 }))),
    notes: Type.Optional(nullable(Type.String({ maxLength: 20_000 }))),
    confidentiality: Type.Optional(Confidentiality),
    consentToPublish: Type.Optional(Type.Boolean()),
    details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { additionalProperties: false },
);

export const StatusOverride = Type.Object(
  { status: nullable(Status), reason: Type.Optional(nullable(Type.String({ maxLength: 2000 }))) },
  { additionalProperties: false },
);

export const StatusOverrideResult = Type.Object({
  status: nullable(Type.String()),
  derived: nullable(Type.String()),
  eventId: nullable(Type.String()),
  override: nullable(Type.String()),
  reason: nullable(Type.String()),
});

export const RecordHistoryQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: HISTORY_LIMIT, default: 50 })),
  offset: Offset,
});

/** src/record's recordHistory: a person's or a case's versions, newest first, each with what it changed. */
export const RecordHistory = Type.Object({
  total: Type.Integer(),
  items: Type.Array(
    Type.Object({
      version: Type.Integer(),
      at: Type.String(),
      /** Null when no user made it (the machine's proposal, the command line); `username` null for an unknown id. */
      user: nullable(Type.Object({ id: Type.String(), username: nullable(Type.String()) })),
      /** 'review.correct', 'person.update', 'record.delete', 'baseline', …; null for versions kept before it was. */
      action: nullable(Type.String()),
      /**
       * Row columns by stored name ('display_name', 'deleted_at', …) and 'names' (the sorted name strings), each
       * with its value in the version before and in this one; empty for the oldest version.
       */
      changes: Type.Array(Type.Object({ field: Type.String(), before: Type.Unknown(), after: Type.Unknown() })),
      /** What it changed is withheld (`changes` empty): the record was restricted then, and the reader may not. */
      withheld: Type.Optional(Type.Boolean()),
    }),
  ),
});

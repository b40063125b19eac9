import { Type } from '@sinclair/typebox';
import { EVENT_TYPES } from '../../../record/index.js';
import { Id, nullable, Paging } from '../../schemas.js';

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

export const EventsQuery = Type.Object({
  ...Paging,
  personId: Type.Optional(Id),
  caseId: Type.Optional(Id),
  type: Type.Optional(Type.Union(EVENT_TYPES.map((t) => Type.Literal(t)))),
});
export const EventList = Type.Object({ total: Type.Integer(), items: Type.Array(Type.Ref('Event')) });
export const EventParams = Type.Object({ id: Id });

const day = Type.String({ pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$' });

export const EventChanges = Type.Object(
  {
    type: Type.Optional(Type.Union(EVENT_TYPES.map((t) => Type.Literal(t)))),
    date: Type.Optional(nullable(day)),
    datePrecision: Type.Optional(
      nullable(Type.Union([Type.Literal('day'), Type.Literal('month'), Type.Literal('year')])),
    ),
    dateEnd: Type.Optional(nullable(day)),
    placeId: Type.Optional(nullable(Id)),
    caseId: Type.Optional(nullable(Id)),
    sentenceYears: Type.Optional(nullable(Type.Number({ minimum: 0, maximum: 100 }))),
    fineAmount: Type.Optional(nullable(Type.Number({ minimum: 0 }))),
    description: Type.Optional(nullable(Type.String({ maxLength: 20_000 }))),
    confidentiality: Type.Optional(
      Type.Union([Type.Literal('public'), Type.Literal('internal'), Type.Literal('restricted')]),
    ),
  },
  { additionalProperties: false },
);

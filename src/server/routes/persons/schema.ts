import { Type } from '@sinclair/typebox';
import { PERSON_STATUSES } from '../../../record/index.js';
import { Id, nullable, Paging } from '../../schemas.js';

const Status = Type.Union(PERSON_STATUSES.map((s) => Type.Literal(s)));
const Confidentiality = Type.Union([Type.Literal('public'), Type.Literal('internal'), Type.Literal('restricted')]);

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
  },
  { $id: 'Person' },
);

export const PersonsQuery = Type.Object({
  ...Paging,
  /** Any part of any of the person's names, in any case and with ё/е alike. */
  q: Type.Optional(Type.String({ maxLength: 200 })),
  status: Type.Optional(Status),
});

export const PersonList = Type.Object({ total: Type.Integer(), items: Type.Array(Type.Ref('Person')) });

export const PersonParams = Type.Object({ id: Id });

export const StatusView = Type.Object({
  status: Type.String(),
  derived: Type.String(),
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
  status: Type.String(),
  derived: Type.String(),
  eventId: nullable(Type.String()),
  override: nullable(Type.String()),
  reason: nullable(Type.String()),
});

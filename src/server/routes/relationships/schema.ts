import { Type } from '@sinclair/typebox';
import { RELATIONSHIP_KIND_NAMES } from '../../../record/index.js';
import { Id, nullable } from '../../schemas.js';

const Kind = Type.Union(RELATIONSHIP_KIND_NAMES.map((k) => Type.Literal(k)));
const TargetType = Type.Union([Type.Literal('person'), Type.Literal('organization')]);

/** src/record's RelationshipView: `fromPersonId` <kind> `toType`/`toId`. */
export const Relationship = Type.Object(
  {
    id: Type.String(),
    fromPersonId: Type.String(),
    kind: Type.String(),
    toType: Type.String(),
    toId: Type.String(),
    note: nullable(Type.String()),
    evidenceId: nullable(Type.String()),
    createdAt: Type.String(),
    createdBy: nullable(Type.String()),
    deletedAt: nullable(Type.String()),
  },
  { $id: 'Relationship' },
);

export const RelationshipParams = Type.Object({ id: Id });

export const NewRelationship = Type.Object(
  {
    kind: Kind,
    toType: TargetType,
    toId: Id,
    note: Type.Optional(nullable(Type.String({ maxLength: 2000 }))),
  },
  { additionalProperties: false },
);

/** One person's relationships, both ways, each read from that person's side, and the vocabulary of kinds. */
export const PersonRelationships = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      direction: Type.Union([Type.Literal('outgoing'), Type.Literal('incoming')]),
      kind: Type.String(),
      /** The kind as this person's page reads it: `child_of` on the son's page of `mother_of`. */
      relation: Type.String(),
      other: Type.Object({ type: Type.String(), id: Type.String(), name: Type.String() }),
      note: nullable(Type.String()),
      evidenceId: nullable(Type.String()),
      createdAt: Type.String(),
    }),
  ),
  /** Every kind an editor may choose, with the type of record its other end must be. */
  kinds: Type.Array(Type.Object({ kind: Type.String(), target: Type.String() })),
});

export const TargetsQuery = Type.Object({
  /** Any part of a person's or organization's name, in any case, ё/е alike. */
  q: Type.String({ minLength: 1, maxLength: 200 }),
  type: Type.Optional(TargetType),
});

export const Targets = Type.Object({
  items: Type.Array(Type.Object({ type: Type.String(), id: Type.String(), name: Type.String() })),
});

import { Type } from '@sinclair/typebox';
import { MERGE_KINDS, MERGE_PROPOSAL_STATUSES } from '../../../record/index.js';
import { Id, nullable, Paging } from '../../schemas.js';

const Status = Type.Union(MERGE_PROPOSAL_STATUSES.map((s) => Type.Literal(s)));

/** One side of a proposal: src/record's ProposalPerson. */
const ProposalPerson = Type.Object({
  id: Type.String(),
  displayName: Type.String(),
  names: Type.Array(Type.Object({ name: Type.String(), script: Type.String() })),
  gender: nullable(Type.String()),
  confidentiality: Type.String(),
  mergedInto: nullable(Type.String()),
  eventsCount: Type.Integer(),
  evidence: Type.Array(
    Type.Object({ quote: Type.String(), sourceId: Type.String(), sourceTitle: nullable(Type.String()) }),
  ),
});

/** src/record's MergeProposalView: two persons the names resolver proposes as one, with why. */
export const MergeProposal = Type.Object(
  {
    id: Type.String(),
    score: Type.Number(),
    status: Status,
    why: Type.Object({
      summary: Type.String(),
      match: Type.Optional(Type.Boolean()),
      names: Type.Array(Type.String()),
      parts: Type.Array(
        Type.Object({
          part: Type.String(),
          a: Type.Optional(Type.String()),
          b: Type.Optional(Type.String()),
          status: Type.String(),
          note: Type.String(),
        }),
      ),
      reading: Type.Optional(Type.String()),
    }),
    decidedBy: nullable(Type.String()),
    decidedAt: nullable(Type.String()),
    a: ProposalPerson,
    b: ProposalPerson,
  },
  { $id: 'MergeProposal' },
);

export const ProposalsQuery = Type.Object({ ...Paging, status: Type.Optional(Status) });
export const ProposalList = Type.Object({ total: Type.Integer(), items: Type.Array(Type.Ref('MergeProposal')) });

/** src/record's MergeView: one merge or split done. */
export const Merge = Type.Object(
  {
    id: Type.String(),
    kind: Type.Union(MERGE_KINDS.map((k) => Type.Literal(k))),
    proposalId: nullable(Type.String()),
    keptId: Type.String(),
    keptName: Type.String(),
    otherId: Type.String(),
    otherName: Type.String(),
    reason: nullable(Type.String()),
    createdBy: nullable(Type.String()),
    createdAt: Type.String(),
    undoneAt: nullable(Type.String()),
  },
  { $id: 'Merge' },
);
export const HistoryQuery = Type.Object({ ...Paging, undone: Type.Optional(Type.Boolean()) });
export const MergeList = Type.Object({ total: Type.Integer(), items: Type.Array(Type.Ref('Merge')) });

export const IdParams = Type.Object({ id: Id });

export const MergeBody = Type.Object(
  {
    /** Which of the two persons stays; the one with more events when absent. */
    keepId: Type.Optional(Id),
    reason: Type.Optional(nullable(Type.String({ maxLength: 2000 }))),
  },
  { additionalProperties: false },
);

export const MergeResult = Type.Object({
  mergeId: Type.String(),
  keptId: Type.String(),
  mergedId: Type.String(),
  proposalId: nullable(Type.String()),
});

export const RefreshResult = Type.Object({
  pending: Type.Integer(),
  created: Type.Integer(),
  updated: Type.Integer(),
  removed: Type.Integer(),
  persons: Type.Integer(),
});

export const SplitBody = Type.Object(
  {
    names: Type.Array(Type.String({ minLength: 1, maxLength: 500 }), { minItems: 1, maxItems: 50 }),
    eventIds: Type.Optional(Type.Array(Id, { maxItems: 500 })),
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    reason: Type.Optional(nullable(Type.String({ maxLength: 2000 }))),
  },
  { additionalProperties: false },
);

export const SplitResult = Type.Object({ mergeId: Type.String(), personId: Type.String(), newPersonId: Type.String() });

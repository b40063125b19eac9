import { Type } from '@sinclair/typebox';
import { REVIEW_STATUSES } from '../../../record/index.js';
import { Id, IsoDay, nullable, Paging } from '../../schemas.js';

export const PROPOSAL_KINDS = ['event', 'person', 'organization', 'case'] as const;
/** A review status, or `all` of them. */
const REVIEW_FILTERS = [...REVIEW_STATUSES, 'all'] as const;

export const Evidence = Type.Object(
  { id: Type.String(), sourceId: Type.String(), start: Type.Integer(), end: Type.Integer(), quote: Type.String() },
  { $id: 'Evidence' },
);

/** The review API's one proposal shape, src/record's ProposalView (the web UI's source view reads it too). */
export const Proposal = Type.Object(
  {
    id: Type.String(),
    kind: Type.Union(PROPOSAL_KINDS.map((k) => Type.Literal(k))),
    status: Type.String(),
    label: Type.String(),
    confidence: nullable(Type.Number()),
    createdAt: Type.String(),
    event: Type.Optional(
      Type.Object({
        type: Type.String(),
        date: nullable(Type.String()),
        datePrecision: nullable(Type.String()),
        place: nullable(Type.Object({ id: Type.String(), name: Type.String() })),
        case: nullable(Type.Object({ id: Type.String(), name: Type.String() })),
        sentenceYears: nullable(Type.Number()),
        fineAmount: nullable(Type.Number()),
        description: nullable(Type.String()),
        participants: Type.Array(
          Type.Object({
            role: Type.String(),
            entityType: Type.String(),
            entityId: Type.String(),
            name: nullable(Type.String()),
            status: nullable(Type.String()),
          }),
        ),
      }),
    ),
    evidence: Type.Array(Type.Ref('Evidence')),
  },
  { $id: 'Proposal' },
);

export const ReviewQuery = Type.Object({
  ...Paging,
  sourceId: Type.Optional(Id),
  kind: Type.Optional(Type.Union(PROPOSAL_KINDS.map((k) => Type.Literal(k)))),
  /** `proposed` (the queue, the default), a decided status, or `all` (the source view's highlights). */
  status: Type.Optional(
    Type.Union(
      REVIEW_FILTERS.map((s) => Type.Literal(s)),
      { default: 'proposed' },
    ),
  ),
});

export const ProposalList = Type.Object({ total: Type.Integer(), items: Type.Array(Type.Ref('Proposal')) });

export const Decisions = Type.Object(
  {
    accept: Type.Optional(Type.Array(Id, { maxItems: 1000 })),
    reject: Type.Optional(Type.Array(Id, { maxItems: 1000 })),
  },
  { additionalProperties: false },
);

export const DecisionResult = Type.Object({ accepted: Type.Array(Type.String()), rejected: Type.Array(Type.String()) });

/** Decided proposals to put back in the queue: the undo of a decision. */
export const Reopen = Type.Object(
  { ids: Type.Array(Id, { minItems: 1, maxItems: 1000 }) },
  { additionalProperties: false },
);

export const Reopened = Type.Object({
  reopened: Type.Array(Type.String(), {
    description: 'The ids now proposed again; those already proposed are left out',
  }),
});

export const AcceptAll = Type.Object({ sourceId: Type.Optional(Id) }, { additionalProperties: false });

/** An event participant: a person (the default) or, as the extractor stores agents such as the police, an organization. */
const Ref = Type.Object(
  {
    type: Type.Optional(
      Type.Union([Type.Literal('persons'), Type.Literal('organizations')], { description: 'default: persons' }),
    ),
    id: Id,
  },
  { additionalProperties: false },
);

/** New boundaries of one evidence row: UTF-16 code-unit offsets into its source's text, as every span in the API. */
const EvidenceSpan = Type.Object(
  {
    id: Type.String({ ...Id, description: "The evidence row's id; it must be this proposal's own evidence" }),
    start: Type.Integer({ minimum: 0, description: 'Offset of the first character of the quote' }),
    end: Type.Integer({
      minimum: 0,
      description:
        "Offset just past the quote: after start, within the source's text; the quote must not be only whitespace",
    }),
  },
  { additionalProperties: false },
);

const text = (max = 2000) => Type.Optional(nullable(Type.String({ maxLength: max })));

/** What a reviewer may correct while accepting: the fields of correctProposal (src/record), no confidentiality. */
export const Correction = Type.Object(
  {
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    gender: text(32),
    birthYear: Type.Optional(nullable(Type.Integer({ minimum: 1800, maximum: 2200 }))),
    notes: text(),
    kind: text(100),
    type: Type.Optional(Type.String({ maxLength: 32 })),
    date: Type.Optional(nullable(IsoDay)),
    datePrecision: Type.Optional(
      nullable(Type.Union([Type.Literal('day'), Type.Literal('month'), Type.Literal('year')])),
    ),
    dateEnd: Type.Optional(nullable(IsoDay)),
    placeId: Type.Optional(nullable(Id)),
    caseId: Type.Optional(nullable(Id)),
    sentenceYears: Type.Optional(nullable(Type.Number({ minimum: 0, maximum: 100 }))),
    fineAmount: Type.Optional(nullable(Type.Number({ minimum: 0 }))),
    description: text(),
    jurisdiction: text(200),
    openedOn: Type.Optional(nullable(IsoDay)),
    status: text(100),
    court: text(500),
    articles: Type.Optional(
      Type.Array(
        Type.Object({
          code: Type.String({ maxLength: 32 }),
          article: Type.String({ maxLength: 32 }),
          part: Type.Optional(nullable(Type.Integer())),
        }),
        { maxItems: 50 },
      ),
    ),
    subjects: Type.Optional(
      Type.Array(Ref, {
        maxItems: 100,
        description: 'Events: the subjects, replacing the proposed ones; each an existing person you may see',
      }),
    ),
    agents: Type.Optional(
      Type.Array(Ref, {
        maxItems: 100,
        description:
          'Events: the agents, replacing the proposed ones; each an existing person or organization you may see',
      }),
    ),
    evidence: Type.Optional(
      Type.Array(EvidenceSpan, {
        maxItems: 20,
        description:
          "New boundaries of the proposal's evidence: the quote becomes the source's text between them, and the " +
          "proposal's highlights at the old span move along (audited as review.correct-evidence)",
      }),
    ),
    samePersonAs: Type.Optional(
      Type.String({
        ...Id,
        description:
          'Persons: the id of an existing person (visible, not deleted or merged) this proposal is. The proposal is ' +
          'accepted, then merged into that person, which is kept (undo with POST /api/v1/merges/{mergeId}/undo). ' +
          'Needs the editor role.',
      }),
    ),
    recordType: Type.Optional(
      Type.Union([Type.Literal('person'), Type.Literal('organization')], {
        description:
          "Persons and organizations: what kind of record the proposal really is (not `kind`, an organization's own " +
          'kind such as court). The other kind makes a new accepted record of that kind, named by displayName or ' +
          "name (else the proposal's name), with the proposal's confidentiality and groups, holding its evidence, " +
          'mentions and event participations; the proposal is retired (deleted, rejected) and the response is the ' +
          'new record (retypedFrom names the proposal). Refused (409) while a case party, relationship, merge or ' +
          'pending merge proposal names the proposal. The same kind as now changes nothing. samePersonAs goes ' +
          "with 'person' only.",
      }),
    ),
  },
  { additionalProperties: false },
);

/** A Proposal as a correction leaves it: with the merge when it was linked to an existing person. */
export const CorrectedProposal = Type.Object({
  ...Proposal.properties,
  merged: Type.Optional(
    Type.Object(
      { mergeId: Type.String(), keptId: Type.String() },
      { description: 'Set when samePersonAs linked the proposal: the merge that folded it into keptId' },
    ),
  ),
  retypedFrom: Type.Optional(
    Type.Object(
      { id: Type.String(), kind: Type.Union(PROPOSAL_KINDS.map((k) => Type.Literal(k))) },
      { description: 'Set when recordType changed the kind: the retired proposal this new record (id) replaces' },
    ),
  ),
});

export const ProposalParams = Type.Object({ id: Id });

import { Type } from '@sinclair/typebox';
import { ConfidentialityLevel, Id, IsoDay, nullable, Paging } from '../../schemas.js';
import { CASE_SORTS } from './browse.js';

/** src/record's CaseView. */
export const Case = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    jurisdiction: nullable(Type.String()),
    articles: Type.Array(Type.Unknown()),
    openedOn: nullable(Type.String()),
    status: nullable(Type.String()),
    court: nullable(Type.String()),
    notes: nullable(Type.String()),
    confidentiality: Type.String(),
    reviewStatus: Type.String(),
    parties: Type.Array(Type.Object({ personId: Type.String(), role: Type.String() })),
    version: Type.Integer(),
    deletedAt: nullable(Type.String()),
  },
  { $id: 'Case' },
);

const filter = Type.Optional(Type.String({ minLength: 1, maxLength: 500 }));

export const CasesQuery = Type.Object({
  ...Paging,
  /** Any part of the name, court, jurisdiction or an article, in any case and with ё/е alike. */
  q: Type.Optional(Type.String({ maxLength: 200 })),
  /** An article as the facet names it: `УК РФ 282.2`. */
  article: filter,
  court: filter,
  jurisdiction: filter,
  status: filter,
  /** A region of a place where one of the case's events happened. */
  region: filter,
  sort: Type.Optional(Type.Union(CASE_SORTS.map((s) => Type.Literal(s)))),
});

const Facet = Type.Array(Type.Object({ value: Type.String(), count: Type.Integer() }));

export const CaseListItem = Type.Object({
  ...Case.properties,
  regions: Type.Array(Type.String()),
  defendantCount: Type.Integer(),
  nextHearing: nullable(Type.String()),
});

export const CaseList = Type.Object({
  total: Type.Integer(),
  items: Type.Array(CaseListItem),
  /** Counts per value, each over the cases matching every other filter. */
  facets: Type.Object({
    article: Facet,
    court: Facet,
    jurisdiction: Facet,
    status: Facet,
    region: Facet,
  }),
});

export const CaseDetail = Type.Object({
  case: Type.Ref('Case'),
  /** Visible parties with their roles and current status; defendants first. */
  parties: Type.Array(
    Type.Object({
      personId: Type.String(),
      displayName: Type.String(),
      status: nullable(Type.String()),
      roles: Type.Array(Type.String()),
    }),
  ),
  /** The case's accepted events, oldest first, each with its evidence quotes and sources. */
  timeline: Type.Array(Type.Ref('Proposal')),
  /** The earliest hearing dated today or later. */
  nextHearing: nullable(Type.Ref('Proposal')),
});
export const CaseParams = Type.Object({ id: Id });

const day = IsoDay;
const text = (max: number) => Type.Optional(nullable(Type.String({ maxLength: max })));

export const CaseChanges = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    jurisdiction: text(200),
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
    openedOn: Type.Optional(nullable(day)),
    status: text(100),
    court: text(500),
    notes: text(20_000),
    confidentiality: Type.Optional(ConfidentialityLevel()),
  },
  { additionalProperties: false },
);

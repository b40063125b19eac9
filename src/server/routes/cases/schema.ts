import { Type } from '@sinclair/typebox';
import { Id, nullable, Paging } from '../../schemas.js';

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

export const CasesQuery = Type.Object({ ...Paging });
export const CaseList = Type.Object({ total: Type.Integer(), items: Type.Array(Type.Ref('Case')) });
export const CaseParams = Type.Object({ id: Id });

const day = Type.String({ pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$' });
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
    confidentiality: Type.Optional(
      Type.Union([Type.Literal('public'), Type.Literal('internal'), Type.Literal('restricted')]),
    ),
  },
  { additionalProperties: false },
);

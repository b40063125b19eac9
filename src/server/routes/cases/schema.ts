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

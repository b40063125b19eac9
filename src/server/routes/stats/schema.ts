import { Type } from '@sinclair/typebox';
import { IsoDay, nullable } from '../../schemas.js';

const Bucket = Type.Object({
  key: Type.String(),
  type: Type.String(),
  events: Type.Integer(),
  persons: Type.Integer(),
});

export const StatsQuery = Type.Object({
  from: Type.Optional(IsoDay),
  to: Type.Optional(IsoDay),
  cases: Type.Optional(
    Type.Union([Type.Literal('top'), Type.Literal('all')], {
      description: '`top` (the default): byCase holds the 100 cases with the most events; `all`: every case',
    }),
  ),
});

/** src/record's StatsPage: RecordStats with byCase cut to the top cases unless all are asked for. */
export const Stats = Type.Object({
  totals: Type.Record(Type.String(), Type.Object({ events: Type.Integer(), persons: Type.Integer() })),
  byMonth: Type.Array(Bucket),
  byRegion: Type.Array(Bucket),
  byCase: Type.Array(Type.Intersect([Bucket, Type.Object({ caseName: nullable(Type.String()) })])),
  byArticle: Type.Array(Bucket),
  sentences: Type.Object({ persons: Type.Integer(), totalYears: Type.Number() }),
  caseCount: Type.Integer({ description: 'How many cases the figures count, whether or not byCase holds them all' }),
  byCaseOther: Type.Array(Type.Object({ type: Type.String(), events: Type.Integer() }), {
    description: 'Per type, the events of the cases byCase leaves out',
  }),
});

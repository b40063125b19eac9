import { Type } from '@sinclair/typebox';
import { IsoDay, nullable } from '../../schemas.js';

const Bucket = Type.Object({
  key: Type.String(),
  type: Type.String(),
  events: Type.Integer(),
  persons: Type.Integer(),
});

export const StatsQuery = Type.Object({ from: Type.Optional(IsoDay), to: Type.Optional(IsoDay) });

/** src/record's RecordStats. */
export const Stats = Type.Object({
  totals: Type.Record(Type.String(), Type.Object({ events: Type.Integer(), persons: Type.Integer() })),
  byMonth: Type.Array(Bucket),
  byRegion: Type.Array(Bucket),
  byCase: Type.Array(Type.Intersect([Bucket, Type.Object({ caseName: nullable(Type.String()) })])),
  byArticle: Type.Array(Bucket),
  sentences: Type.Object({ persons: Type.Integer(), totalYears: Type.Number() }),
});

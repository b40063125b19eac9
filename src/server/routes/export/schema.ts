import { Type } from '@sinclair/typebox';
import { EXPORT_FORMATS } from '../../../export/index.js';

export const ExportQuery = Type.Object(
  { format: Type.Union(EXPORT_FORMATS.map((f) => Type.Literal(f))) },
  { additionalProperties: false },
);

import { type TSchema, Type } from '@sinclair/typebox';

/** Shapes shared by several routes, so the OpenAPI document names them once. */
export const ErrorBody = Type.Object(
  { error: Type.Object({ code: Type.String(), message: Type.String() }) },
  { $id: 'Error' },
);

export const Paging = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
};

export const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[0-9A-Za-z_-]+$' });
/**
 * A year, month or day (`2024`, `2024-03`, `2024-03-15`) that exists: the pattern documents the shape, the format
 * (registered on the server's validators: `calendar-date`) refuses `2025-02-30` and `2024-13`.
 */
export const IsoDay = Type.String({ pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$', format: 'calendar-date' });

export function nullable<T extends TSchema>(schema: T) {
  return Type.Union([schema, Type.Null()]);
}

import { type SchemaOptions, type TSchema, Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { ChronicleError } from '../shared/errors.js';
import { CONFIDENTIALITY } from '../sources/index.js';

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

/**
 * A route's `preHandler` for a `from`/`to` range of `IsoDay`s: refuses one that ends before it starts, which would
 * answer an empty page or zeros that read as "nothing happened". `from` is the start of its period and `to` runs to
 * the end of its own (`from=2024-03&to=2024-03` is March; `from=2024-03-15&to=2024-03` its second half), so they
 * compare as `from` against `to` followed by the greatest character. `?from=2026&to=2024` → 400 VALIDATION.
 */
export async function datesInOrder(request: FastifyRequest): Promise<void> {
  const { from, to } = request.query as { from?: unknown; to?: unknown };
  if (typeof from === 'string' && typeof to === 'string' && from > `${to}\uffff`)
    throw new ChronicleError('VALIDATION', `from (${from}) is after to (${to}): the range would hold nothing`);
}

export function nullable<T extends TSchema>(schema: T) {
  return Type.Union([schema, Type.Null()]);
}

/** Who may read a record (src/auth/policy.ts), as a request names it; `options` carries a route's description. */
export function ConfidentialityLevel(options: SchemaOptions = {}) {
  return Type.Union(
    CONFIDENTIALITY.map((level) => Type.Literal(level)),
    options,
  );
}

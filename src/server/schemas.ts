import { type SchemaOptions, type TSchema, Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { startsAfterEnd } from '../shared/dates.js';
import { ChronicleError } from '../shared/errors.js';
import { CONFIDENTIALITY } from '../sources/index.js';

/** Shapes shared by several routes, so the OpenAPI document names them once. */
export const ErrorBody = Type.Object(
  { error: Type.Object({ code: Type.String(), message: Type.String() }) },
  { $id: 'Error' },
);

/**
 * The furthest a list may be paged. Unbounded, `?offset=99999999999999999999` reached the database as 1e20, which
 * neither SQLite (better-sqlite3 binds a number as a REAL, and OFFSET takes it only if it is exactly a 64-bit integer)
 * nor PostgreSQL (pg sends "100000000000000000000" for a bigint, "1e+21" beyond) can take: 500 INTERNAL. A billion is
 * far past any list here, and fits a 32-bit signed integer, so it binds on both whatever a driver or a cast makes of
 * it, and `offset + limit` stays exact; Number.MAX_SAFE_INTEGER would not fit an `integer` and would lose `+ limit`.
 * `?offset=1e300` → 400 "querystring/offset must be <= 1000000000".
 */
export const MAX_OFFSET = 1_000_000_000;

/** How many items of a list to skip: every list's `offset`, so none is left without `MAX_OFFSET`. */
export const Offset = Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_OFFSET, default: 0 }));

export const Paging = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  offset: Offset,
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
  if (typeof from === 'string' && typeof to === 'string' && startsAfterEnd(from, to))
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

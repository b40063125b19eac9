import type { Insertable } from 'kysely';
import type { PlacesTable } from '../db/schema.js';

/**
 * A new place's row: every optional column empty, `columns` over it. Shared by staging and the generators of the
 * benchmarks and tests, so they write what the record writes.
 * `placeRow(newId(), 'Уфа', now, { kind: 'city', country: 'RU', region: 'Башкортостан' })`.
 */
export function placeRow(
  id: string,
  name: string,
  now: string,
  columns: Partial<Insertable<PlacesTable>> = {},
): Insertable<PlacesTable> {
  return {
    id,
    name,
    kind: null,
    country: null,
    region: null,
    lat: null,
    lon: null,
    gazetteer_id: null,
    created_at: now,
    deleted_at: null,
    ...columns,
  };
}

import { type Kysely, sql } from 'kysely';
import { regionOfPlace } from '../../extract/index.js';
import { parameterChunks } from '../parameter-chunks.js';

/**
 * `places.region` for the places staged from extractions before staging asked the gazetteer for it: every place
 * with a GeoNames id (`gazetteer_id` 'geonames:N') and no region gets the region of that city in the gazetteer
 * (`regionOfPlace`, the form staging writes: «Башкортостан», «Самарская область»), so the statistics by region stop
 * counting them as 'unknown'. A region already set — by a person, an import or staging — is left as it is, and a
 * place the gazetteer does not know keeps none. Idempotent: a second run finds nothing to fill.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const places = await sql<{
    id: string;
    gazetteer_id: string;
  }>`SELECT id, gazetteer_id FROM places WHERE region IS NULL AND gazetteer_id LIKE 'geonames:%'`.execute(db);
  const byRegion = new Map<string, string[]>();
  for (const place of places.rows) {
    const digits = place.gazetteer_id.slice('geonames:'.length);
    if (!/^\d{1,15}$/.test(digits)) continue;
    const region = regionOfPlace({ geonameId: Number(digits) });
    if (region === null) continue;
    const ids = byRegion.get(region) ?? [];
    ids.push(place.id);
    byRegion.set(region, ids);
  }
  if (byRegion.size === 0) return;
  // One statement per region (some 85), the ids in chunks under the drivers' parameter limits.
  for (const [region, ids] of byRegion)
    for (const chunk of parameterChunks(ids, 1))
      await sql`UPDATE places SET region = ${region} WHERE region IS NULL AND id IN (${sql.join(chunk)})`.execute(db);
  // Statistics kept for the current record generation (src/record/generation-cache.ts) counted these places as
  // 'unknown': moving the generation on makes every server on this database count again.
  await sql`UPDATE record_generation SET generation = generation + 1 WHERE id = 1`.execute(db);
}

/** The regions filled cannot be told from those written since: they stay. */
export async function down(_db: Kysely<unknown>): Promise<void> {}

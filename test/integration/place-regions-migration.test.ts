import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { recordGeneration } from '../../src/audit/index.js';
import { migrateTo, migrateToLatest } from '../../src/db/migrate.js';
import * as placeRegionsMigration from '../../src/db/migrations/0015-place-regions.js';
import { placeRow } from '../../src/record/index.js';
import { testDialects, unmigratedWorkspaceSuite } from '../helpers/workspaces.js';

const dialects = await testDialects();

describe.each(dialects)('migration 0015 over an older workspace on %s', (dialect) => {
  const workspace = unmigratedWorkspaceSuite(dialect);

  it('fills the region of places with a GeoNames id and none, leaves every other place as it is, and runs twice', async () => {
    const db = workspace().db;
    await migrateTo(db as Kysely<unknown>, '0014-version-actions');
    const now = new Date().toISOString();
    // Written as staging wrote extracted places before 0015: a GeoNames id, country and coordinates, no region.
    await db
      .insertInto('places')
      .values([
        placeRow('p-ufa', 'Уфа', now, { country: 'RU', gazetteer_id: 'geonames:479561' }),
        placeRow('p-kazan', 'Казань', now, { country: 'RU', gazetteer_id: 'geonames:551487' }),
        placeRow('p-samara', 'Самара', now, { country: 'RU', gazetteer_id: 'geonames:499099', deleted_at: now }),
        // A region someone set, a city the gazetteer does not know, a place with no GeoNames id, a malformed id.
        placeRow('p-set', 'Стерлитамак', now, { gazetteer_id: 'geonames:484907', region: 'Республика Башкортостан' }),
        placeRow('p-minsk', 'Минск', now, { country: 'BY', gazetteer_id: 'geonames:625144' }),
        placeRow('p-named', 'Уфа (центр)', now),
        placeRow('p-odd', 'Где-то', now, { gazetteer_id: 'geonames:x1' }),
      ])
      .execute();
    const generation = await recordGeneration(db);

    await migrateToLatest(db as Kysely<unknown>);
    const regions = async () =>
      Object.fromEntries(
        (await db.selectFrom('places').select(['id', 'region']).execute()).map((p) => [p.id, p.region]),
      );
    const filled = {
      'p-ufa': 'Башкортостан',
      'p-kazan': 'Татарстан',
      'p-samara': 'Самарская область',
      'p-set': 'Республика Башкортостан',
      'p-minsk': null,
      'p-named': null,
      'p-odd': null,
    };
    expect(await regions()).toEqual(filled);
    // Statistics kept for the older generation count again.
    expect(await recordGeneration(db)).toBe(generation + 1);

    // Run again (a workspace whose migration records were lost): nothing changes, the generation stays.
    await placeRegionsMigration.up(db as Kysely<unknown>);
    expect(await regions()).toEqual(filled);
    expect(await recordGeneration(db)).toBe(generation + 1);
  });
});

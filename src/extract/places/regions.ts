/**
 * The region of a Russian city, from the gazetteer's ./data/ru-cities.json (CC BY-SA 4.0, derived from hflabs/city —
 * see ./data/LICENSE.md), so places found by the extractor count by region in the statistics. The extraction itself
 * carries no region (its contract, ../shared/schema/extraction.schema.json, has none): whoever stores a place asks here.
 */
import { readFileSync } from 'node:fs';
import { fold, loadGazetteer, ruCityCountry } from './gazetteer.js';
import { regionName } from './region-names.js';

interface NamedCity {
  region: string;
  country: string;
  population: number;
}

interface CityRegions {
  byGeonameId: Map<number, string>;
  /** Folded Cyrillic and Latin names → the most populous city of that name, as the gazetteer reads the name. */
  byName: Map<string, NamedCity>;
}

let cityRegions: CityRegions | null = null;

function loadCityRegions(): CityRegions {
  if (cityRegions) return cityRegions;
  const data = JSON.parse(readFileSync(new URL('./data/ru-cities.json', import.meta.url), 'utf8')) as {
    rows: Array<[string, string, number, number, number, number | null, string | null]>;
  };
  const byGeonameId = new Map<number, string>();
  const byName = new Map<string, NamedCity>();
  for (const [name, gazetteerRegion, , , population, geonameId, latinName] of data.rows) {
    const city: NamedCity = {
      region: regionName(gazetteerRegion),
      country: ruCityCountry(gazetteerRegion),
      population,
    };
    if (geonameId !== null) byGeonameId.set(geonameId, city.region);
    for (const key of [name, latinName]) {
      if (!key) continue;
      const existing = byName.get(fold(key));
      if (!existing || existing.population < population) byName.set(fold(key), city);
    }
  }
  cityRegions = { byGeonameId, byName };
  return cityRegions;
}

/**
 * The region of a place, when the gazetteer's Russian cities know it; else null. A GeoNames id decides alone; a place
 * without one is looked up by name (Cyrillic or Latin, any case, ё = е), as the extractor reads that name — the most
 * populous city of the name — and only if its country, when given, is the city's. Loads the data on the first call.
 * `regionOfPlace({ geonameId: 479561 })` → 'Башкортостан'; `regionOfPlace({ name: 'Самара', country: 'RU' })` →
 * 'Самарская область'; `regionOfPlace({ name: 'Minsk', country: 'BY' })` → null. A region is its own region:
 * `regionOfPlace({ name: 'Tatarstan' })` → 'Татарстан'.
 */
export function regionOfPlace(place: {
  geonameId?: number | null;
  name?: string | null;
  country?: string | null;
}): string | null {
  const { byGeonameId, byName } = loadCityRegions();
  if (place.geonameId != null) return byGeonameId.get(place.geonameId) ?? null;
  if (!place.name) return null;
  const key = fold(place.name.trim());
  const city = byName.get(key);
  if (city) return place.country != null && place.country.toUpperCase() !== city.country ? null : city.region;
  // A region the extractor names is its own region: «Башкортостан», "Tatarstan", «Самарская область».
  const gazetteer = loadGazetteer();
  const region = gazetteer.cyrillic.get(key) ?? gazetteer.latin.get(key);
  if (region?.kind !== 'region' || region.region === undefined) return null;
  if (place.country != null && place.country.toUpperCase() !== region.country) return null;
  return regionName(region.region);
}

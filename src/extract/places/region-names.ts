/**
 * How Chronicle writes a region the gazetteer names (its own module, with no imports, so that the gazetteer, which
 * lists regions as places, and regions.ts, which reads the gazetteer's cities, do not import each other).
 */
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

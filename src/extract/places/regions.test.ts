import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { regionName } from './region-names.js';
import { regionOfPlace } from './regions.js';

describe('regionOfPlace', () => {
  it('gives the region of the cities the extractor finds, by their GeoNames id', () => {
    expect(regionOfPlace({ geonameId: 479561, name: 'Уфа', country: 'RU' })).toBe('Башкортостан');
    expect(regionOfPlace({ geonameId: 551487, name: 'Казань', country: 'RU' })).toBe('Татарстан');
    expect(regionOfPlace({ geonameId: 499099, name: 'Самара', country: 'RU' })).toBe('Самарская область');
  });

  it('lets a GeoNames id decide alone: an id the gazetteer does not know has no region, whatever the name', () => {
    expect(regionOfPlace({ geonameId: 625144, name: 'Уфа', country: 'RU' })).toBeNull();
  });

  it('finds a place without an id by its Cyrillic or Latin name, in any case and with ё as е', () => {
    expect(regionOfPlace({ name: 'Самара' })).toBe('Самарская область');
    expect(regionOfPlace({ name: 'UFA', country: 'ru' })).toBe('Башкортостан');
    expect(regionOfPlace({ name: 'Королев', country: 'RU' })).toBe('Московская область');
  });

  it('gives a region the extractor names as its own region, in either script', () => {
    expect(regionOfPlace({ name: 'Башкортостан', country: 'RU' })).toBe('Башкортостан');
    expect(regionOfPlace({ name: 'Tatarstan', country: 'RU' })).toBe('Татарстан');
    expect(regionOfPlace({ name: 'Самарская область' })).toBe('Самарская область');
    expect(regionOfPlace({ name: 'Belarus', country: 'BY' })).toBeNull();
  });

  it('reads a name two cities share as the extractor does: the most populous one', () => {
    expect(regionOfPlace({ name: 'Киров' })).toBe('Кировская область');
  });

  it('has no region for a place abroad, or a Russian city name given another country', () => {
    expect(regionOfPlace({ name: 'Minsk', country: 'BY' })).toBeNull();
    expect(regionOfPlace({ name: 'Уфа', country: 'BY' })).toBeNull();
    expect(regionOfPlace({ name: 'Симферополь', country: 'UA' })).toBe('Крым');
    expect(regionOfPlace({})).toBeNull();
  });
});

describe('regionName', () => {
  it('writes regions as a spreadsheet does: no type abbreviations, republics by their short name', () => {
    expect(regionName('Башкортостан Респ')).toBe('Башкортостан');
    expect(regionName('Самарская обл')).toBe('Самарская область');
    expect(regionName('Алтайский край')).toBe('Алтайский край');
    expect(regionName('Алтай Респ')).toBe('Республика Алтай');
    expect(regionName('Москва г')).toBe('Москва');
    expect(regionName('Еврейская Аобл')).toBe('Еврейская автономная область');
    expect(regionName('Ямало-Ненецкий АО')).toBe('Ямало-Ненецкий автономный округ');
    expect(regionName('Саха /Якутия/ Респ')).toBe('Якутия');
  });

  it('gives every region of the gazetteer a distinct name without an abbreviation', () => {
    const data = JSON.parse(readFileSync(new URL('./data/ru-cities.json', import.meta.url), 'utf8')) as {
      rows: Array<[string, string]>;
    };
    const regions = [...new Set(data.rows.map((row) => row[1]))];
    const names = regions.map(regionName);
    expect(new Set(names).size).toBe(regions.length);
    for (const name of names) expect(name).not.toMatch(/ (?:Респ|обл|г|АО|Аобл)$|\/| - /u);
  });
});

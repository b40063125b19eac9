import { beforeAll, describe, expect, it } from 'vitest';
import { extract, loadExtractor } from '../index.js';

// Invented sentences, written for these tests.
beforeAll(() => loadExtractor());

const places = (text: string, language: 'ru' | 'en') => extract(text, { language }).places.map((p) => p.name);

describe('places', () => {
  it('names a dateline in capitals as the gazetteer does', () => {
    expect(places('MOSCOW, March 4 — Police detained 20 people in Moscow.', 'en')).toEqual(['Moscow']);
    expect(places('KAZAN, June 2 — A court fined a teacher.', 'en')).toEqual(['Kazan']);
    expect(places('ROSTOV-ON-DON, May 2 — A court jailed a student.', 'en')).toEqual(['Rostov-on-Don']);
  });

  it('does not read a place word inside a group’s name as a place', () => {
    expect(places('The court banned the movement Ural Solidarity.', 'en')).toEqual([]);
    expect(places('Volga Media reported the arrest in Samara.', 'en')).toEqual(['Samara']);
  });

  it('finds regions and republics in every case form', () => {
    expect(places('В Башкортостане составили 40 протоколов.', 'ru')).toEqual(['Башкортостан']);
    expect(places('Активиста из Башкирии оштрафовали.', 'ru')).toEqual(['Башкортостан']);
    expect(places('Его задержали в Краснодарском крае, а судили в Тверской области.', 'ru')).toEqual([
      'Краснодарский край',
      'Тверская область',
    ]);
    expect(places('Протест прошёл в Москве.', 'ru')).toEqual(['Москва']);
  });

  it('finds Crimean and Belarusian towns in both transliterations', () => {
    expect(places('Two men from Dzhankoi and one from Feodosia were detained.', 'en')).toEqual([
      'Dzhankoi',
      'Feodosia',
    ]);
    expect(places('Их задержали в Джанкое.', 'ru')).toEqual(['Джанкой']);
    expect(places('She was fined in Homiel and later moved to Mahiliou.', 'en')).toEqual(['Homiel', 'Mahiliou']);
    expect(places('He was tried in Gomel and held in Mogilev.', 'en')).toEqual(['Gomel', 'Mogilev']);
  });
});

describe('common English words that towns are also called', () => {
  it('are no places when they open a sentence, and stay places elsewhere', () => {
    const places = (text: string) =>
      extract(text, { language: 'en', referenceDate: '2025-06-13' }).places.map((p) => p.name);
    expect(places('Most were let go within hours. The colony regime is general.')).toEqual([]);
    expect(places('He was detained in Samara.')).toEqual(['Samara']);
  });
});

describe('a weekday beside a date', () => {
  it('is no town, though one is called so', () => {
    expect(places('NOVOSIBIRSK, Mon 23 Nov. Police detained Ilya Rom.', 'en')).toEqual(['Novosibirsk']);
  });
});

describe('a town named like someone in the report', () => {
  it('is that person when no preposition of place stands before it', () => {
    const text = 'The court sentenced Nikolai Danilov and Oleg Rom. It modified the verdict in respect of Danilov.';
    expect(places(text, 'en')).toEqual([]);
    expect(places('Суд приговорил Петра Данилова. Акция прошла в Данилове.', 'ru')).toEqual(['Данилов']);
  });
});

describe('regions and header words', () => {
  it('reads no town in "Moscow Region", "Republic of Karelia" or a mail’s "Date:", but the city of a regional court', () => {
    expect(places('The session was held in Vlasikha, Moscow Region.', 'en')).toEqual(['Vlasikha']);
    expect(places('He is held in a colony in the Republic of Karelia.', 'en')).toEqual([]);
    expect(places('Date: 5 May 2026\nPolice detained Ilya Rom in Omsk.', 'en')).toEqual(['Omsk']);
    expect(places('The Yaroslavl Regional Court upheld the verdict.', 'en')).toEqual(['Yaroslavl']);
    expect(places('Ulan-Ude: jail terms after the rally', 'en')).toEqual(['Ulan-Ude']);
  });
});

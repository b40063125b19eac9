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

  it('reads a plural adjective in a town’s name as news writes it (-ye, not GeoNames’ -yye)', () => {
    expect(places('Police searched a flat in Naberezhnye Chelny.', 'en')).toEqual(['Naberezhnye Chelny']);
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
    expect(places('He is held in a colony in the Republic of Karelia.', 'en')).toEqual(['Republic of Karelia']);
    expect(places('Date: 5 May 2026\nPolice detained Ilya Rom in Omsk.', 'en')).toEqual(['Omsk']);
    expect(places('The Yaroslavl Regional Court upheld the verdict.', 'en')).toEqual(['Yaroslavl']);
    expect(places('Ulan-Ude: jail terms after the rally', 'en')).toEqual(['Ulan-Ude']);
  });
});

describe('countries and republics', () => {
  it('reads countries in both scripts and in every case, with their ISO code and no point on the map', () => {
    const found = extract('Его задержали на границе с Беларусью и выслали в Казахстан.', { language: 'ru' }).places;
    expect(found.map((p) => [p.name, p.country, p.lat])).toEqual([
      ['Беларусь', 'BY', null],
      ['Казахстан', 'KZ', null],
    ]);
    // Armenia is also a city in Colombia; in a report it is the country.
    expect(places('She left for Armenia in 2023 and was detained in Georgia.', 'en')).toEqual(['Armenia', 'Georgia']);
  });

  it('does not read a country inside a body’s name as a place', () => {
    expect(places('Сотрудники МВД России задержали Ивана Рома в Омске.', 'ru')).toEqual(['Омск']);
    expect(places('The Investigative Committee of Russia charged him in Tomsk.', 'en')).toEqual(['Tomsk']);
  });

  it('does not read the region a regional body is named for as a place, but keeps a regional court’s', () => {
    expect(places('Прокуратура Тверской области ответила, что нарушений нет.', 'ru')).toEqual([]);
    expect(places('Его отправили в СИЗО-1 УФСИН по Омской области.', 'ru')).toEqual([]);
    expect(places('Иск рассмотрит Арбитражный суд Тверской области.', 'ru')).toEqual(['Тверская область']);
  });

  it('reads Russia’s republics by their English names, with or without "Republic of"', () => {
    expect(places('A teacher from Tatarstan was fined.', 'en')).toEqual(['Tatarstan']);
    expect(places('He was moved to a colony in the Republic of Mordovia.', 'en')).toEqual(['Republic of Mordovia']);
  });

  it('keeps the city of the paragraph as the act’s place when a sentence names only its region', () => {
    const text = 'UFA, Thursday. Ilnur Rom was detained outside the Bashkortostan government building.';
    const { events } = extract(text, { language: 'en', referenceDate: '2026-11-27' });
    expect(events.map((e) => [e.type, e.places])).toEqual([['detention', ['Ufa']]]);
    const elsewhere = 'KAZAN, Thursday. Ilnur Rom was detained in Bashkortostan.';
    expect(extract(elsewhere, { language: 'en', referenceDate: '2026-11-27' }).events[0]?.places).toEqual([
      'Bashkortostan',
    ]);
  });
});

describe('a post written without capitals', () => {
  it('reads a large town after a preposition of place, and nothing else in lower case', () => {
    const post =
      'всем привет. вчера к родителям в нижнекамск пришли с обыском. брата увезли в казань. ' +
      'мама в шоке. сегодня суд. в мирном городе так не бывает.';
    expect(places(post, 'ru')).toEqual(['Нижнекамск', 'Казань']);
  });
});

describe('settlements the gazetteer lacks', () => {
  it('are places when a noun says what they are, their name in the nominative after it', () => {
    expect(places('Его этапировали в колонию в посёлке Верхний Ключ.', 'ru')).toEqual(['Верхний Ключ']);
    expect(places('Рассказ о крестьянах из села Кукуево.', 'ru')).toEqual(['Кукуево']);
    expect(places('Police searched homes in the village of Zarechnoye.', 'en')).toEqual(['Zarechnoye']);
  });
});

describe('streets', () => {
  it('are named after people and towns, and are no towns', () => {
    expect(places('Обыск прошёл в квартире на улице Чайковского в Омске.', 'ru')).toEqual(['Омск']);
    expect(places('Пикет прошёл на пл. Куйбышева в Самаре.', 'ru')).toEqual(['Самара']);
  });
  it('does not read a place word inside an outlet’s or a group’s name as a place, but keeps a court’s town', () => {
    expect(places('Onega Rights Monitor reported a search in Perm.', 'en')).toEqual(['Perm']);
    expect(places('GOLDEN RIVER DAILY\n\nPolice detained a student in Tomsk.', 'en')).toEqual(['Tomsk']);
    expect(places('The Segezha City Court fined him.', 'en')).toEqual(['Segezha']);
    expect(
      places('The monitoring group Onega Legal Line counted 40. It is false, Onega Legal Line said.', 'en'),
    ).toEqual([]);
  });

  it('does not read a letter’s closing, a column header or a given name’s diminutive as a place', () => {
    expect(places('Police searched the flat in Ufa.\n\nBest,\nAnna', 'en')).toEqual(['Ufa']);
    expect(places('Best regards, Anna', 'en')).toEqual([]);
    expect(places('Best known for his songs, he lives in Perm.', 'en')).toEqual(['Perm']);
    expect(places('Name | Date | Place\nIvan Petrov | 12.05.2026 | Ufa', 'en')).toEqual(['Ufa']);
    expect(places('Event | Date of placement | Hall\nHearing | 12.05.2026 | 4', 'en')).toEqual([]);
    expect(places('Judge: Irina Petrova\nDate of receipt: 14.04.2026', 'en')).toEqual([]);
    expect(places('09:40\nKazan police said: nobody was detained.', 'en')).toEqual(['Kazan']);
    expect(places('"Officers dragged Pasha along the asphalt," she said.', 'en')).toEqual([]);
  });

  it('reads a Russian place form in an English text only where the English names that place', () => {
    expect(
      places('He was taken to a police station in Kazan («доставлен в ОП № 3 УМВД России по г. Казани»).', 'en'),
    ).toEqual(['Kazan']);
    expect(places('The ruling calls him «гражданин России» throughout.', 'en')).toEqual([]);
  });

  it('finds a town GeoNames spells with ë as English news spells it', () => {
    expect(places('His parents live in Artyom, near Vladivostok.', 'en')).toEqual(['Artyom', 'Vladivostok']);
  });

  it('reads a town after «г.» even when it looks like a surname, but no pseudonym in quotes', () => {
    expect(places('Она родилась в г. Коврове.', 'ru')).toEqual(['Ковров']);
    expect(places('Свидетель под псевдонимом «Сокол» не явился.', 'ru')).toEqual([]);
  });

  it('reads a dateline in capitals before a bracketed date, and no town in a quoted case name', () => {
    const geneva = extract('GENEVA (4 December 2026) – Experts expressed concern.', { language: 'en' }).places;
    expect(geneva.map((p) => [p.name, p.country])).toEqual([['Geneva', 'CH']]);
    expect(places('He is a defendant in the "Onega reading club" case.', 'en')).toEqual([]);
    expect(places('The "Lefortovo Readers" case was heard.', 'en')).toEqual([]);
    expect(places('She wrote "Kazan is a prison" on the placard.', 'en')).toEqual(['Kazan']);
  });

  it('does not read a capitalised common word and the lower-case word after it as a town', () => {
    expect(places('She was placed in a punishment cell.[3] The colony administration denied it.', 'en')).toEqual([]);
  });
  it('reads an undeclined village in -ово or -ино after a preposition of place or an airport', () => {
    expect(places('Он голодает в центре временного содержания в Зорино.', 'ru')).toEqual(['Зорино']);
    expect(places('Его задержали в аэропорту Ракитово.', 'ru')).toEqual(['Ракитово']);
    expect(places('Вечером они пошли в кино.', 'ru')).toEqual([]);
  });
  it('reads where a group is based as a place, the name alone as its mention', () => {
    const found = extract('The Riga-based outlet Lake Pages was declared undesirable.', { language: 'en' }).places;
    expect(found.map((p) => [p.name, p.mentions[0]!.text])).toEqual([['Riga', 'Riga']]);
  });
});

describe('towns named like a famous man', () => {
  it('reads Kirov and Королёв as towns only right after a preposition of place', () => {
    const en = extract('A court in Kirov fined him; the rally at Kirov Square was small.', { language: 'en' });
    expect(en.places.map((p) => p.name)).toEqual(['Kirov']);
    expect(en.persons).toEqual([]);
    const ru = extract('Пикет прошёл в Королёве, а у Кирова нашли листовки.', { language: 'ru' });
    expect(ru.places.map((p) => p.name)).toEqual(['Королёв']);
  });
});

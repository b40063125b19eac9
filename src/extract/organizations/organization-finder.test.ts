import { beforeAll, describe, expect, it } from 'vitest';
import { loadMorphology } from '../../morph/index.js';
import { extract } from '../index.js';
import { findOrganizations } from './organization-finder.js';

// Invented sentences, written for these tests.
beforeAll(() => loadMorphology());

const names = (text: string, language: 'ru' | 'en') => findOrganizations(text, language).map((o) => o.value);

describe('findOrganizations', () => {
  it('keeps the first word of the Prosecutor General’s Office in every case form', () => {
    expect(names('Генеральная прокуратура признала фонд нежелательным.', 'ru')).toEqual(['Генеральная прокуратура']);
    expect(names('Генпрокуратура внесла проект в список.', 'ru')).toEqual(['Генеральная прокуратура']);
    expect(names('Решение Генеральной прокуратуры обжаловано, прокуратура района молчит.', 'ru')).toEqual([
      'Генеральная прокуратура',
      'прокуратура',
    ]);
    expect(names('The Prosecutor General’s Office and the Investigative Committee declined.', 'en')).toEqual([
      'Prosecutor General’s Office',
      'Investigative Committee',
    ]);
    expect(names("The Prosecutor General's Office declared the group undesirable.", 'en')).toEqual([
      "Prosecutor General's Office",
    ]);
  });

  it('finds prison monitors, Belarusian and financial security bodies', () => {
    expect(names('Жалобу направили в ОНК, и общественная наблюдательная комиссия ответила.', 'ru')).toEqual([
      'Общественная наблюдательная комиссия (ОНК)',
      'Общественная наблюдательная комиссия (ОНК)',
    ]);
    expect(names('Сотрудники ГУБОПиК пришли с обыском.', 'ru')).toEqual(['ГУБОПиК']);
    expect(names('GUBOPiK officers searched the flat.', 'en')).toEqual(['GUBOPiK']);
    expect(names('Её внесли в перечень Росфинмониторинга.', 'ru')).toEqual(['Росфинмониторинг']);
    expect(names('Rosfinmonitoring listed him as an extremist.', 'en')).toEqual(['Rosfinmonitoring']);
    expect(names('Суд запретил Меджлис крымскотатарского народа.', 'ru')).toEqual(['Меджлис крымскотатарского народа']);
    expect(names('The Mejlis was banned in 2016.', 'en')).toEqual(['Mejlis of the Crimean Tatar People']);
  });

  it('names numbered prisons, not a bare «СИЗО»', () => {
    expect(names('Его перевели из СИЗО-2 в СИЗО № 5, а затем в ИК-6.', 'ru')).toEqual(['СИЗО-2', 'СИЗО-5', 'ИК-6']);
    expect(names('Он провёл месяц в СИЗО.', 'ru')).toEqual([]);
    expect(names('She was moved to SIZO No. 4 and later to SIZO-7.', 'en')).toEqual(['SIZO-4', 'SIZO-7']);
    expect(names('He is held in pre-trial detention centre No. 2.', 'en')).toEqual([
      'pre-trial detention centre No. 2',
    ]);
  });

  it('does not count police units as organizations', () => {
    expect(names('Бойцы ОМОНа задержали двоих.', 'ru')).toEqual([]);
    expect(names('Riot police detained dozens of people.', 'en')).toEqual([]);
  });

  it('reads a capitalised adjective and an organization head as a name, in the nominative', () => {
    expect(names('Минюст признал агентом участницу Северного института открытых данных.', 'ru')).toEqual([
      'Минюст',
      'Северный институт открытых данных',
    ]);
    expect(names('Активистку Волжской сети волонтёров оштрафовали.', 'ru')).toEqual(['Волжская сеть волонтёров']);
    expect(names('По данным Озёрного бюро по правам человека, задержаны трое.', 'ru')).toEqual([
      'Озёрное бюро по правам человека',
    ]);
    expect(names('Новый центр открылся в городе.', 'ru')).toEqual([]);
  });

  it('reads quoted names after a head noun or as the source of a report', () => {
    expect(names('Редакция «Голоса Заречья» назвала приговор местью.', 'ru')).toEqual(['редакция «Голоса Заречья»']);
    expect(names('Об этом сообщил «Речной вестник».', 'ru')).toEqual(['Речной вестник']);
    expect(names('Human Rights Centre "Lantern" said; Lantern counted 40 cases.', 'en')).toEqual(['Lantern']);
  });

  it('reads English group names with a generic head, without where they sit', () => {
    expect(names('The Riga-based Northern Civic Media Fund was declared undesirable.', 'en')).toEqual([
      'Northern Civic Media Fund',
    ]);
    expect(names('The court banned the movement Volga Solidarity.', 'en')).toEqual(['Volga Solidarity']);
    expect(names('The rights monitor Beacon 24 reported the raids.', 'en')).toEqual(['Beacon 24']);
    expect(names('Officers of the Russian Federal Security Service searched homes.', 'en')).toEqual(['FSB']);
  });
});

describe('organizations in extract', () => {
  it('finds a name broken across a PDF line, with the span on the document text', () => {
    const text = 'Жалобу подали в Следст-\nвенный комитет. Her complaint to the Inves-\ntigative Committee failed.';
    const ru = extract('Решение вынес Ленин-\nский районный суд.', { language: 'ru' }).organizations;
    expect(ru.map((o) => o.name)).toEqual(['Ленинский районный суд']);
    expect(ru[0]!.mentions[0]!.text).toBe('Ленин-\nский районный суд');
    const en = extract(text.split('. ')[1]!, { language: 'en' }).organizations;
    expect(en.map((o) => o.name)).toEqual(['Investigative Committee']);
    expect(en[0]!.mentions[0]!.text).toBe('Inves-\ntigative Committee');
  });
});

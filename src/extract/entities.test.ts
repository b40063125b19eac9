import { beforeAll, describe, expect, it } from 'vitest';
import { extract, loadExtractor } from './index.js';

// Invented sentences and people, written for these tests.
beforeAll(() => loadExtractor());

const persons = (text: string, language: 'ru' | 'en') => extract(text, { language }).persons.map((p) => p.name);
const places = (text: string, language: 'ru' | 'en') => extract(text, { language }).places.map((p) => p.name);

describe('names and places', () => {
  it('finds cities abroad where those who left are detained, and reads one after a given name as a surname', () => {
    expect(places('Журналиста задержали в Ростоке по запросу России, потом отпустили в Гааге.', 'ru')).toEqual([
      'Росток',
      'Россия',
      'Гаага',
    ]);
    expect(persons('Алексея Гамбурга задержали в Москве.', 'ru')).toEqual(['Алексей Гамбург']);
    expect(places('Алексея Гамбурга задержали в Москве.', 'ru')).toEqual(['Москва']);
    expect(places('Власти Киева и Белграда не ответили.', 'ru')).toEqual(['Киев', 'Белград']);
  });

  it('reads a case form of the surname of someone named in full as that person, however common the word', () => {
    const text =
      'В Курске задержали Игоря Кулика и Павла Тополя. Утром Кулика и Тополя привели в суд. Тополь вину не ' +
      'признал. Суд назначил Кулику штраф.';
    const found = extract(text, { language: 'ru', referenceDate: '2025-06-01' });
    expect(found.persons.map((p) => [p.name, p.mentions.map((m) => m.text)])).toEqual([
      ['Игорь Кулик', ['Игоря Кулика', 'Кулика', 'Кулику']],
      ['Павел Тополь', ['Павла Тополя', 'Тополя', 'Тополь']],
    ]);
    expect(found.events.find((e) => e.type === 'fine')?.subjects).toEqual(['Игорь Кулик']);
    // Not before the full name, and not a word the surname only resembles.
    expect(persons('Утром Стрижака привели в суд. Задержан Олег Стрижак.', 'ru')).toEqual(['Олег Стрижак']);
    expect(persons('Задержан Олег Стрижак. Стрижами занялись орнитологи.', 'ru')).toEqual(['Олег Стрижак']);
  });

  it('reads the same words once as his name in the genitive and once as hers in the nominative as one man', () => {
    const text = 'Мы выступаем в защиту Александра Кудинова. Александра Кудинова задержали в мае прямо в редакции.';
    expect(persons(text, 'ru')).toEqual(['Александр Кудинов']);
    // Other words are another person: a man and his wife.
    expect(persons('Задержан Валентин Сомов. Валентина Сомова вышла к журналистам.', 'ru')).toEqual([
      'Валентин Сомов',
      'Валентина Сомова',
    ]);
  });

  it('reads a surname in -ова with initials as his oblique case when he is named in the nominative too', () => {
    expect(persons('Суд арестовал Лужнякова Т.Р. на два месяца. Лужняков Т.Р. вину не признал.', 'ru')).toEqual([
      'Лужняков Т. Р.',
    ]);
    expect(persons('Лужняков Т.Р. вину не признал. Суд арестовал Лужнякова Т.Р. на два месяца.', 'ru')).toEqual([
      'Лужняков Т. Р.',
    ]);
    // Other initials are another person; and she stays herself where no man of her surname is named.
    expect(persons('Лужнякова А.Р. и Лужняков Т.Р. задержаны.', 'ru')).toEqual(['Лужнякова А. Р.', 'Лужняков Т. Р.']);
    expect(persons('Лужнякова Т.Р. вину не признала, суд арестовал её на месяц.', 'ru')).toEqual(['Лужнякова Т. Р.']);
  });

  it('reads a letter’s address «Уважаемая Ольга Тимуровна» as the addressee named with initials above it', () => {
    const text =
      'Директору АНО «Вереск»\n    Кравцовой-Лыжиной О.Т.\n\nУважаемая Ольга Тимуровна!\n\nВаше обращение рассмотрено.';
    expect(persons(text, 'ru')).toEqual(['Кравцова-Лыжина О. Т.']);
  });

  it('drops a capitalised job title before a given name and surname', () => {
    expect(persons('Librarian Maria Orlova was fined on Friday.', 'en')).toEqual(['Maria Orlova']);
    expect(persons('Coordinator Boris Lantsov was detained.', 'en')).toEqual(['Boris Lantsov']);
  });

  it('splits a client surname glued before the lawyer’s full name', () => {
    const names = persons('Адвокат Котова Ирина Лесная рассказала о пытках.', 'ru');
    expect(names).toContain('Ирина Лесная');
    expect(names.some((n) => n.split(' ').length > 2)).toBe(false);
  });

  it('reads a common noun or a town written before a given name and patronymic as a surname', () => {
    expect(persons('Гайдамак Остап Игоревич | Омск | 08.10.2026 | отпущен', 'ru')).toEqual(['Гайдамак Остап Игоревич']);
    expect(persons('Волк Тимур Ильич задержан в Омске.', 'ru')).toEqual(['Волк Тимур Ильич']);
    expect(persons('Судья сказал, что Сокол Игорь Семёнович задержан.', 'ru')).toContain('Сокол Игорь Семёнович');
    expect(places('Судья сказал, что Сокол Игорь Семёнович задержан.', 'ru')).toEqual([]);
    // A role before a given name and patronymic stays a role, and a town after a preposition a town.
    expect(persons('Адвокат Ольга Павловна Рябцева рассказала о суде.', 'ru')).toEqual(['Ольга Павловна Рябцева']);
    expect(persons('Адвокат Ольга Павловна рассказала о суде.', 'ru')).toEqual(['Ольга Павловна']);
    expect(places('Вчера в Соколе задержали Ивана Петрова.', 'ru')).toEqual(['Сокол']);
    // A town's name in an oblique case strung onto a full name stays a town.
    expect(places('Обыск прошёл у жительницы Сокола Анны Петровны.', 'ru')).toEqual(['Сокол']);
    expect(persons('Мать Анна Петровна рассказала о суде.', 'ru')).toEqual(['Анна Петровна']);
  });

  it('places a Moscow or St Petersburg district court named without its city in that city', () => {
    const placesOfEvents = (text: string, language: 'ru' | 'en') =>
      extract(text, { language, referenceDate: '2026-12-07' }).events.map((e) => e.places.join('/'));
    expect(
      placesOfEvents('On 8 December the Tverskoy District Court fined Vera Lomtseva 30,000 roubles.', 'en'),
    ).toEqual(['Moscow']);
    expect(placesOfEvents('Басманный районный суд арестовал Петра Шмелёва.', 'ru')).toEqual(['Москва']);
    expect(placesOfEvents('Смольнинский суд оштрафовал Анну Крылову.', 'ru')).toEqual(['Санкт-Петербург']);
    // A street, a court that names its own city, and a district name many cities share say nothing of Moscow.
    expect(places('Её задержали на Тверской улице.', 'ru')).toEqual([]);
    expect(places('The Gagarinsky District Court of Sevastopol fined Nadiya Lukash.', 'en')).toEqual(['Sevastopol']);
    expect(places('The Leninsky District Court fined Nadiya Lukash.', 'en')).toEqual([]);
  });

  it('reads a court named again without its town or level as the court named in full', () => {
    const orgs = (text: string, language: 'ru' | 'en') =>
      extract(text, { language, referenceDate: '2026-12-07' }).organizations.map(
        (o) => `${o.name} [${o.mentions.map((m) => m.text).join(' / ')}]`,
      );
    expect(
      orgs(
        'The Sovetsky District Court of Kazan arrested Ilya Gorin. The Sovetsky District Court fined him later.',
        'en',
      ),
    ).toEqual(['Sovetsky District Court of Kazan [Sovetsky District Court of Kazan / Sovetsky District Court]']);
    expect(
      orgs('Октябрьский районный суд Курска арестовал Илью Горина. У Октябрьского суда прошёл пикет.', 'ru'),
    ).toEqual(['Октябрьский районный суд Курска [Октябрьский районный суд Курска / Октябрьского суда]']);
    // Two towns' courts of one name leave the short name open; the highest court of a republic is not the Supreme Court.
    expect(
      orgs(
        'Октябрьский районный суд Курска и Октябрьский районный суд Уфы отказали. Октябрьский суд не ответил.',
        'ru',
      ),
    ).toHaveLength(3);
    expect(
      orgs('The Supreme Court of the Republic of Tatarstan upheld it; the Supreme Court refused to hear it.', 'en'),
    ).toHaveLength(2);
  });

  it('places a regional court in its seat where the region’s adjective does not spell it', () => {
    const placesOfEvents = (text: string) =>
      extract(text, { language: 'ru', referenceDate: '2026-12-07' }).events.map((e) => e.places.join('/'));
    expect(placesOfEvents('Нижегородский областной суд приговорил Глеба Рябова к шести годам.')).toEqual([
      'Нижний Новгород',
    ]);
    expect(placesOfEvents('Свердловский областной суд оставил приговор Анне Белых в силе.')).toEqual(['Екатеринбург']);
    expect(places('Жалобу рассмотрит Московский областной суд.', 'ru')).toEqual(['Красногорск']);
    // A city court's adjective still names its own city.
    expect(places('Жалобу рассмотрит Московский городской суд.', 'ru')).not.toContain('Красногорск');
  });

  it('does not read a month next to a number, a given name or a surname as a town', () => {
    expect(places('VITEBSK, Nov 19 — A court jailed a blogger.', 'en')).toEqual(['Vitebsk']);
    expect(places('"They beat him," Adam said.', 'en')).toEqual([]);
    expect(places('Sokolov was placed under house arrest.', 'en')).toEqual([]);
  });

  it('finds towns GeoNames spells with a soft-sign apostrophe or in Belarusian', () => {
    expect(places('He was detained in Nalchik and later moved to Grodno.', 'en')).toEqual(['Nalchik', 'Grodno']);
  });

  it('keeps a small town spelt like a surname when a preposition of place stands before it', () => {
    expect(places('Его задержали в Белове.', 'ru')).toEqual(['Белово']);
  });

  it('does not read street and monument names or a dateline month as persons', () => {
    expect(persons('Его задержали на улице Баумана у дома 5.', 'ru')).toEqual([]);
    expect(persons('Police detained Anna Kotova near the Pushkin monument.', 'en')).toEqual(['Anna Kotova']);
    expect(persons('MINSK, Nov 19 — Police detained Anna Kotova.', 'en')).toEqual(['Anna Kotova']);
    expect(persons('Georgian authorities released Anna Kotova.', 'en')).toEqual(['Anna Kotova']);
  });

  it('names a district military court with its stressed adjectives in the nominative', () => {
    const x = extract('Дело слушается в Центральном окружном военном суде.', { language: 'ru' });
    expect(x.organizations.map((o) => o.name)).toContain('Центральный окружной военный суд');
  });

  it('does not read the adjective opening a quoted case name as a town', () => {
    expect(places('Его осудили по делу «Донского кружка».', 'ru')).toEqual([]);
  });

  it('reads a given name that is also a town as the name before a surname', () => {
    expect(persons('Среди задержанных — студент Артём Лисицкий.', 'ru')).toEqual(['Артём Лисицкий']);
    expect(places('Среди задержанных — студент Артём Лисицкий.', 'ru')).toEqual([]);
    expect(places('Его задержали в Артёме.', 'ru').map((p) => p.replace('ё', 'е'))).toEqual(['Артем']);
  });

  it('names a person with an adjectival surname in the nominative whatever the case', () => {
    expect(persons('Обыск прошёл у правозащитника Петра Сочинённого.', 'ru')).toEqual(['Петр Сочинённый']);
    expect(persons('Суд приговорил Ивана Несуществующего к трём годам колонии.', 'ru')).toEqual([
      'Иван Несуществующий',
    ]);
    expect(persons('Адвокат встретился с Иваном Несуществующим в СИЗО.', 'ru')).toEqual(['Иван Несуществующий']);
    expect(persons('Полиция задержала Анну Белую у здания суда.', 'ru')).toEqual(['Анна Белая']);
    expect(persons('Суд оштрафовал Петра Дурново и Юрия Живаго.', 'ru')).toEqual(['Петр Дурново', 'Юрий Живаго']);
  });

  it('does not read a street after "on" as a person', () => {
    expect(persons('Police detained Oleg Rybin at the protest on Tverskoy yesterday.', 'en')).toEqual(['Oleg Rybin']);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { type ExtractedEvent, extract, loadExtractor } from '../index.js';

// Invented sentences and people, written for these tests.
beforeAll(() => loadExtractor());

const events = (text: string, referenceDate: string, language: 'ru' | 'en' = 'ru'): ExtractedEvent[] =>
  extract(text, { language, referenceDate }).events;
const brief = (e: ExtractedEvent) => `${e.type} ${e.date ?? '-'} [${e.subjects.join(', ')}]`;

describe('event cues', () => {
  it('reads an impersonal Russian detention written with a capital letter', () => {
    const out = events('Задержали Илью Смирнова в четверг у подъезда.', '2023-03-10').map(brief);
    expect(out).toEqual(['detention 2023-03-09 [Илья Смирнов]']);
  });

  it('reads a passive Russian detention split across a PDF line break', () => {
    const out = events('5 мая в Омске были задер-\nжаны студенты Павел Рябов и Инна Лосева.', '2022-06-01');
    expect(out.map(brief)).toEqual(['detention 2022-05-05 [Павел Рябов, Инна Лосева]']);
  });

  it('records "jailed for N days" as an administrative arrest, and the picket as its reason only', () => {
    const text = 'A Kazan court on Tuesday jailed activist Pyotr Sergeev for 12 days for holding a picket.';
    expect(events(text, '2023-04-07', 'en').map(brief)).toEqual(['arrest 2023-04-04 [Pyotr Sergeev]']);
  });

  it('records "jailed for N years" as a sentence', () => {
    const text = 'A court in Vitebsk jailed blogger Oleg Rudenko for four years on Monday.';
    const out = events(text, '2023-04-07', 'en');
    expect(out.map((e) => e.type)).toEqual(['sentence']);
    expect(out[0]!.sentenceYears).toBe(4);
  });

  it('does not read a release into a fine for «оправдание терроризма»', () => {
    const text = 'Суд оштрафовал Ольгу Миронову на 10 тысяч рублей за оправдание терроризма.';
    expect(events(text, '2023-05-01').map((e) => e.type)).toEqual(['fine']);
  });

  it('makes one event with several subjects for one act', () => {
    const out = events('Полиция задержала Антона Козлова и Веру Белову.', '2023-05-01');
    expect(out.map(brief)).toEqual(['detention - [Антон Козлов, Вера Белова]']);
  });

  it('gives each act of a sentence the person named next to it', () => {
    const text =
      'Суд оштрафовал Антона Козлова на 5 тысяч рублей, Вере Беловой назначили 7 суток административного ареста.';
    const out = events(text, '2023-05-01').map(brief);
    expect(out).toEqual(['fine - [Антон Козлов]', 'arrest - [Вера Белова]']);
  });

  it('merges a detention reported twice into one event with the later date', () => {
    const text = 'Задержан журналист Максим Орлов. Его задержали 4 марта на вокзале.';
    expect(events(text, '2023-03-06').map(brief)).toEqual(['detention 2023-03-04 [Максим Орлов]']);
  });

  it('dates an act by the decision sentence that follows it', () => {
    const text = 'Минюст внёс фонд «Северный свет» в реестр иностранных агентов. Решение принято 12 мая.';
    const out = events(text, '2023-05-20');
    expect(out.map((e) => `${e.type} ${e.date}`)).toEqual(['designation 2023-05-12']);
  });

  it('reads a wanted-list designation with an adjective in between', () => {
    const out = events('МВД объявило в межгосударственный розыск блогера Дениса Ершова.', '2023-05-20');
    expect(out.map(brief)).toEqual(['designation - [Денис Ершов]']);
  });

  it('tells a meeting from a greeting', () => {
    expect(events('Его встречали друзья и родные.', '2023-05-20').map((e) => e.type)).toEqual([]);
    const text = 'Mothers of detained conscripts met the governor of Perm last Wednesday.';
    expect(events(text, '2023-05-20', 'en').map((e) => `${e.type} ${e.date}`)).toContain('meeting 2023-05-17');
  });

  it('reads the start of a trial as a hearing', () => {
    const text = 'Процесс по делу Олега Журавлёва начался в областном суде в июне 2022 года.';
    expect(events(text, '2023-01-10').map((e) => `${e.type} ${e.date}`)).toEqual(['hearing 2022-06']);
  });

  it('carries the date of the previous sentence to an undated act', () => {
    const text = 'On 3 May police searched the home of Ivan Lukin. He was detained and taken to Omsk.';
    const out = events(text, '2023-05-10', 'en').map(brief);
    expect(out).toEqual(['search 2023-05-03 [Ivan Lukin]', 'detention 2023-05-03 [Ivan Lukin]']);
  });

  it('gives an act in a relative clause the date of that clause', () => {
    const text = 'Anna Belova, who was detained on 2 March, was fined on 5 March.';
    const out = events(text, '2023-03-10', 'en').map((e) => `${e.type} ${e.date}`);
    expect(out).toEqual(['detention 2023-03-02', 'fine 2023-03-05']);
  });

  it('ignores negated acts and demands', () => {
    expect(events('Supporters rallied outside the court; no one was detained.', '2023-03-10', 'en')).toHaveLength(1);
    expect(events('Мы требуем немедленно освободить Артёма Зуева.', '2023-03-10')).toEqual([]);
  });

  it('takes the place of a paragraph heading', () => {
    const text = 'Omsk. On 2 March, police detained three students from a local university.';
    const out = events(text, '2023-03-10', 'en');
    expect(out.map((e) => `${e.type} ${e.places.join('/')}`)).toEqual(['detention Omsk']);
  });

  it('reads denial of medical care and beatings as ill-treatment of the one spoken about', () => {
    const text = 'Мать Алексея Кравчука рассказала, что в колонии его избивали и не лечат.';
    const out = events(text, '2023-03-10').map(brief);
    expect(out).toEqual(['ill_treatment - [Алексей Кравчук]']);
  });

  it('reads a month after a capitalised preposition', () => {
    const text = 'In September the blogger Ilya Fomin was moved to a pre-trial detention centre.';
    expect(events(text, '2024-02-14', 'en').map((e) => `${e.type} ${e.date}`)).toEqual(['custody 2023-09']);
  });

  it('keeps a double-spaced PDF sentence whole and "house ⏎⏎ arrest" a custody', () => {
    const text = 'Two days later, a court placed Lev Orlov and \n\nIvan Titov under house \n\narrest.';
    const out = events(text, '2024-02-14', 'en').map(brief);
    expect(out).toEqual(['custody 2024-02-16 [Lev Orlov, Ivan Titov]']);
  });

  it('does not let a background date become the date of later undated acts', () => {
    const text =
      'Police searched the homes of activists in Omsk on 15 March. The group was banned as extremist in 2015. ' +
      'Two of them were taken to the police station.';
    const out = events(text, '2024-03-20', 'en').map((e) => `${e.type} ${e.date}`);
    expect(out).toEqual(['search 2024-03-15', 'designation 2015', 'detention 2024-03-15']);
  });

  it('gives «все трое» the persons of the act before', () => {
    const text = 'Суд продлил арест Глебу Юдину, Олегу Панову и Марату Исаеву. Все трое задержаны 2 мая 2023 года.';
    const out = events(text, '2024-03-20').map(brief);
    expect(out).toContain('detention 2023-05-02 [Глеб Юдин, Олег Панов, Марат Исаев]');
  });

  it('does not count "the same rally" as a second protest', () => {
    const text = 'Police detained Ivan Gromov at a rally on 3 May. His brother was detained at the same rally.';
    expect(events(text, '2024-05-10', 'en').filter((e) => e.type === 'protest')).toHaveLength(1);
  });

  it('dates «Тогда же» by the sentence before, even a background one', () => {
    const text =
      'Суд 3 марта оштрафовал Нину Гаврилову. Дело против неё возбудили в мае 2021 года. Тогда же у неё прошёл обыск.';
    const out = events(text, '2023-03-05').map((e) => `${e.type} ${e.date}`);
    expect(out).toEqual(['fine 2023-03-03', 'charge 2021-05', 'search 2021-05']);
  });

  it('reads a register of foreign agents as a designation, and a name ending in "Today" as no date', () => {
    const text =
      'The Justice Ministry added the outlet Omsk Today and its editor Roman Fedin to the register of foreign agents.';
    const x = extract(text, { language: 'en', referenceDate: '2023-03-05' });
    expect(x.events.map((e) => e.type)).toEqual(['designation']);
    expect(x.dates).toEqual([]);
  });

  it('places an act of a city court in its city', () => {
    const out = events('Ивановский городской суд оштрафовал Нину Гаврилову.', '2023-03-05');
    expect(out.map((e) => `${e.type} ${e.places.join('/')}`)).toEqual(['fine Иваново']);
  });

  it('does not read everyday uses of cue words as acts', () => {
    const none: Array<[string, 'ru' | 'en']> = [
      ['The governor met reporters on Monday and said the economy was growing.', 'en'],
      ['The search for a new coach continues, the club said.', 'en'],
      ['Цены на бензин били рекорды всю неделю.', 'ru'],
      ['Под давлением общественности власти отменили решение.', 'ru'],
      ['Журналист Олег Сомов рассказал, что его не задерживали.', 'ru'],
    ];
    for (const [text, language] of none) expect(events(text, '2024-03-20', language), text).toEqual([]);
    const searched = events('Officers conducted searches at the homes of three activists.', '2024-03-20', 'en');
    expect(searched.map((e) => e.type)).toEqual(['search']);
  });
});

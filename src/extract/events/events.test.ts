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
    const text = 'On 16 February, a court placed Lev Orlov and \n\nIvan Titov under house \n\narrest.';
    const out = events(text, '2024-02-20', 'en').map(brief);
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

describe('events in text written blind (classes found on eval/extraction-unseen/dev)', () => {
  it('dates an act by its own words, not by the dateline over the report', () => {
    const text =
      'SAMARA, June 9 — Police detained eleven people in Samara on Saturday as dozens gathered to lay flowers.';
    expect(events(text, '2025-06-09', 'en').map(brief)).toEqual(['detention 2025-06-07 []', 'protest 2025-06-07 []']);
    // With no other date in its sentence, the act is the dateline's.
    const ru =
      'ТОМСК, 4 апреля 2025 — Кировский районный суд отправил под административный арест на 12 суток активиста Глеба Носова.';
    expect(events(ru, '2025-04-04').map(brief)).toEqual(['arrest 2025-04-04 [Глеб Носов]']);
  });

  it('gives a Russian participle phrase its own date', () => {
    const text =
      'Вчера Кировский районный суд Томска по ходатайству полиции арестовал на 12 суток Веру Лаптеву, задержанную в субботу.';
    expect(events(text, '2025-05-13').map(brief)).toEqual([
      'arrest 2025-05-12 [Вера Лаптева]',
      'detention 2025-05-10 [Вера Лаптева]',
    ]);
  });

  it('reads a custody extension as custody, not as a new detention', () => {
    const text = 'On 3 October the court extended their detention until 1 December.';
    expect(events(text, '2025-10-05', 'en').map((e) => e.type)).toEqual(['custody']);
    const single = 'Two days later the Kirovsky District Court sent him to SIZO-2 for two months.';
    expect(events(`Police took Oleg Fomin away on 2 March. ${single}`, '2025-03-10', 'en').map(brief)).toEqual([
      'detention 2025-03-02 [Oleg Fomin]',
      'custody 2025-03-04 [Oleg Fomin]',
    ]);
  });

  it('reads a designation with the status in quotes, and a ban with words between', () => {
    expect(
      events('Генпрокуратура признала «нежелательной» организацию «Северный ветер».', '2025-02-01').map((e) => e.type),
    ).toEqual(['designation']);
    const en = 'The ministry added three people to its register of "foreign agents" on Friday.';
    expect(events(en, '2025-02-01', 'en').map(brief)).toEqual(['designation 2025-01-31 []']);
    const ban = 'A regional court banned the local group Green Valley as "extremist" in May.';
    expect(events(ban, '2025-08-01', 'en').map((e) => `${e.type} ${e.date}`)).toEqual(['designation 2025-05']);
  });

  it('gives the persons listed after «Среди них» / "Among them" to the act before', () => {
    const ru =
      'В пятницу Минюст внёс в реестр иноагентов ещё трёх человек. Среди них — журналистка Инга Вершинина и поэт Артём Глухов.';
    expect(events(ru, '2025-03-02').map(brief)).toEqual(['designation 2025-02-28 [Инга Вершинина, Артём Глухов]']);
    const en = 'Police detained nine people on Sunday. Among them were student Pavel Dorin and nurse Alla Vetrova.';
    expect(events(en, '2025-03-04', 'en').map(brief)).toEqual(['detention 2025-03-02 [Pavel Dorin, Alla Vetrova]']);
  });

  it('does not make the speaker of a quote, or an officer, the person an act happened to', () => {
    const text =
      'Police detained Nina Orlova on Monday. "She was released at midnight," Grigory Lazarev told reporters.';
    expect(events(text, '2025-03-05', 'en').map(brief)).toEqual([
      'detention 2025-03-03 [Nina Orlova]',
      'release 2025-03-03 [Nina Orlova]',
    ]);
    const officer = 'Ivan Rudin was arrested on Friday. In the SIZO, Colonel Bogdanov beat him.';
    expect(events(officer, '2025-03-05', 'en').map(brief)).toEqual([
      'arrest 2025-02-28 [Ivan Rudin]',
      'ill_treatment 2025-02-28 [Ivan Rudin]',
    ]);
  });

  it("keeps a look back from moving the narrative's date", () => {
    const text =
      'A court on Monday jailed Roman Belov for ten days. Belov had already been detained twice in January. ' +
      'Police also detained Daria Kuzina at the same protest on Monday evening.';
    const out = events(text, '2025-02-12', 'en').map(brief);
    expect(out).toContain('detention 2025-01 [Roman Belov]');
    const lead =
      'Police detained Pyotr Ilyin on Sunday. Ilyin had previously been fined in January. He was released later.';
    expect(events(lead, '2025-02-12', 'en').map(brief)).toContain('release 2025-02-09 [Pyotr Ilyin]');
  });

  it("folds a headline's undated act into the act its report dates", () => {
    const text = 'Минюст пополнил реестр иноагентов\n\nВ пятницу Минюст внёс в реестр иноагентов блогера Карину Седых.';
    expect(events(text, '2025-03-02').map(brief)).toEqual(['designation 2025-02-28 [Карина Седых]']);
  });

  it("places an act without a place where the same person's last act was", () => {
    const text =
      'КАЗАНЬ, 19 марта 2025 — Суд в Казани арестовал на 10 суток Анну Гарееву.\n\nВ тот же день Гарееву оштрафовали на 30 тысяч рублей.';
    const fine = events(text, '2025-03-19').find((e) => e.type === 'fine')!;
    expect(fine.places).toEqual(['Казань']);
  });
});

describe('relatives and lawyers beside the persons of an act', () => {
  it('counts a relative named in a list of those detained, where nobody speaks', () => {
    const text = 'Police detained Ilya Gorin, 40, his younger brother Ruslan Gorin and Timur Baev on Monday.';
    expect(events(text, '2025-03-05', 'en').map(brief)).toEqual([
      'detention 2025-03-03 [Ilya Gorin, Ruslan Gorin, Timur Baev]',
    ]);
  });

  it("takes a lawyer's client from the name after the lawyer's only where it can be the client's", () => {
    const text = 'According to their lawyer, Pavel Osin, Marat Valiev was beaten on Monday.';
    expect(events(text, '2025-03-05', 'en').map(brief)).toEqual(['ill_treatment 2025-03-03 [Marat Valiev]']);
    const possessive = "Valiev's lawyer, Pavel Osin, said Marat Valiev was beaten on Monday.";
    expect(events(possessive, '2025-03-05', 'en').flatMap((e) => e.subjects)).not.toContain('Pavel Osin');
  });
});

describe('who "they", «сыну» and "during his detention" point back to', () => {
  it('reads "their" as the group last named together, after one of them was named alone', () => {
    const text =
      'On 2 March police detained Oleg Zuev, Rinat Safin and Pavel Dorin. According to a lawyer, Zuev was beaten. ' +
      'On 9 March the court extended their detention.';
    const custody = events(text, '2025-03-10', 'en').find((e) => e.type === 'custody')!;
    expect(custody.subjects).toEqual(['Oleg Zuev', 'Rinat Safin', 'Pavel Dorin']);
    expect(custody.date).toBe('2025-03-09');
  });

  it('leaves monitors who visit a prisoner, and those named with them, out of his acts', () => {
    const text =
      'Кирилла Рябова арестовали в августе. В пятницу члены ОНК Ирина Лось и Тимур Батов посетили его в СИЗО. ' +
      'Суд уже дважды продлевал сыну арест.';
    const custody = events(text, '2025-10-20').find((e) => e.type === 'custody')!;
    expect(custody.subjects).toEqual(['Кирилл Рябов']);
  });

  it('dates what happened "during his detention" by that detention', () => {
    const text =
      'On 14 May officers detained Artur Beliy. Two days later a court remanded him. He was beaten during his detention.';
    const beaten = events(text, '2025-06-01', 'en').find((e) => e.type === 'ill_treatment')!;
    expect(beaten.date).toBe('2025-05-14');
    const ru = '14 мая задержали Артура Белого. Через два дня суд арестовал его. Его избили при задержании.';
    expect(events(ru, '2025-06-01').find((e) => e.type === 'ill_treatment')!.date).toBe('2025-05-14');
  });

  it('does not give "him" to the only woman named so far', () => {
    const text =
      'Judge Oksana Remizova sentenced Lidia Vetrova to a fine. Outside, an elderly man unfolded a poster. ' +
      'Two police officers detained him.';
    expect(events(text, '2026-03-18', 'en').map(brief)).toContain('detention - []');
  });

  it('reads "her son", «его жену» and «сына» as the son and the wife, with nothing else to point back to', () => {
    const text =
      'Police detained Ruslan Tagirov in April. His mother, Rezeda Tagirova, said that her son had been beaten.';
    expect(events(text, '2025-06-01', 'en').find((e) => e.type === 'ill_treatment')!.subjects).toEqual([
      'Ruslan Tagirov',
    ]);
    const ru = 'В апреле задержали Алину Сорокину. Её муж Пётр рассказал, что его жену избили в отделе.';
    expect(events(ru, '2025-06-01').find((e) => e.type === 'ill_treatment')!.subjects).toEqual(['Алина Сорокина']);
    const bare = 'В апреле задержали Руслана Тагирова. Мать рассказала, что сына избили в отделе.';
    expect(events(bare, '2025-06-01').find((e) => e.type === 'ill_treatment')!.subjects).toEqual(['Руслан Тагиров']);
  });
});

describe('where and when an act took place, beside the places and dates it names', () => {
  it("does not place an act where its subject lives, and places 'the same court' where that court sat", () => {
    const text =
      'В понедельник суд в Самаре оштрафовал Нину Волкову. В тот же день тот же суд оштрафовал жительницу Сызрани Анну Котову.';
    const fines = events(text, '2025-03-05').filter((e) => e.type === 'fine');
    expect(fines.map((e) => e.places)).toEqual([['Самара'], ['Самара']]);
  });

  it('does not place an act where the posts it was over are about', () => {
    const text = 'On 3 May a court in Tula fined Ivan Krot over two posts about shelling near Kharkiv.';
    expect(events(text, '2025-05-20', 'en').map((e) => e.places)).toEqual([['Tula']]);
    const ru = '3 мая суд в Туле оштрафовал Ивана Крота за пост о взрыве в Белгороде.';
    expect(events(ru, '2025-05-20').map((e) => e.places)).toEqual([['Тула']]);
  });

  it('reads a session the judge adjourned as a hearing held', () => {
    const text =
      'The trial of Pavel Zotov opened on 20 August. ' +
      'The session of 17 September lasted ten minutes: Judge Olga Rys opened it and adjourned it.';
    expect(events(text, '2026-10-15', 'en').map(brief)).toEqual([
      'hearing 2026-08-20 [Pavel Zotov]',
      'hearing 2026-09-17 [Pavel Zotov]',
    ]);
  });

  it('keeps the story at its day after the start of a state that still lasts', () => {
    const text =
      'On Wednesday the court heard the case of Ilya Tamm. His wife said she had not been allowed a visit since July. ' +
      'Tamm remains in custody.';
    expect(events(text, '2026-10-15', 'en').map(brief)).toEqual(['custody 2026-10-14 [Ilya Tamm]']);
  });

  it('reads "a man accused of …" as who he is, and "was accused of" as the charge', () => {
    const text =
      'On Wednesday the trial of Lev Marin, a teacher accused of spreading fakes, went into closing arguments.';
    expect(events(text, '2026-10-15', 'en').map((e) => e.type)).toEqual(['hearing']);
    const told = 'On Wednesday Lev Marin was accused of spreading fakes.';
    expect(events(told, '2026-10-15', 'en').map(brief)).toEqual(['charge 2026-10-14 [Lev Marin]']);
  });

  it('reads a hearing "next week" as planned, not held', () => {
    const text = 'On Monday a court fined Ilya Tamm. His hearing is next week.';
    expect(events(text, '2026-10-15', 'en').map(brief)).toEqual(['fine 2026-10-12 [Ilya Tamm]']);
  });

  it('gives "him" to the man of no gender shown, not to the woman named after him', () => {
    const text =
      'Police detained Ilya Marchuk on Monday. He lives with his partner, Sofia Lenskaya. On Tuesday a court fined him.';
    const fine = events(text, '2026-10-15', 'en').find((e) => e.type === 'fine')!;
    expect(fine.subjects).toEqual(['Ilya Marchuk']);
  });

  it('keeps apart a detention the story goes back to before the one it told', () => {
    const text =
      'Ilya Marchuk was detained on 1 December. Had he had problems before? On 8 October he played in Lipetsk. ' +
      'The police stopped the concert and detained him.';
    const held = events(text, '2026-12-04', 'en').filter((e) => e.type === 'detention');
    expect(held.map(brief)).toEqual(['detention 2026-12-01 [Ilya Marchuk]', 'detention 2026-10-08 [Ilya Marchuk]']);
  });

  it('reads no hearing into hearings counted together', () => {
    const text = 'On 14 October his mother, Vera Lis, who has come to every hearing, said he was calm.';
    expect(events(text, '2026-10-15', 'en')).toEqual([]);
    expect(
      events('14 октября его мать Вера Лис, которая ходит на все заседания, сказала, что он спокоен.', '2026-10-15'),
    ).toEqual([]);
  });

  it('dates a postponement by the day it was made, not the day it put the hearing off to', () => {
    const text = "Today Judge Olga Rys postponed the hearing in Pavel Zotov's case to January 22.";
    expect(events(text, '2025-12-19', 'en').map(brief)).toEqual(['hearing 2025-12-19 [Pavel Zotov]']);
    // A hearing dated only ahead is planned, not held.
    const ahead = 'Рассмотрение дела Павла Зотова должно начаться в Советском районном суде 2 апреля.';
    expect(events(ahead, '2025-03-12')).toEqual([]);
    expect(events('A hearing on the new charge is set for March 20.', '2025-03-12', 'en')).toEqual([]);
  });
});

describe('"the next day the same court"', () => {
  it("counts the day from that court's act, not from a look back told in between", () => {
    const text =
      'On 15 May a court in Brest fined Olga Sych. On 8 May officers had searched her flat. ' +
      'The next day the same court sentenced her son, Ivan Sych, to 15 days of administrative arrest.';
    const arrest = events(text, '2025-05-20', 'en').find((e) => e.type === 'arrest')!;
    expect(arrest.date).toBe('2025-05-16');
    const ru =
      '15 мая суд в Бресте оштрафовал Ольгу Сыч. 8 мая у неё прошёл обыск. На следующий день тот же суд арестовал на 15 суток её сына Ивана Сыча.';
    expect(events(ru, '2025-05-20').find((e) => e.type === 'arrest')!.date).toBe('2025-05-16');
  });

  it("dates an investigator's act told beside the same court's by the story's own last day", () => {
    const text =
      'The trial of Lev Marin opened on 20 August. Marin was detained on 11 March. ' +
      'He was charged the following day, and on 13 March the same court remanded him in custody.';
    const charge = events(text, '2026-10-15', 'en').find((e) => e.type === 'charge')!;
    expect(charge.date).toBe('2026-03-12');
  });
});

describe('one act told twice, and one act in two words', () => {
  it('joins an undated retelling of a detention to the dated one, but not a detention "again"', () => {
    const text =
      'ТОМСК, 19 марта 2025 — Суд арестовал на 10 суток Инну Серову, задержанную в понедельник у мэрии. ' +
      'Об этом сообщили правозащитники. ' +
      'По их данным, Серову задержали сотрудники центра «Э».';
    expect(
      events(text, '2025-03-19')
        .filter((e) => e.type === 'detention')
        .map(brief),
    ).toEqual(['detention 2025-03-17 [Инна Серова]']);
    const again =
      'Police detained Ivan Lomov on Monday. He was released at night. On Thursday police detained Lomov again.';
    expect(events(again, '2025-03-21', 'en').filter((e) => e.type === 'detention')).toHaveLength(2);
  });

  it('reads "sentenced to 15 days of administrative arrest" as the arrest alone', () => {
    const text = 'On Monday a court sentenced Oleg Nosik to 15 days of administrative arrest.';
    expect(events(text, '2025-03-19', 'en').map(brief)).toEqual(['arrest 2025-03-17 [Oleg Nosik]']);
  });

  it('reads the imperfective «штрафовали» as a fine', () => {
    const text = 'В декабре 2024 года Анну Лесную уже штрафовали за надпись на остановке.';
    expect(events(text, '2025-03-19').map(brief)).toEqual(['fine 2024-12 [Анна Лесная]']);
  });
});

describe('acts that did not happen, and acts told by where they happened', () => {
  it('reads no act into a threat, a request, a refusal, an intention or a condition', () => {
    const en = [
      'He could face up to five years in prison if convicted.',
      'The prosecutor had asked for 15 days of administrative arrest.',
      'The court refused the request to remand Ivan Lomov.',
      'Her sister said she would hold a solitary picket next week.',
    ];
    for (const text of en) expect(events(text, '2025-03-05', 'en'), text).toEqual([]);
    const ru = [
      'Его могут снова арестовать.',
      'Суд отказался арестовать Ивана Ломова.',
      'Его задержат, если он вернётся.',
    ];
    for (const text of ru) expect(events(text, '2025-03-05'), text).toEqual([]);
    // A date's "May" is no modal: "On 3 May police searched".
    expect(events('On 3 May police searched the home of Ivan Lomov.', '2025-05-10', 'en').map((e) => e.type)).toEqual([
      'search',
    ]);
  });

  it('reads a ban on certain actions as a measure of restraint, and walking out of a colony as a release', () => {
    const ban = 'On Monday a judge banned Kirill Orlov from using the internet, a "ban on certain actions".';
    expect(events(ban, '2025-03-05', 'en').map(brief)).toEqual(['custody 2025-03-03 [Kirill Orlov]']);
    const out =
      'Activist Nurlan Ospanov walked out of a penal colony near Pavlodar on Tuesday after serving his full term.';
    expect(events(out, '2025-06-13', 'en').map(brief)).toEqual(['release 2025-06-10 [Nurlan Ospanov]']);
  });

  it('takes "for organising an \\"unsanctioned rally\\"" as the reason, not a protest', () => {
    const text = 'Ruslan Ten was jailed for ten days for organising an "unsanctioned rally".';
    expect(events(text, '2025-06-13', 'en').map((e) => e.type)).toEqual(['arrest']);
  });

  it('dates and places an act "at the rally" by the rally already told', () => {
    const text =
      'Dozens held a rally in Chita last Saturday. On Monday a court fined Anna Lomova. ' +
      'Organiser Olga Dorzhieva was detained at the rally but released after three hours.';
    const out = events(text, '2025-09-24', 'en');
    const detention = out.find((e) => e.type === 'detention')!;
    expect([detention.date, detention.places]).toEqual(['2025-09-20', ['Chita']]);
    expect(out.filter((e) => e.type === 'protest')).toHaveLength(1);
  });
});

describe('two acts of a type in one sentence, and words that only look like acts', () => {
  it('makes two acts of one type that the sentence dates apart', () => {
    const text =
      'Ещё в сентябре МВД объявило Ивана Рудова в розыск, а в октябре Минюст включил его в реестр иноагентов.';
    expect(events(text, '2025-12-05').map(brief)).toEqual([
      'designation 2025-09 [Иван Рудов]',
      'designation 2025-10 [Иван Рудов]',
    ]);
    const en = 'Police detained Oleg Fomin on 2 March, but detained him again on 5 March.';
    expect(events(en, '2025-03-10', 'en').map(brief)).toEqual([
      'detention 2025-03-02 [Oleg Fomin]',
      'detention 2025-03-05 [Oleg Fomin]',
    ]);
  });

  it('reads no torture into «пытаются», no act into a sentence that opens on a condition, no designation into a charge', () => {
    expect(events('«Меня пытаются выдать за преступника», — написал Олег Белов.', '2025-03-05')).toEqual([]);
    expect(
      events('В случае возвращения в Россию журналиста Олега Белова задержат и этапируют в СИЗО.', '2025-03-05'),
    ).toEqual([]);
    const charge = 'Олега Белова обвиняют в участии в «нежелательной организации».';
    expect(events(charge, '2025-03-05').map((e) => e.type)).toEqual(['charge']);
  });
});

describe('subheadings over sections', () => {
  it("joins a subheading's act to its section's act, and drops one its section does not tell", () => {
    const text =
      'Monthly digest, June 2025.\n\nNew arrests in Simferopol\nOn 4 June officers arrested Ilya Rudin in Simferopol.\n\n' +
      'New searches and arrests\nOn 9 June officers searched the flat of Oleg Sych.';
    expect(events(text, '2025-06-30', 'en').map(brief)).toEqual([
      'arrest 2025-06-04 [Ilya Rudin]',
      'search 2025-06-09 [Oleg Sych]',
    ]);
  });
});

describe('labels and fields', () => {
  it('reads no act into a one-word label, and ends a case card line at the next field', () => {
    expect(events('Detentions.', '2025-03-12', 'en')).toEqual([]);
    const card = 'Карточка дела\nТимур Рахимов\nГород: Казань\nСтатья: ч. 1 ст. 280.3 УК РФ\n';
    expect(extract(card, { language: 'ru', referenceDate: '2025-03-12' }).persons.map((p) => p.name)).toEqual([
      'Тимур Рахимов',
    ]);
  });
});

describe('a person named by the given name alone', () => {
  it('is the one person of the report with that name, in any case form', () => {
    const text = 'Рассказ матери Кирилла Рябова. «Кирилла задержали в августе, прямо на работе».';
    expect(events(text, '2025-10-20').map(brief)).toEqual(['detention 2025-08 [Кирилл Рябов]']);
  });

  it('is nobody when two people of the report share it, or when the name is a speaker read in full', () => {
    const two = 'Кирилл Рябов и Кирилл Лосев пришли на пикет. Кирилла задержали в августе.';
    expect(events(two, '2025-10-20').find((e) => e.type === 'detention')!.subjects).toEqual([]);
    const speaker =
      'Police detained Nina Orlova on Monday. "She was released at midnight," Grigory Lazarev told reporters.';
    expect(events(speaker, '2025-03-05', 'en').find((e) => e.type === 'release')!.subjects).toEqual(['Nina Orlova']);
  });
});

describe('acts dated by another act, and regional courts', () => {
  it('dates an act «в тот же день, когда» by the act the clause names, and does not report that act again', () => {
    const text =
      'Басманный районный суд во вторник заочно арестовал журналиста Игната Орлова. 27 ноября в Воронеже прошли ' +
      'обыски у его коллеги Веры Тарасовой.\n\nВ тот же день, когда Орлова заочно арестовали, Воронежский областной ' +
      'суд начал рассматривать по существу дело его редактора Павла Зябликова.';
    const out = events(text, '2024-12-05');
    expect(out.map(brief)).toEqual([
      'custody 2024-12-03 [Игнат Орлов]',
      'search 2024-11-27 [Вера Тарасова]',
      'hearing 2024-12-03 [Павел Зябликов]',
    ]);
    expect(out[2]!.places).toEqual(['Воронеж']);
  });

  it('counts days from the act an English phrase names', () => {
    const text =
      'Police searched the flat of Denis Korolev on 3 March. Two days after the search, officers detained him ' +
      'at his office. On the day after his detention a court remanded him in custody.';
    expect(events(text, '2024-03-20', 'en').map(brief)).toEqual([
      'search 2024-03-03 [Denis Korolev]',
      'detention 2024-03-05 [Denis Korolev]',
      'custody 2024-03-06 [Denis Korolev]',
    ]);
  });

  it('reads «через неделю после приговора» from the sentence, not from the date told last', () => {
    const text =
      '12 мая суд приговорил Аркадия Лунина к трём годам колонии. 20 мая у его брата прошёл обыск. ' +
      'Через неделю после приговора Лунина задержали в Нижнем Тагиле.';
    expect(events(text, '2024-06-01').map(brief)).toContain('detention 2024-05-19 [Аркадий Лунин]');
  });

  it('places a regional court in the city its region is named after, and only there', () => {
    const places = (text: string) => extract(text, { language: 'ru', referenceDate: '2024-05-01' }).places;
    expect(places('Пермский краевой суд оставил приговор Ивану Сорокину без изменений.').map((p) => p.name)).toEqual([
      'Пермь',
    ]);
    // Московский областной суд sits outside Москва, in Красногорск; «Свердловский» names no city, its court sits in
    // Екатеринбург; a district court of the name may be in any city.
    const names = (text: string) => places(text).map((p) => p.name);
    expect(names('Московский областной суд оставил приговор Ивану Сорокину без изменений.')).toEqual(['Красногорск']);
    expect(names('Свердловский областной суд оставил приговор Ивану Сорокину без изменений.')).toEqual([
      'Екатеринбург',
    ]);
    expect(places('Свердловский районный суд оставил приговор Ивану Сорокину без изменений.')).toEqual([]);
  });
});

describe('lists of people', () => {
  it('gives each item’s person to the act the list is about, and the item’s own acts to its person', () => {
    const text =
      'Задержания в Казани 4 ноября\n\nВечером 4 ноября полиция начала задерживать людей у памятника.\n\n' +
      'Список задержанных (обновлён 5 ноября в 10:00):\n\n' +
      '1. Лев Гринштейн — ОП «Вахитовский». Отпущен около 23:00 без протокола.\n' +
      '2. Дарина Кулик — ОП «Вахитовский». Составлен протокол, отпущена в 01:30.\n' +
      '3. Несовершеннолетний, 16 лет, — ОП «Ново-Савиновский». Отпущен вечером с отцом.\n' +
      '4. Семён Ярцев — задержан у выхода из метро, ОП «Авиастроительный». Полицейский ударил его дубинкой.\n\n' +
      'Данные ещё двух задержанных уточняются.';
    const out = events(text, '2026-11-05');
    expect(out.map(brief)).toEqual([
      'detention 2026-11-04 [Лев Гринштейн, Дарина Кулик, Семён Ярцев]',
      'release 2026-11-04 [Лев Гринштейн]',
      'release 2026-11-05 [Дарина Кулик]',
      'release 2026-11-04 []',
      'ill_treatment 2026-11-04 [Семён Ярцев]',
    ]);
    expect(out[0]!.places).toEqual(['Казань']);
  });

  it('reads an English list under the act told before it, not under the line that says when it was updated', () => {
    const text =
      'Omsk, riverside rally, 9 May 2026: who was detained\nCity Detentions Line · list opened 9 May, 19:05 · last ' +
      'updated 10 May, 16:20\n\nAbout 300 people came to the embankment. Police started detaining people at 18:00. ' +
      'Below is everyone we know of.\n\n' +
      '1. Vera Zhilina, 19 — police department No. 4. Released 21:30.\n' +
      '2. Pavel Gorin, 57 — police department No. 4. Kept overnight. 10 May: 10 days of administrative arrest.\n' +
      '3. Lidia Nurova, 33 — police department No. 7. Says an officer hit her with a baton. Released at 02:10.\n\n' +
      'Total: at least 5 people detained.';
    expect(events(text, '2026-05-10', 'en').map(brief)).toEqual([
      'protest 2026-05-09 []',
      'detention 2026-05-09 [Vera Zhilina, Pavel Gorin, Lidia Nurova]',
      'release 2026-05-09 [Vera Zhilina]',
      'arrest 2026-05-10 [Pavel Gorin]',
      'ill_treatment 2026-05-09 [Lidia Nurova]',
      'release 2026-05-10 [Lidia Nurova]',
    ]);
  });

  it('shares a person between two verbs of one clause joined by «и»', () => {
    const text =
      'В среду суд назначил Юрию Лапину 10 суток ареста, Тимура Азизова оштрафовали на 15 000 рублей и отпустили.';
    expect(events(text, '2026-11-05').map(brief)).toEqual([
      'arrest 2026-11-04 [Юрий Лапин]',
      'fine 2026-11-04 [Тимур Азизов]',
      'release 2026-11-04 [Тимур Азизов]',
    ]);
  });
});

describe('two acts joined by "and"', () => {
  it('keeps each date with its own verb, and an arrest the court did not order an arrest', () => {
    const text =
      'My brother Gleb Voronin was arrested in Tomsk in March 2024 and sentenced by the Tomsk Regional Court in ' +
      'June 2025 to 13 years.';
    expect(events(text, '2026-10-06', 'en').map(brief)).toEqual([
      'arrest 2024-03 [Gleb Voronin]',
      'sentence 2025-06 [Gleb Voronin]',
    ]);
    expect(
      events('Gleb Voronin was arrested by the Leninsky District Court on Monday.', '2026-10-07', 'en').map(brief),
    ).toEqual(['custody 2026-10-05 [Gleb Voronin]']);
    expect(
      events('Ленинский районный суд в понедельник заочно арестовал Глеба Воронина.', '2026-10-07').map(brief),
    ).toEqual(['custody 2026-10-05 [Глеб Воронин]']);
  });
});

describe('a newsletter: its header, nights and complaints', () => {
  it('reads "took him to a police department", "let go after midnight" and "accuse him of", and not a complaint', () => {
    const text =
      'From: Steppe Rights Monitor <bulletin@steppe.example>\nDate: Fri, 9 Oct 2026 18:02\n\nDear friends,\n\n' +
      'Ruslan Temirov walked out of the colony at the end of his term on 2 October. The same evening police stopped ' +
      'him at the bus station, took him to a police department and held him for four hours; he was let go after ' +
      'midnight without any report. Investigators accuse him of "calls to separatism". On Saturday 3 October men in ' +
      'police uniform took the parents of blogger Islam Dzhabrailov from their home and held them overnight at a ' +
      'police station. They were released the next afternoon.\n\n' +
      '14 October, Sovetsky District Court: the defence’s complaint against Temirov’s detention.';
    expect(events(text, '2026-10-09', 'en').map(brief)).toEqual([
      'release 2026-10-02 [Ruslan Temirov]',
      'detention 2026-10-02 [Ruslan Temirov]',
      'release 2026-10-03 [Ruslan Temirov]',
      'charge 2026-10-02 [Ruslan Temirov]',
      'detention 2026-10-03 []',
      'release 2026-10-04 []',
    ]);
  });
});

describe('a live blog', () => {
  it('dates an entry under a time stamp on the blog’s day, not on the background its last entry went back to', () => {
    const text =
      'Приговор по делу клуба. Текстовая трансляция\n16 сентября 2026\n\n09:55\nСемёна Рыжова задержали 3 мая, ' +
      'а 10 сентября суд выслушал его последнее слово.\n\n16:41\nУ здания суда полицейские задержали женщину.';
    expect(events(text, '2026-09-16').map(brief)).toEqual([
      'sentence 2026-09-16 []',
      'detention 2026-05-03 [Семён Рыжов]',
      'detention 2026-09-16 []',
    ]);
  });
});

describe('the day of an act told later', () => {
  it('dates «в день задержания его избили» by the detention the background below tells, and is no detention itself', () => {
    const text =
      '14:41 Последнее слово Семёна Рыжова. Он говорит, что в день задержания его избили в машине.\n\n' +
      'Справка. Рыжова задержали 3 мая 2025 года в Орле.';
    expect(events(text, '2026-09-17').map(brief)).toEqual([
      'ill_treatment 2025-05-03 [Семён Рыжов]',
      'detention 2025-05-03 [Семён Рыжов]',
    ]);
    const alone = 'Семён Рыжов говорит, что в день задержания его избили в машине.';
    expect(events(alone, '2026-09-17').map((e) => e.type)).toEqual(['ill_treatment']);
  });
});

describe('«всех троих»', () => {
  it('are the three the sentence before named, though its act named two', () => {
    const text =
      'Семёна Рыжова и Инну Лосеву задержали 3 мая 2025 года после обысков в Орле, ' +
      'Павла Рябова — на следующий день в Москве. ' +
      'Всех троих обвиняют в участии в экстремистском сообществе.';
    const charge = events(text, '2026-09-17').find((e) => e.type === 'charge');
    expect(charge?.subjects).toEqual(['Семён Рыжов', 'Инна Лосева', 'Павел Рябов']);
  });
});

describe('a channel’s posts', () => {
  it('dates «Сегодня» in a post by the post’s day over it, given with a time or emoji', () => {
    const text =
      'Канал поддержки Артёма Жилина\n\n📌 3 ноября, 08:40\nСегодня утром Артёма Жилина задержали в Орле. ' +
      'В квартире идёт обыск.\n\n6 ноября ⚖️\nСуд отправил Жилина в СИЗО.\n\n9 ноября 📢\n' +
      'Сегодня у суда задержали Марину Киркину. Киркину отпустили вечером! 🙏\n\n12 ноября\nНовостей пока нет.';
    expect(events(text, '2026-11-20').map(brief)).toEqual([
      'detention 2026-11-03 [Артём Жилин]',
      'search 2026-11-03 [Артём Жилин]',
      'custody 2026-11-06 [Артём Жилин]',
      'detention 2026-11-09 [Марина Киркина]',
      'release 2026-11-09 [Марина Киркина]',
    ]);
  });
});

describe('an annual report’s paragraph', () => {
  it('reads a lone picket with a blank sheet, dates each clause by its own words, and seats a court named before', () => {
    const text =
      'Kirill Ostrovsky, a 20-year-old student, stood alone outside the regional government building on 7 January ' +
      'holding a blank sheet of A4 paper. He was detained within minutes, and the next day the Kirovsky District ' +
      'Court gave him 12 days of administrative arrest.\n\n' +
      'Timofei Rudakov, a blogger who left Russia in 2023, was added to the register of "foreign agents" on 3 April ' +
      '2026.\n\n' +
      'Two days after his arrest on 28 November 2025 the Vakhitovsky District Court of Kazan remanded Ilnur Safin in ' +
      'custody. In May he was transferred to the pre-trial detention centre in Chistopol. On 22 September the ' +
      'Vakhitovsky court sentenced him to four years.';
    const out = events(text, '2026-11-10', 'en');
    expect(out.map(brief)).toEqual([
      'protest 2026-01-07 [Kirill Ostrovsky]',
      'detention 2026-01-07 [Kirill Ostrovsky]',
      'arrest 2026-01-08 [Kirill Ostrovsky]',
      'designation 2026-04-03 [Timofei Rudakov]',
      'arrest 2025-11-28 [Ilnur Safin]',
      'custody 2025-11-30 [Ilnur Safin]',
      'custody 2026-05 [Ilnur Safin]',
      'sentence 2026-09-22 [Ilnur Safin]',
    ]);
    expect(out.at(-1)!.places).toEqual(['Kazan']);
  });
});

describe('a court’s press release', () => {
  it('dates «Указанным приговором» by that verdict, not by a birth year, and joins «Р. А. Хайруллина» to him', () => {
    const text =
      '14 мая 2026 года окружной военный суд вынес приговор по делу о телеграм-канале. Сегодня его обжаловали.\n\n' +
      'Указанным приговором Хайруллин Ринат Айдарович, 1994 года рождения, признан виновным, ему назначено ' +
      'наказание в виде лишения свободы на срок 5 лет.\n\nВ отношении Р. А. Хайруллина приговор оставлен без изменения.';
    const out = extract(text, { language: 'ru', referenceDate: '2026-10-22' });
    expect(out.persons.map((p) => p.name)).toEqual(['Хайруллин Ринат Айдарович']);
    expect(out.events.map(brief)).toContain('sentence 2026-05-14 [Хайруллин Ринат Айдарович]');
    expect(out.events.map((e) => e.date)).not.toContain('1994');
  });
});

describe('a prison service’s reply and a trial day', () => {
  it('reads a punishment cell and a beating of a named man as ill-treatment, and "last November" as the last one', () => {
    const text =
      'Since last November he had been held in penal colony No. 17. On 19 August Stepan Volkov was put in the ' +
      'punishment cell (SHIZO) for 15 days.\n\nThe letter leaves out that on 19 August two officers beat Stepan in ' +
      'the duty room.';
    // Two acts of one type, day and person two sentences apart are read as one told twice.
    expect(events(text, '2026-10-06', 'en').map(brief)).toEqual(['ill_treatment 2026-08-19 [Stepan Volkov]']);
    expect(extract(text, { language: 'en', referenceDate: '2026-10-06' }).dates[0]!.value).toBe('2025-11');
    expect(events('2 сентября Ивана Варфоломеева водворили в ШИЗО на 15 суток.', '2026-09-05').map(brief)).toEqual([
      'ill_treatment 2026-09-02 [Иван Варфоломеев]',
    ]);
  });

  it('takes no prosecutor’s request for a sentence, and reads police walking a man to a van as a detention', () => {
    expect(
      events('Prosecutor Denis Yagudin asks for seven years in a colony for Lushnikov.', '2026-03-18', 'en'),
    ).toEqual([]);
    expect(
      events(
        'Within two minutes two police officers walk him to a van parked by the fountain.',
        '2026-03-18',
        'en',
      ).map(brief),
    ).toEqual(['detention - []']);
  });
});

describe('a search that names no one', () => {
  it('is of the person the story is about, as a custody or a charge that names no one is', () => {
    const text = '2 ноября в Орле задержали Кирилла Панова. В квартире прошёл обыск, изъяли два телефона.';
    expect(events(text, '2026-11-20').map(brief)).toEqual([
      'detention 2026-11-02 [Кирилл Панов]',
      'search 2026-11-02 [Кирилл Панов]',
    ]);
  });
});

describe('«осуждённый» as a noun', () => {
  it('reads «осудили», «осуждён к», «осуждённого судом» as verdicts, and «такого осуждённого» as no act', () => {
    expect(events('В июле 2025 года его осудили к 12 годам колонии.', '2026-06-15').map(brief)).toEqual([
      'sentence 2025-07 []',
    ]);
    expect(
      events('Ахмадова, осуждённого окружным военным судом 2 июля 2026 года, оправдали.', '2026-10-22').map(
        (e) => e.type,
      ),
    ).toContain('sentence');
    expect(events('Ей сказали, что такого осуждённого в колонии больше нет.', '2026-06-15')).toEqual([]);
    expect(events('Через два дня осуждённый «убыл в распоряжение» ФСИН.', '2026-06-15')).toEqual([]);
  });
});

describe('what a newsletter says ahead, wishes, and since when', () => {
  it('keeps the story where it is past a date ahead, reads no act in a wish, and dates «с тех пор» from its start', () => {
    const text =
      'Её суд начнётся в декабре. Кирилл Остапов вышел 7 января с чистым листом бумаги. Его сразу задержали.\n\n' +
      'Ксения Ламеко, задержанная в апреле в Смоленске, с тех пор находилась в СИЗО. С 31 октября она голодает, ' +
      'требуя, чтобы её отпустили. Однако 5 ноября суд освободил Ламеко из-под стражи в зале суда.';
    expect(events(text, '2026-11-10').map(brief)).toEqual([
      'protest 2026-01-07 [Кирилл Остапов]',
      'detention 2026-01-07 [Кирилл Остапов]',
      'detention 2026-04 [Ксения Ламеко]',
      'custody 2026-04 [Ксения Ламеко]',
      'release 2026-11-05 [Ксения Ламеко]',
    ]);
  });
});

describe('the verdict of an acquittal', () => {
  it('reads "the verdict" after an acquittal as that verdict, which sentenced nobody', () => {
    const en = 'Yesterday the court acquitted teacher Marina Belova. With the verdict the measure was lifted.';
    expect(events(en, '2026-10-14', 'en').map((e) => e.type)).toEqual(['release']);
    const ru = 'Вчера суд оправдал Марину Белову. После оглашения приговора её освободили в зале суда.';
    expect(events(ru, '2026-10-14').map((e) => e.type)).toEqual(['release']);
  });
});

describe('a correction appended to a report', () => {
  it('reads no act in what an earlier version said, and dates nothing by the correction', () => {
    const text =
      'On 21 July a court gave Ksenia Bobrik a suspended sentence.\n\nCorrection, 23 July 2026: An earlier version ' +
      'of this article said that Bobrik had been fined. She was not fined; she received a suspended sentence.';
    expect(events(text, '2026-07-23', 'en').map(brief)).toEqual(['sentence 2026-07-21 [Ksenia Bobrik]']);
  });
});

describe('a table of people, one row each', () => {
  const places = (e: ExtractedEvent) => `${brief(e)} @${e.places.join('/')}`;

  it('gives each row the act its date column names, with the row’s person and city', () => {
    const text =
      'Ниже — таблица по людям, которых задержали с сентября.\n\n' +
      'ФИО | город | статья | дата задержания | статус\n' +
      'Ольга Кимова | Омск | ч. 1 ст. 207.3 УК РФ | 03.09.2026 | СИЗО-1\n' +
      'Олег Лунин | Томск | ч. 2 ст. 280 УК РФ | — | объявлен в розыск, 30.10.2026 заочно арестован\n' +
      'Анна Дроздова | Псков | ч. 1 ст. 280.3 УК РФ | 11.11.2026 | отпущена 12.11.2026\n';
    const found = events(text, '2026-11-20').map(places);
    expect(found).toContain('detention 2026-09-03 [Ольга Кимова] @Омск');
    expect(found).toContain('detention 2026-11-11 [Анна Дроздова] @Псков');
    expect(found).toContain('custody 2026-10-30 [Олег Лунин] @Томск');
    expect(found).toContain('release 2026-11-12 [Анна Дроздова] @Псков');
    // The summary over the table and the header's «задержания» are no acts of their own; Лунин was not detained.
    expect(found.filter((e) => e.startsWith('detention'))).toHaveLength(2);
  });

  it('reads a lone word in a cell as the place it names, given name or not', () => {
    const text =
      'name | city | detained | status\nAnton Belov | Samara | 14.02.2026 | in custody\n' +
      'Rita Orlova | Penza | 21.09.2026 | released from custody on 30.10.2026\n';
    const found = events(text, '2026-11-16', 'en').map(places);
    expect(found).toContain('detention 2026-02-14 [Anton Belov] @Samara');
    expect(found).toContain('release 2026-10-30 [Rita Orlova] @Penza');
  });
});

describe('advice, questions and what may happen', () => {
  it('reads no act in a guide’s questions, its words to the reader, or what a court may do', () => {
    const text =
      'Q: What if the court gives me an administrative arrest? If you are fined, you have 60 days to pay. ' +
      'They may keep you for up to 48 hours before a court hearing.';
    expect(events(text, '2026-11-10', 'en')).toEqual([]);
    const ru =
      'Что будет в суде? Суд может назначить штраф или арест до 30 суток. Если суд дал арест, вас повезут в ' +
      'спецприёмник. Срок могут продлить до 48 часов.';
    expect(events(ru, '2026-11-20')).toEqual([]);
    const asked = 'Ask for the reason for the detention. Сообщите о задержании близким. Запомните номер автозака.';
    expect(events(asked, '2026-11-20', 'en')).toEqual([]);
    expect(events('Сообщите о задержании близким. Запомните номер автозака.', '2026-11-20')).toEqual([]);
  });

  it('still reads an act a dated question tells, and the example a guide gives', () => {
    expect(events('— Вас задержали 14 ноября у Плотинки?', '2026-11-20').map(brief)).toEqual([
      'detention 2026-11-14 []',
    ]);
    const example =
      'A real case: on 27 October police detained Timur Lebedev at a picket and fined him 30,000 roubles.';
    expect(events(example, '2026-11-10', 'en').map(brief)).toContain('detention 2026-10-27 [Timur Lebedev]');
  });
});

describe('where a trial’s day took place', () => {
  it('puts a verdict told later without a place at the court named that day, not at one named for an earlier act', () => {
    const text =
      'The Vologda City Court was full yesterday morning. Ivan Sorokin, a teacher from Cherepovets, sat by his lawyer.\n\n' +
      'Two days after his arrest in March the Cherepovets City Court placed him under house arrest.\n\n' +
      'Just before seven in the evening the judge read out the verdict: Sorokin was sentenced to two years.';
    const verdict = events(text, '2026-11-19', 'en').find((e) => e.type === 'sentence')!;
    expect([verdict.date, verdict.places]).toEqual(['2026-11-18', ['Vologda']]);
  });
});

describe('what a party asks the court for', () => {
  it('is no act, however far the measure comes after the request', () => {
    const ru =
      'Следствием будет заявлено ходатайство об избрании в отношении него меры пресечения в виде заключения под стражу.';
    expect(events(ru, '2026-06-10')).toEqual([]);
    const en = 'At present the investigation is filing a petition with the court for his remand in custody.';
    expect(events(en, '2026-06-10', 'en')).toEqual([]);
  });

  it('is an act again when the court rules after the request', () => {
    const ru =
      '23 октября суд отказал следователю в ходатайстве о домашнем аресте и избрал Анне Лаптевой запрет определённых действий.';
    expect(events(ru, '2026-11-01').map(brief)).toEqual(['custody 2026-10-23 [Анна Лаптева]']);
  });
});

describe('"the convicted persons"', () => {
  it('names people already sentenced, and is no new verdict', () => {
    const text =
      'In May a court sentenced Ivan Rom and Pavel Lis. The convicted persons were detained in Krasnodar in October 2024.';
    expect(events(text, '2026-08-26', 'en').map((e) => `${e.type} ${e.date}`)).toEqual([
      'sentence 2026-05',
      'detention 2024-10',
    ]);
  });
});

describe('hearsay denied', () => {
  it('reports nothing when the rumour is denied in its sentence or the next', () => {
    const en =
      'A Telegram channel reported on Saturday that Daria Lisina had been detained. Her mother told us this is not true.';
    expect(events(en, '2026-11-30', 'en')).toEqual([]);
    const ru = 'В соцсетях писали о задержании Оксаны Рябцевой в Кемерове, но адвокаты этого не подтвердили.';
    expect(events(ru, '2026-11-30')).toEqual([]);
  });

  it('keeps a beating that an authority denies', () => {
    const text = 'Monitors reported that Pavel Orlov was beaten in SIZO-2. The prison service denied it.';
    expect(events(text, '2026-11-30', 'en').map((e) => e.type)).toEqual(['ill_treatment']);
  });
});

describe('«назначено наказание»', () => {
  it('is a sentence as a court paper words it, but not what a prosecutor asks for', () => {
    const text = '07.10.2025 Ольге Лисиной назначено наказание в виде 2 лет лишения свободы условно.';
    expect(events(text, '2025-10-08').map(brief)).toEqual(['sentence 2025-10-07 [Ольга Лисина]']);
    expect(events('Прокурор просил назначить Ольге Лисиной наказание в виде 5 лет.', '2025-10-08')).toEqual([]);
  });
});

describe('a person described before being named', () => {
  it('gives "him" to the man not yet named, and his act to the name given later', () => {
    const text =
      'Judge Anna Rudina sentenced Pavel Lukin. Outside, an elderly man unfolds a small poster. ' +
      'Within two minutes two police officers walk him to a van. We have his name now: Yuri Tamm, a retired engineer.';
    const detentions = events(text, '2026-03-18', 'en').filter((e) => e.type === 'detention');
    expect(detentions.map((e) => e.subjects)).toEqual([['Yuri Tamm']]);
  });
});

describe('«после штрафа»', () => {
  it('is the fine told before, not another', () => {
    const text =
      'В сентябре 2025 года Олега Рахимова оштрафовали на 15 000 рублей. Вчера суд отправил Рахимова в СИЗО. ' +
      'Жена говорит, что после штрафа он перестал писать.';
    expect(events(text, '2026-10-15').map(brief)).toEqual([
      'fine 2025-09 [Олег Рахимов]',
      'custody 2026-10-14 [Олег Рахимов]',
    ]);
  });
});

describe('an act told before its place', () => {
  it('is where the same person’s next act within the month was', () => {
    const text =
      'Олега Рахимова задержали рано утром 12 октября. Вчера Вахитовский районный суд Казани отправил Рахимова в СИЗО.';
    const found = events(text, '2026-10-15').map((e) => `${e.type} ${e.places.join('/')}`);
    expect(found).toEqual(['detention Казань', 'custody Казань']);
  });
});

describe('a case card', () => {
  it('dates each field’s act by the date after its label, and gives it the card’s person', () => {
    const text =
      'Карточка дела\nТимур Гатаулин\nГород: Казань\nДата возбуждения дела: 3 февраля 2025 г.\n' +
      'Задержание: 4 февраля 2025 г. — задержан сотрудниками ФСБ у подъезда.\nПриговор: 15.05.2026 — 5 лет колонии\n';
    expect(events(text, '2026-06-01').map(brief)).toEqual([
      'charge 2025-02-03 [Тимур Гатаулин]',
      'detention 2025-02-04 [Тимур Гатаулин]',
      'sentence 2026-05-15 [Тимур Гатаулин]',
    ]);
    const en = 'Pavel Rom\nBorn: 12 April 1989\nDetained: 4 February 2025 in Omsk\n';
    expect(events(en, '2026-06-01', 'en').map(brief)).toEqual(['detention 2025-02-04 [Pavel Rom]']);
  });
});

describe('who denounced', () => {
  it('is not whom the act befell', () => {
    const ru = 'В Самаре 5 июня 2024 года полиция задержала журналистку Анну Дробову по заявлению Ивана Корнева.';
    expect(events(ru, '2024-06-06').map(brief)).toEqual(['detention 2024-06-05 [Анна Дробова]']);
    const en = 'On 5 June 2024 police detained the journalist Anna Drobova on a complaint filed by Ivan Kornev.';
    expect(events(en, '2024-06-06', 'en').map(brief)).toEqual(['detention 2024-06-05 [Anna Drobova]']);
  });
});

describe('acts dated after the report', () => {
  it('are measured against a publication date given, not the text’s first date', () => {
    const list = [1, 2, 3]
      .map((d) => `В Самаре ${d} марта 2025 года полиция задержала Ивана Ромашова-${d}.`)
      .join('\n');
    expect(extract(list, { language: 'ru' }).events.map((e) => e.date)).toEqual([
      '2025-03-01',
      '2025-03-02',
      '2025-03-03',
    ]);
  });

  it('are a calendar, not acts; tomorrow’s hearing the report announces stays', () => {
    const calendar = 'Чт, 10.12 — Шахтинский городской суд: оглашение приговора Инне Ром.';
    expect(events(calendar, '2026-12-05').map(brief)).toEqual([]);
    const past = 'Чт, 03.12 — Шахтинский городской суд: оглашение приговора Инне Ром.';
    expect(events(past, '2026-12-05').map((e) => e.type)).toEqual(['sentence']);
    const tomorrow = 'Сегодня в Омске задержали Илью Рома. Суд изберёт ему меру пресечения завтра.';
    expect(events(tomorrow, '2026-12-05').map(brief)).toContain('custody 2026-12-06 [Илья Ром]');
  });
});

describe('a death in custody', () => {
  it('is an act of its own, typed other, with its day and place', () => {
    const ru = 'Илья Ром умер 2 декабря в исправительной колонии № 4 в Омске.';
    expect(events(ru, '2026-12-05').map(brief)).toEqual(['other 2026-12-02 [Илья Ром]']);
    const en = 'Oleg Rom died on Thursday, 10 September, in the hospital wing of penal colony No. 13 in Engels.';
    expect(events(en, '2026-09-14', 'en').map(brief)).toEqual(['other 2026-09-10 [Oleg Rom]']);
  });

  it('is no act when nothing says it happened in custody', () => {
    expect(events('Отец Ильи Рома умер в 2010 году в Омске.', '2026-12-05')).toEqual([]);
    expect(events('His father, Oleg Rom, died in 2010 in Omsk.', '2026-12-05', 'en')).toEqual([]);
  });
});

describe('what came next, and what a reference list cites', () => {
  it('dates an act told "after which" by its sentence, and leaves a date after "and," to the next verb', () => {
    const text = 'On 14 June 2021 Inna Rom led a rally, after which she was detained and, on 17 June, fined.';
    expect(events(text, '2026-12-02', 'en').map(brief)).toEqual([
      'protest 2021-06-14 [Inna Rom]',
      'detention 2021-06-14 [Inna Rom]',
      'fine 2021-06-17 [Inna Rom]',
    ]);
  });

  it('reads no act in a reference list’s entry', () => {
    const text =
      'Inna Rom is an activist.\n\nReferences\n1. ^ "Activist fined after rally". Omsk Evening. 17 June 2021.';
    expect(events(text, '2026-12-02', 'en')).toEqual([]);
    expect(
      events('Инна Ром — активистка.\n\nПримечания\n↑ «Активистку оштрафовали». 17 июня 2021.', '2026-12-02'),
    ).toEqual([]);
  });
});

describe('a court calendar’s week', () => {
  it('reads "the next day" as the day after an act told, not as a weekday to come', () => {
    const text = 'Ilya Rom was detained on Friday and fined by the court the next day.';
    expect(events(text, '2026-12-13', 'en').map(brief)).toEqual([
      'detention 2026-12-11 [Ilya Rom]',
      'fine 2026-12-12 [Ilya Rom]',
    ]);
    const ru = 'Илью Рома задержали в пятницу, а на следующий день оштрафовали.';
    expect(events(ru, '2026-12-13').map(brief)).toEqual([
      'detention 2026-12-11 [Илья Ром]',
      'fine 2026-12-12 [Илья Ром]',
    ]);
  });

  it('reads a custody "was extended", closing arguments as a hearing, and no act in a call to come to court', () => {
    expect(
      events(
        "Wed 9 Dec — Moscow City Court. Ruslan Rom's custody was extended until 20 March 2027.",
        '2026-12-13',
        'en',
      ).map(brief),
    ).toEqual(['custody 2026-12-09 [Ruslan Rom]']);
    expect(events('Thu 10 Dec — Closing arguments in the case of Oleg Rom.', '2026-12-13', 'en').map(brief)).toEqual([
      'hearing 2026-12-10 [Oleg Rom]',
    ]);
    expect(events('Come to the hearings: support in the courtroom matters.', '2026-12-13', 'en')).toEqual([]);
  });

  it('dates a participle phrase between commas apart from the verb of its sentence', () => {
    const text = 'Tue 8 Dec — Tverskoy District Court. Ksenia Rom, detained at a picket on 6 December, was fined.';
    expect(events(text, '2026-12-13', 'en').map(brief)).toEqual([
      'detention 2026-12-06 [Ksenia Rom]',
      'protest 2026-12-06 [Ksenia Rom]',
      'fine 2026-12-08 [Ksenia Rom]',
    ]);
  });
});

describe('a lawyer’s letter', () => {
  it('takes the addressee for no subject, and a patronymic for the client’s gender', () => {
    const text =
      'Mr A. V. Romanov\n\nDear Mr Romanov,\n\nI write about my client, Artur Vladimirovich Zinchenko. ' +
      'On 1 October police released his partner, Daria Lisova. Only on 2 October was he formally arrested.';
    expect(events(text, '2026-10-09', 'en').map(brief)).toEqual([
      'release 2026-10-01 [Daria Lisova]',
      'arrest 2026-10-02 [Artur Vladimirovich Zinchenko]',
    ]);
  });

  it('reads no act in the list of what it asks for', () => {
    const text =
      'On 3 October the court remanded Artur Lis in custody.\n\nI ask you:\n' +
      '- to release Artur Lis from custody;\n- to order a medical examination.';
    expect(events(text, '2026-10-09', 'en').map(brief)).toEqual(['custody 2026-10-03 [Artur Lis]']);
    const ru = 'Суд арестовал Артура Лиса 3 октября.\n\nПрошу:\n– освободить Лиса из-под стражи;\n– провести проверку.';
    expect(events(ru, '2026-10-09').map(brief)).toEqual(['custody 2026-10-03 [Артур Лис]']);
  });
});

describe('a document quoted after the report', () => {
  it('tells again, of no one named, the acts the report told on the same day', () => {
    const text =
      'Полиция задержала Дарью Ром 12 ноября на площади в Самаре и отпустила вечером.\n\n' +
      'ПРОТОКОЛ\n\nЛицо доставлено в отдел полиции 12.11.2026 в 15 час. 45 мин.\n\nОсвобождена: 12.11.2026 в 20 час.';
    expect(events(text, '2026-11-16').map(brief)).toEqual([
      'detention 2026-11-12 [Дарья Ром]',
      'release 2026-11-12 [Дарья Ром]',
    ]);
  });
});

describe('a report about one town', () => {
  it('places there an act it places nowhere, unless it names another town', () => {
    const letter =
      'Мы, учителя школ Омска и области, пишем в защиту коллеги.\n\n13 октября Марию Ром задержали в школьном коридоре.';
    expect(events(letter, '2026-10-20').map((e) => e.places)).toEqual([['Омск']]);
    const two =
      'Мы, учителя школ Омска и Томска, пишем в защиту коллеги.\n\n13 октября Марию Ром задержали в школьном коридоре.';
    expect(events(two, '2026-10-20').map((e) => e.places)).toEqual([[]]);
  });
});

describe('a hearing that was to be, and a clause of where', () => {
  it('reads no hearing that was only supposed to take place', () => {
    const ru = 'В тот же день в суде должно было пройти заседание по делу Ильи Рома, но его не доставили из СИЗО.';
    expect(events(ru, '2026-12-06').map((e) => e.type)).toEqual([]);
    const en = 'The hearing of Oleg Rom was supposed to take place on Monday, but he was not brought from the SIZO.';
    expect(events(en, '2026-12-06', 'en').map((e) => e.type)).toEqual([]);
  });

  it('dates an act in a clause of where by its sentence', () => {
    const text = 'Пт, 04.12 — суд арестовал Диану Ром. Накануне её задержали у памятника, где она стояла с плакатом.';
    expect(events(text, '2026-12-06').map(brief)).toContain('protest 2026-12-03 [Диана Ром]');
  });
});

describe('one act told twice far apart', () => {
  it('is one act when the same people are its subjects on the same day, and two beatings stay two', () => {
    const text =
      'Илья Ромашов задержан 19.02.2026. Суд арестовал его 20.02.2026. Его адвокат обжаловал арест. ' +
      'Жалобу отклонили. Дело передали в суд.\n\nСПРАВКА\n\n2. 19.02.2026 Ромашов И. А. задержан в порядке ст. 91 УПК.';
    expect(events(text, '2026-07-01').filter((e) => e.type === 'detention')).toHaveLength(1);
    const beaten =
      'On 19 August Stepan Rom was put in the punishment cell. The prison denies it. Lawyers appealed. ' +
      'Nobody answered. On the morning of 19 August two officers beat Stepan Rom.';
    expect(events(beaten, '2026-09-01', 'en').filter((e) => e.type === 'ill_treatment')).toHaveLength(2);
  });
});

describe('the accused by their role', () => {
  it('tells no charge; the charge brought does', () => {
    const text = '26.02.2026 Ромашову И. А. предъявлено обвинение. Обвиняемый Ромашов И. А. вину не признал.';
    expect(events(text, '2026-07-01').map(brief)).toEqual(['charge 2026-02-26 [Ромашов И. А.]']);
    const second = 'Дело поступило в суд 2 июля. Вторая обвиняемая, Нина Лисова, уехала из страны зимой.';
    expect(events(second, '2026-07-10').map((e) => e.type)).not.toContain('charge');
  });
});

describe('a verdict’s operative part', () => {
  it('rules on the paper’s own day, not on the last date its reasons named', () => {
    const text =
      'Учитывая, что подсудимая Инна Ромашова с 22 марта по 20 мая 2026 года содержалась под домашним арестом, суд ' +
      'смягчает наказание.\n\nП Р И Г О В О Р И Л:\n\nПризнать Ромашову Инну виновной и назначить ей наказание в ' +
      'виде штрафа в размере 700 000 рублей.';
    expect(events(text, '2026-09-28').map(brief)).toContain('fine 2026-09-28 [Инна Ромашова]');
  });
});

describe('what was sought, and whom a release freed', () => {
  it('reads no custody a lawyer sought a change of, and no detention in «Задержанную отпустили»', () => {
    expect(events('Адвокат Роберт Ромашов добивался смены меры пресечения с самого начала.', '2026-06-01')).toEqual([]);
    const freed = 'Задержанную отпустили из отдела полиции № 1 без протокола, сообщает её адвокат.';
    expect(events(freed, '2026-09-16').map((e) => e.type)).toEqual(['release']);
  });
});

describe('a look back at the latest of several acts', () => {
  it('does not move the story to its date: the co-defendant is sentenced on the verdict’s day', () => {
    const text =
      'The court on Tuesday sentenced activist Nikita Romanov to four years. The court extended his custody three ' +
      'times, most recently on June 30. His co-defendant, Ksenia Lisova, received a two-year suspended sentence.';
    expect(events(text, '2026-07-22', 'en').map(brief)).toContain('sentence 2026-07-21 [Ksenia Lisova]');
  });
});

describe('a newsletter’s summary over its stories', () => {
  it('is no act of its own when a later story names someone at its place', () => {
    const text =
      'A heavy week: a prisoner detained again within hours of his release in Nalchik.\n\n' +
      'We give names in Russian as well. English reports spell them in different ways. Search local media.\n\n' +
      'NALCHIK. Police detained Timur Romanov on Tuesday, hours after his release.';
    expect(events(text, '2026-10-09', 'en').map(brief)).toEqual(['detention 2026-10-06 [Timur Romanov]']);
  });
});

describe('an act named as a category', () => {
  it('is no act: "a pattern of arbitrary detention", "the risk of torture"', () => {
    const text = '"The cases of Ms. Hanna Romanova show a pattern of arbitrary detention," the experts said.';
    expect(events(text, '2026-12-04', 'en')).toEqual([]);
    expect(
      events('Ivan Romanov faces the risk of torture in custody.', '2026-12-04', 'en').map((e) => e.type),
    ).not.toContain('ill_treatment');
  });
});

describe('court papers and court website cards (invented cases)', () => {
  it('makes no subject of a court’s panel, clerk, prosecutor or lawyer, nor an act of a birth date', () => {
    const text =
      'Судебная коллегия в составе: председательствующего Лапиной Е.А., судей Мохова В.Г. и Сабитова Д.Р., при ' +
      'секретаре судебного заседания Ершовой К.М., с участием прокурора Белова К.Л., защитника – адвоката ' +
      'Грачёва-Ли П.С., рассмотрела уголовное дело по апелляционной жалобе на приговор районного суда от 5 мая ' +
      '2026 года, которым Пахомов Олег Игоревич, родившийся 3 марта 1990 года в г. Вологде, осужден по ч. 1 ' +
      'ст. 207.3 УК РФ к 3 годам лишения свободы.';
    expect(events(text, '2026-09-01').map(brief)).toEqual(['sentence 2026-05-05 [Пахомов Олег Игоревич]']);
  });

  it('reads no new custody where the measure of restraint stays unchanged', () => {
    const ru = 'Пахомову вынесли приговор 5 мая. Мера пресечения в виде заключения под стражу оставлена без изменения.';
    expect(events(ru, '2026-09-01').map((e) => e.type)).toEqual(['sentence']);
    const en = 'Gusev was sentenced on 5 May. The measure of restraint was left unchanged.';
    expect(events(en, '2026-09-01', 'en').map((e) => e.type)).toEqual(['sentence']);
  });

  it('reads no hearing in a decision that sets one', () => {
    const text =
      'Наименование события\tДата\tВремя\tРезультат события\n' +
      'Решение вопроса о назначении дела к слушанию\t10.03.2026\t16:00\tНазначено судебное заседание\n' +
      'Судебное заседание\t24.03.2026\t11:00\tОтложено';
    expect(events(text, '2026-09-01').map(brief)).toEqual(['hearing 2026-03-24 []']);
  });

  it('makes a card’s defendants, not its judge, the subjects of its rows, on the date of the act’s column', () => {
    const text =
      'Judge: Kolosova Vera Petrovna\n\nMOVEMENT OF THE CASE\n' +
      'Name of the event | Date | Time | Place of holding | Result of the event | Date of placement\n' +
      'Court session | 02.03.2026 | 10:00 | Hall No. 5 | Postponed | 03.03.2026\n' +
      'Court session | 16.03.2026 | 11:00 | Hall No. 5 | A verdict is pronounced | 18.03.2026\n\n' +
      'PARTIES IN THE CASE\nKind of participant | Surname / first name / patronymic | Article\n' +
      'DEFENDANT (ACCUSED) | Gusev Pavel Olegovich | Art. 213 Part 2\n' +
      'DEFENDANT (ACCUSED) | Melikyan Ani Surenovna | Art. 213 Part 2\n' +
      'DEFENDER | Lvova A. B. |';
    const out = extract(text, { language: 'en', referenceDate: '2026-09-01' });
    expect(out.events.map(brief)).toEqual([
      'hearing 2026-03-02 [Gusev Pavel Olegovich, Melikyan Ani Surenovna]',
      'sentence 2026-03-16 [Gusev Pavel Olegovich, Melikyan Ani Surenovna]',
    ]);
    expect(out.places).toEqual([]);
    const ru =
      'Судья\tКолосова Вера Петровна\n\n' +
      'Судебное заседание\t29.07.2026\t11:00\tЗал № 4\tОтложено\t30.07.2026\n' +
      'Провозглашение приговора\t27.08.2026\t16:20\t\tВынесен приговор\t31.08.2026\n\n' +
      'ПОДСУДИМЫЙ (ОБВИНЯЕМЫЙ, ОСУЖДЕННЫЙ)\tГусев Павел Олегович\tст.207.3 ч.2 УК РФ\tлишение свободы';
    expect(events(ru, '2026-09-01').map(brief)).toEqual([
      'hearing 2026-07-29 [Гусев Павел Олегович]',
      'sentence 2026-08-27 [Гусев Павел Олегович]',
    ]);
  });

  it('reads the English of a defence’s notes: a case opened, both sent to SIZO, a suspended term, a release', () => {
    const text =
      'A criminal case under Article 213 had been opened on 8 February. On 11 February the court sent both of ' +
      'them to SIZO-1. On 16 June Anna Gusova got 3 years suspended and was released from house arrest in the hall.';
    expect(events(text, '2026-09-01', 'en').map(brief)).toEqual([
      'charge 2026-02-08 []',
      'custody 2026-02-11 []',
      'sentence 2026-06-16 [Anna Gusova]',
      'release 2026-06-16 [Anna Gusova]',
    ]);
  });
});

describe('a fact-check’s claim and its verdict', () => {
  it('reports nothing of a claim its verdict calls false, nor reads the verdict as a court’s', () => {
    const en =
      'CLAIM: "Teacher Irina Volkova was detained and beaten by police at the rally in Omsk today.\nShame!" ' +
      '(Telegram channel Omsk Now, 3 May)\n\nVERDICT: FALSE. Volkova was not at the rally and was not detained.';
    expect(events(en, '2026-05-05', 'en')).toEqual([]);
    const ru =
      'УТВЕРЖДЕНИЕ: «Активистку Анну Зорину задержали и избили в отделе полиции в Омске» (канал «Омск сейчас», 3 мая).' +
      '\n\nВЕРДИКТ: ФЕЙК. Зорина в тот день была в Томске.';
    expect(events(ru, '2026-05-05')).toEqual([]);
  });

  it('takes a report the next sentence corrects back', () => {
    const text = 'Вчера мы сообщили, что у Ларисы Зоркиной прошёл обыск. Это не так: к ней приходил участковый.';
    expect(events(text, '2026-11-20')).toEqual([]);
  });

  it('reads a section title that asks "who" as no act', () => {
    const text = 'Who was detained. Police detained only one person on Sunday, Pavel Orekhov.';
    const out = events(text, '2026-05-05', 'en');
    expect(out.map(brief)).toEqual(['detention 2026-05-03 [Pavel Orekhov]']);
    expect(out[0]!.evidence.text).toMatch(/^Police/u);
  });
});

describe('what did not happen', () => {
  it('reads "nobody has beaten me", "no evidence of a beating", «нет доказательств избиения» as no act', () => {
    const en =
      '"I have never been detained, and nobody has beaten me," Irina Volkova said. ' +
      'No video or medical evidence of a beating has appeared.';
    expect(events(en, '2026-05-05', 'en')).toEqual([]);
    expect(events('Нет никаких доказательств избиения Анны Зориной.', '2026-05-05')).toEqual([]);
  });

  it('gives the rally no subject that the sentence says was not detained at it', () => {
    const text = "No, teacher Irina Volkova was not detained at Sunday's rally in Omsk";
    expect(events(text, '2026-05-05', 'en').map((e) => e.subjects)).toEqual([[]]);
  });

  it('reads a refusal to open a case as no charge', () => {
    const text =
      '06.11.2026 вынесено постановление об отказе в возбуждении уголовного дела в отношении сотрудников полиции. ' +
      'Отказ в возбуждении дела мы обжалуем.';
    expect(events(text, '2026-11-20')).toEqual([]);
  });

  it('keeps a threat that was made on a condition', () => {
    const text = 'Her lawyer said that an officer threatened Anna Zorina with prison if she did not unlock her phone.';
    expect(events(text, '2026-12-07', 'en').map((e) => e.type)).toEqual(['ill_treatment']);
  });
});

describe('a report told in quotes', () => {
  const lead = 'Студента Олега Мартынова в пятницу задержали у дома. В субботу суд отправил его под стражу.\n\n';

  it('does not take the speaker named over the quotes for the one they speak of', () => {
    const text = `${lead}Игорь Дробышев, адвокат:\n\n«Обвинение ему предъявили в субботу утром».`;
    expect(events(text, '2026-12-07').map(brief)).toContain('charge 2026-12-05 [Олег Мартынов]');
  });

  it('dates a witness’s undated act from the story’s first day, not the day it had got to', () => {
    const text = `${lead}Вера Мартынова, мать:\n\n«Обыск шёл до обеда, забрали его ноутбук».`;
    expect(events(text, '2026-12-07').map(brief)).toContain('search 2026-12-04 [Олег Мартынов]');
  });

  it('dates a charge told as it stands by the day the quote gives for it', () => {
    const text =
      'Олега Мартынова задержали в пятницу.\n\n«Мартынову вменяют ч. 2 ст. 205.2 УК РФ. Речь о комментарии в чате. ' +
      'Обвинение ему предъявили в субботу».';
    expect(
      events(text, '2026-12-07')
        .filter((e) => e.type === 'charge')
        .map(brief),
    ).toEqual(['charge 2026-12-05 [Олег Мартынов]']);
  });

  it('reads «бил по ногам», "twisted my arms" and "dragged … along the asphalt" as ill-treatment', () => {
    const ru = 'Олега Мартынова повалили на землю, один полицейский бил его по ногам.';
    expect(events(ru, '2026-12-07').map((e) => e.type)).toEqual(['ill_treatment']);
    const en = '"They twisted my arms and dragged Pasha along the asphalt," Yulia Orlova said.';
    expect(events(en, '2026-12-07', 'en').map((e) => e.type)).toEqual(['ill_treatment']);
  });
});

describe('an act and what only looks like one', () => {
  it('reads "a case had been opened"; no protest in "a protest offence", no detention in "took away laptops"', () => {
    const text =
      'Yesterday investigators announced that a case had been opened against Pavel Orekhov for a fourth protest ' +
      'offence. They searched his flat and took away two laptops.';
    expect(events(text, '2026-12-07', 'en').map((e) => e.type)).toEqual(['charge', 'search']);
  });

  it('does not date a detention «в отдел полиции» by an earlier detention, as if it happened during one', () => {
    const text =
      'Олега Мартынова задержали в пятницу. Сегодня утром Вера Зорина вышла с плакатом к зданию суда. ' +
      'Через пятнадцать минут её задержали и увезли в отдел полиции.';
    expect(events(text, '2026-12-07').map(brief)).toContain('detention 2026-12-07 [Вера Зорина]');
  });
});

describe('what is not this report’s act', () => {
  it('reads a count of many people’s acts over years as a tally, not an act', () => {
    const en =
      'Since 2022, hundreds of people in Russia have been prosecuted under Article 207.3, and many students were ' +
      'expelled after their arrest.';
    expect(events(en, '2026-11-24', 'en')).toEqual([]);
    const ru = 'По нашим данным, в Пермском крае с 2024 года возбуждено не менее 12 аналогичных дел о донатах.';
    expect(events(ru, '2026-11-24')).toEqual([]);
  });

  it('keeps an act of someone a tally names, and a sentence that only opens with "what"', () => {
    const tally = 'Since 2022, more than 20 people have been detained in Omsk, among them Ivan Lomov on Monday.';
    expect(events(tally, '2026-11-24', 'en').map((e) => e.type)).toEqual(['detention']);
    const what = 'What happened next was that police detained Ivan Lomov.';
    expect(events(what, '2026-11-24', 'en').map((e) => e.type)).toEqual(['detention']);
  });

  it('reads «в отношении обвиняемой» as the accused named by her role, not a charge', () => {
    const text =
      '16.10.2026 в отношении обвиняемой Зои Ракитиной избрана мера пресечения в виде запрета определенных действий.';
    expect(events(text, '2026-11-20').map((e) => e.type)).toEqual(['custody']);
    const role =
      'Постановлением суда от 16.10.2026 в отношении обвиняемой избрана мера пресечения в виде домашнего ареста.';
    expect(events(role, '2026-11-20').map((e) => e.type)).toEqual(['custody']);
  });

  it('reads "calls for violent actions" as what a text contained, not a protest', () => {
    const text = 'In May 2026 the suspect posted texts containing calls for violent actions against the authorities.';
    expect(events(text, '2026-11-30', 'en')).toEqual([]);
  });
});

describe('a newest-first timeline and a forwarded letter', () => {
  const timeline = [
    'The Belov case: a timeline (latest first)',
    '',
    '9 JUNE 2025',
    'Verdict. Judge Rina Somova of the Leninsky District Court sentences Pavel Belov to three years in a penal colony.',
    'Outside the court the same afternoon, his sister Olga Belova is detained for holding a placard.',
    '',
    'The day before',
    'Closing arguments. The prosecutor asks for four years. Belov says he regrets nothing.',
    '',
    '20 MAY',
    'Investigators add a second charge, under Article 280.3. The regional court upholds the sentence.',
    '',
    '2 MARCH',
    'Police search Belov’s flat. Belov is detained and held for two days; a criminal case is opened against him the',
    'same day. According to his lawyer Irina Fomina, an officer hit his client in the face.',
    '',
    '2024',
    'Two fines under Article 20.3.3: in April, for a picket, and in September, for a post.',
    '',
    'Correction, 12 June: an earlier version of this timeline said Olga Belova had been held for a day. She was',
    'released the same evening.',
  ].join('\n');

  it('dates each act by the entry it is told under, labels and relative headings too', () => {
    const out = events(timeline, '2025-06-12', 'en').map(brief);
    expect(out).toEqual(
      expect.arrayContaining([
        'sentence 2025-06-09 [Pavel Belov]',
        'detention 2025-06-09 [Olga Belova]',
        'hearing 2025-06-08 [Pavel Belov]',
        'charge 2025-05-20 [Pavel Belov]',
        'hearing 2025-05-20 [Pavel Belov]',
        'search 2025-03-02 [Pavel Belov]',
        'detention 2025-03-02 [Pavel Belov]',
        'charge 2025-03-02 [Pavel Belov]',
        'ill_treatment 2025-03-02 [Pavel Belov]',
        'fine 2024-04 []',
        'fine 2024-09 []',
      ]),
    );
  });

  it('dates a release "the same evening" in a correction by the detention it ended', () => {
    const release = events(timeline, '2025-06-12', 'en').filter((e) => e.type === 'release');
    expect(release.map(brief)).toEqual(['release 2025-06-09 [Olga Belova]']);
  });

  it('dates a Russian chronicle’s «накануне» by its entry', () => {
    const text = [
      '12 марта',
      'Суд продлил арест Игорю Петрову.',
      '',
      '10 марта',
      'Стало известно, что дело возбуждено ещё 2 марта. Накануне вечером Петрова отпустили из ИВС.',
    ].join('\n');
    expect(
      events(text, '2025-03-15')
        .filter((e) => e.type === 'release')
        .map(brief),
    ).toEqual(['release 2025-03-09 [Игорь Петров]']);
  });

  it('reads the act a letter says was told "on Tuesday last week, the 17th", and one a week after another', () => {
    const text = [
      'He told me that on Tuesday last week, the 17th, two guards beat Roman Sitnik with a baton.',
      'Roman Sitnik was detained at the airport on 3 August; his friend Lev Orin was arrested a week after his',
      'detention.',
    ].join(' ');
    const out = events(text, '2026-11-30', 'en').map(brief);
    expect(out).toContain('ill_treatment 2026-11-17 [Roman Sitnik]');
    expect(out).toContain('arrest 2026-08-10 [Lev Orin]');
  });
});

describe('acts a timeline tells in the present tense', () => {
  it('reads a trial that opens, a sentence passed on someone, a search and a change of measure', () => {
    const brief2 = (text: string) => events(text, '2025-06-12', 'en').map((e) => e.type);
    expect(brief2('On 3 June the trial of Gleb Moroz opens at the Kirovsky court.')).toEqual(['hearing']);
    expect(brief2('On 3 June Judge Ada Reis sentences Gleb Moroz to four years in a colony.')).toEqual(['sentence']);
    expect(brief2('On 3 June police search Gleb Moroz’s flat.')).toEqual(['search']);
    expect(brief2('On 3 June the court replaced her detention with house arrest.')).toEqual(['custody']);
    expect(brief2('On 3 June his house arrest is changed to detention.')).toEqual(['custody']);
  });
});

describe('plans, demands and summaries', () => {
  it('does not move the story to a planned date, nor date an act during a detention still planned', () => {
    const text =
      'Irina Lomova was remanded in custody on 4 November. A hearing on extending her detention is expected at the ' +
      'end of December.\n\nHer lawyer said that Irina was held at the police station without food, and that an ' +
      'officer threatened her.';
    expect(events(text, '2026-11-24', 'en').map(brief)).toContain('ill_treatment 2026-11-04 [Irina Lomova]');
  });

  it('reads "I urge you to release" and "to drop all charges against her" as a demand, not acts', () => {
    const text =
      'Dear Prosecutor General, I urge you to release Irina Lomova immediately and unconditionally and to drop all ' +
      'charges against her.';
    expect(events(text, '2026-11-24', 'en')).toEqual([]);
  });

  it('joins an unnamed act to the one a later paragraph tells of someone on its day', () => {
    const text =
      'On Sunday, 8 November, some 300 people rallied in Omsk against the demolition of old houses. One man was ' +
      'detained there, and he was not beaten.\n\nThe city had refused to approve the rally. The post was shared ' +
      '2,000 times.\n\nPolice detained only one person on Sunday: Pavel Orekhov.';
    const detentions = events(text, '2026-11-10', 'en').filter((e) => e.type === 'detention');
    expect(detentions.map(brief)).toEqual(['detention 2026-11-08 [Pavel Orekhov]']);
  });

  it('reads "was not at the rally", «не была на акции» as no protest of hers', () => {
    expect(events('Lomova was not at the rally and was not detained.', '2026-11-10', 'en')).toEqual([]);
    expect(events('Зорина не была на акции, и её не задерживали.', '2026-11-10')).toEqual([]);
  });
});

describe('the first person of a quote', () => {
  it('is who speaks it: "beat me", "twisted my arms" befell the speaker, named or "she"', () => {
    const named = '"Police beat me in the van," Anna Lisova told reporters.';
    expect(events(named, '2026-11-10', 'en').map(brief)).toEqual(['ill_treatment - [Anna Lisova]']);
    const text =
      'Yulia Orlova and Pavel Orekhov were detained on Sunday.\n\n' +
      '"They twisted my arms, and dragged Pavel along the asphalt," she told the Courier.';
    const beaten = events(text, '2026-11-10', 'en').find((e) => e.type === 'ill_treatment')!;
    expect(beaten.subjects.sort()).toEqual(['Pavel Orekhov', 'Yulia Orlova']);
  });

  it('reads a diminutive of a named person’s given name as that person, not a town', () => {
    const text = 'Pavel Orekhov was detained on Sunday. "They dragged Pasha along the asphalt," his friend said.';
    expect(extract(text, { language: 'en', referenceDate: '2026-11-10' }).places).toEqual([]);
  });
});

describe('appeal rulings and the verdicts they review (invented cases)', () => {
  it('dates the detention and custody a verdict counts towards the term, and no act but a release by a period’s end', () => {
    const text =
      'Приговором суда от 5 июня 2025 года Гусев Павел Олегович осужден к 3 годам лишения свободы. В срок ' +
      'лишения свободы зачтено время задержания и содержания под стражей с 4 по 6 марта 2025 года и с 5 июня ' +
      '2025 года до дня вступления приговора в законную силу, а также время нахождения под домашним арестом с ' +
      '7 марта 2025 года по 2 июня 2025 года.';
    expect(events(text, '2025-09-01').map(brief)).toEqual([
      'sentence 2025-06-05 [Гусев Павел Олегович]',
      'detention 2025-03-04 [Гусев Павел Олегович]',
      'custody 2025-03-04 [Гусев Павел Олегович]',
      'custody 2025-03-07 [Гусев Павел Олегович]',
    ]);
    // Only a release, if anything, happened on the day a period ended.
    const released =
      'Гусеву назначен штраф; с учётом срока содержания под стражей с 14 мая по 3 ноября 2024 года Гусев ' +
      'освобождён от отбывания наказания.';
    expect(events(released, '2025-01-10').map(brief)).toContain('release 2024-11-03 [Гусев]');
  });

  it('reads the operative part’s ruling on a verdict as of the paper’s day, not of the verdict’s', () => {
    const text =
      'Судебная коллегия рассмотрела жалобу осужденного Пахомова О.И. на приговор районного суда.\n' +
      'Вместе с тем приговор подлежит изменению.\nОПРЕДЕЛИЛА:\n' +
      'приговор Ленинского районного суда г. Омска от 12 августа 2026 года в отношении Пахомова Олега Игоревича ' +
      'изменить:\n- признать смягчающим обстоятельством состояние его здоровья;\n- смягчить наказание до 2 лет.';
    expect(events(text, '2026-11-20').map(brief)).toContain('sentence 2026-11-20 [Пахомов Олег Игоревич]');
  });

  it('dates an upheld verdict by the appeal’s hearing, and no one’s custody since a date by it', () => {
    const text =
      'Сегодня апелляционный суд в открытом судебном заседании рассмотрел жалобы на приговор от 14 мая 2026 года.\n' +
      'Указанным приговором Гусев Павел Олегович осужден к 5 годам лишения свободы.\n' +
      'В отношении П. О. Гусева, содержащегося под стражей с 3 марта 2026 года, приговор оставлен без изменения.';
    const out = events(text, '2026-10-22').map(brief);
    expect(out).toContain('sentence 2026-10-22 [Гусев Павел Олегович]');
    expect(out).not.toContain('sentence 2026-03-03 [Гусев Павел Олегович]');
  });

  it('keeps an appeal’s hearing apart from the verdict it reviewed on another day, and a quashed verdict no sentence', () => {
    const text =
      'On 25 August 2026 a panel considered in open session the appeals of Pavel Gusev against the verdict of ' +
      '14 May 2026. The panel overturned the verdict and returned the case for a new trial.';
    expect(events(text, '2026-08-26', 'en').map(brief)).toEqual([
      'hearing 2026-08-25 [Pavel Gusev]',
      'sentence 2026-05-14 [Pavel Gusev]',
    ]);
  });

  it('reads no verdict in «осужденного» before a pronoun', () => {
    const text = 'Доводы осужденного о применении к нему насилия проверены судом первой инстанции 4 мая 2026 года.';
    expect(events(text, '2026-08-26').map((e) => e.type)).not.toContain('sentence');
  });

  it('takes the date of the cue’s own clause over one past a comma', () => {
    const text = 'Пётр Гусев под стражей с 14 февраля, приговор огласили 27 ноября.';
    expect(events(text, '2026-12-07').map(brief)).toContain('sentence 2026-11-27 [Пётр Гусев]');
  });

  it('joins an act told first of no one named to the same act told later of someone, that day', () => {
    const text =
      '22 октября 2026 г.\n\nАпелляционный суд оставил без изменения приговор жителю Твери.\n\n' +
      'Сегодня суд в открытом заседании рассмотрел жалобу. В отношении Гусева П. О. приговор оставлен без изменения.';
    const sentences = events(text, '2026-10-22').filter((e) => e.type === 'sentence');
    expect(sentences.map(brief)).toEqual(['sentence 2026-10-22 [Гусев П. О.]']);
  });

  it('splits a verdict of two people told again person by person', () => {
    const text =
      'Result of consideration: a verdict of 16.06.2026 for Pavel Gusev and Anna Gusova.\n\n' +
      'The hall was full. Their friends waited outside. The convoy came late.\n\n' +
      'On 16 June Judge Lvova sentenced Pavel Gusev to 4 years in a colony. Anna Gusova got 3 years suspended.';
    expect(
      events(text, '2026-12-02', 'en')
        .filter((e) => e.type === 'sentence')
        .map(brief),
    ).toEqual(['sentence 2026-06-16 [Pavel Gusev]', 'sentence 2026-06-16 [Anna Gusova]']);
  });
});

describe('an act its own sentence says did not take place', () => {
  it('reads "was never scheduled", "did not take place", «так и не состоялось», «не проводился» as no act', () => {
    const en =
      'In July Oleg Lunin asked the court to release him on health grounds; a hearing on that request was never ' +
      'scheduled. The hearing of his appeal did not take place because the judge was ill.';
    expect(events(en, '2026-11-10', 'en')).toEqual([]);
    const ru = 'Заседание по делу Олега Лунина так и не состоялось. Обыск у Анны Зориной не проводился.';
    expect(events(ru, '2026-11-10')).toEqual([]);
  });

  it('reads a line of next steps as plans', () => {
    const text = 'Next steps: appeal on the extension, complaint to the Investigative Committee about the beating.';
    expect(events(text, '2026-11-10', 'en')).toEqual([]);
  });
});

describe('a relative’s spoken words for acts', () => {
  it('reads «их забрали, …» and «повязали» as detentions, not «ноутбук забрали»', () => {
    expect(events('Ночью их забрали, Анну и Олега Сомовых.', '2025-04-02').map(brief)).toEqual([
      'detention - [Анна Сомова, Олег Сомов]',
    ]);
    expect(events('Вечером Инну Глебову повязали у подъезда.', '2025-04-02').map(brief)).toEqual([
      'detention - [Инна Глебова]',
    ]);
    expect(events('Телефон у Сомовой забрали, ноутбук Олега забрали тоже.', '2025-04-02')).toEqual([]);
    expect(events('Провода скрутили изолентой.', '2025-04-02')).toEqual([]);
  });

  it('reads «дело завели», «вменили» and «дали N лет» as a charge and a sentence', () => {
    expect(events('На Петра Зимина дело завели прямо в отделе.', '2025-04-02').map(brief)).toEqual([
      'charge - [Петр Зимин]',
    ]);
    expect(events('Ивану Орлову вменили призывы к экстремизму.', '2025-04-02').map(brief)).toEqual([
      'charge - [Иван Орлов]',
    ]);
    const out = events('Игорю Ларину дали четыре года общего режима.', '2025-04-02');
    expect(out.map(brief)).toEqual(['sentence - [Игорь Ларин]']);
    expect(events('Мне дали понять, что разговор окончен.', '2025-04-02')).toEqual([]);
  });

  it('reads «его в машине били» and «грозились» as ill-treatment', () => {
    expect(events('Олег Ветров сказал, что его в автозаке били, по спине.', '2025-04-02').map((e) => e.type)).toEqual([
      'ill_treatment',
    ]);
    expect(events('Ивану Орлову грозились, что его посадят.', '2025-04-02').map((e) => e.type)).toEqual([
      'ill_treatment',
    ]);
  });
});

describe('what did not happen: a wish, a refused parole, a rumour', () => {
  it('reads no custody in «можно было бы просить домашний арест, но вряд ли дадут»', () => {
    const text = 'Защитник Инны Глебовой считает, что можно было бы просить домашний арест, но вряд ли дадут.';
    expect(events(text, '2025-04-02')).toEqual([]);
    expect(events('Олега Ветрова задержали бы, но он успел уехать.', '2025-04-02')).toEqual([]);
  });

  it('reads no release where the court refused parole, but one where parole was granted', () => {
    expect(events('В мае суд отказал Ивану Орлову в условно-досрочном освобождении.', '2025-06-02')).toEqual([]);
    expect(events('В условно-досрочном освобождении Орлову отказали.', '2025-06-02')).toEqual([]);
    expect(events('В мае Ивана Орлова условно-досрочно освободили.', '2025-06-02').map(brief)).toEqual([
      'release 2025-05 [Иван Орлов]',
    ]);
  });

  it('reads no act in what people say when the speaker calls it a rumour', () => {
    expect(events('Говорят, что Ивана Орлова задержали, но это только слухи.', '2025-06-02')).toEqual([]);
  });
});

describe('an interview’s «я»', () => {
  it('gives the acts an answer tells in the first person to whom the interview is with', () => {
    const text = [
      'Интервью с Мариной Локтевой, которую отпустили из СИЗО.',
      '',
      '— Марина, как это было?',
      '',
      '— Задержали меня 14 мая 2024 года прямо на работе. У нас дома был обыск в тот же день.',
      '',
      '— А муж?',
      '',
      '— Пётр Локтев вышел с плакатом, его оштрафовали. А в июле 2024 года мне дали два года колонии.',
    ].join('\n');
    const out = events(text, '2025-06-02').filter((e) => e.type !== 'release' && e.type !== 'protest');
    expect(out.map(brief)).toEqual([
      'detention 2024-05-14 [Марина Локтева]',
      'search 2024-05-14 [Марина Локтева]',
      'fine 2024-05-14 [Пётр Локтев]',
      'sentence 2024-07 [Марина Локтева]',
    ]);
  });
});

describe('«арестовали на два месяца»', () => {
  it('reads an arrest for months, or until a date, as custody, and one for days as an arrest', () => {
    const text = 'В воскресенье Олега Ветрова арестовали на два месяца, до девятого декабря.';
    expect(events(text, '2025-10-20').map(brief)).toEqual(['custody 2025-10-19 [Олег Ветров]']);
    expect(events('Инну Глебову арестовали до 5 марта.', '2025-02-20').map(brief)).toEqual([
      'custody - [Инна Глебова]',
    ]);
    expect(events('Инну Глебову арестовали на 10 суток.', '2025-02-20').map(brief)).toEqual([
      'arrest - [Инна Глебова]',
    ]);
  });
});

describe('a relative or a lawyer named before the words that say so', () => {
  it('takes no act for the relative in «Name — тётя …» nor for «Name, адвокат,»', () => {
    const text = 'Нам написала Людмила Сомова — тётя студента Олега Сомова, которого задержали в пятницу.';
    expect(events(text, '2025-10-20').map(brief)).toEqual(['detention 2025-10-17 [Олег Сомов]']);
    const lawyer = 'Вчера Шалва Гургенович, адвокат, ходил в отдел. Его задержали в пятницу.';
    expect(events(lawyer, '2025-10-20').map(brief)).toEqual(['detention 2025-10-17 []']);
    const own = 'Вчера Иван Орлов, адвокат, был задержан у суда.';
    expect(events(own, '2025-10-20').map(brief)).toEqual(['detention 2025-10-19 [Иван Орлов]']);
    const son = 'Олег Ветров, сын известного адвоката, был задержан в пятницу.';
    expect(events(son, '2025-10-20').map(brief)).toEqual(['detention 2025-10-17 [Олег Ветров]']);
  });
});

describe('a person set against the act by «, а …»', () => {
  it('gives the act to the person of its own clause, not to the one the contrast names', () => {
    const text = 'Костю Малых ночью отпустили, а Егора Варфоломеева оставили в отделе.';
    expect(events(text, '2025-10-20').map(brief)).toEqual(['release - [Костя Малых]']);
    expect(events('Ивана Орлова отпустили, а Олега Ветрова — нет.', '2025-10-20').map(brief)).toEqual([
      'release - [Иван Орлов]',
    ]);
  });
});

describe('a translated verdict and a police statement in officialese', () => {
  it('reads a case "initiated" as a charge', () => {
    const text = 'The criminal case against Roman Ilyin was initiated on 4 March 2025 by the investigative department.';
    expect(events(text, '2025-06-01', 'en').map(brief)).toEqual(['charge 2025-03-04 [Roman Ilyin]']);
  });

  it('reads the operative part\'s "to sentence him to" as a sentence', () => {
    const text =
      'Denis Orlov pleaded not guilty. The court decided to sentence him to 6 (six) years of deprivation of liberty.';
    expect(events(text, '2025-06-01', 'en').map(brief)).toEqual(['sentence - [Denis Orlov]']);
  });

  it('reads "a measure of restraint in the form of …" as custody, and one "cancelled" as a release', () => {
    const chosen =
      'By decision of the Sovetsky District Court of 2 May 2025, a measure of restraint in the form of house arrest ' +
      'was chosen for Lidia Frolova.';
    expect(events(chosen, '2025-06-01', 'en').map(brief)).toEqual(['custody 2025-05-02 [Lidia Frolova]']);
    const cancelled = 'On 3 June the measure of restraint in the form of detention was cancelled for Pavel Gusev.';
    expect(events(cancelled, '2025-06-05', 'en').map(brief)).toEqual(['release 2025-06-03 [Pavel Gusev]']);
    const lifted = 'On 4 June the house arrest of Olga Petrenko was lifted.';
    expect(events(lifted, '2025-06-05', 'en').map(brief)).toEqual(['release 2025-06-04 [Olga Petrenko]']);
  });

  it('reads "delivered to a police department" as a detention and "a public event not agreed" as a protest', () => {
    const text =
      'On 5 May 2025 a group of citizens held a public event not agreed with the authorities in Tver. Six of them, ' +
      'among them Yuri Panov, were delivered to territorial police departments.';
    expect(events(text, '2025-05-07', 'en').map(brief)).toEqual([
      'protest 2025-05-05 []',
      'detention 2025-05-05 [Yuri Panov]',
    ]);
  });

  it('reads "added … to its register" as a designation', () => {
    const text = 'On 9 May 2025 the Ministry of Justice added the blogger Lev Markin to its register.';
    expect(events(text, '2025-05-12', 'en').map(brief)).toEqual(['designation 2025-05-09 [Lev Markin]']);
  });
});

describe('acts denied with "no", feared, or promised', () => {
  it('reads "no detentions were carried out" and "no criminal case has been opened" as no act', () => {
    expect(events('Police in Tula said that no detentions were carried out on Saturday.', '2025-06-01', 'en')).toEqual(
      [],
    );
    expect(events('No criminal case has been opened against Ivan Sorokin.', '2025-06-01', 'en')).toEqual([]);
  });

  it('reads an act someone expected or feared as no act', () => {
    const text = 'Roman Belov was half expecting to be detained again at the gate.';
    expect(events(text, '2025-06-01', 'en')).toEqual([]);
  });

  it('reads a verdict promised for later in the day as no sentence', () => {
    const text = 'Judge Anna Lvova retires to the deliberation room. Verdict promised at 17:00.';
    expect(events(text, '2025-06-01', 'en')).toEqual([]);
  });
});

describe('court notes written minute by minute', () => {
  it('reads a banner unfolded as a protest and "police lead both to a van" as their detention', () => {
    const text =
      'Two activists, Marat Gilev and Olga Sedova, unfold a banner outside the court. Police lead both to a van.';
    expect(events(text, '2026-11-19', 'en').map(brief)).toEqual([
      'protest - [Marat Gilev, Olga Sedova]',
      'detention - [Marat Gilev, Olga Sedova]',
    ]);
  });

  it('dates a line that opens with its time by the notes’ day, whatever day the line before looked to', () => {
    const text =
      'Notes from the trial of Timur Galiev.\n' +
      '16:15 — A lawyer says his other client’s protocol goes to court on Monday.\n' +
      '17:37 — Galiev: 6 years in a general-regime colony.';
    expect(events(text, '2026-11-19', 'en').map(brief)).toEqual(['sentence 2026-11-19 [Timur Galiev]']);
  });

  it('reads "found guilty", "N years, suspended" and "got six years" as sentences', () => {
    expect(events('Irina Sokolova was found guilty on 3 May 2025.', '2025-06-01', 'en').map(brief)).toEqual([
      'sentence 2025-05-03 [Irina Sokolova]',
    ]);
    expect(events('On 3 May 2025 Irina Sokolova: 4 years, suspended.', '2025-06-01', 'en').map(brief)).toEqual([
      'sentence 2025-05-03 [Irina Sokolova]',
    ]);
    expect(events('Bagrat Avetisyan got six years in 2024 for a donation.', '2025-06-01', 'en').map(brief)).toEqual([
      'sentence 2024 [Bagrat Avetisyan]',
    ]);
  });
});

describe('a headline over its publication stamp', () => {
  it('joins the headline’s act to the act its report tells, though the stamp dates the headline', () => {
    const text =
      'Tver blogger gets three years over posts\n14 May 2025, 10:00\n\n' +
      'The Tver court on Monday sentenced blogger Pavel Kostin to three years in a general-regime colony.';
    expect(events(text, '2025-05-14', 'en').map(brief)).toEqual(['sentence 2025-05-12 [Pavel Kostin]']);
  });
});

describe('an interview told as questions and answers', () => {
  const interview =
    '"Every day was the same": Oleg Voronin on his year inside\n\n' +
    'Oleg Voronin, 40, walked out of a colony on Monday. He talked to our correspondent Maria Lisina on the train.\n\n' +
    '— How did it start?\n\n' +
    '— On 3 April 2024, early in the morning.\n\n' +
    '— What happened then?\n\n' +
    '— Officers searched our flat and then took me to the FSB building. Two days later the court sent me to the ' +
    'SIZO. My wife went out with a poster and was detained.\n';

  it('gives the acts an answer tells of "me" and "us" to the person the introduction names, not the correspondent', () => {
    const out = events(interview, '2026-11-12', 'en').map(brief);
    expect(out).toEqual([
      'release 2026-11-09 [Oleg Voronin]',
      'search 2024-04-03 [Oleg Voronin]',
      'detention 2024-04-03 [Oleg Voronin]',
      'custody 2024-04-05 [Oleg Voronin]',
      'protest 2024-04-05 []',
      'detention 2024-04-05 []',
    ]);
  });

  it('dates the answer after a line that gives only a date by that date, however far back', () => {
    const text =
      'Anna Petrova was released from a colony on 2 November 2026.\n\n— When were you detained?\n\n' +
      '— On 7 May 2024.\n\n— What happened?\n\n— Officers searched our flat for four hours.';
    expect(events(text, '2026-11-12', 'en').map(brief)).toEqual([
      'release 2026-11-02 [Anna Petrova]',
      'search 2024-05-07 [Anna Petrova]',
    ]);
  });
});

describe('a date right after "and"', () => {
  it('dates the verb after the "and", not the one before it', () => {
    const text =
      'Stepan Kuzin held a solitary picket on Thursday with a sign; he was detained within minutes and the next day ' +
      'jailed for 12 days.';
    expect(events(text, '2026-11-09', 'en').map(brief)).toEqual([
      'protest 2026-11-05 [Stepan Kuzin]',
      'detention 2026-11-05 [Stepan Kuzin]',
      'arrest 2026-11-06 [Stepan Kuzin]',
    ]);
  });
});

describe('a search told as what came before, and a charge’s reason', () => {
  it('reads "after a search that lasted" as a search, and "a charge of taking part in the work of" as no designation', () => {
    const text =
      'Pavel Rudin was detained at his flat in Tver on 4 May 2026 after a search that lasted five hours. The next ' +
      'day a court remanded him in custody on a charge of taking part in the work of an "undesirable organisation".';
    expect(events(text, '2026-06-01', 'en').map(brief)).toEqual([
      'detention 2026-05-04 [Pavel Rudin]',
      'search 2026-05-04 [Pavel Rudin]',
      'custody 2026-05-05 [Pavel Rudin]',
      'charge 2026-05-05 [Pavel Rudin]',
    ]);
  });
});

describe('a lawyer’s paper in a verdict’s preamble', () => {
  it('does not date the hearing by the day the defence counsel’s warrant was issued', () => {
    const text =
      'On 20 May 2025 the court, with her defence counsel presenting warrant No. 12 of 3 March 2025, considered in ' +
      'open court session the case of Olga Ivleva.';
    expect(events(text, '2025-06-01', 'en').map(brief)).toEqual(['hearing 2025-05-20 [Olga Ivleva]']);
  });
});

describe('a verdict told in the passive', () => {
  it('reads «приговорён к …» and «назначено N года условно» as sentences', () => {
    const text =
      'Вчера Ленинский районный суд Тулы вынес решение. Артём Зябликов приговорён к 3 годам колонии общего режима. ' +
      'Ульяне Черемисиной назначено 2 года условно.';
    expect(
      events(text, '2026-04-09')
        .filter((e) => e.type === 'sentence')
        .flatMap((e) => e.subjects),
    ).toEqual(['Артём Зябликов', 'Ульяна Черемисина']);
  });

  it('reads a verdict whose penalty is a fine as the fine alone', () => {
    const text =
      'Приговором Кировского районного суда от 3 марта 2026 года Зое Лукиной назначено наказание в виде штрафа.';
    expect(events(text, '2026-03-05').map(brief)).toEqual(['fine 2026-03-03 [Зоя Лукина]']);
  });
});

describe('an act the report says is due', () => {
  it('reads «должна огласить приговор», «должны пройти прения» as plans', () => {
    const text = 'Сегодня судья Инна Горохова должна огласить приговор Семёну Лаврикову. Завтра должны пройти прения.';
    expect(events(text, '2026-02-11')).toEqual([]);
  });

  it('reads «мы придём на заседание», «приходите на пикет» as plans', () => {
    const text = 'Сегодня суд отказал Семёну Лаврикову. Мы придём на заседание и зовём коллег. Приходите на пикет.';
    expect(events(text, '2026-02-11').map((e) => e.type)).toEqual([]);
  });
});

describe('a measure lifted', () => {
  it('reads «домашний арест отменён», «отменил … меру пресечения» as a release, not custody', () => {
    const text =
      'Вчера Ларисе Кустовой назначили 3 года условно, домашний арест отменён. ' +
      'В тот же день областной суд отменил Петру Рогову меру пресечения.';
    expect(events(text, '2026-03-12').map(brief)).toEqual([
      'sentence 2026-03-11 [Лариса Кустова]',
      'release 2026-03-11 [Лариса Кустова]',
      'release 2026-03-11 [Петр Рогов]',
    ]);
  });
});

describe('handcuffs', () => {
  it('reads a convoy «привели в наручниках» as no ill-treatment, but hours held in handcuffs as one', () => {
    expect(events('Утром Кирилла Глухова и Яну Зорину привели в наручниках.', '2026-03-12')).toEqual([]);
    const held = events('Вчера Кирилла Глухова восемь часов держали в наручниках.', '2026-03-12');
    expect(held.map(brief)).toEqual(['ill_treatment 2026-03-11 [Кирилл Глухов]']);
  });
});

describe('a contrasting clause', () => {
  it('leaves out whom «, а X оставили на ночь» names from the acts before it', () => {
    const text = 'Вчера Дарью Сомову продержали в отделе до вечера и отпустили, а Нину Гарееву оставили на ночь.';
    expect(events(text, '2026-03-12').map(brief)).toEqual([
      'detention 2026-03-11 [Дарья Сомова]',
      'release 2026-03-11 [Дарья Сомова]',
    ]);
    const both = 'Вчера задержали Дарью Сомову, а также Нину Гарееву.';
    expect(events(both, '2026-03-12').map(brief)).toEqual(['detention 2026-03-11 [Дарья Сомова, Нина Гареева]']);
    const only = 'Вчера его отпустили без протокола, но у Ильи Гаврина изъяли телефон.';
    expect(events(only, '2026-03-12').map(brief)).toEqual(['release 2026-03-11 [Илья Гаврин]']);
  });
});

describe('a statistics bullet', () => {
  it('reads «• 3 человека внесены в реестр …» and «• не менее 40 задержаний …» as statistics', () => {
    const text =
      'Итоги месяца\n• не менее 40 задержаний в 5 городах;\n• 3 человека внесены в реестр иностранных агентов;\n\n' +
      'В среду в Твери задержали Марка Зуйкова.';
    expect(events(text, '2026-03-12').map(brief)).toEqual(['detention 2026-03-11 [Марк Зуйков]']);
  });
});

describe('a judge named again bare', () => {
  it('keeps the judge, prosecutor or clerk named once with the seat out of the acts told later', () => {
    const en = 'Judge Irina Remizova opened the session. Remizova sentenced Pavel Orlov to three years.';
    expect(events(en, '2026-11-01', 'en').map(brief)).toEqual(['hearing - []', 'sentence - [Pavel Orlov]']);
    const ru =
      'Судья Анна Шалыгина открыла заседание. Затем Шалыгина огласила приговор: Ивану Пеньковскому назначено четыре ' +
      'года условно.';
    expect(
      events(ru, '2026-11-01')
        .filter((e) => e.type === 'sentence')
        .map(brief),
    ).toEqual(['sentence - [Иван Пеньковский]']);
    // The clerk by her whole title too.
    const clerk =
      'Секретарь судебного заседания Алсу Гарипова открыла заседание. После перерыва Гарипова зачитала ' +
      'постановление, и Петра Лаврова взяли под стражу.';
    expect(
      events(clerk, '2026-11-01')
        .filter((e) => e.type === 'custody')
        .map(brief),
    ).toEqual(['custody - [Петр Лавров]']);
    // A lawyer is no seat on the bench: named again, he may be detained himself.
    const lawyer = 'Адвокат Олег Тимов пришёл в суд. Вечером Тимова задержали у здания суда.';
    expect(events(lawyer, '2026-11-01').map(brief)).toEqual(['detention - [Олег Тимов]']);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { loadMorphology } from '../../morph/index.js';
import { extract } from '../index.js';
import { findOrganizations, openingLinesEnd } from './organization-finder.js';

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
    expect(names('Его перевели из СИЗО-2 в СИЗО № 5, а затем в ИК-6.', 'ru')).toEqual([
      'СИЗО-2',
      'СИЗО-5',
      'ИК-6 (колония № 6)',
    ]);
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

  it('reads a quoted name after a lower-case kind of group: a club, a band, an initiative', () => {
    expect(names('Two members of the chess club "Birch Knight" were searched.', 'en')).toEqual(['Birch Knight']);
    expect(names('He sings in the punk band "Salt Moth".', 'en')).toEqual(['Salt Moth']);
    expect(names('The civic initiative "Clean Oka" was banned.', 'en')).toEqual(['Clean Oka']);
    expect(names('He sang the song "Clean Oka" twice.', 'en')).toEqual([]);
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

describe('findOrganizations: mastheads, kind words and named units', () => {
  it('reads English names that end in a kind word, in a masthead in capitals too', () => {
    expect(names('MIRNY HARBOUR WEEKLY — issue 12 (1–7 March 2026)', 'en')).toEqual(['Mirny Harbour Weekly']);
    expect(names('Tundra Legal Aid does not take money from detainees.', 'en')).toEqual(['Tundra Legal Aid']);
    expect(names('Sura Prisoner Support — list update, 3 May 2026', 'en')).toEqual(['Sura Prisoner Support']);
    expect(names('Kolva Defence — Telegram, 2 May 2026', 'en')).toEqual(['Kolva Defence']);
    expect(names('Oskina told Birch Ledger she would appeal.', 'en')).toEqual(['Birch Ledger']);
    expect(names('12 May 2026 · Taiga Rights Watch', 'en')).toEqual(['Taiga Rights Watch']);
    expect(names('A student of Tobolsk University stood outside the Legislative Assembly of Ural Krai.', 'en')).toEqual(
      ['Tobolsk University', 'Legislative Assembly of Ural Krai'],
    );
  });

  it('reads a name set off by a kind noun, and no one’s job or a right as a name', () => {
    expect(names('He was a member of Veter Stepi, a movement that a court banned.', 'en')).toEqual(['Veter Stepi']);
    expect(names('Police searched his website, Dalny Press, on Friday.', 'en')).toEqual(['Dalny Press']);
    expect(names('He edits the weekly Zarya Week in Kazan.', 'en')).toEqual(['Zarya Week']);
    expect(names('Radio Kedr Online aired the hearing.', 'en')).toEqual(['Radio Kedr Online']);
    expect(names('On Monday, a group of activists gathered.', 'en')).toEqual([]);
    expect(names('Ivan Sosnin, a member of the group, was fined.', 'en')).toEqual([]);
    expect(names('Lena Oskina, a local movement leader, was fined.', 'en')).toEqual([]);
    expect(names('The court ignored Freedom of Assembly.', 'en')).toEqual([]);
    expect(names('APPELLATE MILITARY COURT\nPress service', 'en')).toEqual(['Appellate Military Court']);
  });

  it('names district police stations, the Working Group and the KGB by all of its names', () => {
    expect(names('Both were driven to the Zavodskoy district police station.', 'en')).toEqual([
      'Zavodskoy district police station',
    ]);
    expect(names('She was held at the Nagorny police department.', 'en')).toEqual(['Nagorny police department']);
    expect(names('The State Security Committee (KGB) listed him; the KGB did not answer.', 'en')).toEqual([
      'KGB (State Security Committee)',
      'KGB (State Security Committee)',
    ]);
    expect(names('Chair of the Working Group on Arbitrary Detention.', 'en')).toEqual([
      'Working Group on Arbitrary Detention',
    ]);
    expect(names("Kazakhstan's interior ministry did not respond.", 'en')).toEqual(['interior ministry']);
  });

  it('reads Russian quoted names after a kind noun, a member or a legal form', () => {
    expect(names('Данные собраны волонтёрами «Северного списка» по материалам судов.', 'ru')).toEqual([
      'Северный список',
    ]);
    expect(names('Обыски прошли у участниц кружка «Сёстры Оки».', 'ru')).toEqual(['кружок «Сёстры Оки»']);
    expect(names('Группа поддержки «Ясный берег» собрала передачи.', 'ru')).toEqual(['группа поддержки «Ясный берег»']);
    expect(names('Она преподаёт в МБУ ДО «Детская школа искусств № 9», не судима.', 'ru')).toEqual([
      'Детская школа искусств № 9',
    ]);
    expect(names('Адвокат сказал «Речному вестнику», что обжалует приговор.', 'ru')).toEqual(['Речной вестник']);
    expect(names('Во ФСИН на вопросы «Озёрной сводки» не ответили.', 'ru')).toEqual(['ФСИН России', 'Озёрная сводка']);
    expect(names('Поддержать «Шестой угол» можно по ссылке.', 'ru')).toEqual(['Шестой угол']);
    expect(names('Он ответил «Спасибо вам».', 'ru')).toEqual([]);
    expect(names('Депутаты обсудили проект закона «О тишине».', 'ru')).toEqual([]);
  });

  it('reads a Russian masthead with a kind of group after it, not a town', () => {
    expect(names('ЯСНЫЙ БЕРЕГ · группа поддержки задержанных (Пермь)', 'ru')).toEqual(['Ясный берег']);
    expect(names('Сосновый-Монитор\n15 мая 2026', 'ru')).toEqual(['Сосновый-Монитор']);
    expect(names('Екатеринбург · группа поддержки задержанных', 'ru')).toEqual([]);
  });

  it('names numbered and regional units, and a bare one not', () => {
    expect(names('Лизу отпустили из ОП № 7, а Соню из отдела полиции № 2.', 'ru')).toEqual([
      'отдел полиции № 7',
      'отдел полиции № 2',
    ]);
    expect(names('Семён Лукин — ОМВД по Заречному району.', 'ru')).toEqual(['ОМВД по Заречному району']);
    expect(names('Его доставили в отдел полиции.', 'ru')).toEqual([]);
    expect(names('Прокуратурой Заречного района г. Перми поддержано обвинение.', 'ru')).toEqual([
      'Прокуратура Заречного района г. Перми',
    ]);
    expect(names('Прокуратура настаивает на сроке.', 'ru')).toEqual(['прокуратура']);
    expect(names('В УФСИН по Омской области заявили, что письмо передано.', 'ru')).toEqual(['УФСИН по Омской области']);
    expect(names('Дело возбудил следственный отдел по Заречному району.', 'ru')).toEqual([
      'следственный отдел по Заречному району',
    ]);
    expect(names('Консульство Германии подтвердило задержание.', 'ru')).toEqual(['консульство Германии']);
    expect(names('Сотрудники ЦПЭ и Центра «Э» пришли с обыском.', 'ru')).toEqual([
      'Центр по противодействию экстремизму (Центр «Э», ЦПЭ)',
      'Центр по противодействию экстремизму (Центр «Э», ЦПЭ)',
    ]);
  });
});

describe('findOrganizations: names outside the usual forms', () => {
  it('reads a ministry under either of its names as one body', () => {
    expect(names('The Justice Ministry and later the Ministry of Justice replied.', 'en')).toEqual([
      'Ministry of Justice (Justice Ministry)',
      'Ministry of Justice (Justice Ministry)',
    ]);
  });

  it('reads a court written in lower case after its district, as machine translation writes it', () => {
    expect(names('The Zarechny district court of Ozersk chose a measure of restraint.', 'en')).toEqual([
      'Zarechny District Court of Ozersk',
    ]);
  });

  it('reads an outlet from its worker, a byline, a numbered school, a register and a duma', () => {
    expect(names('She told the correspondent of "Lake Herald" that she would appeal.', 'en')).toEqual(['Lake Herald']);
    expect(names('Published on Quiet Desk, 3 November 2026.', 'en')).toEqual(['Quiet Desk']);
    expect(names('Published on Telegram, 3 November 2026.', 'en')).toEqual([]);
    expect(names('She taught at Gymnasium No. 7 in Ozersk.', 'en')).toEqual(['Gymnasium No. 7']);
    expect(names('The Northern Captives Register lists him; he sat in the Ozersk City Duma.', 'en')).toEqual([
      'Northern Captives Register',
      'Ozersk City Duma',
    ]);
  });

  it('reads a masthead over the issue, and no name in a heading with a preposition', () => {
    expect(names('LAKE WATCHERS — WEEKLY COURT CALENDAR\nWeek of 1–5 June', 'en')).toEqual(['Lake Watchers']);
    expect(names('OPEN LETTER IN SUPPORT OF THE TEACHERS', 'en')).toEqual([]);
    expect(names('ОЗЁРНЫЙ ПРАВОВОЙ ВЕСТНИК\nСудебный календарь на 1–5 июня', 'ru')).toEqual([
      'Озёрный правовой вестник',
    ]);
  });

  it('reads a quoted name that publishes or is asked as an outlet, in the nominative', () => {
    expect(names('«Озёрный курьер» публикует текст приговора.', 'ru')).toEqual(['Озёрный курьер']);
    expect(names('На запрос «Северной заметки» в ведомстве не ответили.', 'ru')).toEqual(['Северная заметка']);
    expect(names('«Мы вернёмся», — публикует он.', 'ru')).toEqual([]);
  });

  it('names a colony and a detention centre written in words as their numbered forms', () => {
    expect(names('Он умер в исправительной колонии № 9, а до того сидел в следственном изоляторе № 3.', 'ru')).toEqual([
      'ИК-9 (колония № 9)',
      'СИЗО-3',
    ]);
  });

  it('reads bodies in a line typed all in lower case', () => {
    expect(names('утром его увезли в фсб, а вечером приозёрский районный суд озерска арестовал его', 'ru')).toEqual([
      'ФСБ',
      'Приозёрский районный суд Озерска',
    ]);
  });

  it('keeps a town with hyphens after a court, a masked name out, and an office with its superior', () => {
    expect(names('Кировский районный суд Ростова-на-Дону продлил арест.', 'ru')).toEqual([
      'Кировский районный суд Ростова-на-Дону',
    ]);
    expect(names('место работы: ООО «***», дизайнер', 'ru')).toEqual([]);
    expect(
      names(
        'Дело возбуждено следственным отделом по Заречному административному округу СУ СК России по Озёрской области.',
        'ru',
      ),
    ).toEqual(['следственный отдел по Заречному административному округу СУ СК России по Озёрской области']);
  });
});

describe('Russian courts as court papers write them', () => {
  it('reads a capitalised «Суд», an ordinal court, a «райсуд» and a town with a hyphen', () => {
    expect(names('Судебная коллегия Верховного Суда Республики Заречье оставила приговор в силе.', 'ru')).toEqual([
      'Верховный суд Республики Заречье',
    ]);
    expect(names('Определение можно обжаловать в Третий кассационный суд общей юрисдикции.', 'ru')).toEqual([
      'Третий кассационный суд',
    ]);
    expect(names('Жалобу рассмотрят в Восьмом кассационном суде.', 'ru')).toEqual(['Восьмой кассационный суд']);
    expect(names('Копию карточки взяли на сайте Заводского райсуда.', 'ru')).toEqual(['Заводской районный суд']);
    expect(names('Постановлением Усть-Озёрского городского суда его арестовали.', 'ru')).toEqual([
      'Усть-Озёрский городской суд',
    ]);
  });

  it('keeps each court of a case card’s table whole, without the next row’s label', () => {
    const card =
      'Суд первой инстанции\tОзёрский районный суд\nНаименование вышестоящего суда\tЗаречный областной суд\n' +
      'Дата поступления\t03.12.2026';
    expect(names(card, 'ru')).toEqual(['Озёрский районный суд', 'Заречный областной суд']);
  });
});

describe('Russian outlets, projects, universities and police directorates', () => {
  it('reads a dotted name, spaced or not, and «Онлайн» as a kind', () => {
    const orgs = (text: string) => extract(text, { language: 'ru' }).organizations.map((o) => o.name);
    expect(orgs('Заявление проекта «Заря. Поволжье» опубликовано вчера.')).toEqual(['проект «Заря. Поволжье»']);
    expect(orgs('«Ветлуга.Хроника» сообщает: суд продлил арест.')).toContain('Ветлуга.Хроника');
    expect(names('Об этом написала «Ветлуга.Онлайн».', 'ru')).toEqual(['Ветлуга.Онлайн']);
    expect(orgs('Ведёт Анна Лис, «Ветлуга. Хроника»\n\nВчера в Озёрске прошёл обыск.')).toEqual(['Ветлуга. Хроника']);
  });

  it('reads an outlet’s short name in any case as the masthead’s dotted name', () => {
    const text = '5 мая 2026 · «Ветлуга.Онлайн»\n\nНа запрос «Ветлуги» в полиции не ответили.';
    const orgs = extract(text, { language: 'ru' }).organizations;
    expect(orgs.map((o) => [o.name, o.mentions.length])).toEqual([['Ветлуга.Онлайн', 2]]);
  });

  it('reads a university named by its town and a town police directorate', () => {
    expect(names('Студента Озёрского университета задержали.', 'ru')).toEqual(['Озёрский университет']);
    expect(names('Его поместили в ИВС УМВД России по г. Заречному.', 'ru')).toEqual(['УМВД России по г. Заречному']);
    expect(names('В УМВД отказались от комментариев.', 'ru')).toEqual(['МВД']);
  });
});

describe('English mastheads, courts in capitals and names ending in International', () => {
  it('reads the publisher from a first line that names it and the date', () => {
    expect(names('Northern Pages — 4 March 2026\n\nThe court fined a teacher.', 'en')).toEqual(['Northern Pages']);
    expect(names('RIVERCHECK  |  Fact check  |  9 May 2026\nBy Anna Lind', 'en')).toEqual(['Rivercheck']);
    expect(names('On Monday — 4 March 2026', 'en')).toEqual([]);
    const dateline = extract('Kazan — 4 March 2026\n\nPolice detained a student.', { language: 'en' });
    expect(dateline.organizations).toEqual([]);
    expect(dateline.places.map((p) => p.name)).toEqual(['Kazan']);
  });

  it('reads a court named in capitals as a heading', () => {
    expect(names('OZERSK REGIONAL COURT\nCase No. 22-17/2026 (appeal)', 'en')).toEqual(['Ozersk Regional Court']);
    expect(names('ZAVODSKOY DISTRICT COURT OF OZERSK', 'en')).toEqual(['Zavodskoy District Court of Ozersk']);
  });

  it('ends a name on International, but not before an airport', () => {
    expect(names('She told Lantern Rights International that she was beaten.', 'en')).toEqual([
      'Lantern Rights International',
    ]);
    expect(names('He was detained at Ozersk International Airport.', 'en')).toEqual([]);
  });

  it('reads a duma named by its level', () => {
    expect(names('He stood outside the regional Duma with a placard.', 'en')).toEqual(['regional Duma']);
  });
});

describe('organizations in extract', () => {
  it('reads a bare «прокуратура» as the one prosecutor’s office the report names, and two leave it open', () => {
    const orgs = (text: string) =>
      extract(text, { language: 'ru' }).organizations.map((o) => [o.name, o.mentions.length]);
    expect(orgs('Мы обратились к прокуратуре Озёрской области. Просим прокуратуру проверить увольнение.')).toEqual([
      ['Прокуратура Озёрской области', 2],
    ]);
    expect(
      orgs('Жалобы ушли в прокуратуру Озёрской области и прокуратуру Заводского района. Прокуратура молчит.'),
    ).toHaveLength(3);
  });

  it('finds a name the report introduced again where it is repeated bare', () => {
    const text = 'The monitoring group Kedr Legal Line counted 40 detainees. Police denied it, Kedr Legal Line said.';
    const orgs = extract(text, { language: 'en' }).organizations;
    expect(orgs.map((o) => [o.name, o.mentions.length])).toEqual([['Kedr Legal Line', 2]]);
  });

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

describe('English outlets and bodies named without quotes', () => {
  it('reads an outlet from who works there, or from a named person "of the" outlet', () => {
    expect(names('Olga Mirova, a correspondent for Amur Evening, was fined.', 'en')).toEqual(['Amur Evening']);
    expect(names('Police searched the newsroom of Delta Courier Online on Friday.', 'en')).toEqual([
      'Delta Courier Online',
    ]);
    expect(names('Timur Bekov of the Steppe Lantern was questioned.', 'en')).toEqual(['Steppe Lantern']);
    // A person, a code or a single word is no outlet.
    expect(names('He is the editor of Ivan Petrov’s blog.', 'en')).toEqual([]);
    expect(names('A reporter for Reuters saw it.', 'en')).toEqual([]);
    expect(names('Article 5 of the Criminal Code of the Russian Federation applies.', 'en')).toEqual([]);
  });

  it('reads a body whose kind comes first: "the Union of Writers"', () => {
    expect(names('We call on the Union of Writers to speak.', 'en')).toEqual(['Union of Writers']);
  });
});

describe('mastheads: a name over the date, a quoted name, a kind of issue after an adjective', () => {
  const first = (text: string, language: 'ru' | 'en') =>
    findOrganizations(text, language, { opensDocument: true }).map((o) => o.value);

  it('reads an English masthead in capitals that ends in what it publishes, or is followed by numbers', () => {
    expect(first('TUNDRA COURT NOTES\nOzersk City Court, hall 2', 'en')).toEqual([
      'Tundra Court Notes',
      'Ozersk City Court',
    ]);
    expect(first('BREAKING NEWS\nA teacher was detained.', 'en')).toEqual([]);
    expect(first('GREY LAKE WATCHERS — MONTHLY FIGURES\nMay 2026', 'en')).toEqual(['Grey Lake Watchers']);
  });

  it('reads a dated masthead after an emoji, with a weekday or with the date in figures', () => {
    expect(first('🗞 Lake Ferry | day digest · 20.11.2026\nEverything we posted today.', 'en')).toEqual(['Lake Ferry']);
    expect(first('Birch Road Review · Friday, 4 December 2026', 'en')).toEqual(['Birch Road Review']);
  });

  it('reads the agency in brackets after a wire report’s dateline', () => {
    expect(first('OMSK, Nov 18 (Birch Wire) - Courts in Omsk fined 19 people.', 'en')).toEqual(['Birch Wire']);
    expect(first('OMSK, 18 November (Lake News) — A teacher was detained.', 'en')).toEqual(['Lake News']);
    expect(first('OMSK, Nov 18 (Reuters) - Police detained 40 people.', 'en')).toEqual(['Reuters']);
  });

  it('reads a dated masthead under a headline, but not an author’s byline', () => {
    const orgs = (text: string) => extract(text, { language: 'en' }).organizations.map((o) => o.name);
    const persons = (text: string) => extract(text, { language: 'en' }).persons.map((o) => o.name);
    const report = '"We sang": a talk with a lawyer\n\nDon Birch Talks · Friday, 4 December 2026\n\nWe spoke by phone.';
    expect(orgs(report)).toEqual(['Don Birch Talks']);
    expect(persons(report)).toEqual([]);
    const byline = 'Seven days in custody\n\nAnna Lapina · 4 December 2026\n\nShe was released.';
    expect(orgs(byline)).toEqual([]);
    expect(openingLinesEnd('Headline\n\nLake Post · 4 May 2026\nText', 2)).toBe(32);
  });

  it('reads a Russian masthead quoted, over the date, or with a kind of issue after an adjective', () => {
    expect(first('«Тихая заводь» · Беседа · 3 мая 2026\n\nТекст.', 'ru')).toEqual(['Тихая заводь']);
    expect(first('Камский дозор\n15 октября 2026\n\nНам написали.', 'ru')).toEqual(['Камский дозор']);
    expect(first('Новый приговор\n15 октября 2026\n\nСуд решил.', 'ru')).toEqual([]);
    expect(first('«Маяк» — текстовая трансляция', 'ru')).toEqual(['Маяк']);
    expect(first('Летопись неволи — ежемесячная сводка', 'ru')).toEqual(['Летопись неволи']);
  });

  it('keeps an outlet’s town word out of the places when the outlet’s head is no seat', () => {
    const x = extract('SOSNOVKA COURT NOTES\nThe Ozersk City Court fined a teacher.', { language: 'en' });
    expect(x.places.map((p) => p.name)).not.toContain('Sosnovka');
    expect(x.organizations.map((o) => o.name)).toContain('Sosnovka Court Notes');
  });
});

describe('a republic’s court', () => {
  it('keeps "of the Republic of …" in the court’s name', () => {
    expect(names('The Supreme Court of the Republic of Mordovia banned the group.', 'en')).toEqual([
      'Supreme Court of the Republic of Mordovia',
    ]);
    expect(names('The Supreme Court of Mordovia upheld it.', 'en')).toEqual(['Supreme Court of Mordovia']);
  });
});

describe('a ministry named in lower case by its field', () => {
  it('reads the culture or health ministry as the interior ministry is read', () => {
    expect(names('The theatre was closed by the regional culture ministry on Monday.', 'en')).toEqual([
      'culture ministry',
    ]);
    expect(names('The health ministry did not reply; the interior ministry said no force was used.', 'en')).toEqual([
      'health ministry',
      'interior ministry',
    ]);
  });
});

describe('a messenger post forwarded from a channel', () => {
  it('reads the whole rest of a "Forwarded from" line as the channel’s name', () => {
    expect(names('Forwarded from Neva Night Desk 🚨\nSearches at two flats since 7 a.m.', 'en')).toEqual([
      'Neva Night Desk',
    ]);
    expect(names('Переслано от Камский вечер\nОбыски идут с утра.', 'ru')).toEqual(['Камский вечер']);
    expect(names('He forwarded from Moscow a letter.', 'en')).toEqual([]);
  });

  it('keeps the channel’s name whole in a digest', () => {
    const x = extract('🕘 09:12\nForwarded from Ladoga Defence Desk\n⚡️ Police searched the flat of Ivan Lapin.', {
      language: 'en',
    });
    expect(x.organizations.map((o) => o.name)).toEqual(['Ladoga Defence Desk']);
  });
});

describe('known bodies under their other names, and legal forms in English', () => {
  it('reads the European Court of Human Rights by its Russian acronym and full name as one', () => {
    expect(names('Адвокат направил жалобу в ЕСПЧ.', 'ru')).toEqual(['ЕСПЧ (Европейский суд по правам человека)']);
    expect(names('Европейский суд по правам человека принял жалобу.', 'ru')).toEqual([
      'ЕСПЧ (Европейский суд по правам человека)',
    ]);
  });

  it('reads Centre E quoted whole or bare as the Centre for Combating Extremism', () => {
    expect(names('Then the "Centre E" officers arrived, and officers of Centre E left.', 'en')).toEqual([
      'Centre for Combating Extremism (Centre E)',
      'Centre for Combating Extremism (Centre E)',
    ]);
  });

  it('reads a Russian legal form before a quoted name in English text', () => {
    expect(names('She worked as a cook at OOO "Northern Bakery" in Pskov.', 'en')).toEqual(['Northern Bakery']);
  });
});

describe('a capitalised noun before «суда»', () => {
  it('is whose the court is, not the court’s name', () => {
    expect(names('Пресс-секретарь суда Е.В. Лапина сообщила о решении.', 'ru')).toEqual([]);
    expect(names('Председатель Кировского районного суда отказал.', 'ru')).toEqual(['Кировский районный суд']);
  });
});

describe('a court’s hyphenated adjective', () => {
  it('keeps the part before the hyphen in the nominative', () => {
    expect(names('Верх-Исетский районный суд продлил арест.', 'ru')).toEqual(['Верх-Исетский районный суд']);
  });
});

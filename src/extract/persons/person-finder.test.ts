import { beforeAll, describe, expect, it } from 'vitest';
import { extract, loadExtractor } from '../index.js';

// Invented sentences and people, written for these tests.
beforeAll(() => loadExtractor());

const persons = (text: string, language: 'ru' | 'en') => extract(text, { language }).persons.map((p) => p.name);

describe('Russian names after a hyphenated word', () => {
  it('keeps a given name that is also a common noun after a word broken across a line', () => {
    expect(persons('Задержаны двое: студент Иван Лосев и пенсио-\nнер Лев Аронович Шапиро.', 'ru')).toEqual([
      'Иван Лосев',
      'Лев Аронович Шапиро',
    ]);
  });
  it('keeps it after a hyphenated title', () => {
    expect(persons('Вчера экс-депутат Роман Сидоров и вице-мэр Вера Ложкина пришли в суд.', 'ru')).toEqual([
      'Роман Сидоров',
      'Вера Ложкина',
    ]);
  });
});

describe('Russian surnames with a fleeting vowel in running text', () => {
  it('reads «Тимура Горобца» as Горобец and joins the mother with the same surname', () => {
    const names = persons('Мать Тимура Горобца, Ольга Горобец, рассказала о допросе. Горобца перевели в СИЗО.', 'ru');
    expect(names).toEqual(['Тимур Горобец', 'Ольга Горобец']);
  });
});

describe('initials of more than one letter', () => {
  it('keeps a transliterated digraph initial with the surname', () => {
    expect(persons('Investigator Kh. A. Temirkhanov questioned her for an hour.', 'en')).toEqual([
      'Kh. A. Temirkhanov',
    ]);
    expect(persons('The only witness, officer R. Sh. Baimuratov, did not come.', 'en')).toEqual(['R. Sh. Baimuratov']);
    expect(persons('Judge Yu. V. Loskutova and officer Shch. Parfenov signed it.', 'en')).toEqual([
      'Yu. V. Loskutova',
      'Shch. Parfenov',
    ]);
    expect(persons('It was signed by A.Zh. Temirova and Ts. Dorzhiev.', 'en')).toEqual([
      'A. Zh. Temirova',
      'Ts. Dorzhiev',
    ]);
  });
  it('reads «Дж.» as an initial in Russian', () => {
    expect(persons('Судья Дж. Т. Мамедов отказал защите.', 'ru')).toEqual(['Дж. Т. Мамедов']);
  });
  it('drops a capitalised word before initials but keeps a surname written first', () => {
    expect(persons('Yesterday Loskutov A. V. testified.', 'en')).toEqual(['Loskutov A. V.']);
  });
});

describe('words that name a place or an institution, not a person', () => {
  it('skips a district adjective before a court or police station', () => {
    expect(persons('She was held overnight at the Zyablikovsky police station.', 'en')).toEqual([]);
    expect(persons('The Kuntsevsky court fined Timur Basov; the Presnensky District Court agreed.', 'en')).toEqual([
      'Timur Basov',
    ]);
  });
  it('skips landmarks and outlets that look like surnames', () => {
    expect(persons('The Kremlin did not reply, and Kommersant wrote nothing.', 'en')).toEqual([]);
  });
  it('still reads a person before such a word', () => {
    expect(persons('Activist Oleg Sokolov court appearance was delayed. Sokolov’s court date is set.', 'en')).toEqual([
      'Oleg Sokolov',
    ]);
  });
});

describe('given names in English text', () => {
  it('knows Belarusian and Crimean Tatar given names, so an unusual surname still reads as a name', () => {
    expect(
      persons('Judge Uladzimir Kavalchou fined her; Natallia Shauko and Lenur Ablaev were detained.', 'en'),
    ).toEqual(['Uladzimir Kavalchou', 'Natallia Shauko', 'Lenur Ablaev']);
  });
  it('knows a Russian given name in another transliteration and its diminutive', () => {
    expect(persons('She writes as Nastya Fedulova. Yevgeniy Mars left.', 'en')).toEqual([
      'Nastya Fedulova',
      'Yevgeniy Mars',
    ]);
  });
  it('leaves a military rank out of the name', () => {
    expect(persons("A man who called himself 'Major Tumanov' hit him. Colonel Lisitsyn denied it.", 'en')).toEqual([
      'Tumanov',
      'Lisitsyn',
    ]);
  });
});

describe('Russian names the dictionary does not know', () => {
  it('reads an unknown given name before a surname of a Russian pattern', () => {
    expect(persons('Суд приговорил 29-летнего Сардора Назарова к пяти годам. Назарова задержали в мае.', 'ru')).toEqual(
      ['Сардор Назаров'],
    );
  });
  it('does not read a common word before a surname as a given name', () => {
    expect(persons('Басманного Петрова не было в зале.', 'ru')).not.toContain('Басманного Петрова');
  });
  it('does not make one more person of a family named by its plural surname', () => {
    expect(persons('Задержаны Мария Лукина и её брат Павел Лукин. Лукиных отпустили вечером.', 'ru')).toEqual([
      'Мария Лукина',
      'Павел Лукин',
    ]);
  });
});

describe('a client’s surname before the lawyer’s initials and surname', () => {
  it('splits them when a capitalised common word opens the sentence', () => {
    expect(persons('Адвокат Котова Б. Д. Лесная сообщила о голодовке.', 'ru').sort()).toEqual([
      'Б. Д. Лесная',
      'Котова',
    ]);
  });
});

describe('an occupation that opens a sentence', () => {
  it('is not part of the name after it', () => {
    expect(
      persons('Student Baatar Dorzhiev was fined on Monday. Organiser Tsyren Bazarov was detained.', 'en'),
    ).toEqual(['Baatar Dorzhiev', 'Tsyren Bazarov']);
  });
});

describe('a given name that is also a common word, opening a sentence', () => {
  it('reads «Лев Гринштейн» and «Роман Зотов» as names, and «Задержали Олега Лунина» without the verb', () => {
    expect(persons('Лев Гринштейн — ОМВД по Мещанскому району.', 'ru')).toEqual(['Лев Гринштейн']);
    expect(persons('Роман Зотов рассказал о суде.', 'ru')).toEqual(['Роман Зотов']);
    expect(persons('Задержали Олега Лунина.', 'ru')).toEqual(['Олег Лунин']);
    expect(persons('Суд Москвы отказал.', 'ru')).toEqual([]);
  });
});

describe('two spellings in one bracket', () => {
  it('reads the second spelling after a semicolon as the same person', () => {
    expect(
      persons('Zaur Kodzokov (Заур Кодзоков; sometimes transliterated Kodzakov) walked out of the colony.', 'en'),
    ).toEqual(['Zaur Kodzokov']);
    expect(persons('Islam Yandarov (Ислам Яндаров; some outlets write Yandarev) lives in Norway.', 'en')).toEqual([
      'Islam Yandarov',
    ]);
    expect(persons('Petr Ivanov (born 1990; his friend Sidorov said so) spoke.', 'en')).toEqual([
      'Petr Ivanov',
      'Sidorov',
    ]);
  });
});

describe('another spelling "in court documents"', () => {
  it('reads the bracketed name as the same person', () => {
    expect(persons('Aigerim Tleuova (Tleuova-Sarsenbayeva in court documents) was sentenced in April.', 'en')).toEqual([
      'Aigerim Tleuova',
    ]);
    expect(persons('Айгерим Тлеуова (в документах — Тлеуова-Сарсенбаева) осуждена в апреле.', 'ru')).toEqual([
      'Айгерим Тлеуова',
    ]);
  });
});

describe('the gender of a transliterated name', () => {
  it('reads it from the surname’s ending, and leaves it open where the ending or the given name says otherwise', () => {
    const genders = extract('Judge Oksana Remizova, Pavel Sokolovsky, Ilya Kravets and Nurieva were in court.', {
      language: 'en',
    }).persons.map((p) => `${p.name}:${p.gender}`);
    expect(genders).toEqual(['Oksana Remizova:femn', 'Pavel Sokolovsky:masc', 'Ilya Kravets:null', 'Nurieva:femn']);
    expect(extract('Yulia Navalny and Nikita Ilyin spoke.', { language: 'en' }).persons.map((p) => p.gender)).toEqual([
      null,
      'masc',
    ]);
  });
});

describe('names in court papers, surname first', () => {
  it('keeps a double surname with the given name and patronymic in an oblique case', () => {
    const text =
      'Суд решил: признать Курник-Заславскую Ярославу Олеговну виновной. Меру пресечения Курник-Заславской ' +
      'Ярославе Олеговне оставить прежней.';
    expect(persons(text, 'ru')).toEqual(['Курник-Заславская Ярослава Олеговна']);
  });
  it('reads a woman’s double surname before initials without spaces', () => {
    expect(persons('Телефон, принадлежащий Курник-Заславской Я.О., конфисковать.', 'ru')).toEqual([
      'Курник-Заславская Я. О.',
    ]);
  });
  it('reads an -ова surname with initials in the case of the person noun, the preposition or the apposition', () => {
    const chain = 'С участием помощника прокурора Октябрьского района г. Твери Лукьянова П.Р. дело рассмотрено.';
    expect(persons(chain, 'ru')).toEqual(['Лукьянов П. Р.']);
    const nominative = 'В заседании участвовал помощник прокурора Октябрьского района г. Твери Лукьянова П.Р.';
    expect(persons(nominative, 'ru')).toEqual(['Лукьянова П. Р.']);
    expect(persons('Вынесен приговор в отношении Зотова К. Л. и Барышевой Н. И.', 'ru')).toEqual([
      'Зотов К. Л.',
      'Барышева Н. И.',
    ]);
    expect(persons('Ответ пришёл за подписью Н. Е. Кутепова, начальника отдела.', 'ru')).toEqual(['Н. Е. Кутепов']);
  });
});

describe('the gender a word before a name gives', () => {
  it('takes none from a masculine noun of occupation', () => {
    expect(persons('Её адвокат Дина Сафонова подала жалобу.', 'ru')).toEqual(['Дина Сафонова']);
    expect(persons('Среди задержанных — муниципальный депутат Ульяна Рябцева.', 'ru')).toEqual(['Ульяна Рябцева']);
  });
  it('takes it only with its case, so a feminine noun does not make her son a woman', () => {
    expect(persons('Что ответили матери Тихона Ярцева, неизвестно.', 'ru')).toEqual(['Тихон Ярцев']);
  });
});

describe('two people in one run of capitalised words', () => {
  it('splits a full name in the dative from the surname of the man who speaks', () => {
    const r = extract('Тихона Ярцева задержали. Адвокату Лейсан Гарифовой Ярцев рассказал, что его избили.', {
      language: 'ru',
      referenceDate: '2025-10-08',
    });
    expect(r.persons.map((p) => p.name)).toEqual(['Тихон Ярцев', 'Лейсан Гарифова']);
    expect(r.events.find((e) => e.type === 'ill_treatment')?.subjects).toEqual(['Тихон Ярцев']);
  });
  it('splits a client’s surname from a lawyer whose surname is also a plural given name', () => {
    expect(persons('Как сообщил защитник Клюевой Руслан Ахмедов, протокол составлен.', 'ru')).toEqual([
      'Клюева',
      'Руслан Ахмедов',
    ]);
  });
});

describe('a given name without a surname', () => {
  it('is no person of its own when alone, even if it ends like a surname', () => {
    const text = '«Мне жаль только, что Кристина ездит по судам», — сказал он. Кристина Голикова пришла на заседание.';
    expect(persons(text, 'ru')).toEqual(['Кристина Голикова']);
  });
  it('joins the one person with that given name and patronymic', () => {
    const text = 'Суд оштрафовал Тамару Ильиничну Гоглидзе. Поводом стал разговор Тамары Ильиничны с соседкой.';
    expect(persons(text, 'ru')).toEqual(['Тамара Ильинична Гоглидзе']);
  });
  it('names a relative after a kinship noun in the same case, and his full name later joins him', () => {
    const r = extract('Олега Шубина оправдали. Его брата Тимофея в марте оштрафовали. Тимофей Шубин обжалует штраф.', {
      language: 'ru',
      referenceDate: '2025-10-08',
    });
    expect(r.persons.map((p) => p.name)).toEqual(['Олег Шубин', 'Тимофей Шубин']);
    expect(r.events.find((e) => e.type === 'fine')?.subjects).toEqual(['Тимофей Шубин']);
    expect(persons('Жена Ярцева, Гузель, говорит, что он перестал писать.', 'ru')).toContain('Гузель');
    // «жену Ильи»: his wife, not a relative named Илья.
    expect(persons('Тем временем задержали жену Ильи, Веру Мартыненко.', 'ru')).toEqual(['Вера Мартыненко']);
  });
  it('reads a diminutive as the one person with the full name', () => {
    const r = extract('Павел Дубровин. В субботу Паша вышел на свободу из колонии.', {
      language: 'ru',
      referenceDate: '2025-10-08',
    });
    expect(r.events.find((e) => e.type === 'release')?.subjects).toEqual(['Павел Дубровин']);
  });
});

describe('names in English text', () => {
  it('reads a speaker’s name in capitals, who is not the subject of what he says', () => {
    const text =
      'KIRILL ANDREEV (host): Good evening.\n\nLyudmila Orlova was detained on Monday.\n\n' +
      'GLEB SAVIN: Investigators searched her flat on Tuesday.';
    const r = extract(text, { language: 'en', referenceDate: '2025-10-08' });
    expect(r.persons.map((p) => p.name)).toEqual(['Kirill Andreev', 'Lyudmila Orlova', 'Gleb Savin']);
    expect(r.events.find((e) => e.type === 'search')?.subjects).toEqual(['Lyudmila Orlova']);
  });
  it('reads no pronoun as a surname, and knows Azerbaijani surnames', () => {
    expect(persons('Police may keep you for 48 hours. You do not have to sign anything.', 'en')).toEqual([]);
    expect(persons('An interview with Nigar Hasanli, the sister of the reporter.', 'en')).toEqual(['Nigar Hasanli']);
  });
});

describe('names run together with the words around them (invented names)', () => {
  it('keeps a surname written before the given name and patronymic in English', () => {
    const text = 'Police searched the flat of Pavel Lobanov and of his mother, the citizen Lobanova Vera Ilyinichna.';
    expect(persons(text, 'en')).toEqual(['Pavel Lobanov', 'Lobanova Vera Ilyinichna']);
  });
  it('ends a place of two words at the name on the next line of a list', () => {
    const text =
      'Signed:\n\nGleb Tarasov, engineer, Nizhny Novgorod\nAlina Sotnikova, teacher, Tver\n' +
      'Roman Belkin, parent, Velikiye Luki\nYana Korotkova, retired, Pskov\n';
    expect(persons(text, 'en')).toEqual(['Gleb Tarasov', 'Alina Sotnikova', 'Roman Belkin', 'Yana Korotkova']);
  });
  it('splits a client’s given name in the genitive from her lawyer’s full name', () => {
    expect(persons('Защитник Алины Тимофей Лозинов говорит, что суд неправ.', 'ru')).toEqual(['Тимофей Лозинов']);
  });
  it('reads no ordinal numeral as a surname', () => {
    expect(persons('Она говорила о Второй мировой войне, а Глеб Лозинов молчал.', 'ru')).toEqual(['Глеб Лозинов']);
  });
  it('reads a man’s surname in -а declined with his given name', () => {
    expect(persons('Суд оставил без изменения приговор Глебу Ложке.', 'ru')).toEqual(['Глеб Ложка']);
  });
});

describe('names written in lower case (invented names)', () => {
  const post =
    'всем привет. пишу потому что не знаю что делать.\n\nвчера пришли с обыском. тимура увезли в отдел. ' +
    'его друга глеба шарипкова тоже забрали, слава богу отпустили.\n\nвера в людей осталась. ' +
    'тимур карпенков, 2001 г.р.\n';
  it('reads a known given name and a surname in a post written without capitals', () => {
    expect(persons(post, 'ru')).toEqual(['Глеб Шарипков', 'Тимур Карпенков']);
    // Only where the whole text is written so.
    expect(persons('Мы пришли к нему домой. Адвокат глеба шарипкова не видел.', 'ru')).toEqual([]);
  });
});

describe('names in court papers and court website cards (invented names)', () => {
  it('ends a name at a column’s edge: a tab or a wide run of spaces', () => {
    expect(persons('Судья\tЛапшина Ирина Олеговна\nДата рассмотрения\t14.05.2026', 'ru')).toEqual([
      'Лапшина Ирина Олеговна',
    ]);
    expect(persons('Заявитель\tЕлизарова-Ли В. Г. (защитник)\nДата поступления жалобы\t03.06.2026', 'ru')).toEqual([
      'Елизарова-Ли В. Г.',
    ]);
    expect(persons('Судья Томилина Е.А.                                Дело № 22-1180/2026', 'ru')).toEqual([
      'Томилина Е. А.',
    ]);
    expect(persons('Judge\tKolosova Vera Petrovna\tCase No. 1-55/2026', 'en')).toEqual(['Kolosova Vera Petrovna']);
  });
  it('reads surnames with initials after a plural noun in the genitive as men’s, and a name joined to one alike', () => {
    expect(persons('в составе судей Кулагина П.С. и Сафиуллина Р.Р., при секретаре Шубиной Е.В.', 'ru')).toEqual([
      'Кулагин П. С.',
      'Сафиуллин Р. Р.',
      'Шубина Е. В.',
    ]);
  });
});

describe('an encyclopaedia’s lead: stress marks and a title line', () => {
  it('reads a name whose vowels carry stress marks', () => {
    expect(persons('Ники́та Ильи́ч Заболо́тный (род. 1988) — российский журналист.', 'ru')).toEqual([
      'Никита Ильич Заболотный',
    ]);
  });

  it('ends a name at a line break before a common word', () => {
    const names = persons('Заболотный, Никита Ильич\nСтатья из энциклопедии о журналисте.', 'ru');
    expect(names.some((n) => /Статья/u.test(n))).toBe(false);
    expect(names).toContain('Никита Ильич');
  });
});

describe('a live blog’s time before a role noun, and a book’s author before his initials', () => {
  it('drops the role noun and the client’s surname after a time that opens the line', () => {
    const names = persons('11:20 Адвокат Носова Олег Рейнман просит оправдать подзащитного.', 'ru');
    expect(names).toContain('Олег Рейнман');
    expect(names.some((n) => /Адвокат|Олег.*Носов|Носов.*Олег/u.test(n))).toBe(false);
  });

  it('keeps the initials with the author, not with the title’s adjective after them', () => {
    const names = persons('1. Петров А. С. Пермский процесс: очерки. — Пермь, 2020.', 'ru');
    expect(names).toEqual(['Петров А. С.']);
  });
});

describe('a translated verdict’s names: the surname first in capitals, a digraph initial last', () => {
  it('reads "SURNAME Given Patronymic" as one person with the initials written elsewhere', () => {
    const names = persons(
      'The court considered the case against BELOUSOVA Yevgenia Petrovna, born in 1990. Belousova Ye.P. pleaded not guilty.',
      'en',
    );
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/Belousova/u);
  });

  it('reads a last digraph initial after another initial', () => {
    expect(persons('Her defence counsel, lawyer Kern A.Yu., presented a warrant.', 'en')).toEqual(['Kern A. Yu.']);
  });

  it('knows Varvara as a given name', () => {
    expect(persons('Police detained Varvara Belykh near the station.', 'en')).toEqual(['Varvara Belykh']);
  });
});

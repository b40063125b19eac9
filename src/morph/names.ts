/**
 * Russian personal names to the nominative, keeping gender.
 *
 * OpenCorpora (through az) knows common given names, patronymic stems and many surnames, but it normalises a
 * feminine surname to the masculine lemma (Кузнецову → кузнецов) and lacks many Central Asian and Caucasian
 * surnames. So every name word gets candidate readings — (gender, case, nominative) — from the dictionary and from
 * the surname declension patterns of Russian grammar (-ов/-ова, -ев/-ева, -ин/-ина, -ский/-ская, consonant stems,
 * indeclinable -ко/-их/-швили/-дзе, …), and the whole name takes the one (gender, case) that all its words agree on.
 */
import { type Gender, type GrammaticalCase, parseWord } from './parse-word.js';

export type NameRole = 'given' | 'patronymic' | 'surname' | 'initial';

export interface NameAnalysis {
  /** The name words in the nominative, in the input's order and capitalisation. */
  nominative: string[];
  gender: Gender | null;
  /** The case the input words were read in. */
  case: GrammaticalCase | null;
  roles: NameRole[];
}

export interface NameOptions {
  /** Known gender (from an agreeing word: «супруга», «заявила»). */
  gender?: Gender;
  /** Cases the context allows (a preposition or an agreeing noun: «правозащитника» → gent/accs). */
  cases?: GrammaticalCase[];
  /**
   * Gender and case pairs a word the name stands in apposition to agrees in («задержанной» → femn gent/datv/…,
   * «матери» → femn gent/datv/loct). Unlike `gender`, a pair counts only when every name word has a reading in it:
   * «матери Руслана Ниязова» names her son, whose name has no feminine genitive.
   */
  agreement?: Array<[Gender, GrammaticalCase]>;
  /** Roles when the caller knows them; otherwise guessed from the words. */
  roles?: NameRole[];
}

interface Reading {
  gender: Gender | 'any';
  case: GrammaticalCase | 'any';
  nominative: string;
  score: number;
}

const HYPOTHESIS_CASES: GrammaticalCase[] = ['nomn', 'gent', 'accs', 'datv', 'ablt', 'loct'];
const GENDERS: Gender[] = ['masc', 'femn'];

/** Surname endings of the -ов/-ев/-ин/-ский types: [ending, gender, cases, nominative ending]. */
const SURNAME_RULES: Array<[string, Gender, GrammaticalCase[], string]> = [];
for (const stem of ['ов', 'ев', 'ёв', 'ин', 'ын']) {
  SURNAME_RULES.push(
    [stem, 'masc', ['nomn'], stem],
    [`${stem}а`, 'masc', ['gent', 'accs'], stem],
    [`${stem}у`, 'masc', ['datv'], stem],
    [`${stem}ым`, 'masc', ['ablt'], stem],
    [`${stem}е`, 'masc', ['loct'], stem],
    [`${stem}а`, 'femn', ['nomn'], `${stem}а`],
    [`${stem}ой`, 'femn', ['gent', 'datv', 'ablt', 'loct'], `${stem}а`],
    [`${stem}у`, 'femn', ['accs'], `${stem}а`],
  );
}
for (const stem of ['ск', 'цк']) {
  SURNAME_RULES.push(
    [`${stem}ий`, 'masc', ['nomn'], `${stem}ий`],
    [`${stem}ого`, 'masc', ['gent', 'accs'], `${stem}ий`],
    [`${stem}ому`, 'masc', ['datv'], `${stem}ий`],
    [`${stem}им`, 'masc', ['ablt'], `${stem}ий`],
    [`${stem}ом`, 'masc', ['loct'], `${stem}ий`],
    [`${stem}ая`, 'femn', ['nomn'], `${stem}ая`],
    [`${stem}ой`, 'femn', ['gent', 'datv', 'ablt', 'loct'], `${stem}ая`],
    [`${stem}ую`, 'femn', ['accs'], `${stem}ая`],
  );
}
SURNAME_RULES.sort((a, b) => b[0].length - a[0].length);

/** Surnames that never decline (Шевченко, Черных, Гоглидзе, Окуджава is not one: it declines). */
const INDECLINABLE = /(?:ко|их|ых|швили|дзе|ия|у|ю|и|э|е|о)$/u;
const VOWELS = 'аеёиоуыэюяь';
const PATRONYMIC_MASC = /^(.*(?:ович|евич|ьич|ич))(|а|у|ем|е)$/u;
const PATRONYMIC_FEMN = /^(.*(?:овн|евн|ичн))(а|ы|е|у|ой)$/u;

/** Gender-marked nominative of a surname lemma: кузнецов → кузнецова (femn), достоевский → достоевская. */
function surnameForGender(lemma: string, gender: Gender): string {
  if (gender === 'masc') return lemma;
  if (/(?:ов|ев|ёв|ин|ын)$/u.test(lemma)) return `${lemma}а`;
  // Adjectival surnames (Достоевский, Горький, Толстой, Белый): -ая, or -яя on a soft stem (Синий → Синяя).
  if (/(?:ый|ой|[гкхжшчщ]ий)$/u.test(lemma)) return `${lemma.slice(0, -2)}ая`;
  if (/ий$/u.test(lemma)) return `${lemma.slice(0, -2)}яя`;
  return lemma;
}

/**
 * Readings of a surname that declines as an adjective and that neither the dictionary nor the -ов/-ин/-ский rules
 * know: `Сочинённого` → Сочинённый (gent/accs), `Несуществующему` → Несуществующий (datv), `Белую` → Белая (accs).
 * Only endings of the singular are read; -ых/-их (Черных, Седых), -ово and -аго (Дурново, Живаго) never match.
 */
function adjectivalSurnameReadings(lower: string): Reading[] {
  const out: Reading[] = [];
  for (const [ending, gender, cases, score] of ADJECTIVAL_ENDINGS) {
    if (!lower.endsWith(ending)) continue;
    const stem = lower.slice(0, lower.length - ending.length);
    // An adjective's stem ends in a consonant; three letters keep out short names (Ким, Том, Цой).
    if (stem.length < 3 || VOWELS.includes(stem.at(-1) ?? 'а') || stem.endsWith('й')) continue;
    const nominative = stem + adjectivalNominativeEnding(stem, ending, gender);
    for (const c of cases) out.push({ gender, case: c, nominative, score });
  }
  return out;
}

/**
 * [oblique ending, gender, cases, score]. The -ого/-его, -ому/-ему, -ую/-юю forms are scored above the 0.6 with which
 * an unknown word is read as it stands, since hardly a nominative surname ends so. The other endings are shared with
 * nominative surnames (Ибрагим, Рахым, Эрдем, Ислом; a man's Лихой, a Коробей) and only tie with that reading: the
 * given name's case, the context's case or a feminine verb has to choose them.
 */
const ADJECTIVAL_ENDINGS: Array<[string, Gender, GrammaticalCase[], number]> = [
  ['ого', 'masc', ['gent', 'accs'], 0.8],
  ['его', 'masc', ['gent', 'accs'], 0.8],
  ['ому', 'masc', ['datv'], 0.8],
  ['ему', 'masc', ['datv'], 0.8],
  ['ым', 'masc', ['ablt'], 0.6],
  ['им', 'masc', ['ablt'], 0.6],
  ['ом', 'masc', ['loct'], 0.6],
  ['ем', 'masc', ['loct'], 0.6],
  ['ой', 'femn', ['gent', 'datv', 'ablt', 'loct'], 0.6],
  ['ей', 'femn', ['gent', 'datv', 'ablt', 'loct'], 0.6],
  ['ую', 'femn', ['accs'], 0.8],
  ['юю', 'femn', ['accs'], 0.8],
];

/**
 * The nominative ending of an adjectival surname from its stem and oblique ending. A hard -ого may come from -ый,
 * -ий or -ой (Белого → Белый, Горького → Горький, Толстого → Толстой); we choose what most names take: -ий after
 * г/к/х (Russian spelling writes no -ы there), -ой after ж/ш/ч/щ (there an unstressed ending would be spelt -его,
 * so -ого is stressed: Большого → Большой), -ый otherwise. Stressed -ой surnames on other stems (Толстой,
 * Трубецкой) are rarer and mostly in the dictionary, which is asked first. A soft -его/-ему/-ем/-им is -ий
 * (Несуществующего, Синему, Горьким).
 */
function adjectivalNominativeEnding(stem: string, ending: string, gender: Gender): string {
  const last = stem.at(-1) ?? '';
  if (gender === 'femn') return ending === 'юю' || (ending === 'ей' && !'жшчщц'.includes(last)) ? 'яя' : 'ая';
  if (ending === 'ым') return 'ый';
  if (ending.startsWith('е') || ending === 'им' || 'гкх'.includes(last)) return 'ий';
  return 'жшчщ'.includes(last) ? 'ой' : 'ый';
}

/**
 * Frequent given names in Russia and its neighbours. OpenCorpora scores «Петра» as equally likely to be Пётр
 * (genitive) and Петра (nominative); where the dictionary cannot tell, the name people actually bear wins.
 */
const COMMON_GIVEN: Record<Gender, Set<string>> = {
  masc: new Set(
    'александр алексей анатолий андрей антон аркадий арсений артём артур богдан борис вадим валентин валерий василий виктор виталий владимир владислав всеволод вячеслав геннадий георгий герман глеб григорий давид даниил денис дмитрий евгений егор захар иван игорь илья кирилл константин лев леонид максим марат марк матвей михаил никита николай олег павел пётр роман руслан рустам рамиль ринат ильдар айдар азат тимур фарид эльдар ильнур данис ренат радик дамир нурлан ерлан бахтиёр шамиль магомед ахмед али ислам рашид семён сергей станислав степан тарас фёдор филипп юрий ярослав эдуард эмиль яков самуил зиновий заур аслан арсен мурад рамазан расул хасан саид умар ибрагим исмаил ильяс азамат алан'.split(
      ' ',
    ),
  ),
  femn: new Set(
    'александра алина алла алёна алиса альфия анастасия ангелина анна антонина валентина валерия вера вероника виктория галина дарья диана евгения екатерина елена елизавета жанна зарина зоя инна ирина карина кира кристина ксения лариса лейла лилия любовь людмила маргарита марина мария надежда наталья наталия нина оксана ольга полина раиса светлана софья софия таисия тамара татьяна ульяна юлия яна гульнара гульшат айгуль динара эльвира альбина регина лиана асель'.split(
      ' ',
    ),
  ),
};

function dictionaryReadings(word: string, tag: 'Name' | 'Surn'): Reading[] {
  const out: Reading[] = [];
  const parses = parseWord(titleCase(word)).filter(
    (p) => p.tags.includes(tag) && p.case && (p.gender === 'masc' || p.gender === 'femn') && p.number !== 'plur',
  );
  const top = Math.max(0, ...parses.map((p) => p.score));
  for (const p of parses) {
    const gender = p.gender as Gender;
    if (tag === 'Surn') {
      // A nominative is its own nominative: the lemma az guesses for an unknown «Подгорновая» (подгорновий) is not.
      let nominative = p.case === 'nomn' ? word : surnameForGender(p.lemma, gender);
      // A woman's surname that ends in a consonant never declines, so az's guess that «Ясинской» is the genitive of
      // a feminine «Ясинск» is no reading: the -ская rules read it.
      if (gender === 'femn' && nominative !== word && !VOWELS.includes(nominative.at(-1) ?? 'а')) continue;
      // A woman's adjectival surname in an oblique case: the ending says hard or soft, az's guessed lemma may not
      // (Подгорновую → Подгорновая, not the Подгорновяя of a guessed «подгорновий»).
      const oblique = /^(.*[^аеёиоуыэюя])(ую|ой|юю|ей)$/u.exec(word);
      if (gender === 'femn' && p.case !== 'nomn' && oblique && /(?:ый|ий|ой)$/u.test(p.lemma)) {
        const soft = (oblique[2] === 'юю' || oblique[2] === 'ей') && !/[жшчщц]$/u.test(oblique[1]!);
        nominative = `${oblique[1]}${soft ? 'яя' : 'ая'}`;
      }
      out.push({ gender, case: p.case!, nominative, score: 1 });
      continue;
    }
    const common = COMMON_GIVEN[gender].has(p.lemma) ? 0.3 : 0;
    out.push({ gender, case: p.case!, nominative: p.lemma, score: 0.5 + 0.5 * (p.score / (top || 1)) + common });
  }
  return out;
}

function surnameReadings(word: string): Reading[] {
  const lower = word.toLowerCase();
  const out = dictionaryReadings(lower, 'Surn');
  for (const [ending, gender, cases, nominativeEnding] of SURNAME_RULES) {
    if (lower.length > ending.length + 1 && lower.endsWith(ending)) {
      const nominative = lower.slice(0, lower.length - ending.length) + nominativeEnding;
      for (const c of cases) out.push({ gender, case: c, nominative, score: 0.8 });
    }
  }
  if (out.length > 0) return out;
  // Added to, not instead of, the readings below: the given name's case decides between Белом (loct) and Ислом.
  out.push(...adjectivalSurnameReadings(lower));
  if (INDECLINABLE.test(lower)) {
    // «Горобцу», «Зубку»: a man's dative with a fleeting vowel, which only the restored vowel tells from Шойгу.
    // Шойгу, Гогуа: the dictionary marks a surname that never declines, of either gender, as Fixd.
    const fixed = parseWord(titleCase(lower)).some((p) => p.tags.includes('Surn') && p.tags.includes('Fixd'));
    if (!fixed && /[^аеёиоуыэюяь][уюе]$/u.test(lower)) {
      const stem = lower.slice(0, -1);
      const grammaticalCase = lower.endsWith('е') ? 'loct' : 'datv';
      const oblique = masculineOblique(lower, lower.endsWith('ю') ? `${stem}ь` : stem, grammaticalCase, 0.7);
      if (oblique.nominative !== stem && oblique.nominative !== `${stem}ь`) out.push(oblique);
      else if (!lower.endsWith('ю')) {
        // «Мельнику», «Мельнике»: a man's consonant stem, just above the word as it stands, so that only a given name
        // in that case chooses it.
        out.push({ gender: 'masc', case: grammaticalCase, nominative: stem, score: 0.61 });
      }
      // «Дарье Кульбаке», «Дарью Кульбаку»: a woman's surname in -а (Кульбака, Сковорода) declines as her given name.
      const inA = `${stem}а`;
      if (lower.endsWith('е')) for (const c of ['datv', 'loct'] as const) out.push(femnInA(c, inA));
      if (lower.endsWith('у')) out.push(femnInA('accs', inA));
      // «Ивану Скрипке», «Ивана Скрипку»: a man's surname in -а declines the same way, and a man's consonant stem
      // has no dative in -е nor accusative in -у. Just below the consonant stem's readings, so «Мельнику» alone
      // stays Мельник's dative.
      if (lower.endsWith('е')) out.push({ gender: 'masc', case: 'datv', nominative: inA, score: 0.605 });
      if (lower.endsWith('у')) out.push({ gender: 'masc', case: 'accs', nominative: inA, score: 0.605 });
    }
    // «Дарьи Кульбаки»: the genitive of a surname in -а after г, к, х or a hushing consonant.
    if (!fixed && /[гкхжшчщ]и$/u.test(lower)) {
      out.push({ gender: 'any', case: 'gent', nominative: `${lower.slice(0, -1)}а`, score: 0.61 });
    }
    return [...out, { gender: 'any', case: 'any', nominative: lower, score: 0.6 }];
  }
  const last = lower.at(-1) ?? '';
  if (!VOWELS.includes(last)) {
    // Consonant stem (Гуревич, Пашинян, Ли): declines for men, not for women.
    out.push({ gender: 'masc', case: 'nomn', nominative: lower, score: 0.6 });
    out.push({ gender: 'femn', case: 'any', nominative: lower, score: 0.5 });
    // «Горобцом», «Лебедем»: a man's instrumental, below the nominative unless the given name's case asks for it.
    if (/[^аеёиоуыэюяь](?:ом|ем|ём)$/u.test(lower) && lower.length > 4) {
      out.push(masculineOblique(lower, lower.slice(0, -2), 'ablt', 0.4));
    }
    return out;
  }
  const stem = lower.slice(0, -1);
  const beforeLast = stem.at(-1) ?? '';
  const consonantStem = stem.length > 1 && !VOWELS.includes(beforeLast);
  if (consonantStem) {
    if (last === 'а') out.push(masculineOblique(lower, stem, 'gent', 0.4));
    if (last === 'а') out.push(masculineOblique(lower, stem, 'accs', 0.4));
    // «Анны Гайды», «Олега Сковороды»: the genitive of a surname in -а.
    if (last === 'ы') out.push({ gender: 'any', case: 'gent', nominative: `${stem}а`, score: 0.4 });
    if (last === 'у') out.push(masculineOblique(lower, stem, 'datv', 0.4));
    if (last === 'е') out.push(masculineOblique(lower, stem, 'loct', 0.3));
    // A soft stem (Гоголя, Лебедя, Журавля): the nominative ends in -ь.
    if (last === 'я') out.push(masculineOblique(lower, `${stem}ь`, 'gent', 0.4));
    if (last === 'я') out.push(masculineOblique(lower, `${stem}ь`, 'accs', 0.4));
    if (last === 'ю') out.push(masculineOblique(lower, `${stem}ь`, 'datv', 0.4));
  }
  out.push({ gender: 'any', case: 'any', nominative: lower, score: 0.2 });
  return out;
}

/** A woman's surname in -а read from an oblique case, just above the word as it stands (see surnameReadings). */
function femnInA(grammaticalCase: GrammaticalCase, nominative: string): Reading {
  return { gender: 'femn', case: grammaticalCase, nominative, score: 0.61 };
}

/**
 * A man's oblique surname form read back to its nominative, restoring a fleeting vowel: Горобца → Горобец,
 * Бойца → Боец, Зубка → Зубок, Журавля → Журавль, Орла → Орёл. `plain` is the stem without the ending; the
 * dictionary's common nouns (a surname in -ец/-ок/-ёл is mostly one: скворец, зубок, орёл) say where the vowel drops,
 * and for a stem it lacks, consonant + ц is read as -ец (Горобец, Кравец): a nominative ends so only in German names
 * with л/р/н before the ц (Шульц, Шварц, Кранц), which the dictionary knows as surnames.
 */
function masculineOblique(form: string, plain: string, grammaticalCase: GrammaticalCase, score: number): Reading {
  const reading = (nominative: string): Reading => ({ gender: 'masc', case: grammaticalCase, nominative, score });
  const base = plain.endsWith('ь') ? plain.slice(0, -1) : plain;
  for (const p of parseWord(form)) {
    if (p.pos !== 'NOUN' || p.gender !== 'masc' || p.number === 'plur' || p.case !== grammaticalCase) continue;
    if (p.lemma !== plain && dropsVowel(p.lemma, base)) return reading(p.lemma);
  }
  if (/[бвгдзкмпстфхчшщж]ц$/u.test(plain)) return reading(`${plain.slice(0, -1)}е${plain.slice(-1)}`);
  return reading(plain);
}

/** Whether `lemma` is `stem` with a vowel that drops in the oblique cases: горобец/горобц, боец/бойц, журавль. */
function dropsVowel(lemma: string, stem: string): boolean {
  const soft = lemma.endsWith('ь') ? lemma.slice(0, -1) : lemma;
  if (soft === stem) return true;
  if (soft.length !== stem.length + 1 && soft.length !== stem.length) return false;
  const vowelAt = soft.length - 2;
  if (!'еёо'.includes(soft[vowelAt] ?? '')) return false;
  const without = soft.slice(0, vowelAt) + soft.slice(vowelAt + 1);
  if (without === stem) return true;
  // Боец/бойца, Стрелец/стрельца: the vowel gives way to й or ь.
  return (
    soft.length === stem.length &&
    /[йь]/u.test(stem[vowelAt] ?? '') &&
    without === stem.slice(0, vowelAt) + stem.slice(vowelAt + 1)
  );
}

/** A man's given name in the oblique cases of the consonant declension: [ending, case]. */
const MASCULINE_GIVEN_ENDINGS: Array<[string, GrammaticalCase]> = [
  ['а', 'gent'],
  ['а', 'accs'],
  ['у', 'datv'],
  ['ом', 'ablt'],
  ['ем', 'ablt'],
  ['е', 'loct'],
];

function givenReadings(word: string): Reading[] {
  const lower = word.toLowerCase();
  const out = dictionaryReadings(lower, 'Name');
  // «Зауре»: the dictionary also has an indeclinable Зауре, but a known man's name with a case ending is that name
  // declined (Заур → Зауре, like Олег → Олеге).
  for (const [ending, grammaticalCase] of MASCULINE_GIVEN_ENDINGS) {
    if (!lower.endsWith(ending) || lower.length - ending.length < 3) continue;
    const stem = lower.slice(0, -ending.length);
    if (out.some((r) => r.gender === 'masc' && r.case === grammaticalCase && r.nominative === stem)) continue;
    // A frequent name the dictionary lacks (Данис, Нурлан) declines all the same: «друга Даниса» → Данис.
    const known =
      COMMON_GIVEN.masc.has(stem) ||
      parseWord(titleCase(stem)).some(
        (p) => p.tags.includes('Name') && p.gender === 'masc' && p.case === 'nomn' && p.lemma === stem,
      );
    if (known) {
      const common = COMMON_GIVEN.masc.has(stem) ? 0.3 : 0;
      out.push({ gender: 'masc', case: grammaticalCase, nominative: stem, score: 1 + common });
    }
  }
  // «Лейсан», «Гульназ»: women's names on a consonant do not decline, and the dictionary has some only as a man's.
  // Weakly, so a name it knows as a man's stays one unless the surname beside it is a woman's.
  if (
    /[бвгджзйклмнпрстфхцчшщ]$/u.test(lower) &&
    !COMMON_GIVEN.masc.has(lower) &&
    out.length > 0 &&
    !out.some((r) => r.gender === 'femn')
  ) {
    out.push({ gender: 'femn', case: 'any', nominative: lower, score: 0.3 });
  }
  if (out.length > 0) return out;
  // Names the dictionary lacks (Нурсултан, Айгерим): first-declension guesses, weakly.
  const last = lower.at(-1) ?? '';
  if (!VOWELS.includes(last)) {
    out.push({ gender: 'masc', case: 'nomn', nominative: lower, score: 0.5 });
    out.push({ gender: 'femn', case: 'any', nominative: lower, score: 0.3 });
  } else if (last === 'а' || last === 'я') {
    out.push({ gender: 'femn', case: 'nomn', nominative: lower, score: 0.4 });
    if (last === 'а') {
      out.push({ gender: 'masc', case: 'gent', nominative: lower.slice(0, -1), score: 0.4 });
      out.push({ gender: 'masc', case: 'accs', nominative: lower.slice(0, -1), score: 0.4 });
    }
  } else if (last === 'у') {
    out.push({ gender: 'masc', case: 'datv', nominative: lower.slice(0, -1), score: 0.3 });
    out.push({ gender: 'femn', case: 'accs', nominative: `${lower.slice(0, -1)}а`, score: 0.3 });
  }
  out.push({ gender: 'any', case: 'any', nominative: lower, score: 0.1 });
  return out;
}

function patronymicReadings(word: string): Reading[] {
  const lower = word.toLowerCase();
  const out: Reading[] = [];
  const masc = PATRONYMIC_MASC.exec(lower);
  if (masc) {
    const stem = masc[1] ?? '';
    const cases: Record<string, GrammaticalCase[]> = {
      '': ['nomn'],
      а: ['gent', 'accs'],
      у: ['datv'],
      ем: ['ablt'],
      е: ['loct'],
    };
    for (const c of cases[masc[2] ?? ''] ?? []) out.push({ gender: 'masc', case: c, nominative: stem, score: 1 });
  }
  const femn = PATRONYMIC_FEMN.exec(lower);
  if (femn) {
    const stem = femn[1] ?? '';
    const cases: Record<string, GrammaticalCase[]> = {
      а: ['nomn'],
      ы: ['gent'],
      е: ['datv', 'loct'],
      у: ['accs'],
      ой: ['ablt'],
    };
    for (const c of cases[femn[2] ?? ''] ?? []) out.push({ gender: 'femn', case: c, nominative: `${stem}а`, score: 1 });
  }
  return out;
}

/** az finds proper names only when capitalised as names are written: «олега» is not a Name, «Олега» is. */
function titleCase(word: string): string {
  const lower = word.toLowerCase();
  return (lower[0]?.toUpperCase() ?? '') + lower.slice(1);
}

function isInitial(word: string): boolean {
  return /^\p{Lu}\.?$/u.test(word);
}

function isPatronymic(word: string): boolean {
  const lower = word.toLowerCase();
  return PATRONYMIC_MASC.test(lower) || PATRONYMIC_FEMN.test(lower);
}

function hasNameReading(word: string): boolean {
  return parseWord(titleCase(word)).some((p) => p.tags.includes('Name'));
}

function hasSurnameReading(word: string): boolean {
  return parseWord(titleCase(word)).some((p) => p.tags.includes('Surn'));
}

/**
 * Whether a word is a form of a frequent given name: `isCommonGivenName('Кристину')` → true. Alone, «Кристина» and
 * «Марину» are given names, though they end like the surnames Кристин and Марин would in the feminine.
 */
export function isCommonGivenName(word: string): boolean {
  return parseWord(titleCase(word)).some(
    (p) =>
      p.tags.includes('Name') &&
      p.number !== 'plur' &&
      (p.gender === 'masc' || p.gender === 'femn') &&
      COMMON_GIVEN[p.gender].has(p.lemma),
  );
}

/** Guesses which word is the given name, patronymic and surname: «Кузнецов Олег Иванович», «О. Кузнецов». */
export function guessNameRoles(parts: string[]): NameRole[] {
  const roles: NameRole[] = parts.map((p) => (isInitial(p) ? 'initial' : 'surname'));
  const words = parts.map((_, i) => i).filter((i) => roles[i] !== 'initial');
  if (words.length === 1) {
    const i = words[0]!;
    const only = parts[i]!;
    if (
      isCommonGivenName(only) ||
      (hasNameReading(only) && !hasSurnameReading(only) && !/(?:ов|ев|ин|ова|ева|ина)$/u.test(only))
    ) {
      roles[i] = 'given';
    }
    return roles;
  }
  const patronymicAt = words.findIndex((i, k) => k > 0 && isPatronymic(parts[i]!));
  if (patronymicAt > 0) {
    roles[words[patronymicAt]!] = 'patronymic';
    roles[words[patronymicAt - 1]!] = 'given';
    return roles;
  }
  if (words.length >= 2) {
    const first = words[0]!;
    const last = words[words.length - 1]!;
    const firstIsName = hasNameReading(parts[first]!) && !hasSurnameReading(parts[first]!);
    const lastIsName = hasNameReading(parts[last]!) && !hasSurnameReading(parts[last]!);
    if (!firstIsName && lastIsName) roles[last] = 'given';
    else roles[first] = 'given';
  }
  return roles;
}

function readingsFor(word: string, role: NameRole): Reading[] {
  if (role === 'initial') return [{ gender: 'any', case: 'any', nominative: word, score: 1 }];
  if (role === 'patronymic') return patronymicReadings(word);
  if (role === 'given') return givenReadings(word);
  if (word.includes('-')) {
    // Double surnames decline in each part (Римского-Корсакова); read the last part, apply to all.
    const pieces = word.split('-');
    const lastReadings = surnameReadings(pieces.at(-1) ?? '');
    return lastReadings.map((r) => {
      const head = pieces.slice(0, -1).map((piece) => {
        const match = surnameReadings(piece).find(
          (x) => (x.gender === r.gender || x.gender === 'any') && (x.case === r.case || x.case === 'any'),
        );
        return match ? match.nominative : piece.toLowerCase();
      });
      return { ...r, nominative: [...head, r.nominative].join('-') };
    });
  }
  return surnameReadings(word);
}

/**
 * Whether a name word can be read in the given role, gender and case, beyond the weak guesses made for any word:
 * `canReadNameAs('Кашапов', 'surname', 'femn', 'datv')` → false, `canReadNameAs('Гарифовой', 'surname', 'femn',
 * 'datv')` → true.
 */
export function canReadNameAs(word: string, role: NameRole, gender: Gender, grammaticalCase: GrammaticalCase): boolean {
  return readingsFor(word, role).some(
    (r) =>
      r.score > 0.25 && (r.gender === gender || r.gender === 'any') && (r.case === grammaticalCase || r.case === 'any'),
  );
}

/** Applies the input's capitalisation (Title, UPPER) and its ё/е spelling to a lower-case nominative. */
function restyle(original: string, nominative: string): string {
  let out = nominative;
  if (!/ё/iu.test(original)) out = out.replace(/ё/gu, 'е');
  if (original.length > 1 && original === original.toUpperCase() && original !== original.toLowerCase()) {
    return out.toUpperCase();
  }
  return out
    .split('-')
    .map((piece, i) => {
      const source = original.split('-')[i] ?? original;
      const capital = source.length > 0 && source[0] !== source[0]?.toLowerCase();
      return capital ? (piece[0]?.toUpperCase() ?? '') + piece.slice(1) : piece;
    })
    .join('-');
}

/**
 * Reads a Russian personal name: roles, gender, case and the nominative of each word.
 * `analyzeName(['Ольгу', 'Кузнецову'])` → { nominative: ['Ольга', 'Кузнецова'], gender: 'femn', case: 'accs',
 * roles: ['given', 'surname'] }. Latin-script words are returned unchanged.
 */
export function analyzeName(parts: string[], options: NameOptions = {}): NameAnalysis {
  // Memoized: the same name recurs across a document and across documents; callers get their own copy.
  const key = `${parts.join('\u0001')}|${options.gender ?? ''}|${options.cases?.join(',') ?? ''}|${options.roles?.join(',') ?? ''}|${options.agreement?.join(';') ?? ''}`;
  let hit = analysisCache.get(key);
  if (!hit) {
    hit = analyzeNameUncached(parts, options);
    if (analysisCache.size >= ANALYSIS_CACHE_LIMIT) analysisCache.clear();
    analysisCache.set(key, hit);
  }
  return { nominative: [...hit.nominative], gender: hit.gender, case: hit.case, roles: [...hit.roles] };
}

const ANALYSIS_CACHE_LIMIT = 50_000;
const analysisCache = new Map<string, NameAnalysis>();

function analyzeNameUncached(parts: string[], options: NameOptions): NameAnalysis {
  const roles = options.roles ?? guessNameRoles(parts);
  if (parts.length === 0 || !parts.some((p) => /\p{Script=Cyrillic}/u.test(p))) {
    return { nominative: [...parts], gender: null, case: null, roles };
  }
  const readings = parts.map((p, i) => (/\p{Script=Cyrillic}/u.test(p) ? readingsFor(p, roles[i] ?? 'surname') : []));
  let best: { score: number; gender: Gender; case: GrammaticalCase; picks: Array<Reading | null> } | null = null;
  for (const gender of GENDERS) {
    for (const grammaticalCase of HYPOTHESIS_CASES) {
      let score = 0;
      const picks: Array<Reading | null> = [];
      for (const list of readings) {
        let pick: Reading | null = null;
        for (const r of list) {
          if ((r.gender === gender || r.gender === 'any') && (r.case === grammaticalCase || r.case === 'any')) {
            if (!pick || r.score > pick.score) pick = r;
          }
        }
        picks.push(pick);
        score += pick ? pick.score : list.length === 0 ? 0 : -1;
      }
      if (options.gender === gender) score += 2;
      const complete = picks.every((pick, k) => pick !== null || readings[k]!.length === 0);
      if (complete && options.agreement?.some(([g, c]) => g === gender && c === grammaticalCase)) score += 2;
      if (options.cases?.includes(grammaticalCase)) score += 0.75;
      // Ties: a word that can be read as it stands is most often meant so; men outnumber women in these reports.
      if (grammaticalCase === 'nomn') score += 0.05;
      if (gender === 'masc') score += 0.01;
      if (!best || score > best.score) best = { score, gender, case: grammaticalCase, picks };
    }
  }
  const chosen = best!;
  const nominative = parts.map((p, i) => {
    const pick = chosen.picks[i];
    return pick ? restyle(p, pick.nominative) : p;
  });
  return { nominative, gender: chosen.gender, case: chosen.case, roles };
}

/**
 * Inflected name words → the nominative, keeping gender.
 * `nominativeOfName(['Ольгу', 'Кузнецову'])` → ['Ольга', 'Кузнецова'];
 * `nominativeOfName(['Олега', 'Кузнецова'])` → ['Олег', 'Кузнецов'];
 * `nominativeOfName(['Кузнецову'], 'femn')` → ['Кузнецова'];
 * `nominativeOfName(['Абдуллаевым'])` → ['Абдуллаев'] (unknown surnames by the -ов/-ев/-ин/-ский patterns).
 */
export function nominativeOfName(
  parts: string[],
  gender?: Gender,
  options: Omit<NameOptions, 'gender'> = {},
): string[] {
  return analyzeName(parts, gender ? { ...options, gender } : options).nominative;
}

/**
 * Russian and English date expressions, found in one sentence's text. Each match says what the words state —
 * day, month or year, or an offset from another date — and never more: «в ноябре 2020 года» is 2020-11, not a day.
 * Resolution against the document's own dates and the reference date is in date-resolver.ts.
 *
 * Written by hand rather than over chrono-node: chrono's Russian misses «Вечером 9 мая 2022 года», «накануне» and
 * most relative phrases, and one grammar for both languages keeps the rules and their tests side by side.
 */

export type DateExpression =
  /** Explicit calendar fields; a missing year is taken from context. */
  | {
      kind: 'absolute';
      year: number | null;
      month: number | null;
      day: number | null;
      shiftDays?: number;
      /** Years from the reference year, said in words: «в мае прошлого года» −1, "in May this year" 0. */
      yearOffset?: number;
      /** "last April": the last such month before the reference's own month. */
      lastOne?: boolean;
      /** "Mon 23 Nov", «пт, 27.11»: the weekday said with the day, which picks the year when none is said. */
      weekday?: number;
      /** «25.11» in a digest: what a report tells of, so on or before the reference date when the year is not said. */
      onOrBefore?: boolean;
    }
  /** Days from the reference (publication) date: «сегодня» 0, «вчера» −1, "tomorrow" +1. */
  | { kind: 'deictic'; days: number; unit: 'day' | 'week' | 'month' | 'year' }
  /**
   * A weekday: the most recent past (or same-day) one before the reference date ("on Monday", «в понедельник»), or
   * the next one when the sentence speaks of the future ("will rule on Thursday", «суд решит в среду»).
   */
  | {
      kind: 'weekday';
      weekday: number;
      future?: boolean;
      past?: boolean;
      /** «в среду на прошлой неделе», "on Wednesday last week": that weekday of the week so many weeks off. */
      week?: number;
      /** "on Tuesday last week, the 17th", «во вторник, 17-го»: the day of the month said with it fixes the week. */
      dayOfMonth?: number;
    }
  /** Days from the date the narrative is at: «накануне» −1, "two days later" +2, "the same evening" 0. */
  | { kind: 'anaphoric'; days: number };

export interface DateMatch {
  start: number;
  end: number;
  expression: DateExpression;
  /** Matches made together (the two ends of a range) may overlap each other. */
  group?: number;
  /** A deadline, not an event: «до 26 февраля», "until 20 January 2021". Never anchors a year-less date. */
  until?: boolean;
  /**
   * Points forward from the narrative's date: a deadline («до 14 мая», "until January 22"), a date something was put
   * off or set for («перенесли на 2 апреля», "postponed to January 22"), or a date in a clause about the future
   * («заседание состоится 5 мая», "will be heard on 3 March"). A year-less one is the next such date, not the last.
   */
  forward?: boolean;
  /** The explicit year came with a preposition («в марте 2020 года», "in April 2017") rather than as an attribute. */
  framed?: boolean;
  /**
   * Opens a dated entry (dates/entries.ts): a timeline's heading line ("2 OCTOBER", «13 ноября — уточнение», "The day
   * before") or a line led by its date ("12 March: searches at …"); or an e-mail's "Date:" header over its message.
   */
  heading?: 'timeline' | 'mail';
  /** The number of the dated entry whose text holds the date, if any. */
  entry?: number;
  /** When the text was mended ("Correction, 6 October:"), not where the story is: it anchors nothing. */
  noAnchor?: boolean;
}

const RU_MONTHS: Array<[RegExp, number]> = [
  [/^январ/u, 1],
  [/^феврал/u, 2],
  [/^март/u, 3],
  [/^апрел/u, 4],
  [/^ма[йяе]/u, 5],
  [/^июн/u, 6],
  [/^июл/u, 7],
  [/^август/u, 8],
  [/^сентябр/u, 9],
  [/^октябр/u, 10],
  [/^ноябр/u, 11],
  [/^декабр/u, 12],
];
const EN_MONTHS: Record<string, number> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};

const RU_MONTH =
  '(январ[яеь]|феврал[яеь]|март[аеа]?|апрел[яеь]|ма[яйе]|июн[яеь]|июл[яеь]|август[аеа]?|сентябр[яеь]|октябр[яеь]|ноябр[яеь]|декабр[яеь])';
const RU_YEAR = '(?:\\s+(\\d{4})(?:\\s*(?:года|году|год|г\\.|гг\\.|г(?![\\p{L}])))?)?';
/** A month's name as written in running text, or in capitals as a timeline's headings write it ("2 OCTOBER"). */
const EN_MONTH =
  '(January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?|' +
  'JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)';
const ORD = '(?:st|nd|rd|th)?';
const L = '(?<![\\p{L}\\p{N}])';
const R = '(?![\\p{L}\\p{N}])';

const RU_NUMBER_WORDS: Record<string, number> = {
  один: 1,
  одну: 1,
  два: 2,
  две: 2,
  три: 3,
  четыре: 4,
  пять: 5,
  шесть: 6,
  семь: 7,
  восемь: 8,
  девять: 9,
  десять: 10,
};
const EN_NUMBER_WORDS: Record<string, number> = {
  one: 1,
  a: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
};

/** A count of days or weeks, in digits or in words up to ten: '3', 'три', 'две', 'a', 'ten'. Null for anything else. */
export function smallCount(word: string): number | null {
  if (/^\d{1,2}$/u.test(word)) return Number(word);
  const lower = word.toLowerCase();
  if (Object.hasOwn(RU_NUMBER_WORDS, lower)) return RU_NUMBER_WORDS[lower]!;
  return Object.hasOwn(EN_NUMBER_WORDS, lower) ? EN_NUMBER_WORDS[lower]! : null;
}
const RU_WEEKDAYS: Array<[RegExp, number]> = [
  [/^понедельник/u, 1],
  [/^вторник/u, 2],
  [/^сред/u, 3],
  [/^четверг/u, 4],
  [/^пятниц/u, 5],
  [/^суббот/u, 6],
  [/^воскресень/u, 0],
];
const EN_WEEKDAYS: Record<string, number> = {
  sunday: 0,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
};

function ruMonth(word: string): number | null {
  const lower = word.toLowerCase();
  for (const [re, n] of RU_MONTHS) if (re.test(lower)) return n;
  return null;
}

function enMonth(word: string): number | null {
  return EN_MONTHS[word.toLowerCase().replace('.', '')] ?? null;
}

function num(s: string | undefined): number | null {
  if (s === undefined || s === '') return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

function validDay(day: number | null, month: number | null): boolean {
  return day === null || (day >= 1 && day <= 31 && month !== null);
}

function twoDigitYear(y: number): number {
  return y < 100 ? (y < 50 ? 2000 + y : 1900 + y) : y;
}

type Rule = { re: RegExp; make: (m: RegExpExecArray) => DateMatch[] | null; hint?: RegExp };

const DIGIT_HINT = /\d/;
/** A part of a month, before its name: «в начале марта», «с середины мая», «до конца апреля». */
const RU_MONTH_PART = '(?:конце|начале|середине|конца|начала|середины|половине|половины)';
const RU_REL_YEAR = '(этого|текущего|нынешнего|прошлого|позапрошлого|следующего|будущего)';
const RU_YEAR_OFFSET = (word: string): number => {
  const w = word.toLowerCase();
  return w.startsWith('позапрош') ? -2 : w.startsWith('прош') ? -1 : /^(?:след|буд)/u.test(w) ? 1 : 0;
};
const RU_INSTRUMENTAL_NUMBERS: Record<string, number> = { двумя: 2, тремя: 3, четырьмя: 4, пятью: 5 };

/** Two months of one year, the year said once after the second («март — июнь 2025 г.»). */
function monthRange(m: RegExpExecArray, a: number | null, b: number | null, year: number | null): DateMatch[] | null {
  if (a === null || b === null || year === null || a >= b || year < 1900 || year > 2100) return null;
  const end = m.index + m[0].length;
  const second = groupSpan(m, m[2]!, m.index + m[0].indexOf(m[1]!) + m[1]!.length);
  return [
    { start: m.index, end, expression: { kind: 'absolute', year, month: a, day: null } },
    { start: second.start, end, expression: { kind: 'absolute', year, month: b, day: null } },
  ];
}

/** N days (or weeks, months, years) before the reference date: «два дня назад», "a week ago". */
function agoMatch(m: RegExpExecArray, n: number | null, unitWord: string): DateMatch[] | null {
  if (n === null) return null;
  const w = unitWord.toLowerCase();
  const unit = /^(?:дн|день|day)/u.test(w)
    ? 'day'
    : /^(?:недел|week)/u.test(w)
      ? 'week'
      : /^(?:месяц|month)/u.test(w)
        ? 'month'
        : 'year';
  return [{ start: m.index, end: m.index + m[0].length, expression: { kind: 'deictic', days: -n, unit } }];
}

/** Two years of a range, «в 2022–2023 годах»: the first from the start, the second from its own digits. */
function yearRange(m: RegExpExecArray): DateMatch[] | null {
  const a = num(m[1])!;
  const b = num(m[2])!;
  if (a >= b || a < 1900 || b > 2100) return null;
  const end = m.index + m[0].length;
  const second = groupSpan(m, m[2]!, m.index + m[0].indexOf(m[1]!) + m[1]!.length);
  return [
    { start: m.index, end, expression: { kind: 'absolute', year: a, month: null, day: null } },
    { start: second.start, end, expression: { kind: 'absolute', year: b, month: null, day: null } },
  ];
}

/** A day without its month («12-го числа», "on the 12th"): the month is the narrative's. */
function dayOfMonth(m: RegExpExecArray, day: number | null): DateMatch[] | null {
  if (day === null || day < 1 || day > 31) return null;
  return [
    { start: m.index, end: m.index + m[0].length, expression: { kind: 'absolute', year: null, month: null, day } },
  ];
}

const abs = (m: RegExpExecArray, year: number | null, month: number | null, day: number | null): DateMatch[] | null =>
  validDay(day, month) && (month === null || (month >= 1 && month <= 12))
    ? [{ start: m.index, end: m.index + m[0].length, expression: { kind: 'absolute', year, month, day } }]
    : null;

/** Offset of a group inside the match, found by searching after the previous group (groups are in text order). */
function groupSpan(m: RegExpExecArray, group: string, from: number): { start: number; end: number } {
  const at = m[0].indexOf(group, from - m.index);
  const start = m.index + (at < 0 ? 0 : at);
  return { start, end: start + group.length };
}

/** A day and month said without a year («25.11», "Fri 27/11"), with the weekday said beside it, if any. */
function dayMonth(
  m: RegExpExecArray,
  day: number | null,
  month: number | null,
  extra: { weekday?: number; year?: number | null; numeric?: boolean } = {},
): DateMatch[] | null {
  const year = extra.year ?? null;
  const made = abs(m, year, month, day);
  const e = made?.[0]?.expression;
  if (e?.kind !== 'absolute' || day === null) return made;
  if (extra.weekday !== undefined) e.weekday = extra.weekday;
  // Digits alone («25.11») are a digest's or a table's: a day already past. Words ("23 Nov") keep the usual reading.
  if (extra.numeric !== false && year === null) e.onOrBefore = true;
  return made;
}

/**
 * An article's or a clause's number, not a date: after «ст.», «ч.», «п.», «№», "Art.", "Article", "Part", "pt",
 * "No." or "§", or after other numbers of the same list («ст. 20.2, 20.12», "Articles 20.2 and 20.12").
 */
const RU_ARTICLE_BEFORE =
  '(?<!(?<![\\p{L}])(?:ст|ч|п|пп|стат\\p{L}*|пункт\\p{L}*|част\\p{L}*|№)\\.?\\s?(?:\\d+(?:\\.\\d+)*\\s*(?:,|и|или|–|-)\\s*)*)';
const EN_ARTICLE_BEFORE =
  '(?<!(?<![\\p{L}])(?:art|arts|articles?|parts?|pts?|paras?|paragraphs?|sections?|secs?|clauses?|items?|nos?|nr|chapters?|ch|pp?|№|§)\\.?\\s?(?:\\d+(?:\\.\\d+)*\\s*(?:,|and|or|&|–|-)\\s*)*)';

/** Weekdays said before a date: "Mon 23 Nov", "Friday, 27 November", «пт, 27.11», «в понедельник, 30 ноября». */
const EN_WEEKDAY_WORD =
  '(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun)';
const RU_WEEKDAY_WORD = '(понедельник|вторник|сред[ау]|четверг|пятниц[ау]|суббот[ау]|воскресенье|пн|вт|ср|чт|пт|сб|вс)';
const RU_WEEKDAY_ABBR: Record<string, number> = { пн: 1, вт: 2, ср: 3, чт: 4, пт: 5, сб: 6, вс: 0 };
const EN_WEEKDAY_ABBR: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

function ruWeekday(word: string): number | null {
  const w = word.toLowerCase();
  return RU_WEEKDAY_ABBR[w] ?? RU_WEEKDAYS.find(([re]) => re.test(w))?.[1] ?? null;
}

/** Ordinal stems in words, those that begin another («шестидесят-», «шест-») first: «двадцать восьмого». */
const RU_ORDINAL_STEMS: Array<[string, number]> = [
  ['одиннадцат', 11],
  ['двенадцат', 12],
  ['тринадцат', 13],
  ['четырнадцат', 14],
  ['пятнадцат', 15],
  ['шестнадцат', 16],
  ['семнадцат', 17],
  ['восемнадцат', 18],
  ['девятнадцат', 19],
  ['двадцат', 20],
  ['тридцат', 30],
  ['сороков', 40],
  ['пятидесят', 50],
  ['шестидесят', 60],
  ['семидесят', 70],
  ['восьмидесят', 80],
  ['девяност', 90],
  ['двухтысячн', 2000],
  ['перв', 1],
  ['втор', 2],
  ['трет', 3],
  ['четв[её]рт', 4],
  ['пят', 5],
  ['шест', 6],
  ['седьм', 7],
  ['восьм', 8],
  ['девят', 9],
  ['десят', 10],
];
const RU_CARDINALS: Record<string, number> = {
  две: 2,
  двадцать: 20,
  тридцать: 30,
  сорок: 40,
  пятьдесят: 50,
  шестьдесят: 60,
  семьдесят: 70,
  восемьдесят: 80,
  девяносто: 90,
  девятьсот: 900,
  тысяча: 1000,
};
const RU_ORDINAL_STEM = `(?:${RU_ORDINAL_STEMS.map(([s]) => s).join('|')})`;
/** The stems as patterns anchored at a word's start, compiled once. */
const RU_ORDINAL_STEM_STARTS: Array<[RegExp, number]> = RU_ORDINAL_STEMS.map(([s, n]) => [new RegExp(`^${s}`, 'u'), n]);
/** A day's ordinal: genitive «восьмого», «третьего» (the date), or nominative «восьмое», «третье» («сегодня …»). */
const RU_DAY_WORDS = `((?:(?:двадцать|тридцать)\\s+)?${RU_ORDINAL_STEM}(?:ь?его|ого|ое|ье))`;
/** A year in words: «две тысячи двадцать шестого», «тысяча девятьсот девяносто восьмом», «двухтысячного». */
const RU_YEAR_WORDS =
  '((?:тысяча\\s+девятьсот|две\\s+тысячи)(?:\\s+(?:двадцать|тридцать|сорок|пятьдесят|шестьдесят|семьдесят|восемьдесят|девяносто))?\\s+' +
  `${RU_ORDINAL_STEM}(?:ь?его|ого|ом|ьем|ый|ий|ой)|двухтысячн(?:ого|ом|ый))`;

/** A day's ordinal in the genitive alone: «девятого», «двадцать девятого». */
const RU_DAY_GENITIVE = `((?:(?:двадцать|тридцать)\\s+)?${RU_ORDINAL_STEM}(?:ь?его|ого))`;
/** A year's last two digits in words, before their ending: «двадцать втор-», «девятнадцат-», «девяност-». */
const RU_SHORT_YEAR_WORDS = `(?:(?:двадцать|тридцать|сорок|пятьдесят|шестьдесят|семьдесят|восемьдесят|девяносто)\\s+)?${RU_ORDINAL_STEM}`;
/** A weekday after «в» / «во». */
const RU_WEEKDAY_ACC = '(?:понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)';

/** The number Russian words say: «двадцать восьмого» 28, «две тысячи двадцать шестого» 2026. Null if one is unknown. */
function ruWordsNumber(phrase: string): number | null {
  let total = 0;
  let pending = 0;
  for (const word of phrase.toLowerCase().split(/\s+/u)) {
    if (word.startsWith('тысяч') && word !== 'тысяча') {
      total += (pending || 1) * 1000;
      pending = 0;
    } else if (Object.hasOwn(RU_CARDINALS, word)) {
      if (word === 'две') pending = 2;
      else total += RU_CARDINALS[word]!;
    } else {
      const stem = RU_ORDINAL_STEM_STARTS.find(([start]) => start.test(word));
      if (!stem) return null;
      total += stem[1];
    }
  }
  return total + pending;
}

const EN_ORDINALS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
  twentieth: 20,
  thirtieth: 30,
};
const EN_TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
/** English number words from one (and "a") to nineteen; the sentence-term finder reads years with them too. */
export const EN_UNITS_AND_TEENS: Record<string, number> = {
  ...EN_NUMBER_WORDS,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const EN_UNIT_ORDINAL = '(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)';
/** "twenty-eighth", "twenty eighth", "thirty-first", "twelfth". */
const EN_DAY_WORDS = `((?:twenty|thirty)[-\\s]?${EN_UNIT_ORDINAL}|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|${EN_UNIT_ORDINAL})`;
/** "two thousand and twenty-six", "two thousand twenty six", "two thousand and nine". */
const EN_YEAR_WORDS =
  '(two\\s+thousand(?:\\s+and)?(?:\\s+(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\\s](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|one|two|three|four|five|six|seven|eight|nine))?)';

/** The number English words say: "twenty-eighth" 28, "two thousand and twenty-six" 2026. */
function enWordsNumber(phrase: string): number | null {
  let total = 0;
  for (const word of phrase.toLowerCase().split(/[-\s]+/u)) {
    if (word === 'and') continue;
    if (word === 'thousand') total = (total || 1) * 1000;
    else if (Object.hasOwn(EN_ORDINALS, word)) total += EN_ORDINALS[word]!;
    else if (Object.hasOwn(EN_TENS, word)) total += EN_TENS[word]!;
    else if (Object.hasOwn(EN_UNITS_AND_TEENS, word)) total += EN_UNITS_AND_TEENS[word]!;
    else return null;
  }
  return total;
}

/** A day and month in words, with the year in digits or in words: the day must be 1–31, the year 1900–2100. */
function wordsDate(
  m: RegExpExecArray,
  day: number | null,
  month: number | null,
  year: number | null,
): DateMatch[] | null {
  if (day === null || day < 1 || day > 31) return null;
  if (year !== null && (year < 1900 || year > 2100)) return null;
  return abs(m, year, month, day);
}

/** «03.2026», "03.2026" in a table: a month and its year, never after a number sign or an article's word. */
const MONTH_YEAR_RULE: Rule = {
  re: new RegExp(
    `(?<![\\p{L}\\p{N}.,/-])${RU_ARTICLE_BEFORE}${EN_ARTICLE_BEFORE}(0[1-9]|1[0-2])\\.((?:19|20)\\d\\d)(?![\\p{N}]|[.,]\\d)(?!\\s*(?:%|руб|rub|км|km|кг|kg))`,
    'giu',
  ),
  hint: /\d\.(?:19|20)\d\d/,
  make: (m) => abs(m, num(m[2]), num(m[1]), null),
};

/** "2025" alone on its line: a timeline's heading over the year's entries («2025», "2019:"). */
const YEAR_LINE_RULE: Rule = {
  re: /^\s*((?:19|20)\d\d)(?=\s*[:.]?\s*$)/gu,
  hint: /^\s*\d{4}\s*[:.]?\s*$/,
  make: (m) => abs(m, num(m[1]), null, null),
};

const RU_RULES: Rule[] = [
  // «с 3 по 5 марта 2023 года», «с 1 до 10 мая», «3–5 марта»: both ends.
  {
    re: new RegExp(`${L}(?:с\\s+)?(\\d{1,2})\\s*(?:-|–|—|по|до|и)\\s*(\\d{1,2})\\s+${RU_MONTH}${RU_YEAR}${R}`, 'giu'),
    make: (m) => {
      const month = ruMonth(m[3]!);
      const year = num(m[4]);
      const a = num(m[1]);
      const b = num(m[2]);
      if (!validDay(a, month) || !validDay(b, month) || (a ?? 0) >= (b ?? 0)) return null;
      const second = groupSpan(m, m[2]!, m.index + m[0].indexOf(m[1]!) + m[1]!.length);
      return [
        { start: m.index, end: m.index + m[0].length, expression: { kind: 'absolute', year, month, day: a } },
        { start: second.start, end: m.index + m[0].length, expression: { kind: 'absolute', year, month, day: b } },
      ];
    },
  },
  // «в ночь на 3 апреля»: the night before the named day.
  {
    re: new RegExp(`${L}в\\s+ночь\\s+(?:с\\s+\\d{1,2}\\s+)?на\\s+(\\d{1,2})\\s+${RU_MONTH}${RU_YEAR}${R}`, 'giu'),
    make: (m) => {
      const day = num(m[1]);
      const month = ruMonth(m[2]!);
      if (!validDay(day, month)) return null;
      return [
        {
          start: m.index,
          end: m.index + m[0].length,
          expression: { kind: 'absolute', year: num(m[3]), month, day, shiftDays: -1 },
        },
      ];
    },
  },
  // «9 мая 2022 года», «2 октября», «1-го апреля»
  {
    re: new RegExp(`${L}(\\d{1,2})(?:-?го)?\\s+${RU_MONTH}${RU_YEAR}${R}`, 'giu'),
    make: (m) => abs(m, num(m[3]), ruMonth(m[2]!), num(m[1])),
  },
  // «в ноябре 2020 года», «в апреле», «ноябрь 2020»
  {
    re: new RegExp(`${L}(?:(?:в|во|с|до|к|по|${RU_MONTH_PART})\\s+)?${RU_MONTH}${RU_YEAR}${R}`, 'giu'),
    make: (m) => {
      const word = m[1]!.toLowerCase();
      // «мая» alone is too often the verb-free genitive of a name; «март» etc. need a year or a preposition.
      const hasPreposition = new RegExp(`^(?:в|во|с|до|к|по|${RU_MONTH_PART})\\s`, 'iu').test(m[0]);
      if (!m[2] && !hasPreposition) return null;
      // «с начала мая», «в середине мая» are the month; «до мая» alone may still be a name («до Мая»).
      const part = new RegExp(`^(?:во?|${RU_MONTH_PART})\\s`, 'iu').test(m[0]);
      if (!m[2] && /^ма[йя]$/u.test(word) && !part) return null;
      return abs(m, num(m[2]), ruMonth(word), null);
    },
  },
  // «12.10.2023», «12.10.23»
  {
    re: new RegExp(`${L}(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4}|\\d{2})${R}(?!\\.\\d)`, 'gu'),
    make: (m) => abs(m, twoDigitYear(num(m[3])!), num(m[2]), num(m[1])),
  },
  // ISO «2023-10-12»
  { re: /(?<![\p{N}-])(\d{4})-(\d{2})-(\d{2})(?![\p{N}-])/gu, make: (m) => abs(m, num(m[1]), num(m[2]), num(m[3])) },
  // «в 2020 году», «2019 г.», «2022 года»
  {
    re: new RegExp(
      `${L}(?:(?:в|с|до|к|по)\\s+)?(\\d{4})(?:-?(?:м|го|й))?\\s*(?:года|году|год|г\\.|гг\\.|г(?![\\p{L}]))`,
      'giu',
    ),
    make: (m) => {
      const y = num(m[1])!;
      return y >= 1900 && y <= 2100 ? abs(m, y, null, null) : null;
    },
  },
  {
    re: new RegExp(
      `${L}(сегодня|сегодняшн\\p{L}*|вчера|вчерашн\\p{L}*|позавчера|завтра|завтрашн\\p{L}*|послезавтра)${R}`,
      'giu',
    ),
    make: (m) => {
      const w = m[1]!.toLowerCase();
      const days = w.startsWith('сегодн')
        ? 0
        : w.startsWith('вчера') || w.startsWith('вчерашн')
          ? -1
          : w === 'позавчера'
            ? -2
            : w === 'послезавтра'
              ? 2
              : 1;
      return [{ start: m.index, end: m.index + m[0].length, expression: { kind: 'deictic', days, unit: 'day' } }];
    },
  },
  {
    re: new RegExp(
      `${L}(?:на|в)\\s+(прошлой|прошедшей|этой|текущей|следующей)\\s+неделе|${L}в\\s+(прошлом|этом|текущем|следующем)\\s+(месяце|году)`,
      'giu',
    ),
    make: (m) => {
      const which = (m[1] ?? m[2] ?? '').toLowerCase();
      const unit = m[1] ? 'week' : m[3]?.toLowerCase() === 'году' ? 'year' : 'month';
      const days = which.startsWith('прош') ? -1 : which.startsWith('след') ? 1 : 0;
      return [{ start: m.index, end: m.index + m[0].length, expression: { kind: 'deictic', days, unit } }];
    },
  },
  {
    re: new RegExp(
      `${L}(?:в|во)\\s+(?:(прошл\\p{L}+|минувш\\p{L}+|эт[уо]т?|следующ\\p{L}+|ближайш\\p{L}+)\\s+)?(понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)${R}(?!\\s*,?\\s*\\d{1,2}\\s)`,
      'giu',
    ),
    make: (m) => {
      const w = m[2]!.toLowerCase();
      const weekday = RU_WEEKDAYS.find(([re]) => re.test(w))?.[1];
      // «в следующий вторник», «в ближайшую пятницу» are ahead; «в прошлую пятницу» is read as past below.
      const future = /^(?:след|ближ)/iu.test(m[1] ?? '') || undefined;
      return weekday === undefined
        ? null
        : [{ start: m.index, end: m.index + m[0].length, expression: { kind: 'weekday', weekday, future } }];
    },
  },
  {
    re: new RegExp(
      `${L}(накануне|на\\s+следующ(?:ий|ее|ей)\\s+(?:день|утро|вечер|неделе)|наутро|на\\s+другой\\s+день|в\\s+тот\\s+же\\s+(?:день|вечер)|тем\\s+же\\s+(?:вечером|днём|днем|утром)|в\\s+этот\\s+же\\s+день)${R}(?!\\s+(?:\\d|суда|заседани|приговор|акци|выбор))`,
      'giu',
    ),
    make: (m) => {
      const w = m[1]!.toLowerCase();
      const days = w === 'накануне' ? -1 : w.includes('след') || w.includes('утро') || w.includes('друг') ? 1 : 0;
      return [{ start: m.index, end: m.index + m[0].length, expression: { kind: 'anaphoric', days } }];
    },
  },
  {
    re: new RegExp(
      `${L}(?:через|спустя)\\s+(?:(\\d{1,2}|один|одну|два|две|три|четыре|пять|шесть|семь|восемь|девять|десять)\\s+)?(дн[яейь]+|день|недел[юиь]+)${R}|${L}(\\d{1,2}|два|две|три|четыре|пять|шесть|семь)\\s+(дн[яейь]+|недел[иью]+)\\s+спустя${R}`,
      'giu',
    ),
    make: (m) => {
      // «спустя неделю», «через день»: one, unsaid.
      const count = m[1] ?? m[3] ?? '1';
      const unit = (m[2] ?? m[4] ?? '').toLowerCase();
      // «через дней» is no phrase: a plural unit needs its count.
      // Nor «через неделю-две»: a span, no day.
      if (
        !m[1] &&
        !m[3] &&
        (!/^(?:день|неделю)$/u.test(unit) || /^\s*[-–]/u.test(m.input.slice(m.index + m[0].length)))
      )
        return null;
      const n = num(count) ?? RU_NUMBER_WORDS[count.toLowerCase()] ?? null;
      if (n === null) return null;
      const days = unit.startsWith('недел') ? n * 7 : n;
      return [{ start: m.index, end: m.index + m[0].length, expression: { kind: 'anaphoric', days } }];
    },
  },
  // «в мае этого года», «5 марта прошлого года»: the year is said in words, counted from the reference year.
  {
    re: new RegExp(
      `${L}(?:(?:в|во|с|до|к|по|конце|начале|середине)\\s+)?(?:(\\d{1,2})(?:-?го)?\\s+)?${RU_MONTH}\\s+${RU_REL_YEAR}\\s+года${R}`,
      'giu',
    ),
    hint: /года/,
    make: (m) => {
      const month = ruMonth(m[2]!);
      const day = num(m[1]);
      if (!validDay(day, month)) return null;
      const yearOffset = RU_YEAR_OFFSET(m[3]!);
      return [
        {
          start: m.index,
          end: m.index + m[0].length,
          expression: { kind: 'absolute', year: null, month, day, yearOffset },
        },
      ];
    },
  },
  // «летом прошлого года», «с начала этого года», «в позапрошлом году»: the year alone.
  {
    re: new RegExp(
      `${L}(?:(?:в|с|до|к|по|конце|начале|середине|начала|конца|весной|летом|осенью|зимой)\\s+)?${RU_REL_YEAR}\\s+года${R}|${L}в\\s+(позапрошлом|будущем)\\s+году${R}`,
      'giu',
    ),
    hint: /года|году/,
    make: (m) => [
      {
        start: m.index,
        end: m.index + m[0].length,
        expression: { kind: 'deictic', days: RU_YEAR_OFFSET(m[1] ?? m[2]!), unit: 'year' },
      },
    ],
  },
  // «в конце прошлого месяца», «с начала этой недели»: the month or week in the genitive, after its part.
  {
    re: new RegExp(
      `${L}(?:(?:в|с|до|к)\\s+)?(?:${RU_MONTH_PART}\\s+)?(?:(этого|текущего|прошлого|следующего)\\s+месяца|(этой|текущей|прошлой|следующей)\\s+недели)${R}`,
      'giu',
    ),
    hint: /месяца|недели/,
    make: (m) => {
      const which = (m[1] ?? m[2]!).toLowerCase();
      const days = which.startsWith('прош') ? -1 : which.startsWith('след') ? 1 : 0;
      const unit = m[1] ? 'month' : 'week';
      return [{ start: m.index, end: m.index + m[0].length, expression: { kind: 'deictic', days, unit } }];
    },
  },
  // «март — июнь 2025 г.», «с марта по июнь 2025 года»: the first month takes the year stated after the second.
  {
    re: new RegExp(
      `${L}(?:с\\s+)?${RU_MONTH}\\s*(?:-|–|—|по|до)\\s*${RU_MONTH}\\s+(\\d{4})(?:\\s*(?:года|году|год|г\\.|г(?![\\p{L}])))?${R}`,
      'giu',
    ),
    hint: DIGIT_HINT,
    make: (m) => monthRange(m, ruMonth(m[1]!), ruMonth(m[2]!), num(m[3])),
  },
  // «днём ранее», «неделей позже», «двумя днями раньше»: days from the narrative's date.
  {
    re: new RegExp(
      `${L}(днём|днем|неделей|(\\d{1,2}|двумя|тремя|четырьмя|пятью)\\s+(днями|неделями))\\s+(ранее|раньше|позже|позднее)${R}`,
      'giu',
    ),
    hint: /ранее|раньше|позже|позднее/,
    make: (m) => {
      const count = m[2] ? (num(m[2]) ?? RU_INSTRUMENTAL_NUMBERS[m[2].toLowerCase()] ?? null) : 1;
      if (count === null) return null;
      const week = /^недел/iu.test(m[3] ?? m[1]!);
      const sign = /^(?:ранее|раньше)$/iu.test(m[4]!) ? -1 : 1;
      const days = sign * count * (week ? 7 : 1);
      return [{ start: m.index, end: m.index + m[0].length, expression: { kind: 'anaphoric', days } }];
    },
  },
  // «12.03», «с 05.04»: day and month without a year, never an article's number («ст. 20.12», «ст. 20.2, 20.12»,
  // «20.12 КоАП»), nor a time's «в 12.05». What a report tells of: on or before the reference date.
  {
    re: new RegExp(
      `(?<![\\p{L}\\p{N}.,])${RU_ARTICLE_BEFORE}(?<!(?:^|[^\\p{L}])(?:в|около|примерно)\\s)(0[1-9]|[12]\\d|3[01])\\.(0[1-9]|1[0-2])(?![\\p{N}]|[.,]\\d)(?!\\s*(?:%|процент|раз|руб|млн|млрд|тыс|км|кг|ч\\.|час|мск|утра|вечера|(?:КоАП|УК|УПК|ГК|НК|КАС|АПК)(?![\\p{L}])))`,
      'giu',
    ),
    hint: /\d\.\d/,
    make: (m) => dayMonth(m, num(m[1]), num(m[2])),
  },
  // «два дня назад», «неделю назад», «год назад»: counted back from the reference date.
  {
    re: new RegExp(
      `${L}(?:(\\d{1,2}|один|одну|два|две|три|четыре|пять|шесть|семь|восемь|девять|десять)\\s+)?(дн(?:я|ей)|день|недел[юиь]|месяц(?:а|ев)?|год(?:а)?|лет)\\s+назад${R}`,
      'giu',
    ),
    hint: /назад/,
    make: (m) => agoMatch(m, m[1] ? (num(m[1]) ?? RU_NUMBER_WORDS[m[1].toLowerCase()] ?? null) : 1, m[2]!),
  },
  // «в 2022–2023 годах», «с 2019 по 2021 год»: both years.
  {
    re: new RegExp(
      `${L}(?:(?:в|с)\\s+)?(\\d{4})\\s*(?:-|–|—|по|и)\\s*(\\d{4})(?:-?[хе])?\\s*(?:годах|годы|годов|годам|года|год|гг\\.)`,
      'giu',
    ),
    hint: DIGIT_HINT,
    make: (m) => yearRange(m),
  },
  // «12-го числа»: a day of the month the narrative is in.
  {
    re: new RegExp(`${L}(\\d{1,2})-?го\\s+числа${R}`, 'giu'),
    hint: /числа/,
    make: (m) => dayOfMonth(m, num(m[1])),
  },
  // «в 1984-м», «до 2009-го»: the year with its ending and no «году».
  {
    re: new RegExp(`${L}(?:в|с|до|к|по)\\s+(\\d{4})-(?:м|го|й|ом)(?![\\p{L}])`, 'giu'),
    hint: /\d{4}-/,
    make: (m) => {
      const y = num(m[1])!;
      return y >= 1900 && y <= 2100 ? abs(m, y, null, null) : null;
    },
  },
  // «пт, 27.11», «Ср 25.11», «в понедельник, 30 ноября»: the weekday said with the day (never «ВС», a court).
  {
    re: new RegExp(
      `${L}(?:(?:в|во)\\s+)?${RU_WEEKDAY_WORD}\\.?,?\\s+(?:(\\d{1,2})(?:-?го)?\\s+${RU_MONTH}${RU_YEAR}|(\\d{1,2})[./](\\d{1,2})(?:[./](\\d{4}|\\d{2}))?(?![\\p{N}]|[.,/]\\d))${R}`,
      'giu',
    ),
    hint: /(?:пн|вт|ср|чт|пт|сб|вс|понедельник|вторник|сред[ау]|четверг|пятниц[ау]|суббот[ау]|воскресенье)\.?,?\s+\d/,
    make: (m) => {
      if (m[1]!.length === 2 && m[1] === m[1]!.toUpperCase()) return null;
      const weekday = ruWeekday(m[1]!) ?? undefined;
      if (m[2]) return dayMonth(m, num(m[2]), ruMonth(m[3]!), { weekday, year: num(m[4]), numeric: false });
      const year = num(m[7]);
      return dayMonth(m, num(m[5]), num(m[6]), { weekday, year: year === null ? null : twoDigitYear(year) });
    },
  },
  // «двадцать восьмого сентября 2026 года», «пятого марта две тысячи двадцать шестого года»: dates in words, as court
  // papers write them (a day in digits is read above, unless its year is in words).
  {
    re: new RegExp(
      `${L}(?:${RU_DAY_WORDS}|(\\d{1,2})(?:-?го)?)\\s+${RU_MONTH}(?:\\s+(?:(\\d{4})(?:\\s*(?:года|году|год|г\\.|г(?![\\p{L}])))?|${RU_YEAR_WORDS}\\s+(?:года|году|год)))?${R}`,
      'giu',
    ),
    hint: /(?:его|ого|ое|ье)\s+(?:январ|феврал|март|апрел|ма[йяе]|июн|июл|август|сентябр|октябр|ноябр|декабр)|тысяч/,
    make: (m) => {
      if (m[2] && !m[5]) return null;
      // «двадцать восьмого», not «двадцать пятнадцатого».
      const words = m[1]?.split(/\s+/u) ?? [];
      if (words.length === 2 && (ruWordsNumber(words[1]!) ?? 10) >= 10) return null;
      const year = m[4] ? num(m[4]) : m[5] ? ruWordsNumber(m[5]) : null;
      return wordsDate(m, m[1] ? ruWordsNumber(m[1]) : num(m[2]), ruMonth(m[3]!), year);
    },
  },
  // «в две тысячи двадцать пятом году», «с двухтысячного года»: a year in words.
  {
    re: new RegExp(`${L}(?:(?:в|с|до|к|по)\\s+)?${RU_YEAR_WORDS}\\s+(?:года|году|год)${R}`, 'giu'),
    hint: /тысяч/,
    make: (m) => {
      const year = ruWordsNumber(m[1]!);
      return year !== null && year >= 1900 && year <= 2100 ? abs(m, year, null, null) : null;
    },
  },
  // «в двадцать втором году», «с девятнадцатого года»: the year as speech says it, without its century.
  {
    re: new RegExp(
      `${L}(?:(?:в|во)\\s+${RU_SHORT_YEAR_WORDS}(?:ом|ем|ьем)\\s+году|(?:с|до|к|по)\\s+${RU_SHORT_YEAR_WORDS}(?:ого|его|ьего)\\s+года)${R}`,
      'giu',
    ),
    hint: /году|года/,
    make: (m) => {
      const n = ruWordsNumber(m[0].replace(/^\S+\s+/u, '').replace(/\s+год\p{L}*$/u, ''));
      if (n === null || n < 10 || n > 99) return null;
      return abs(m, n <= 30 ? 2000 + n : 1900 + n, null, null);
    },
  },
  // «в пятницу, девятого», «двадцать девятого, в четверг», «до девятого.»: a day in words without its month, only
  // beside a weekday or after «до», «с» and before a stop (else «второго обвиняемого» would be a date).
  {
    re: new RegExp(
      `(?<=${L}(?:во?\\s+${RU_WEEKDAY_ACC}\\s*,|(?:до|с|к|по))\\s*)${RU_DAY_GENITIVE}(?=\\s*[,.;:…!?)—–-]|\\s*$)|${L}${RU_DAY_GENITIVE}(?=\\s*,\\s*во?\\s+${RU_WEEKDAY_ACC}${R}|\\s+числа${R})`,
      'giu',
    ),
    hint: /(?:ого|его)/,
    make: (m) => {
      const words = m[0].split(/\s+/u);
      if (words.length === 2 && (ruWordsNumber(words[1]!) ?? 10) >= 10) return null;
      return dayOfMonth(m, ruWordsNumber(m[0]));
    },
  },
  MONTH_YEAR_RULE,
  YEAR_LINE_RULE,
];

const EN_RULES: Rule[] = [
  // "3-5 March 2023", "from 3 to 5 March"
  {
    re: new RegExp(
      `${L}(?:from\\s+)?(\\d{1,2})${ORD}\\s*(?:-|–|—|to|and)\\s*(\\d{1,2})${ORD}\\s+${EN_MONTH}(?:,?\\s+(\\d{4}))?${R}`,
      'gu',
    ),
    make: (m) => {
      const month = enMonth(m[3]!);
      const year = num(m[4]);
      const a = num(m[1]);
      const b = num(m[2]);
      if (!validDay(a, month) || !validDay(b, month) || (a ?? 0) >= (b ?? 0)) return null;
      const second = groupSpan(m, m[2]!, m.index + m[0].indexOf(m[1]!) + m[1]!.length);
      return [
        { start: m.index, end: m.index + m[0].length, expression: { kind: 'absolute', year, month, day: a } },
        { start: second.start, end: m.index + m[0].length, expression: { kind: 'absolute', year, month, day: b } },
      ];
    },
  },
  // "12 February 2020", "1st of March"
  {
    re: new RegExp(`${L}(\\d{1,2})${ORD}\\s+(?:of\\s+)?${EN_MONTH}(?:,?\\s+(\\d{4}))?${R}`, 'gu'),
    make: (m) => abs(m, num(m[3]), enMonth(m[2]!), num(m[1])),
  },
  // "February 12, 2020", "Oct. 12", "March 1st"
  {
    re: new RegExp(`${L}${EN_MONTH}\\s+(\\d{1,2})${ORD}(?![\\p{N}])(?:,?\\s+(\\d{4}))?${R}`, 'gu'),
    make: (m) => abs(m, num(m[3]), enMonth(m[1]!), num(m[2])),
  },
  // "in November 2020", "November 2020", "in April"
  {
    re: new RegExp(
      // Not before a day: "since August 30" is the day, read by the rule above.
      `${L}(?:(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Dd]uring|of|[Ee]arly|[Ll]ate|[Mm]id-|[Mm]id|[Ll]ast|[Tt]his|[Tt]hat)\\s*)?${EN_MONTH}(?:,?\\s+(\\d{4}))?${R}(?!\\s+\\d{1,2}${ORD}(?![\\p{N}]))`,
      'gu',
    ),
    make: (m) => {
      // "upheld the sentence that October": the October of the year the story is in.
      const hasPreposition = /^(?:in|since|until|by|during|of|early|late|mid|last|this|that)/iu.test(m[0]);
      if (!m[2] && !hasPreposition) return null;
      // A month in capitals is a heading's only with its year ("MARCH 2026"): "IN MAY" may be a shouted verb.
      if (!m[2] && /^\p{Lu}{3,}$/u.test(m[1]!)) return null;
      if (!m[2] && /^May$/u.test(m[1]!) && !/^in\s/iu.test(m[0])) return null;
      const made = abs(m, num(m[2]), enMonth(m[1]!), null);
      const e = made?.[0]?.expression;
      if (e?.kind === 'absolute' && !m[2] && /^last\s/iu.test(m[0])) e.lastOne = true;
      return made;
    },
  },
  // "10/12/2023" is ambiguous between US and European order; only ISO is read.
  { re: /(?<![\p{N}-])(\d{4})-(\d{2})-(\d{2})(?![\p{N}-])/gu, make: (m) => abs(m, num(m[1]), num(m[2]), num(m[3])) },
  // "in 2020", "since 2019"
  {
    re: new RegExp(
      `${L}(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Dd]uring|of|[Ee]arly|[Ll]ate|[Mm]id-)\\s*(\\d{4})${R}(?![.,]\\d)`,
      'gu',
    ),
    make: (m) => {
      const y = num(m[1])!;
      return y >= 1900 && y <= 2100 ? abs(m, y, null, null) : null;
    },
  },
  {
    re: new RegExp(`${L}(today|yesterday|tomorrow|tonight)${R}`, 'giu'),
    make: (m) => {
      // "Vedomosti Today", "Russia Today": capitalised after a capitalised word, it is part of a name.
      if (/^[A-Z]/u.test(m[1]!) && /\p{Lu}[\p{L}'’-]*\s+$/u.test(m.input.slice(Math.max(0, m.index - 30), m.index)))
        return null;
      const w = m[1]!.toLowerCase();
      const days = w === 'yesterday' ? -1 : w === 'tomorrow' ? 1 : 0;
      return [{ start: m.index, end: m.index + m[0].length, expression: { kind: 'deictic', days, unit: 'day' } }];
    },
  },
  {
    re: new RegExp(`${L}(last|this|next)\\s+(week|month|year)${R}`, 'giu'),
    make: (m) => {
      const which = m[1]!.toLowerCase();
      const unit = m[2]!.toLowerCase() as 'week' | 'month' | 'year';
      const days = which === 'last' ? -1 : which === 'next' ? 1 : 0;
      return [{ start: m.index, end: m.index + m[0].length, expression: { kind: 'deictic', days, unit } }];
    },
  },
  {
    re: new RegExp(
      `${L}([Oo]n\\s+|[Ll]ast\\s+|[Nn]ext\\s+|[Tt]his\\s+)(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)${R}(?!,?\\s+(?:\\d|${EN_MONTH}))`,
      'gu',
    ),
    make: (m) => {
      const weekday = EN_WEEKDAYS[m[2]!.toLowerCase()]!;
      const next = /^next/iu.test(m[1]!);
      return [{ start: m.index, end: m.index + m[0].length, expression: { kind: 'weekday', weekday, future: next } }];
    },
  },
  {
    re: new RegExp(
      `${L}(the\\s+(?:following|next)\\s+(?:day|morning|afternoon|evening|night)|the\\s+day\\s+(?:before|after)|the\\s+same\\s+(?:day|evening|night|morning|afternoon)|(?:that|the\\s+previous|the\\s+preceding)\\s+(?:day|evening|night))${R}`,
      'giu',
    ),
    make: (m) => {
      const w = m[1]!.toLowerCase();
      const days =
        w.includes('before') || w.includes('previous') || w.includes('preceding')
          ? -1
          : /following|next|(?<![\p{L}])after(?![\p{L}])/u.test(w)
            ? 1
            : 0;
      return [{ start: m.index, end: m.index + m[0].length, expression: { kind: 'anaphoric', days } }];
    },
  },
  {
    re: new RegExp(
      `${L}(\\d{1,2}|a|one|two|three|four|five|six|seven|eight|nine|ten)\\s+(days?|weeks?)\\s+(later|after(?!\\s+\\p{L}))${R}`,
      'giu',
    ),
    make: (m) => {
      const n = num(m[1]) ?? EN_NUMBER_WORDS[m[1]!.toLowerCase()] ?? null;
      if (n === null) return null;
      const days = m[2]!.toLowerCase().startsWith('week') ? n * 7 : n;
      return [{ start: m.index, end: m.index + m[0].length, expression: { kind: 'anaphoric', days } }];
    },
  },
  // "in May last year", "on 5 March this year", "May of next year": the year is said in words.
  {
    re: new RegExp(
      `${L}(?:(?:[Ii]n|[Oo]n|[Ss]ince|[Uu]ntil|[Bb]y|[Ee]arly|[Ll]ate|[Mm]id-?)\\s*)?(?:(\\d{1,2})${ORD}\\s+(?:of\\s+)?)?${EN_MONTH}(?:\\s+(\\d{1,2})${ORD})?,?\\s+(?:of\\s+)?(last|this|next)\\s+year${R}`,
      'gu',
    ),
    hint: /year/,
    make: (m) => {
      const month = enMonth(m[2]!);
      const day = num(m[1] ?? m[3]);
      if (!validDay(day, month)) return null;
      const which = m[4]!.toLowerCase();
      const yearOffset = which === 'last' ? -1 : which === 'next' ? 1 : 0;
      return [
        {
          start: m.index,
          end: m.index + m[0].length,
          expression: { kind: 'absolute', year: null, month, day, yearOffset },
        },
      ];
    },
  },
  // "the year before last", "the year after next"
  {
    re: new RegExp(`${L}the\\s+year\\s+(before\\s+last|after\\s+next)${R}`, 'giu'),
    hint: /year/,
    make: (m) => [
      {
        start: m.index,
        end: m.index + m[0].length,
        expression: { kind: 'deictic', days: /^before/iu.test(m[1]!) ? -2 : 2, unit: 'year' },
      },
    ],
  },
  // "March 12-14, 2024", "March 12 to 14": both ends.
  {
    re: new RegExp(
      `${L}${EN_MONTH}\\s+(\\d{1,2})${ORD}\\s*(-|–|—|to|through|and)\\s*(\\d{1,2})${ORD}(?![\\p{N}])(?:,?\\s+(\\d{4}))?${R}`,
      'gu',
    ),
    hint: DIGIT_HINT,
    make: (m) => {
      // "on March 3 and 5 activists were held": a count, not a second day.
      if (m[3] === 'and' && !m[5] && /^\s+\p{L}/u.test(m.input.slice(m.index + m[0].length))) return null;
      const month = enMonth(m[1]!);
      const year = num(m[5]);
      const a = num(m[2]);
      const b = num(m[4]);
      if (!validDay(a, month) || !validDay(b, month) || (a ?? 0) >= (b ?? 0)) return null;
      const second = groupSpan(m, m[4]!, m.index + m[0].indexOf(m[3]!, m[1]!.length) + m[3]!.length);
      return [
        { start: m.index, end: m.index + m[0].length, expression: { kind: 'absolute', year, month, day: a } },
        { start: second.start, end: m.index + m[0].length, expression: { kind: 'absolute', year, month, day: b } },
      ];
    },
  },
  // "March–June 2025", "from March to June 2025", "between March and June 2025"
  {
    re: new RegExp(
      `${L}(?:(?:[Ff]rom|[Bb]etween)\\s+)?${EN_MONTH}\\s*(?:-|–|—|to|through|and)\\s*${EN_MONTH},?\\s+(\\d{4})${R}`,
      'gu',
    ),
    hint: DIGIT_HINT,
    make: (m) => monthRange(m, enMonth(m[1]!), enMonth(m[2]!), num(m[3])),
  },
  // "a day earlier", "two weeks before": days back from the narrative's date ("before the vote" is not one).
  {
    re: new RegExp(
      `${L}(\\d{1,2}|a|one|two|three|four|five|six|seven|eight|nine|ten)\\s+(days?|weeks?)\\s+(earlier|before(?![\\s,]+\\p{L}))${R}`,
      'giu',
    ),
    hint: /earlier|before/,
    make: (m) => {
      const n = num(m[1]) ?? EN_NUMBER_WORDS[m[1]!.toLowerCase()] ?? null;
      if (n === null) return null;
      const days = -(m[2]!.toLowerCase().startsWith('week') ? n * 7 : n);
      return [{ start: m.index, end: m.index + m[0].length, expression: { kind: 'anaphoric', days } }];
    },
  },
  // "two days ago", "a week ago", "a year ago": counted back from the reference date.
  {
    re: new RegExp(
      `${L}(\\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten)\\s+(days?|weeks?|months?|years?)\\s+ago${R}`,
      'giu',
    ),
    hint: /ago/,
    make: (m) => agoMatch(m, num(m[1]) ?? EN_NUMBER_WORDS[m[1]!.toLowerCase().replace(/^an$/u, 'a')] ?? null, m[2]!),
  },
  // "in 2022-2023", "between 2019 and 2021": both years (a preposition first, so a score or page range is not one).
  {
    re: new RegExp(
      `${L}(?:[Ii]n|[Ff]rom|[Bb]etween|[Dd]uring|[Ss]ince)\\s+(\\d{4})\\s*(?:-|–|—|to|and)\\s*(\\d{4})${R}`,
      'gu',
    ),
    hint: DIGIT_HINT,
    make: (m) => yearRange(m),
  },
  // "on the 12th": a day of the month the narrative is in.
  {
    re: new RegExp(`${L}on\\s+the\\s+(\\d{1,2})(?:st|nd|rd|th)${R}(?!\\s+(?:of\\s+)?${EN_MONTH})`, 'giu'),
    hint: /the \d/,
    make: (m) => dayOfMonth(m, num(m[1])),
  },
  // "Mon 23 Nov", "Friday, 27 November", "Fri 27/11", "Wed 25.11": the weekday said with the day.
  {
    re: new RegExp(
      `${L}${EN_WEEKDAY_WORD}\\.?,?\\s+(?:the\\s+)?(?:(\\d{1,2})${ORD}\\s+(?:of\\s+)?${EN_MONTH}(?:,?\\s+(\\d{4}))?|${EN_MONTH}\\s+(\\d{1,2})${ORD}(?![\\p{N}])(?:,?\\s+(\\d{4}))?|(\\d{1,2})[./](\\d{1,2})(?:[./](\\d{4}|\\d{2}))?(?![\\p{N}]|[.,/]\\d))${R}`,
      'gu',
    ),
    hint: /(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+(?:the\s+)?[\da-z]/,
    make: (m) => {
      const weekday = EN_WEEKDAY_ABBR[m[1]!.slice(0, 3).toLowerCase()];
      if (m[2]) return dayMonth(m, num(m[2]), enMonth(m[3]!), { weekday, year: num(m[4]), numeric: false });
      if (m[6]) return dayMonth(m, num(m[6]), enMonth(m[5]!), { weekday, year: num(m[7]), numeric: false });
      const year = num(m[10]);
      return dayMonth(m, num(m[8]), num(m[9]), { weekday, year: year === null ? null : twoDigitYear(year) });
    },
  },
  // "KRASNODAR, 25.11." in a digest: day and month without a year, on or before the reference date; never an
  // article's number ("Art. 20.2, 20.12", "20.12 KoAP"), a time ("at 10.05"), a sum or a measure.
  {
    re: new RegExp(
      `(?<![\\p{L}\\p{N}.,/$€£₽-])${EN_ARTICLE_BEFORE}(?<!(?<![\\p{L}])(?:at|around|about|approximately|approx\\.?|circa)\\s)(0[1-9]|[12]\\d|3[01])\\.(0[1-9]|1[0-2])(?![\\p{N}]|[.,]\\d)(?!\\s*(?:%|°|(?:percent|per\\s+cent|times|rub|roubles?|rubles?|dollars?|euros?|usd|eur|million|billion|thousand|km|kg|m|metres?|meters?|degrees?|hours?|hrs?|h|a\\.m|p\\.m|am|pm|minutes?|mins?|seconds?|secs?|years?|months?|weeks?|days?|pts?|part|points?|koap|of\\s+the\\s+(?:criminal|administrative|code))(?![\\p{L}])))`,
      'giu',
    ),
    hint: /\d\.\d/,
    make: (m) => dayMonth(m, num(m[1]), num(m[2])),
  },
  MONTH_YEAR_RULE,
  // "the twenty-eighth of September 2026", "this 28th day of September, 2026", "September twenty-eighth, two thousand
  // and twenty-six": dates in words, as court papers write them.
  {
    re: new RegExp(
      `${L}(?:(?:the\\s+)?(?:${EN_DAY_WORDS}|(\\d{1,2})(?:st|nd|rd|th)(?=\\s+day))\\s+(?:day\\s+)?of\\s+${EN_MONTH}|${EN_MONTH}\\s+(?:the\\s+)?${EN_DAY_WORDS})(?:,?\\s+(?:in\\s+the\\s+year\\s+(?:of\\s+)?)?(?:(\\d{4})|${EN_YEAR_WORDS}))?${R}`,
      'giu',
    ),
    hint: /(?:first|second|third|th)\s+(?:day\s+)?of|(?:uary|ember|ober|march|april|may|june|july|august)\s+(?:the\s+)?[a-z]/,
    make: (m) => {
      const monthWord = m[3] ?? m[4]!;
      // "the first of may": a month's name is capitalised; "May second" without a year is too often not a date.
      if (!/^\p{Lu}/u.test(monthWord)) return null;
      const year = m[6] ? num(m[6]) : m[7] ? enWordsNumber(m[7]) : null;
      if (m[4] && year === null && /^May$/u.test(monthWord)) return null;
      const day = m[2] ? num(m[2]) : enWordsNumber(m[1] ?? m[5]!);
      return wordsDate(m, day, enMonth(monthWord), year);
    },
  },
  // "UFA, Thursday.", "MOSCOW / KAZAN, Friday —": a dateline's weekday, after a place written in capitals. The
  // lookbehind is bounded: run at every position, an unbounded one rescans a long run of spaces each time.
  {
    re: /(?<=(?<![\p{L}])\p{Lu}{2,}[\p{Lu}\s./'’-]{0,60},\s{0,4})(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?=\s*(?:[.:;—–]|-\s|$))/gu,
    hint: /monday|tuesday|wednesday|thursday|friday|saturday|sunday/,
    make: (m) => [
      {
        start: m.index,
        end: m.index + m[0].length,
        expression: { kind: 'weekday', weekday: EN_WEEKDAYS[m[1]!.toLowerCase()]! },
      },
    ],
  },
  // "released this morning", "detained last night": the publication's day, and the night before it.
  {
    re: new RegExp(`${L}(this\\s+(?:morning|afternoon|evening)|last\\s+night)${R}`, 'giu'),
    hint: /this (?:morning|afternoon|evening)|last night/,
    make: (m) => {
      const days = /^this/iu.test(m[1]!) ? 0 : -1;
      return [{ start: m.index, end: m.index + m[0].length, expression: { kind: 'deictic', days, unit: 'day' } }];
    },
  },
  YEAR_LINE_RULE,
];

// Cheap literal tests on the lower-cased sentence that a rule's pattern cannot match without: most sentences hold no
// date at all, and the full patterns (with look-behinds and long alternations) are the costly part of this file.
// They go by position: RU_HINTS[i] is RU_RULES[i]'s, so a rule added before the last of them shifts every hint after
// it onto the wrong rule — add rules at the end, with their own `hint`.
const DIGIT = /\d/;
const RU_MONTH_HINT = /январ|феврал|март|апрел|ма[йяе]|июн|июл|август|сентябр|октябр|ноябр|декабр/;
const RU_HINTS: RegExp[] = [
  DIGIT,
  /ночь/,
  DIGIT,
  RU_MONTH_HINT,
  DIGIT,
  DIGIT,
  DIGIT,
  /сегодн|вчера|завтра/,
  /недел|месяц|году/,
  /понедельник|вторник|сред|четверг|пятниц|суббот|воскресен/,
  /накануне|следующ|наутро|друг|тот же|тем же|этот же/,
  /через|спустя/,
];
const EN_HINTS: RegExp[] = [
  DIGIT,
  DIGIT,
  DIGIT,
  /jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/,
  DIGIT,
  DIGIT,
  /today|yesterday|tomorrow|tonight/,
  /week|month|year/,
  /monday|tuesday|wednesday|thursday|friday|saturday|sunday/,
  /the following|the next|the day|the same|that day|that evening|that night|the previous|the preceding/,
  /later|after/,
];
RU_RULES.forEach((rule, i) => {
  rule.hint ??= RU_HINTS[i];
});
EN_RULES.forEach((rule, i) => {
  rule.hint ??= EN_HINTS[i];
});
const RU_ALL = [...RU_RULES, ...EN_RULES.slice(1, 3)];
const EN_ALL = [...EN_RULES, ...RU_RULES.slice(4, 6)];

/**
 * Date expressions in `text` (offsets relative to it), left to right, without overlaps (the longest wins).
 * `findDateExpressions('Их задержали в апреле 2022 года', 'ru')` → [{ start: 13, end: 31,
 * expression: { kind: 'absolute', year: 2022, month: 4, day: null } }].
 */
export function findDateExpressions(text: string, language: 'ru' | 'en'): DateMatch[] {
  const rules = language === 'ru' ? RU_ALL : EN_ALL;
  const lower = text.toLowerCase();
  const found: DateMatch[] = [];
  let group = 0;
  for (const rule of rules) {
    if (rule.hint && !rule.hint.test(lower)) continue;
    rule.re.lastIndex = 0;
    let m = rule.re.exec(text);
    while (m !== null) {
      const made = rule.make(m);
      group++;
      if (made) for (const match of made) found.push({ ...match, group });
      if (m[0].length === 0) rule.re.lastIndex++;
      m = rule.re.exec(text);
    }
  }
  // Longest first, then keep those that do not overlap a kept one; ranges yield two matches that share an end.
  found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: DateMatch[] = [];
  for (const f of found) {
    const clash = kept.some((k) => f.start < k.end && k.start < f.end && k.group !== f.group);
    if (!clash) kept.push(f);
  }
  kept.sort((a, b) => a.start - b.start);
  // «каждый год 30 октября», "every year on 30 October": a day that comes round, not a day something happened.
  for (let i = kept.length - 1; i >= 0; i--) {
    if (RECURRING_BEFORE.test(text.slice(Math.max(0, kept[i]!.start - 24), kept[i]!.start))) kept.splice(i, 1);
  }
  // «в среду на прошлой неделе», "last week on Wednesday": one day, the weekday of that week.
  for (let i = kept.length - 2; i >= 0; i--) {
    const [a, b] = [kept[i]!, kept[i + 1]!];
    const [day, week] = a.expression.kind === 'weekday' ? [a.expression, b.expression] : [b.expression, a.expression];
    if (day.kind !== 'weekday' || week.kind !== 'deictic' || week.unit !== 'week') continue;
    if (!/^\s*,?\s*(?:on\s+)?$/iu.test(text.slice(a.end, b.start))) continue;
    day.week = week.days;
    kept.splice(i, 2, { ...a, end: b.end, expression: day });
  }
  // "on Tuesday last week, the 17th", «во вторник, 17-го»: the day of the month said after a weekday fixes its week.
  for (let i = kept.length - 1; i >= 0; i--) {
    const k = kept[i]!;
    const e = k.expression;
    if (e.kind !== 'weekday') continue;
    const next = kept[i + 1];
    const n = next?.expression;
    // "on Tuesday, on the 17th": a day of the month read on its own, joined here.
    if (n?.kind === 'absolute' && n.month === null && n.year === null && n.day !== null) {
      if (/^\s*,?\s*$/u.test(text.slice(k.end, next!.start))) {
        e.dayOfMonth = n.day;
        k.end = next!.end;
        kept.splice(i + 1, 1);
      }
      continue;
    }
    const m = (language === 'ru' ? RU_DAY_AFTER_WEEKDAY : EN_DAY_AFTER_WEEKDAY).exec(text.slice(k.end, k.end + 40));
    const day = m ? Number(m[1]) : 0;
    if (day < 1 || day > 31) continue;
    e.dayOfMonth = day;
    k.end += m![0].length;
  }
  // «двадцать девятого, в четверг»: the day said before its weekday fixes the weekday's week, as after it.
  for (let i = kept.length - 2; i >= 0; i--) {
    const [k, next] = [kept[i]!, kept[i + 1]!];
    const d = k.expression;
    const w = next.expression;
    if (d.kind !== 'absolute' || d.month !== null || d.year !== null || d.day === null) continue;
    if (w.kind !== 'weekday' || w.dayOfMonth !== undefined) continue;
    if (!/^\s*,\s*$/u.test(text.slice(k.end, next.start))) continue;
    w.dayOfMonth = d.day;
    kept.splice(i, 2, { ...next, start: k.start });
  }
  // «В субботу их забрали, — нет, вру, в пятницу», «тридцатого, — нет, подождите, двадцать девятого»: speech corrects
  // itself, and the date it takes back is no date of the story.
  if (language === 'ru')
    for (let i = kept.length - 2; i >= 0; i--) {
      const gap = text.slice(kept[i]!.end, kept[i + 1]!.start);
      if (gap.length <= 90 && RU_SELF_CORRECTION.test(gap)) kept.splice(i, 1);
    }
  // «В тот же день, 12 марта», "The next day, May 16": the stated date says which day it is, the phrase adds nothing.
  for (let i = kept.length - 2; i >= 0; i--) {
    const [k, next] = [kept[i]!, kept[i + 1]!];
    const e = next.expression;
    if (k.expression.kind !== 'anaphoric' && k.expression.kind !== 'deictic') continue;
    if (e.kind !== 'absolute' || e.day === null || e.month === null) continue;
    if (/^\s*[,—–-]\s*$/u.test(text.slice(k.end, next.start))) kept.splice(i, 1);
  }
  // «с 14 мая по 3 ноября 2024 года», "from 2 March to 5 June 2024": the first end has the second's year.
  for (let i = 0; i + 1 < kept.length; i++) {
    const [k, next] = [kept[i]!, kept[i + 1]!];
    const a = k.expression;
    const b = next.expression;
    if (a.kind !== 'absolute' || b.kind !== 'absolute' || a.year !== null || a.yearOffset !== undefined) continue;
    if (a.month === null || b.month === null || b.year === null) continue;
    if (!/^\s*(?:по|до|–|—|-|to|through|until|till)\s*$/iu.test(text.slice(k.end, next.start))) continue;
    a.year = a.month <= b.month ? b.year : b.year - 1;
  }
  let future: boolean | null = null;
  let yearless = false;
  for (const k of kept) {
    const before = text.slice(Math.max(0, k.start - 12), k.start);
    if (UNTIL_BEFORE.test(before) || /^(?:до|until|till|through)\s/iu.test(text.slice(k.start, k.end))) k.until = true;
    if (k.until || pointsForward(text, k, language)) k.forward = true;
    const e = k.expression;
    // «В феврале он опубликовал рассказ о расстреле … в 1938 году»: a year after the sentence's own year-less date
    // is what the sentence tells of, not when it happens.
    if (e.kind === 'absolute' && e.year !== null && !yearless && FRAMING_PREPOSITION.test(text.slice(k.start, k.end)))
      k.framed = true;
    if (e.kind !== 'absolute' || e.year === null) yearless = true;
    // "last Wednesday", «в прошлую среду» said on a Wednesday is a week back, not today.
    if (e.kind === 'weekday' && PAST_WEEKDAY.test(text.slice(k.start, k.end))) e.past = true;
    if (e.kind === 'weekday' && !e.future && !PAST_WEEKDAY.test(text.slice(k.start, k.end))) {
      future ??= (language === 'ru' ? RU_FUTURE : EN_FUTURE).test(text);
      if (future) e.future = true;
    }
  }
  return kept;
}

/** ", the 17th" after a weekday (not "the 17th of November", which the weekday's own rule reads as a full date). */
const EN_DAY_AFTER_WEEKDAY = new RegExp(
  `^(?:,\\s*|\\s+)(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)(?![\\p{L}\\p{N}])(?!\\s+(?:of\\s+)?${EN_MONTH})`,
  'u',
);
/** «, 17-го», «, 17-го числа» after a weekday. */
const RU_DAY_AFTER_WEEKDAY = /^(?:,\s*|\s+)(\d{1,2})-?го(?:\s+числа)?(?![\p{L}\p{N}])/u;

const RECURRING_BEFORE =
  /(?<![\p{L}])(?:каждый\s+год|каждого|ежегодно|every\s+year|each\s+year|annually|every)(?:\s+(?:on|в|во))?\s*,?\s*$/iu;

/** What speech says between a date it takes back and the one it means: «— нет, вру,», «, точнее,», «нет, подождите,». */
const RU_SELF_CORRECTION =
  /(?:^|[\s,.…—–-])(?:нет|ой|точнее|вернее)(?:[\s,.…!—–-]+(?:вру|подождите|подожди|погодите|погоди|путаю|я\s+путаю|ошиблась|ошибся|извините|простите|не\s+то))*[\s,.…!—–-]*$/iu;

/** A date right after «до» / "until" is a deadline: «продлил арест до 26 февраля». */
const UNTIL_BEFORE = /(?:^|[^\p{L}])(?:до|until|till|through)\s+$/iu;
/** «в марте 2020 года», "in April 2017": the year frames the narrative (unlike "the August 2020 election"). */
const FRAMING_PREPOSITION = /^(?:в|во|конце|начале|середине|in|during|of|early|late|mid)[\s-]/iu;
const PAST_WEEKDAY = /^(?:last|во?\s+(?:прошл|минувш))/iu;
/**
 * The sentence speaks of what is to come, so a bare weekday is the next one: "is expected to rule on Thursday",
 * "will", "next", «состоится», «будет», «решит», «следующее заседание». Not "the next day", «на следующий день»: the
 * day after an act told ("detained on Friday and jailed the next day").
 */
const EN_FUTURE =
  /(?<![\p{L}])(?:will|shall|is\s+(?:expected|due|scheduled|set)\s+to|are\s+(?:expected|due|scheduled|set)\s+to|is\s+to\s+be|next(?!\s+(?:day|morning|evening|afternoon|night)(?![\p{L}]))|upcoming|plans?\s+to|going\s+to)(?![\p{L}])/iu;
const RU_FUTURE =
  /(?<![\p{L}])(?:будет|будут|буду|состоится|состоятся|следующ\p{L}*(?!\s+(?:день|дня|утро|утром|вечер|вечером|ночь|ночью)(?![\p{L}]))|предстоящ\p{L}*|решит|рассмотрит|вынесет|изберет|изберёт|огласит|продлит|начнет|начнёт|начнется|начнётся|пройдет|пройдёт|назначен[оа]?\s+на|намерен\p{L}*|планиру\p{L}*|собира\p{L}*ся)(?![\p{L}])/iu;

/** Verbs that put a thing off or set it for a date: the date after their «на» / "to" / "for" is ahead. */
const RU_PUT_OFF =
  /(?<![\p{L}])(?:назнач\p{L}*|перен[её]с\p{L}*|перенос\p{L}*|отлож\p{L}*|отклад\p{L}*|запланир\p{L}*|намечен\p{L}*|продл\p{L}*)(?![\p{L}])/iu;
const EN_PUT_OFF =
  /(?<![\p{L}])(?:postpon\p{L}*|adjourn\p{L}*|extend\p{L}*|reschedul\p{L}*|moved|deferr\p{L}*|pushed\s+back|put\s+off|scheduled|set|slated|planned|due)(?![\p{L}])/iu;
/**
 * A clause about the future («заседание состоится», "will be heard", "is due to", «должно начаться», "next
 * hearing"). Unlike EN_FUTURE / RU_FUTURE, "next" and «следующ-» count only before a hearing: "the next day" is past.
 */
const EN_FUTURE_CLAUSE =
  /(?<![\p{L}])(?:(?<!(?:his|her|their|its|my|our|your|own|free|good|ill|the)\s)will(?=\s+(?:not\s+)?\p{Ll})|shall|(?:is|are)\s+(?:expected|due|scheduled|set|slated)|is\s+to\s+be|next\s+(?:hearing|session|court|trial|appearance)|upcoming|plans?\s+to|going\s+to)(?![\p{L}])/iu;
const RU_FUTURE_CLAUSE =
  /(?<![\p{L}])(?:будет|будут|состоится|состоятся|следующ\p{L}*\s+(?:заседани|слушани|суд)\p{L}*|предстоящ\p{L}*|решит|рассмотрит|вынесет|огласит|продлит|начнет|начнёт|начнется|начнётся|пройдет|пройдёт|должн\p{L}*\s+(?:начаться|состояться|пройти|рассмотреть|быть|огласить))(?![\p{L}])/iu;
/** Clause breaks that a future verb does not reach across: «;», ":", «, а», «, но», ", but", ", while". */
const CLAUSE_BREAK = /[;:]|,\s+(?:а|но|однако|тогда\s+как|but|while|whereas|although|though)(?![\p{L}])/giu;

/** Whether the date at `k` points forward from the narrative's date (see DateMatch.forward). */
function pointsForward(text: string, k: DateMatch, language: 'ru' | 'en'): boolean {
  const before = text.slice(0, k.start);
  if (language === 'ru') {
    if (/(?:^|[^\p{L}])по\s+$/iu.test(before) && !/(?:^|[^\p{L}])с\s+[^,.;]{0,40}$/iu.test(before)) return true;
    if (/(?:^|[^\p{L}])на\s+$/iu.test(before) && RU_PUT_OFF.test(before)) return true;
  } else if (/(?:^|[^\p{L}])(?:to|for)\s+$/iu.test(before) && EN_PUT_OFF.test(before)) return true;
  let from = 0;
  let to = text.length;
  for (const b of text.matchAll(CLAUSE_BREAK)) {
    if (b.index + b[0].length <= k.start) from = b.index + b[0].length;
    else if (b.index >= k.end) {
      to = b.index;
      break;
    }
  }
  // "Her hearing is next week", "due next Tuesday": ahead of the report's own day, whatever the verb (not "the next
  // week", which counts on from the story's last day).
  if (/^next\s/iu.test(text.slice(k.start, k.end)) && !/(?:^|[^\p{L}])the\s+$/iu.test(before)) return true;
  // "last April", «с 30 августа» are behind whatever the clause says next.
  if (/^(?:last|since|с|со)\s/iu.test(text.slice(k.start, k.end))) return false;
  // The future verb and the date must share a comma-free stretch: "Ivanov, detained on 5 March, will stay in
  // custody" and «Суд, арестовавший его 5 марта, рассмотрит жалобу» speak of the future, but not of 5 March.
  const future = language === 'ru' ? RU_FUTURE_CLAUSE : EN_FUTURE_CLAUSE;
  const after = text.slice(k.end, to);
  const comma = after.indexOf(',');
  if (future.test(comma < 0 ? after : after.slice(0, comma))) return true;
  const lead = text.slice(from, k.start).slice(text.slice(from, k.start).lastIndexOf(',') + 1);
  const verb = [...lead.matchAll(new RegExp(future.source, 'giu'))].pop();
  if (!verb) return false;
  // "will appeal the ruling issued on 12 January", «обжалует решение, вынесенное 12 января»: a past participle
  // between them takes the date ("will be considered on" is the future verb's own passive).
  const between = lead.slice(verb.index + verb[0].length);
  return !(language === 'ru' ? RU_PAST_PARTICIPLE : EN_PAST_PARTICIPLE).test(between);
}

const EN_PAST_PARTICIPLE =
  /(?<![\p{L}])(?<!(?:be|been|being)\s+)(?:\p{L}+ed|held|made|handed\s+down|given|taken|brought|sent)(?![\p{L}])/iu;
const RU_PAST_PARTICIPLE = /(?<![\p{L}])\p{L}+(?:енн|анн|янн|ивш|авш|явш|нувш)\p{L}*(?![\p{L}])/iu;

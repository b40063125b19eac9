/**
 * Dates told by another act: «в тот же день, когда его арестовали», «через два дня после обыска», "the day after his
 * arrest", "two days before the rally". The date is that act's, moved by the days said; the act named in the phrase
 * is one the report has told already, not a new one. The date grammar alone reads «в тот же день» from the date the
 * narrative stated last, which after a paragraph of background is some other act's.
 */
import { smallCount } from '../dates/date-grammar.js';
import type { EventType } from '../types.js';
import type { Range } from './event-context.js';

export interface ActAnchor extends Range {
  /** Days from the act pointed to: 0 the same day, 1 the day after, -2 two days before. */
  days: number;
  /** The words naming that act, offsets in the sentence. */
  act: Range;
  /** The acts it may be, in order of preference: «арестовали» after a court's custody order is that order. */
  types: EventType[];
}

/** What the act words say, by stem, with the acts of the record each may have been told as. */
const RU_ACTS: Array<[RegExp, EventType[]]> = [
  [/(?<![\p{L}])(?:арест|заочно\s+арест)/iu, ['custody', 'arrest', 'detention']],
  [/(?<![\p{L}])задерж/iu, ['detention', 'arrest']],
  [/(?<![\p{L}])обыск/iu, ['search']],
  [/(?<![\p{L}])(?:приговор|осужд|осуд)/iu, ['sentence', 'fine']],
  [/(?<![\p{L}])штраф/iu, ['fine', 'sentence']],
  [/(?<![\p{L}])(?:акци|митинг|пикет|протест)/iu, ['protest']],
  [/(?<![\p{L}])(?:освобо|отпуст|вышел|вышла)/iu, ['release']],
  [/(?<![\p{L}])(?:заседани|суд[аеу]?(?![\p{L}]))/iu, ['hearing', 'sentence', 'custody', 'fine']],
];
const EN_ACTS: Array<[RegExp, EventType[]]> = [
  [/(?<![\p{L}])(?:arrest|remand)/iu, ['arrest', 'custody', 'detention']],
  [/(?<![\p{L}])detain|detention(?![\p{L}])/iu, ['detention', 'arrest']],
  [/(?<![\p{L}])(?:search|raid)/iu, ['search']],
  [/(?<![\p{L}])(?:sentenc|verdict|convict)/iu, ['sentence', 'fine']],
  [/(?<![\p{L}])fine[ds]?(?![\p{L}])/iu, ['fine', 'sentence']],
  [/(?<![\p{L}])(?:protest|rally|picket|demonstration|march)/iu, ['protest']],
  [/(?<![\p{L}])(?:release|freed)/iu, ['release']],
  [/(?<![\p{L}])(?:hearing|trial)(?![\p{L}])/iu, ['hearing', 'sentence', 'custody', 'fine']],
];

const L = '(?<![\\p{L}\\d])';
/** The act named by a noun in the genitive («после его ареста», «в день акции»), or by a clause to its comma. */
const RU_NOUN =
  '(?:(?:его|её|ее|их|этого|того|последнего|первого|второго)\\s+)?(?:арест|задержани|обыск|приговор|акци|митинг|пикет|суд|заседани|освобождени|штраф)\\p{L}*';
const RU_CLAUSE = '(?:того,?\\s+как|когда)\\s+[^,;.:—–]+';
const RU_ACT = `(${RU_NOUN}|${RU_CLAUSE})`;
const EN_NOUN =
  '(?:his|her|their|the|this|that)\\s+(?:first\\s+|second\\s+|latest\\s+)?(?:arrest|detention|search(?:es)?|raids?|sentencing|verdict|sentence|trial|hearing|protest|rally|picket|demonstration|march|release)(?![\\p{L}])';
/** A clause after "after"/"before", or after "the same day" only with its joint: "the same day police detained …" is
 * the act itself, dated by the narrative. */
const EN_SUBJECT_CLAUSE = '(?:he|she|they|police|officers|[\\p{Lu}][\\p{L}-]+)\\s+[^,;.:—–]+';
const EN_ACT = `(${EN_NOUN}|${EN_SUBJECT_CLAUSE})`;
const EN_SAME_DAY_ACT = `((?:as\\s+)${EN_NOUN}|(?:that|when|as)\\s+${EN_SUBJECT_CLAUSE})`;
const RU_COUNT = '(\\d{1,2}|один|одну|два|две|три|четыре|пять|шесть|семь|восемь|девять|десять)';
const EN_COUNT = '(\\d{1,2}|a|one|two|three|four|five|six|seven|eight|nine|ten)';

interface Pattern {
  re: RegExp;
  /** Days from the match; `group` holds the act words. */
  days: (m: RegExpExecArray) => number | null;
  group: number;
}

const RU_PATTERNS: Pattern[] = [
  {
    re: new RegExp(`${L}(?:в\\s+)?(?:тот\\s+же|этот\\s+же|тот\\s+самый)\\s+день,?\\s+(когда\\s+[^,;.:—–]+)`, 'giu'),
    days: () => 0,
    group: 1,
  },
  { re: new RegExp(`${L}в\\s+день,?\\s+${RU_ACT}`, 'giu'), days: () => 0, group: 1 },
  {
    re: new RegExp(`${L}на\\s+(?:следующий|другой)\\s+день\\s+после\\s+${RU_ACT}`, 'giu'),
    days: () => 1,
    group: 1,
  },
  { re: new RegExp(`${L}накануне\\s+(${RU_NOUN})`, 'giu'), days: () => -1, group: 1 },
  {
    re: new RegExp(
      `${L}(?:через|спустя)\\s+(?:${RU_COUNT}\\s+)?(дн[яейь]+|день|недел[юиь]+)\\s+после\\s+${RU_ACT}`,
      'giu',
    ),
    // «через неделю после приговора»: a unit alone is one of it.
    days: (m) => scaled(m[1] ?? '1', m[2]!),
    group: 3,
  },
  {
    re: new RegExp(`${L}за\\s+${RU_COUNT}\\s+(дн[яейь]+|день|недел[юиь]+)\\s+до\\s+${RU_ACT}`, 'giu'),
    days: (m) => negated(scaled(m[1]!, m[2]!)),
    group: 3,
  },
];
const EN_PATTERNS: Pattern[] = [
  {
    re: new RegExp(`${L}(?:on\\s+)?the\\s+(?:very\\s+)?same\\s+day\\s+${EN_SAME_DAY_ACT}`, 'giu'),
    days: () => 0,
    group: 1,
  },
  {
    re: new RegExp(`${L}on\\s+the\\s+day\\s+(of\\s+${EN_NOUN}|(?:(?:that|when)\\s+)?${EN_SUBJECT_CLAUSE})`, 'giu'),
    days: () => 0,
    group: 1,
  },
  {
    re: new RegExp(`${L}(?:on\\s+)?the\\s+(?:day|morning|evening)\\s+(after|before)\\s+${EN_ACT}`, 'giu'),
    days: (m) => (m[1]!.toLowerCase() === 'after' ? 1 : -1),
    group: 2,
  },
  {
    re: new RegExp(`${L}${EN_COUNT}\\s+(days?|weeks?)\\s+(after|before)\\s+${EN_ACT}`, 'giu'),
    days: (m) => (m[3]!.toLowerCase() === 'after' ? scaled(m[1]!, m[2]!) : negated(scaled(m[1]!, m[2]!))),
    group: 4,
  },
];

/** Words without which no pattern above can match, tested first. */
const RU_HINT = /день|дн[яейь]|недел|накануне/iu;
const EN_HINT = /day|week|morning|evening/iu;

/** Words that may open the act words of an English anchor without a capital. */
const NAMED_OPENERS = /^(?:his|her|their|the|this|that|he|she|they|police|officers)$/iu;

const negated = (days: number | null): number | null => (days === null ? null : -days);

function scaled(number: string, unit: string): number | null {
  const n = smallCount(number);
  if (n === null) return null;
  return /^(?:недел|week)/iu.test(unit) ? n * 7 : n;
}

/**
 * The phrases of a sentence that date by another act, each with the act words and what they may name. A phrase
 * whose words name no act («в день рождения», "on the day of the vote") is not one.
 * `findActAnchors('On the day after his arrest he was charged.', 'en')` → [{ start: 0, end: 27, days: 1, act:
 * { start: 17, end: 27 }, types: ['arrest', 'custody', 'detention'] }].
 */
export function findActAnchors(sentenceText: string, language: 'ru' | 'en'): ActAnchor[] {
  const out: ActAnchor[] = [];
  // Every pattern counts in days or weeks: most sentences name neither, and the patterns are the costly part.
  if (!(language === 'ru' ? RU_HINT : EN_HINT).test(sentenceText)) return out;
  for (const { re, days, group } of language === 'ru' ? RU_PATTERNS : EN_PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(sentenceText); m !== null; m = re.exec(sentenceText)) {
      const shift = days(m);
      const words = m[group];
      if (shift === null || words === undefined) continue;
      // The patterns ignore case, so a clause's subject named by a capital is checked here: "the day after his arrest
      // he was charged" opens no clause at "after".
      const opener = /^(?:(?:that|when|as)\s+)?([\p{L}-]+)/iu.exec(words)?.[1] ?? '';
      if (language === 'en' && !NAMED_OPENERS.test(opener) && !/^\p{Lu}/u.test(opener)) continue;
      const types = actTypes(words, language);
      if (types === null) continue;
      const actStart = m.index + m[0].length - words.length;
      if (out.some((a) => a.start < m!.index + m![0].length && m!.index < a.end)) continue;
      out.push({
        start: m.index,
        end: m.index + m[0].length,
        days: shift,
        act: { start: actStart, end: actStart + words.length },
        types,
      });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

function actTypes(words: string, language: 'ru' | 'en'): EventType[] | null {
  for (const [re, types] of language === 'ru' ? RU_ACTS : EN_ACTS) if (re.test(words)) return types;
  return null;
}

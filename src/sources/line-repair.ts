import { OTHER_UNIT, unitKinds } from '../shared/unicode-units.js';

/**
 * PDF text comes as the printed lines: sentences broken at the right margin and words hyphenated across lines.
 * Extraction wants sentences, so lines are joined back; paragraph breaks stay. Only PDF text is repaired (plain
 * text keeps its bytes so that offsets equal the file), and the repaired text is what later offsets refer to.
 */

/** Left parts that are whole words joined by a real hyphen ("pro-democracy", "пресс-служба", "кое-что"). */
const COMPOUND_LEFT = new Set([
  // English prefixes and first halves of compounds common in reports on persecution.
  'anti',
  'non',
  'self',
  'ex',
  'pro',
  'well',
  'so',
  'ill',
  'half',
  'quasi',
  'pseudo',
  'all',
  'human',
  'far',
  'long',
  'short',
  'high',
  'low',
  'full',
  'right',
  'left',
  'one',
  'two',
  'three',
  'four',
  'five',
  'first',
  'second',
  'third',
  // Russian: first parts written with a hyphen by the spelling rules (Правила 2006, §§ 120–131).
  'кое',
  'экс',
  'вице',
  'лейб',
  'обер',
  'унтер',
  'штаб',
  'пресс',
  'бизнес',
  'интернет',
  'онлайн',
  'медиа',
  'веб',
  'пиар',
  'генерал',
  'премьер',
  'северо',
  'юго',
  'военно',
  'социально',
  'общественно',
  'научно',
  'уголовно',
  'административно',
]);

/**
 * Ordinary words that begin like a compound prefix and are hyphenated after it at a line end ("pro-\ntest"): joined
 * without the hyphen.
 */
const NOT_COMPOUND =
  /^(prosecut|protest|provinc|process|procedur|progress|program|propagand|propert|promin|promis|protect|provid|proceed|prolong|prohibit|procur|proper|produc|profess|profil|project|prompt|pronounc|proof|prospect|prostitut|proxim|exam|excep|exces|exchang|exclu|excus|execut|exempt|exercis|exhib|exil|exist|exit|expan|expect|expel|expens|experi|expert|expir|explai|explicit|explo|export|expos|express|extend|extens|extent|extern|extra|extrem|nonetheless|allow|alleg|alli|also|alter|always|humane|humanit|wellington|solid|solitar|sociat|social|sold|soldier|some|son|sort|sought|sound|sour|south|sover)/;

/** Pronouns that take the particles -то, -либо, -нибудь, -таки ("кто-то", "где-нибудь"). */
const RU_PRONOUNS = new Set(
  'кто что какой какая какое какие каким какого какую какому каких чей чья чьё чьи где куда когда как почему зачем откуда сколько кого чего кому чему кем чем ком чём'.split(
    ' ',
  ),
);
const RU_PARTICLES = new Set(['то', 'либо', 'нибудь', 'таки', 'ка']);
/** "по-русски", "по-новому", "по-своему": adverbs with по- keep the hyphen. */
const PO_ADVERB = /^(\p{L}+(ски|цки|ому|ему|ьи))$/u;
const ORDINAL_ADVERB = /^(первых|вторых|третьих|четвертых|четвёртых|пятых|шестых|седьмых|восьмых|девятых|десятых)$/;

/**
 * Abbreviations whose period never ends a sentence, lower-cased: legal references ("по ч. 2 ст.\n280.3 УК РФ",
 * "Art.\n20.2"), addresses ("ул.\nЛенина"), titles ("Mr.\nIvanov") and case names ("Ivanov v.\nRussia"). A line
 * ending in one goes on in the next even when that starts with a capital or a digit.
 */
const NON_TERMINAL_ABBREVIATIONS = new Set(
  [
    'ст ч п пп пт подп абз гл разд им ул пр просп пер наб пл ш корп кв стр тел гр св т тт рис см ср напр',
    'para paras sec ch vol p pp st mr mrs ms dr prof gen lt col sgt capt rep sen gov v vs cf e.g i.e',
  ]
    .join(' ')
    .split(' '),
);
/** Abbreviations only when capitalised: "No.\n5", "Art.\n20.2" — but "he said no.", "modern art.". */
const CAPITALISED_ABBREVIATIONS = new Set(['No', 'Nos', 'Art', 'Arts']);
const LAST_ABBREVIATION = /(?:^|[\s(«"„“])(\p{L}[\p{L}.]*)\.$/u;

const HYPHENS = '-\u2010\u2011';
const SENTENCE_END = /[.!?…:;»"”')\]]$/u;
const LIST_MARKER = /^([-–—•*▪●◦]\s|\d{1,3}[.)]\s|\(?[a-zа-я][.)]\s)/u;
const STARTS_PARAGRAPH = /^[\p{Lu}\d«"“„'([—–§№]/u;
const LOWER_START = /^\p{Ll}/u;

/**
 * Joins lines broken inside a sentence and re-joins hyphenated words; keeps paragraph breaks (blank lines, and a
 * line ending a sentence followed by one that starts like a paragraph, heading or list item).
 * `repairLineBreaks('в Саратове задер-\nжали активиста\nполиция')` → 'в Саратове задержали активиста полиция'.
 */
export function repairLineBreaks(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const typical = typicalLineLength(lines);
  // Read only when a line ends in a hyphen the rules must decide on; most texts never need it.
  let words: ReadonlySet<string> | undefined;
  const spellings = (): ReadonlySet<string> => {
    words ??= wordsOf(text);
    return words;
  };
  const paragraphs: string[] = [];
  let current = '';
  let previousLine = '';

  const flush = (): void => {
    if (current) paragraphs.push(current);
    current = '';
    previousLine = '';
  };

  for (const raw of lines) {
    const indented = /^[ \t\u00a0]{2,}\S/.test(raw);
    const line = raw.replace(/[ \t\u00a0]+/g, ' ').trim();
    if (!line) {
      flush();
      continue;
    }
    if (!current) {
      current = line;
      previousLine = line;
      continue;
    }
    current = joinLines(current, previousLine, line, indented, typical, spellings);
    previousLine = line;
  }
  flush();
  return paragraphs.join('\n\n');
}

function joinLines(
  acc: string,
  a: string,
  b: string,
  indented: boolean,
  typical: number,
  spellings: () => ReadonlySet<string>,
): string {
  const last = a.at(-1) ?? '';
  // Soft hyphen at a line end is a typesetter's break, never part of the word.
  if (last === '\u00ad') return acc.slice(0, -1) + b;
  if (HYPHENS.includes(last) && a.length >= 2 && /\p{L}|\d/u.test(a.at(-2) ?? '')) {
    if (LIST_MARKER.test(b)) return `${acc}\n${b}`;
    if (!LOWER_START.test(b)) return acc + b; // "Ростов-на-\nДону", "COVID-\n19", "pro-\nKremlin"
    const left = (/[\p{L}\d-]+-$/u.exec(a)?.[0] ?? '').slice(0, -1);
    const right = /^[\p{L}\d-]+/u.exec(b)?.[0] ?? '';
    const spelt = left ? spellingInText(left, right, spellings()) : null;
    return (spelt ?? keepsHyphen(left, right)) ? acc + b : acc.slice(0, -1) + b;
  }
  if (LIST_MARKER.test(b)) return `${acc}\n${b}`;
  if (endsInAbbreviation(a)) return `${acc} ${b}`;
  if (SENTENCE_END.test(a) && (STARTS_PARAGRAPH.test(b) || indented)) return `${acc}\n${b}`;
  // A heading is a paragraph of its own: only the first line of a paragraph can be one.
  if (acc === a && looksLikeHeading(a, b, typical)) return `${acc}\n${b}`;
  return `${acc} ${b}`;
}

/**
 * Whether a line ends in an abbreviation's period rather than a sentence's. «г.» is «город» before a name ("в г.\n
 * Казани") but «год» after a year, where a sentence may end ("в 2020 г.\nСуд…"); a single capital is an initial
 * ("судья И.\nИ. Вымышленная").
 */
function endsInAbbreviation(line: string): boolean {
  const token = LAST_ABBREVIATION.exec(line)?.[1];
  if (!token) return false;
  const word = token.toLowerCase();
  if (word === 'г' || word === 'гг') return !/\d[\s\u00a0]*гг?\.$/u.test(line);
  if (/^\p{Lu}$/u.test(token) || CAPITALISED_ABBREVIATIONS.has(token)) return true;
  return NON_TERMINAL_ABBREVIATIONS.has(word);
}

/**
 * The words of a text, lower-cased, hyphenated ones whole with their hyphens as '-': the spellings the text itself
 * uses. One pass over the text by the table of unit kinds (about twice as fast as a Unicode expression: 2 s for a
 * 100 MB text, whose repair takes 8 s without it), one Set of its vocabulary. A word broken at a line end is two
 * entries ("pre", "trial"), never the spelling being decided.
 * `wordsOf('The pre-trial, pretrial')` → Set {'the', 'pre-trial', 'pretrial'}.
 */
function wordsOf(text: string): Set<string> {
  const kinds = unitKinds();
  const words = new Set<string>();
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const unit = i < text.length ? text.charCodeAt(i) : 0;
    // A hyphen between two word units is inside the word (past the end, charCodeAt's NaN reads as 0, not a letter).
    // Surrogates count as letters here: a word past U+FFFF is only ever compared whole.
    if (kinds[unit] !== OTHER_UNIT) {
      if (start < 0) start = i;
    } else if (start >= 0 && !(isHyphen(unit) && kinds[text.charCodeAt(i + 1) || 0] !== OTHER_UNIT)) {
      const word = text.slice(start, i).toLowerCase();
      words.add(word.includes('\u2010') || word.includes('\u2011') ? word.replace(/[\u2010\u2011]/g, '-') : word);
      start = -1;
    }
  }
  return words;
}

function isHyphen(unit: number): boolean {
  return unit === 0x2d || unit === 0x2010 || unit === 0x2011;
}

/**
 * Whether a word hyphenated at a line end keeps its hyphen, as the same text spells it elsewhere: "The pre-\ntrial"
 * stays "pre-trial" where the report writes "pre-trial" on one line, and is joined where it writes "pretrial"; null
 * when it has neither spelling, or both, and the rules decide (`keepsHyphen`). The text is better evidence than any
 * list: "pre-" and "post-" head both compounds ("pre-trial") and ordinary words ("prevent", "postpone").
 */
function spellingInText(left: string, right: string, words: ReadonlySet<string>): boolean | null {
  const l = left.toLowerCase();
  const r = right.toLowerCase();
  const hyphenated = words.has(`${l}-${r}`);
  if (hyphenated === words.has(l + r)) return null;
  return hyphenated;
}

function keepsHyphen(left: string, right: string): boolean {
  if (!left) return false;
  if (left.includes('-') || right.includes('-')) return true; // "северо-за-\nпадный" is rare; "Ростов-\nна-Дону" is not
  if (/^\d+$/.test(left)) return true; // "15-\nletний", "5-\nyear"
  const l = left.toLowerCase();
  const r = right.toLowerCase();
  if (COMPOUND_LEFT.has(l)) return !NOT_COMPOUND.test(l + r);
  if (RU_PARTICLES.has(r) && RU_PRONOUNS.has(l)) return true;
  if (l === 'по' && PO_ADVERB.test(r)) return true;
  if ((l === 'во' || l === 'в') && ORDINAL_ADVERB.test(r)) return true;
  if (l === 'из' && (r === 'за' || r === 'под')) return true;
  return false;
}

/**
 * A short capitalised line without final punctuation, followed by a capitalised line, is a heading ("Приговор\nСуд
 * назначил…"), unless it ends in a preposition or conjunction, which a heading never does ("Yesterday in\nSaratov").
 */
function looksLikeHeading(a: string, b: string, typical: number): boolean {
  if (!STARTS_PARAGRAPH.test(a) || !STARTS_PARAGRAPH.test(b)) return false;
  if (a.length >= Math.max(20, typical * 0.6)) return false;
  const lastWord = /[\p{L}]+$/u.exec(a)?.[0] ?? '';
  if (lastWord && lastWord === lastWord.toLowerCase() && lastWord.length <= 4) return false;
  return true;
}

function typicalLineLength(lines: string[]): number {
  const lengths = lines
    .map((l) => l.trim().length)
    .filter((n) => n > 0)
    .sort((x, y) => x - y);
  if (lengths.length < 4) return 70;
  return lengths[Math.floor(lengths.length * 0.75)] ?? 70;
}

/**
 * Person names in a sentence's tokens, with the nominative and gender (Russian through src/morph), and
 * within-document coreference: "Zimin" joins "Oleg Zimin"; «Осипова» (genitive) joins «Кирилл Осипов»; a wife and
 * husband with the same surname stay two people because their given names or gendered surnames differ.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  analyzeName,
  canReadNameAs,
  type Gender,
  type GrammaticalCase,
  isCommonGivenName,
  parseWord,
} from '../../morph/index.js';
import { lookupGivenName } from '../../resolve/given-names.js';
import { isMostlyLowerCase, type Token } from '../segment.js';

export interface PersonMention {
  start: number;
  end: number;
  /** Nominative name words: given, patronymic, surname, initials as written. */
  parts: string[];
  surname: string | null;
  given: string | null;
  gender: 'masc' | 'femn' | null;
  /** The surname only: resolve against earlier mentions. */
  surnameOnly: boolean;
  /** Alternative nominatives of a lone surname («Осипова» → Осипов or Осипова). */
  alternatives: string[];
}

const PRONOUNS = new Set(
  'он она оно они его её ее их него неё нее них ему ей им нему ней ним нём нем ими ней he she they him her them his hers their i we you it this that these those'.split(
    ' ',
  ),
);
const RU_STOP = new Set(
  'как по в во на с со у о об из за для при после до это этот эта эти тот та те так также когда где что чтобы если но и а или ранее позже затем суд защита следствие сегодня вчера завтра накануне адвокат судья между кроме однако уже еще ещё всего среди против глава директор президент мы вы я ты все всё россия москва бог господь'.split(
    ' ',
  ),
);
const EN_STOP = new Set(
  'jan feb mar apr jun jul aug sep sept oct nov dec georgian armenian belarusian kazakh kyrgyz chechen tatar bashkir crimean azerbaijani uzbek tajik latvian lithuanian estonian moldovan polish european american british german french israeli turkish dagestani ingush the a an in on at by of for to from with and or but as after before during his her their this that these those it its he she they police court district regional city committee ministry service centre center office article code statement solidarity campaign president judge lawyer activist artist journalist mr mrs ms dr last next yesterday today tomorrow earlier later meanwhile monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december russian russia ukrainian english human rights memorial federal national state investigative criminal administrative supreme constitutional military soviet moscow within without outside inside near under over since until while when where whose which what despite among around through although though then also both all some most many several there here however still even only just now once'.split(
    ' ',
  ),
);
const EN_LANDMARK =
  /^(?:monument|square|street|avenue|prospekt|prospect|park|boulevard|lane|embankment|bridge|station|theatre|theater|museum|university|library|metro)$/iu;
/** «на улице Баумана», «у памятника Пушкину», «площади Ленина»: a name in a street or monument's name. */
const RU_LANDMARK_BEFORE =
  /^(?:улиц\p{L}*|ул|проспект\p{L}*|пр|площад\p{L}*|пл|переул\p{L}*|бульвар\p{L}*|набережн\p{L}*|памятник\p{L}*|имени|им|станци\p{L}*|метро)$/iu;
/**
 * Words after which a name without a given name names an institution or a place: "the Meshchansky police station",
 * "the Kuntsevsky court", "the Leninsky District Court" (the court finder does not catch every spelling).
 */
const EN_INSTITUTION_AFTER =
  /^(?:court|courts|district|city|regional|region|military|garrison|police|precinct|station|department|prison|colony|jail|detention|remand|building|stadium|cathedral|church|mosque|palace|hall|hotel|market|airport|newspaper|daily|weekly|magazine|channel|tv|radio|prosecutor|prosecutors|administration|municipal|okrug|raion|oblast|krai|republic)$/iu;
/** Landmarks, prisons and outlets whose names look like surnames ("the Kremlin", "Lefortovo", "Kommersant"). */
const EN_NOT_PERSON = new Set(
  'kremlin duma lubyanka lefortovo butyrka kresty matrosskaya tishina kommersant izvestia vedomosti pravda meduza dozhd novaya gazeta rossiyskaya manezh bolotnaya'.split(
    ' ',
  ),
);
/** Titles, ranks and — capitalised at a sentence's start ("Student Aldar Tsyrenov") — occupations before a name. */
const EN_TITLES = new Set(
  (
    'mr mrs ms dr prof judge sir major colonel col lieutenant lt captain capt sergeant sgt ' +
    'student organiser organizer activist journalist blogger pensioner lawyer attorney teacher photographer deputy ' +
    'artist poet priest doctor nurse engineer programmer musician researcher historian scientist reporter editor'
  ).split(' '),
);
/** Surname endings: Slavic, Armenian, Georgian, and Azerbaijani (Mammadli, Hasanli, Rzazade, Aliyev). */
const LATIN_SURNAME =
  /(?:ov|ova|ev|eva|yov|yova|in|ina|yn|yna|sky|skiy|skaya|skaia|ski|enko|enka|yan|ian|shvili|dze|uk|yuk|ko|ich|ovich|evich|ou|iou|eu|ava|[^aeiouy]li|zade|zadeh|oglu|ogly)$/u;
/**
 * The gender a transliterated Slavic name shows: Remizova, Sokolovskaya → femn; Remizov, Sokolovsky → masc. Kravets,
 * Tamm, Shevchenko show none; nor does "Yulia Navalny", since English text often gives a woman the masculine form.
 */
const LATIN_FEMININE_SURNAME = /(?:ova|eva|yova|ina|yna|skaya|tskaya|skaia)$/u;
const LATIN_MASCULINE_SURNAME = /(?:ov|ev|yov|in|yn|sky|skiy|skii|tsky|tskiy)$/u;
/** Given names that end in -a and are men's. */
const MASCULINE_GIVEN_IN_A = new Set(['nikita', 'ilya', 'ilia', 'foma', 'kuzma', 'savva', 'danila', 'luka', 'mustafa']);

/** A transliterated patronymic: Vladimirovich, Ilyich → masc; Sergeyevna, Ilyinichna → femn. */
const LATIN_MASCULINE_PATRONYMIC = /(?:ovich|evich|ich)$/u;
const LATIN_FEMININE_PATRONYMIC = /(?:ovna|evna|ichna)$/u;

export function latinNameGender(surname: string, given?: string, patronymic?: string): 'masc' | 'femn' | null {
  // "Artur Vladimirovich Zinchenko": a surname that shows no gender, and the patronymic that does.
  const middle = patronymic?.toLowerCase() ?? '';
  if (LATIN_MASCULINE_PATRONYMIC.test(middle)) return 'masc';
  if (LATIN_FEMININE_PATRONYMIC.test(middle)) return 'femn';
  const word = surname.toLowerCase();
  if (word.length < 5) return null;
  const fromSurname = LATIN_FEMININE_SURNAME.test(word) ? 'femn' : LATIN_MASCULINE_SURNAME.test(word) ? 'masc' : null;
  if (fromSurname === null || given === undefined) return fromSurname;
  const g = given.toLowerCase();
  const fromGiven = g.endsWith('a') && !MASCULINE_GIVEN_IN_A.has(g) ? 'femn' : 'masc';
  return fromGiven === fromSurname ? fromSurname : null;
}
const CYR_SURNAME =
  /(?:ов|ев|ёв|ин|ын|ский|цкий|ская|цкая|ова|ева|ёва|ина|ына|ову|еву|ину|ым|ой|ого|ому|ской|ских|ых|их|енко|швили|дзе|ян|яна|яну|яном|ук|юк|ич|ича)$/u;
const RU_GIVEN_LATIN =
  'oleg pavel artyom artem vera gleb maxim maksim kirill elena yelena ramil alfiya dmitry dmitri olga ivan sergei sergey alexei alexey aleksei andrei andrey mikhail nikolai yuri yury igor anna maria natalia natalya tatiana tatyana svetlana irina ekaterina yekaterina anastasia darya daria yulia yuliya ksenia viktor vladimir vladislav boris roman anton denis evgeny yevgeny konstantin timur ruslan rustam marat ilya ilia nikita egor yegor stanislav vadim valery vitaly arkady semyon fyodor lev leonid grigory georgy zhanna lyudmila galina lyubov nadezhda marina oksana alina polina sofia kristina viktoria valentina larisa aleksandr alexander alexandra zarina aigul nurlan azamat bakhtiyor farid rinat rashid magomed akhmed islam shamil aliaksandr aliaksei siarhei dzmitry dzianis ihar uladzimir uladzislau mikalai yauhen kanstantsin viktar vital viachaslau zmitser aleh ales paval raman artsiom andrei maksim katsiaryna maryia nadzeya natallia tatsiana volha sviatlana iryna halina aksana palina liudmila alena valiantsina yauheniya enver rustem lenur seitumer remzi nariman edem eskender refat akhtem varvara varya vasilisa taisiya miroslava lidiya inessa savely platon gordei'.split(
    ' ',
  );

let englishGiven: Set<string> | null = null;

/**
 * Given names from compromise's lexicon (MIT), as ./data/english-given-names.json written by
 * build-given-names.ts: reading the list takes milliseconds, loading compromise over a second.
 */
export function compromiseGivenNames(): string[] {
  const names: string[] = [];
  const require = createRequire(import.meta.url);
  const nlp = require('compromise') as { model(): { one: { lexicon: Record<string, string> } } };
  const lexicon = nlp.model().one.lexicon;
  for (const [word, tag] of Object.entries(lexicon)) {
    if (/^(?:FirstName|MaleName|FemaleName|Person)$/u.test(tag) && /^[a-z]+$/u.test(word)) names.push(word);
  }
  return names.sort();
}

/** Given names for English text: compromise's name lexicon plus Russian names in common transliteration. */
function englishGivenNames(): Set<string> {
  if (englishGiven) return englishGiven;
  const set = new Set(RU_GIVEN_LATIN);
  try {
    const list = JSON.parse(readFileSync(new URL('./data/english-given-names.json', import.meta.url), 'utf8'));
    for (const name of list as string[]) set.add(name);
    englishGiven = set;
    return set;
  } catch {
    // No prebuilt list: read compromise itself below.
  }
  try {
    const require = createRequire(import.meta.url);
    const nlp = require('compromise') as { model(): { one: { lexicon: Record<string, string> } } };
    const lexicon = nlp.model().one.lexicon;
    for (const [word, tag] of Object.entries(lexicon)) {
      if (/^(?:FirstName|MaleName|FemaleName|Person)$/u.test(tag) && /^[a-z]+$/u.test(word)) set.add(word);
    }
  } catch {
    // compromise is a development convenience here; the transliterated list alone still works.
  }
  englishGiven = set;
  return set;
}

/** Whether a lower-case word is a given name in English text: `isEnglishGivenName('adam')` → true. */
export function isEnglishGivenName(word: string): boolean {
  return englishGivenNames().has(word);
}

export function loadPersonLexicons(): void {
  englishGivenNames();
}

const PREPOSITION_CASES: Record<string, GrammaticalCase[]> = {
  у: ['gent'],
  для: ['gent'],
  против: ['gent'],
  от: ['gent'],
  без: ['gent'],
  к: ['datv'],
  с: ['ablt'],
  со: ['ablt'],
  над: ['ablt'],
  перед: ['ablt'],
  о: ['loct'],
  об: ['loct'],
  при: ['loct'],
};

/** Initials written with more than one letter: Cyrillic Х, Ш, Ж, Ч, Ц, Ю, Я, Е, Щ, Дж in Latin script. */
const DIGRAPH_INITIAL = /^(?:Kh|Sh|Zh|Ch|Ts|Tz|Yu|Iu|Ya|Ia|Ye|Yo|Sch|Shch|Dzh|Dj|Gh|Дж)$/u;

/** "Kh." in "Kh. A. Dzhabrailov", «Дж.» in «Дж. Т. Алиев»: an initial when a capitalised word follows its full stop. */
function isDigraphInitial(t: Token, afterDot: Token | undefined): boolean {
  return DIGRAPH_INITIAL.test(t.norm) && !!afterDot && afterDot.upper && afterDot.kind === 'word';
}

function isCyrillicWord(t: Token): boolean {
  return t.kind === 'word' && /^\p{Script=Cyrillic}/u.test(t.norm);
}

function isLatinWord(t: Token): boolean {
  return t.kind === 'word' && /^\p{Script=Latin}/u.test(t.norm);
}

function hasTag(word: string, tag: string): boolean {
  return parseWord(word).some((p) => p.tags.includes(tag));
}

/**
 * Nouns that end a compound preposition governing the genitive: «в отношении», «за подписью», «в лице», «от имени»,
 * «в адрес», «в пользу», «в защиту», «в поддержку».
 */
const GENITIVE_PREPOSITION_NOUNS = new Set([
  'отношении',
  'подписью',
  'лице',
  'имени',
  'адрес',
  'пользу',
  'защиту',
  'поддержку',
]);

interface ContextHints {
  /** Gender and case pairs of a word the name stands in apposition to. */
  agreement?: Array<[Gender, GrammaticalCase]>;
  cases?: GrammaticalCase[];
  /** The case comes from a plural noun of persons, which may head a list of names rather than this one. */
  plural?: boolean;
}

/**
 * What a lower-case word before or after a name says of it: «правозащитника» → gent/accs; «задержанной» → femn
 * gent/datv/ablt/loct; «у» → gent. A masculine noun of occupation gives the case only: «адвокат Дина Ахтямова».
 */
function wordHints(word: string): ContextHints | null {
  const lower = word.toLowerCase();
  const byPreposition = Object.hasOwn(PREPOSITION_CASES, lower) ? PREPOSITION_CASES[lower] : undefined;
  if (byPreposition) return { cases: byPreposition };
  const parses = parseWord(lower).filter(
    (p) =>
      ((p.pos === 'NOUN' && p.tags.includes('anim')) || p.pos === 'ADJF' || p.pos === 'PRTF') &&
      p.number !== 'plur' &&
      !!p.case,
  );
  // «судей Брагина С.Е.», «адвокатов Петровой»: a plural noun of persons in an oblique case gives the case of each
  // name it heads (not the gender: the names are each their own).
  if (parses.length === 0) {
    const plural = parseWord(lower).filter((p) => p.pos === 'NOUN' && p.tags.includes('anim') && p.number === 'plur');
    if (plural.length > 0 && !plural.some((p) => p.case === 'nomn'))
      return { cases: [...new Set(plural.map((p) => p.case!))], plural: true };
    return null;
  }
  const cases = [...new Set(parses.map((p) => p.case!))];
  const agreement: Array<[Gender, GrammaticalCase]> = [];
  for (const p of parses) {
    // Women hold posts named by masculine nouns (адвокат, депутат, начальник): such a noun says nothing of gender.
    if (p.gender === 'femn' || (p.gender === 'masc' && p.pos !== 'NOUN')) agreement.push([p.gender, p.case!]);
  }
  return agreement.length > 0 ? { cases, agreement } : { cases };
}

/**
 * Context the words around a name give: the word before it (a preposition, a noun or adjective it stands in
 * apposition to), else the person noun that heads a chain of genitives before it («помощника прокурора Ленинского
 * района г. Владимира Тарасова Е.В.» → gent/accs; «помощник прокурора … Тарасова Е.В.» → nomn), else a compound preposition («в отношении Семёнова А. В.» → gent), else
 * a noun in apposition after a comma («за подписью А. В. Крутикова, начальника отдела» → gent).
 */
function contextHints(tokens: Token[], from: number, at: number, after: number): ContextHints {
  const prev = tokens[at - 1];
  if (prev && prev.kind === 'word' && !prev.upper) {
    const lower = prev.norm.toLowerCase();
    if (GENITIVE_PREPOSITION_NOUNS.has(lower)) return { cases: ['gent'] };
    const own = wordHints(lower);
    if (own) return own;
  }
  if (prev && (prev.upper || prev.text === '.')) {
    // Back over a chain of genitives and abbreviations («прокурора Ленинского района г. Владимира») to the person noun
    // that heads it: the chain's first word, or the word before it (a nominative «помощник»).
    let head: string | null = null;
    for (let k = at - 1, seen = 0; k >= from && seen < 10; k--, seen++) {
      const t = tokens[k]!;
      if (t.text === '.') continue;
      if (t.kind !== 'word') break;
      const lower = t.norm.toLowerCase();
      if (t.norm.length <= 2 && !t.upper) continue; // «г.», «ул.»
      const parses = parseWord(lower);
      const person = !t.upper && parses.some((p) => p.pos === 'NOUN' && p.tags.includes('anim'));
      if (!parses.some((p) => p.case === 'gent')) {
        if (person) head = lower;
        break;
      }
      if (person) head = lower;
    }
    const hints = head ? wordHints(head) : null;
    if (hints) return hints;
  }
  const comma = tokens[after];
  const next = tokens[after + 1];
  if (comma?.text === ',' && next?.kind === 'word' && !next.upper) {
    const parses = parseWord(next.norm.toLowerCase()).filter(
      (p) => p.pos === 'NOUN' && p.tags.includes('anim') && p.number !== 'plur' && !!p.case,
    );
    // Only a noun that cannot be read as a nominative: «Крутикова, начальник отдела» may open a new clause.
    if (parses.length > 0 && !parses.some((p) => p.case === 'nomn'))
      return { cases: [...new Set(parses.map((p) => p.case!))] };
  }
  return {};
}

/** A verb right after the name that agrees in gender: «Альфия Хайруллина сообщила» → femn. */
function verbGender(tokens: Token[], after: number): 'masc' | 'femn' | undefined {
  const next = tokens[after];
  if (!next || next.kind !== 'word' || next.upper) return undefined;
  const parses = parseWord(next.norm.toLowerCase()).filter((p) => p.pos === 'VERB' && p.tags.includes('past'));
  if (parses.length === 0) return undefined;
  if (parses.every((p) => p.gender === 'femn')) return 'femn';
  if (parses.every((p) => p.gender === 'masc')) return 'masc';
  return undefined;
}

function looksLikeRuName(word: string): { given: boolean; surname: boolean; patronymic: boolean } {
  // A plural reading is no given name: «Магомедов» is also «of the Magomeds».
  const given = parseWord(word).some((p) => p.tags.includes('Name') && p.number !== 'plur');
  const patronymic =
    /(?:ович|евич|ич)(?:а|у|ем|е)?$|(?:овн|евн|ичн)(?:а|ы|е|у|ой)$/u.test(word.toLowerCase()) && hasTag(word, 'Patr');
  const surname = hasTag(word, 'Surn') || CYR_SURNAME.test(word.toLowerCase());
  return { given, surname, patronymic };
}

/** Nouns of role or occupation that open a clause before a given name and patronymic: «Адвокат Ольга Павловна». */
const RU_ROLE_NOUN =
  /^(?:адвокат|защитни|журналист|корреспондент|редактор|активист|правозащитни|волонт[её]р|координатор|студент|пенсионер|учител|преподавател|педагог|врач|медсестр|депутат|суд|следовател|прокурор|дознавател|сотрудни|начальни|председател|директор|глав|президент|губернатор|мэр|министр|священни|блогер|художни|музыкант|поэт|писател|режисс[её]р|фотограф|предпринимател|бизнесмен|инженер|программист|политик|гражданин|гражданк|жител|задержанн|осужд[её]нн|обвиняем|подсудим|свидетел|потерпевш|профессор|доцент|автор|лидер|член|основател|мать|отец|сестр|брат|жена|муж|сын|доч|бабушк|дедушк|вдова|супруг|тётя|тетя|дядя)/u;

/**
 * «Гайдамак Остап Игоревич»: a word the dictionary knows as a common noun, then a given name and a patronymic in
 * its case, is a surname written first (lists, tables, court papers), unless it names a role («Адвокат Ольга Павловна»).
 */
function isSurnameFirstFullName(parts: readonly string[]): boolean {
  if (parts.length !== 3 || parts.some((p) => p.endsWith('.'))) return false;
  if (RU_ROLE_NOUN.test(parts[0]!.toLowerCase())) return false;
  const cases = (word: string, tag: string) =>
    new Set(
      parseWord(word)
        .filter((p) => p.tags.includes(tag) && p.number !== 'plur')
        .map((p) => p.case),
    );
  const surnameCases = new Set(
    parseWord(parts[0]!)
      .filter((p) => p.pos === 'NOUN' && p.number !== 'plur')
      .map((p) => p.case),
  );
  const givenCases = cases(parts[1]!, 'Name');
  const patronymicCases = cases(parts[2]!, 'Patr');
  // The nominative only: lists, tables and court papers write a name surname first in it, while an oblique case
  // strings a town's name onto a full name («у жительницы Омска Анны Петровны»).
  return givenCases.has('nomn') && patronymicCases.has('nomn') && surnameCases.has('nomn');
}

/**
 * Whether the one-word place `tokens[first, last)` is a surname before a given name and patronymic in its case
 * («Сокол Игорь Семёнович», «Орёл Анна Петровна»), so the person finder may read it.
 */
export function isRuSurnameBeforeFullName(tokens: readonly Token[], first: number, last: number, end: number): boolean {
  if (last !== first + 1 || last + 1 >= end) return false;
  const words = [tokens[first]!, tokens[last]!, tokens[last + 1]!];
  if (!words.every((w) => w.kind === 'word' && w.upper && isCyrillicWord(w))) return false;
  // «Омск Анна Петровна Зайцева»: a surname after the patronymic leaves the town a town.
  const after = tokens[last + 2];
  if (last + 2 < end && after?.kind === 'word' && after.upper) return false;
  return isSurnameFirstFullName(words.map((w) => w.norm));
}

/** Kinship nouns (lemmas) before a relative's given name. */
const RU_KIN = new Set(
  (
    'мать отец жена муж сын дочь брат сестра супруг супруга бабушка дедушка ' +
    'внук внучка племянник племянница невеста жених'
  ).split(' '),
);

/**
 * Whether `t` is a kinship noun in a case the given name after it shares: «брата Тимофея» (gent/accs both) is the
 * brother Тимофей, but «жену Ильи» (accs, gent) is Илья's wife.
 */
function isRuKinOf(t: Token | undefined, given: string): boolean {
  if (t?.kind !== 'word') return false;
  const kinCases = new Set(
    parseWord(t.norm.toLowerCase())
      .filter((p) => p.pos === 'NOUN' && p.number !== 'plur' && RU_KIN.has(p.lemma))
      .map((p) => p.case),
  );
  return parseWord(given).some((p) => p.tags.includes('Name') && p.number !== 'plur' && kinCases.has(p.case));
}

/** A kinship noun before `at`, right before it («брата Тимофея») or before a possessor («Жена Кашапова, Гузель»). */
function ruKinBefore(tokens: Token[], from: number, at: number): boolean {
  const given = tokens[at]!.norm;
  let k = at - 1;
  if (tokens[k]?.text === ',') k--;
  if (k < from) return false;
  if (isRuKinOf(tokens[k], given)) return true;
  const possessor = tokens[k];
  return (
    !!possessor && possessor.upper && possessor.kind === 'word' && k - 1 >= from && isRuKinOf(tokens[k - 1], given)
  );
}

/**
 * Whether the last of three name words is another person's surname: the first two read as a given name and surname
 * in one gender and case, and the third has no reading in them (Лейсан Гарифовой | Кашапов).
 */
function endsInOtherName(parts: string[]): boolean {
  const [given, surname, last] = parts as [string, string, string];
  const g = looksLikeRuName(given);
  const s = looksLikeRuName(surname);
  const l = looksLikeRuName(last);
  if (!g.given || g.patronymic || s.patronymic || l.patronymic || s.given || !l.surname) return false;
  const pair = analyzeName([given, surname], { roles: ['given', 'surname'] });
  if (!pair.gender || !pair.case) return false;
  return !canReadNameAs(last, 'surname', pair.gender, pair.case);
}

/**
 * Whether the first of three name words is a given name that cannot share the gender and case of the given name and
 * surname after it, so it names another person: «Дарьи | Евгений Сабуров» (a client's name before her lawyer's).
 */
function startsWithOtherGiven(parts: string[]): boolean {
  const [other, given, surname] = parts as [string, string, string];
  const o = looksLikeRuName(other);
  const g = looksLikeRuName(given);
  const s = looksLikeRuName(surname);
  if (!o.given || o.surname || o.patronymic || !g.given || g.patronymic || s.patronymic || s.given || !s.surname) {
    return false;
  }
  const pair = analyzeName([given, surname], { roles: ['given', 'surname'] });
  if (!pair.gender || !pair.case) return false;
  if (!canReadNameAs(given, 'given', pair.gender, pair.case)) return false;
  return !canReadNameAs(other, 'given', pair.gender, pair.case);
}

/** A surname of the -ов/-ев/-ин/-ский types in any case: Рахимова, Алиеву, Сафиным, Гладковской. */
const RU_SURNAME_PATTERN = /(?:ов|ев|ёв|ин|ын)(?:а|у|ым|ой|е)?$|(?:ск|цк)(?:ий|ого|ому|им|ом|ая|ой|ую)$/u;

/** A word the dictionary does not know (az only guesses its readings): «Бахтиёра», «Зауром». */
function isUnknownWord(word: string): boolean {
  const parses = parseWord(word);
  return parses.length > 0 && parses.every((p) => p.score < 0.3);
}

function isCommonSentenceStart(word: string): boolean {
  // A capitalised first word that the dictionary knows only as a common word is not a name.
  const parses = parseWord(word);
  if (parses.length === 0) return false;
  const top = parses[0]!;
  return !top.tags.includes('Name') && !top.tags.includes('Surn') && !top.tags.includes('Patr') && top.score > 0.3;
}

/**
 * Finds person mentions among `tokens[from, to)`. `isPlace(i, j)` tells whether tokens i..j-1 name a place, so
 * «Уфе» is not read as a surname.
 */
export function findPersons(
  tokens: Token[],
  from: number,
  to: number,
  language: 'ru' | 'en',
  isBlocked: (i: number) => boolean,
  knownSurname?: KnownSurname,
): PersonMention[] {
  return language === 'ru'
    ? findRussian(tokens, from, to, isBlocked, knownSurname)
    : findEnglish(tokens, from, to, isBlocked);
}

/**
 * The nominative surname of a person the report has already named in full, when `word` is one of its case forms
 * («Ступака» → «Ступак» after «Глеба Ступака»); else null.
 */
export type KnownSurname = (word: string) => string | null;

/** Whether a capitalised word reads as an adjective agreeing with the lower-case noun after it: «Вологодский протест». */
function agreesAsAdjective(word: string, noun: string): boolean {
  const nouns = parseWord(noun.toLowerCase()).filter((p) => p.pos === 'NOUN');
  return parseWord(word.toLowerCase()).some(
    (a) =>
      a.pos === 'ADJF' &&
      nouns.some((n) => n.case === a.case && n.number === a.number && (n.number === 'plur' || n.gender === a.gender)),
  );
}

function findRussian(
  tokens: Token[],
  from: number,
  to: number,
  isBlocked: (i: number) => boolean,
  knownSurname?: KnownSurname,
): PersonMention[] {
  const out: PersonMention[] = [];
  /** The last name read: the token after it, and the case its context gave. */
  let previousName: { end: number; cases: GrammaticalCase[] | undefined } | null = null;
  let i = from;
  while (i < to) {
    const t = tokens[i]!;
    const startsName = (t.upper && isCyrillicWord(t)) || false;
    if (!startsName && !isBlocked(i) && !isBlocked(i + 1) && i + 1 < to && isLowerCaseName(tokens, i)) {
      out.push(lowerCaseMention(tokens, from, i));
      i += 2;
      continue;
    }
    if (!startsName || isBlocked(i) || PRONOUNS.has(t.norm.toLowerCase())) {
      i++;
      continue;
    }
    const before = tokens[i - 1]?.text === '.' ? tokens[i - 2] : tokens[i - 1];
    if (before?.kind === 'word' && RU_LANDMARK_BEFORE.test(before.norm)) {
      i++;
      while (i < to && tokens[i]!.upper && isCyrillicWord(tokens[i]!)) i++;
      continue;
    }
    // Collect a run of capitalised words and initials («И. С. Ковалёва»).
    const parts: string[] = [];
    const idx: number[] = [];
    let j = i;
    // Five: a capitalised common word at a sentence start may open a four-part run («Адвокат Котова Б. Д. Лесная»).
    const maxParts = isCommonSentenceStart(t.norm) ? 5 : 4;
    while (j < to && parts.length < maxParts) {
      const w = tokens[j]!;
      if (!(w.upper && isCyrillicWord(w)) || isBlocked(j)) break;
      // «Судья ⇥ Кораблёва Т. В.», «Хасанова Г.Р.        Дело № 22-7841»: a column's edge ends the name.
      if (j > i && w.columnBefore) break;
      if ((w.norm.length === 1 || isDigraphInitial(w, tokens[j + 2])) && tokens[j + 1]?.text === '.') {
        parts.push(`${w.norm}.`);
        idx.push(j);
        j += 2;
        continue;
      }
      if (w.norm.length === 1) break;
      // «Кологривов, Арсений Львович⏎Материал из Википедии»: a common word opening the next line opens no name part.
      if (j > i && w.breaksBefore > 0 && isCommonSentenceStart(w.norm)) break;
      if (w.norm === w.norm.toUpperCase() && w.norm.length > 1) break; // acronyms: ФСБ, ОМОН
      if (j > i && tokens[j - 1]!.end !== w.start && tokens[j - 1]!.text === '.' && tokens[j - 1]!.end === w.start)
        break;
      parts.push(w.norm);
      idx.push(j);
      j++;
    }
    if (parts.length === 0) {
      i++;
      continue;
    }
    const quoted = i > 0 && /[«"„“]/u.test(tokens[i - 1]!.text);
    // Only a punctuation token starts a clause: a word hyphenated across a line («пенсио-⏎нер Лев») does not.
    // «12:40 Адвокат Ступака Михаил Эрдман»: a live blog's time opening the line opens a clause too.
    const timeBefore =
      tokens[i - 1]?.kind === 'num' &&
      /^\d{1,2}[:.]\d{2}$/u.test(tokens[i - 1]!.text) &&
      (i - 1 === from || tokens[i - 1]!.breaksBefore > 0);
    let sentenceStart =
      i === from || timeBefore || (tokens[i - 1]!.kind === 'punct' && /[.!?:—–-]/u.test(tokens[i - 1]!.text));
    // «Задержали Олега Кузнецова»: a capitalised first word that is a common word is not part of the name.
    // But a given name that is also a common word («Лев», «Вера», «Роман») before a word that is no common word opens
    // the name: «Лев Гринберг — ОМВД по Красносельскому району».
    const givenFirst =
      parts.length > 1 &&
      !parts[1]!.endsWith('.') &&
      parseWord(parts[0]!).some((a) => a.tags.includes('Name')) &&
      !isCommonSentenceStart(parts[1]!);
    if (
      sentenceStart &&
      parts.length > 1 &&
      !parts[0]!.endsWith('.') &&
      isCommonSentenceStart(parts[0]!) &&
      !givenFirst &&
      !isSurnameFirstFullName(parts)
    ) {
      parts.shift();
      idx.shift();
      sentenceStart = false;
    }
    // «Адвокат Гурова Светлана Нечаева», «Адвокат Петрова Б. Д. Хасанова»: a client's surname in the genitive
    // glued before the lawyer's full name is a name of its own.
    if (parts.length >= 3 && !parts[0]!.endsWith('.')) {
      const head = looksLikeRuName(parts[0]!);
      const last = parts.at(-1)!;
      const tail = last.endsWith('.') ? null : looksLikeRuName(last);
      const nextIsGiven = !parts[1]!.endsWith('.') && looksLikeRuName(parts[1]!).given;
      // «Соколов Д. П. Вологодский протест»: a book's author before his initials, and the title's adjective after them.
      const afterTail = tokens[idx.at(-1)! + 1];
      const titleAdjective =
        tail !== null &&
        parts[1]!.endsWith('.') &&
        parts.at(-2)!.endsWith('.') &&
        afterTail?.kind === 'word' &&
        !afterTail.upper &&
        afterTail.breaksBefore === 0 &&
        agreesAsAdjective(last, afterTail.norm);
      if (titleAdjective) {
        parts.pop();
        idx.pop();
        j = idx.at(-1)! + 2;
      } else if (
        !head.given &&
        !head.patronymic &&
        (nextIsGiven || parts[1]!.endsWith('.')) &&
        tail &&
        // «Михаил Эрдман»: a surname the dictionary also lists as a given name still ends a full name.
        (!tail.given || (nextIsGiven && hasTag(last, 'Surn'))) &&
        !tail.patronymic
      ) {
        parts.length = 1;
        j = idx[0]! + 1;
        idx.length = 1;
      }
    }
    // «Адвокату Лейсан Гарифовой Кашапов рассказал»: a full name in an oblique case, then a surname of another
    // gender or case opening the clause, which is a name of its own.
    if (parts.length === 3 && !parts.some((p) => p.endsWith('.')) && endsInOtherName(parts)) {
      parts.length = 2;
      j = idx[1]! + 1;
      idx.length = 2;
    }
    // «Защитник Дарьи Евгений Сабуров»: a given name in another case before a full name is someone else's.
    if (parts.length === 3 && !parts.some((p) => p.endsWith('.')) && startsWithOtherGiven(parts)) {
      parts.length = 1;
      j = idx[0]! + 1;
      idx.length = 1;
    }
    const words = parts.filter((p) => !p.endsWith('.'));
    const initials = parts.length - words.length;
    const features = words.map(looksLikeRuName);
    // «Бадмаева Сэсэг Цыреновна»: a patronymic after a given name the dictionary lacks still makes a name.
    const anyGiven = features.some((f, k) => f.given || (k > 0 && f.patronymic));
    const anySurname = features.some((f) => f.surname);
    let accept = false;
    if (quoted) accept = false;
    else if (words.length >= 2 && (anyGiven || initials > 0) && (anySurname || words.length >= 2)) accept = true;
    else if (words.length === 1 && initials > 0 && anySurname) accept = true;
    // «Б. Д. Лесная», «А. В. Белый»: after two initials the word is a surname, whatever else it could be.
    else if (words.length === 1 && initials >= 2 && !RU_STOP.has(words[0]!.toLowerCase())) accept = true;
    else if (
      // «Бахтиёра Рахимова», «Зауру Алиеву»: a given name the dictionary lacks before a surname of a Russian pattern.
      words.length === 2 &&
      initials === 0 &&
      RU_SURNAME_PATTERN.test(words[1]!.toLowerCase()) &&
      !features[0]!.surname &&
      !RU_STOP.has(words[0]!.toLowerCase()) &&
      isUnknownWord(words[0]!)
    )
      accept = true;
    else if (words.length === 1 && features[0]!.surname && !RU_STOP.has(words[0]!.toLowerCase())) {
      accept = !(sentenceStart && isCommonSentenceStart(words[0]!)) && hasTag(words[0]!, 'Surn');
      if (!accept && !sentenceStart && CYR_SURNAME.test(words[0]!.toLowerCase()) && !isCommonSentenceStart(words[0]!)) {
        accept = true;
      }
      // «что Кристина полгода ездит по судам»: a frequent given name alone is no surname; who bears it is told by
      // the full name elsewhere in the report.
      if (isCommonGivenName(words[0]!)) accept = false;
      // «о Второй мировой войне», «Первого канала»: an ordinal numeral in a capitalised name is no surname.
      if (!hasTag(words[0]!, 'Surn') && hasTag(words[0]!, 'Anum')) accept = false;
    }
    // «Его брата Тимофея», «Жена Кашапова, Гузель, говорит»: a relative named by the given name alone.
    const kinGiven =
      !accept && words.length === 1 && initials === 0 && features[0]!.given && ruKinBefore(tokens, from, i);
    if (kinGiven) accept = true;
    // «Дмитрия и Ольгу Белоусовых»: two given names sharing a plural surname.
    if (!accept && words.length === 1 && features[0]!.given && tokens[j]?.norm === 'и') {
      const k = j + 1;
      const g2 = tokens[k];
      const sur = tokens[k + 1];
      if (g2 && sur && g2.upper && sur.upper && /(?:ов|ев|ин|ын)ых$/u.test(sur.norm)) {
        const stem = sur.norm.slice(0, -2);
        const first = analyzeName([words[0]!], { roles: ['given'] });
        const second = analyzeName([g2.norm], { roles: ['given'] });
        const surnameFor = (g: 'masc' | 'femn' | null) => (g === 'femn' ? `${stem}а` : stem);
        out.push(mention(t.start, t.end, [first.nominative[0]!, surnameFor(first.gender)], first.gender, false));
        out.push(mention(g2.start, sur.end, [second.nominative[0]!, surnameFor(second.gender)], second.gender, false));
        i = k + 2;
        continue;
      }
    }
    // «Вотиновых отпустили»: a family named by its plural surname is several people, not one more person.
    if (accept && words.length === 1 && initials === 0 && /(?:ов|ев|ёв|ин|ын)ых$/u.test(words[0]!.toLowerCase())) {
      accept = false;
    }
    // «Ступака и Мкртчяна привели», «назначить Ступаку 7 лет» after «Глеба Ступака»: a word the dictionary cannot
    // tell from a common noun is a surname when it is a case form of the surname of someone named in full before.
    const known = !accept && !quoted && words.length === 1 && initials === 0 ? knownSurname?.(words[0]!) : null;
    if (known) {
      const m = mention(tokens[idx[0]!]!.start, tokens[idx[0]!]!.end, [known], null, true);
      m.alternatives = [known];
      out.push(m);
      previousName = null;
      i = j;
      continue;
    }
    if (!accept) {
      i = j > i ? j : i + 1;
      continue;
    }
    let hints = contextHints(tokens, from, i, j);
    // A surname with initials shows its gender only by its case: «судей Брагина С.Е. и Низамутдинова И.И.» are two
    // men, in the genitive of the plural noun over them, which a surname joined by «и» or a comma shares. A given
    // name shows its own case, and a plural noun may head a list rather than the name after it.
    const initialsOnly = words.length === 1 && initials > 0;
    const joint = tokens[idx[0]! - 1];
    const listed = previousName?.end === idx[0]! - 1 && (joint?.text === ',' || joint?.norm === 'и');
    if (initialsOnly && listed && previousName?.cases) hints = { cases: previousName.cases };
    else if (hints.plural && !initialsOnly) hints = {};
    previousName = initialsOnly ? { end: j, cases: hints.cases } : null;
    const gender = verbGender(tokens, j);
    const options: Parameters<typeof analyzeName>[1] = {};
    if (gender) options.gender = gender;
    if (hints.cases && hints.cases.length > 0) options.cases = hints.cases;
    if (hints.agreement) options.agreement = hints.agreement;
    if (kinGiven) options.roles = ['given'];
    const analysis = analyzeName(parts, options);
    const surnameOnly =
      words.length === 1 && analysis.roles.every((r) => r === 'surname' || r === 'initial') && initials === 0;
    const m = mention(
      tokens[idx[0]!]!.start,
      tokens[idx.at(-1)!]!.end,
      analysis.nominative,
      analysis.gender,
      surnameOnly,
    );
    const surnameAt = analysis.roles.indexOf('surname');
    m.surname = surnameAt >= 0 ? (analysis.nominative[surnameAt] ?? null) : null;
    const givenAt = analysis.roles.indexOf('given');
    m.given = givenAt >= 0 ? (analysis.nominative[givenAt] ?? null) : null;
    if (surnameOnly) {
      const alts = new Set<string>();
      for (const g of ['masc', 'femn'] as const) alts.add(analyzeName(parts, { ...options, gender: g }).nominative[0]!);
      m.alternatives = [...alts];
    }
    out.push(m);
    i = j;
  }
  return out;
}

/**
 * «руслан ганиев», «его друга даниса хасанова» in a document written in lower case: a word the dictionary knows as a
 * given name, then a surname it knows, of the -ов/-ев/-ин/-ский types, both read in one gender and case. Nothing
 * else is read in lower case: «слава богу», «вера в людей» and a lone «руслана» stay common words.
 */
function isLowerCaseName(tokens: Token[], at: number): boolean {
  const first = tokens[at]!;
  const second = tokens[at + 1]!;
  if (!isCyrillicWord(first) || !isCyrillicWord(second) || first.upper || second.upper) return false;
  if (second.breaksBefore > 0 || first.norm.length < 3 || !RU_SURNAME_PATTERN.test(second.norm)) return false;
  if (RU_STOP.has(first.norm) || PRONOUNS.has(first.norm)) return false;
  if (!isMostlyLowerCase(tokens)) return false;
  const given = titleCased(first.norm);
  const surname = titleCased(second.norm);
  if (!parseWord(given).some((p) => p.tags.includes('Name') && p.number !== 'plur')) return false;
  if (!hasTag(surname, 'Surn') || looksLikeRuName(surname).given) return false;
  const pair = analyzeName([given, surname], { roles: ['given', 'surname'] });
  if (!pair.gender || !pair.case) return false;
  return (
    canReadNameAs(given, 'given', pair.gender, pair.case) && canReadNameAs(surname, 'surname', pair.gender, pair.case)
  );
}

function titleCased(word: string): string {
  return (word[0]?.toUpperCase() ?? '') + word.slice(1).toLowerCase();
}

/** The mention of a lower-case given name and surname at `at` (see isLowerCaseName), in the nominative. */
function lowerCaseMention(tokens: Token[], from: number, at: number): PersonMention {
  const parts = [titleCased(tokens[at]!.norm), titleCased(tokens[at + 1]!.norm)];
  const hints = contextHints(tokens, from, at, at + 2);
  const options: Parameters<typeof analyzeName>[1] = { roles: ['given', 'surname'] };
  const gender = verbGender(tokens, at + 2);
  if (gender) options.gender = gender;
  if (hints.cases && hints.cases.length > 0) options.cases = hints.cases;
  if (hints.agreement) options.agreement = hints.agreement;
  const analysis = analyzeName(parts, options);
  return mention(tokens[at]!.start, tokens[at + 1]!.end, analysis.nominative, analysis.gender, false);
}

function mention(
  start: number,
  end: number,
  parts: string[],
  gender: 'masc' | 'femn' | null,
  surnameOnly: boolean,
): PersonMention {
  const words = parts.filter((p) => !p.endsWith('.'));
  return {
    start,
    end,
    parts,
    surname: words.at(-1) ?? null,
    given: words.length > 1 ? (words[0] ?? null) : null,
    gender,
    surnameOnly,
    alternatives: [],
  };
}

/**
 * Given names in English text: the English list, then any Russian given name or its diminutive in any
 * transliteration the cross-script matcher knows (Yevgeniy, Nastya, Gulnara), for words of three letters or more.
 */
const givenInEnglishText = {
  has(word: string): boolean {
    if (englishGivenNames().has(word)) return true;
    return word.length >= 3 && /^[a-z]+$/u.test(word) && lookupGivenName(word).length > 0;
  },
};

/** "KIRILL ANDREEV" at `at`: the two words title-cased, or null. */
function upperCaseName(
  tokens: Token[],
  at: number,
  to: number,
  given: { has(word: string): boolean },
): string[] | null {
  const isCapitals = (t: Token | undefined) =>
    !!t && isLatinWord(t) && t.norm.length > 1 && t.norm === t.norm.toUpperCase();
  const first = tokens[at]!;
  const second = tokens[at + 1];
  if (!isCapitals(second) || at + 1 >= to || isCapitals(tokens[at - 1]) || isCapitals(tokens[at + 2])) return null;
  const a = first.norm.toLowerCase();
  const b = second!.norm.toLowerCase();
  if (a.length < 3 || EN_STOP.has(a) || !given.has(a) || !LATIN_SURNAME.test(b) || EN_STOP.has(b)) return null;
  const title = (w: string) => w[0]! + w.slice(1).toLowerCase();
  return [title(first.norm), title(second!.norm)];
}

/** "ZAKHARCHENKO Anastasia Vladimirovna" at `at`: the surname title-cased, the given name and patronymic, or null. */
function capitalSurnameFirst(tokens: Token[], at: number, given: { has(word: string): boolean }): string[] | null {
  const [surname, first, patronymic] = [tokens[at]!, tokens[at + 1], tokens[at + 2]];
  const titled = (t: Token | undefined) => !!t && isLatinWord(t) && t.upper && t.norm !== t.norm.toUpperCase();
  if (!titled(first) || !titled(patronymic) || surname.norm.length < 3) return null;
  const parts = [surname.norm[0]! + surname.norm.slice(1).toLowerCase(), first!.norm, patronymic!.norm];
  return isLatinSurnameFirst(parts, given) ? parts : null;
}

/**
 * Whether three name words are a surname, a given name and a patronymic, in the order of Russian documents:
 * `isLatinSurnameFirst(['Sokolova', 'Anna', 'Ivanovna'], given)` → true.
 */
function isLatinSurnameFirst(parts: readonly string[], given: { has(word: string): boolean }): boolean {
  if (parts.length !== 3 || parts.some((p) => p.endsWith('.'))) return false;
  const [surname, first, patronymic] = parts.map((p) => p.toLowerCase()) as [string, string, string];
  // "Khachatryan Ani Samvelovna": a given name the lists lack between a surname and a patronymic of full shape.
  const fullPatronymic = /(?:ovich|evich|ovna|evna)$/u.test(patronymic) && !EN_STOP.has(first) && first.length >= 2;
  return (
    LATIN_SURNAME.test(surname) &&
    !given.has(surname) &&
    !EN_STOP.has(surname) &&
    (given.has(first) || fullPatronymic) &&
    (LATIN_MASCULINE_PATRONYMIC.test(patronymic) || LATIN_FEMININE_PATRONYMIC.test(patronymic))
  );
}

/**
 * Whether a given name stands after the first word and before the last, so the words before it are no part of the
 * name: "Luki Karina Abdullayeva", "Velikiye Luki Karina Abdullayeva" (a run of capitalised words over a line break).
 */
function givenBeforeLast(parts: readonly string[], given: { has(word: string): boolean }): boolean {
  for (let k = 1; k < parts.length - 1; k++) {
    const word = parts[k]!;
    if (word.endsWith('.')) return false;
    if (given.has(word.toLowerCase())) return true;
  }
  return false;
}

function findEnglish(tokens: Token[], from: number, to: number, isBlocked: (i: number) => boolean): PersonMention[] {
  const given = givenInEnglishText;
  const out: PersonMention[] = [];
  let i = from;
  while (i < to) {
    const t = tokens[i]!;
    if (!(t.upper && isLatinWord(t)) || isBlocked(i)) {
      i++;
      continue;
    }
    const parts: string[] = [];
    const idx: number[] = [];
    let j = i;
    while (j < to && parts.length < 4) {
      const w = tokens[j]!;
      if (!(w.upper && isLatinWord(w)) || isBlocked(j)) break;
      if (j > i && w.columnBefore) break;
      // "Valk M.Yu.,": a digraph initial after another initial ends the name.
      const lastInitial = DIGRAPH_INITIAL.test(w.norm) && !!parts.at(-1)?.endsWith('.');
      if ((w.norm.length === 1 || isDigraphInitial(w, tokens[j + 2]) || lastInitial) && tokens[j + 1]?.text === '.') {
        parts.push(`${w.norm}.`);
        idx.push(j);
        j += 2;
        continue;
      }
      if (EN_TITLES.has(w.norm.toLowerCase())) {
        if (tokens[j + 1]?.text === '.') j++;
        j++;
        if (parts.length === 0) {
          i = j;
          continue;
        }
        break;
      }
      if (w.norm.length > 1 && w.norm === w.norm.toUpperCase()) {
        // "KIRILL ANDREEV (host):": a speaker's name in capitals, read when a given name and a surname of a Slavic
        // pattern stand alone in capitals (not inside a headline in capitals).
        const capitalName = parts.length === 0 ? upperCaseName(tokens, j, to, given) : null;
        if (capitalName) {
          parts.push(...capitalName);
          idx.push(j, j + 1);
          j += 2;
        }
        // "ZAKHARCHENKO Anastasia Vladimirovna": a translated verdict writes the surname first, in capitals.
        const surnameFirst = parts.length === 0 && j + 2 < to ? capitalSurnameFirst(tokens, j, given) : null;
        if (surnameFirst) {
          parts.push(...surnameFirst);
          idx.push(j, j + 1, j + 2);
          j += 3;
        }
        break;
      }
      parts.push(w.norm.replace(/['’]s$/u, ''));
      idx.push(j);
      j++;
    }
    if (parts.length === 0) {
      i = Math.max(i + 1, j);
      continue;
    }
    // "the Pushkin monument", "Sakharov Avenue": a name that names a place, not a person.
    const after = tokens[j];
    const noGiven = !parts.some((p) => p.endsWith('.') || given.has(p.toLowerCase()));
    const possessive = /['’]s$/u.test(tokens[idx.at(-1)!]!.norm);
    if (
      after?.kind === 'word' &&
      (EN_LANDMARK.test(after.norm) || (noGiven && !possessive && EN_INSTITUTION_AFTER.test(after.norm)))
    ) {
      i = Math.max(i + 1, j);
      continue;
    }
    // "the citizen Sokolova Anna Ivanovna": a surname written before the given name and patronymic, as Russian
    // papers write it, is her surname and not a word to drop.
    const surnameFirst = isLatinSurnameFirst(parts, given);
    // Drop leading words that are not names ("Activist Gleb Morozov" at a sentence start), and a capitalised title
    // before a given name and surname ("Librarian Tamara Zhukova", "Coordinator Stanislav Kuzmin"), or a place of
    // two words that ends the line before ("…, Velikiye Luki⏎Karina Abdullayeva, …" in a list of signatories).
    // Likewise a capitalised word before initials and a surname ("Investigator Kh. A. Dzhabrailov"), unless it is a
    // surname written first ("Sokolov A. V.": then nothing follows the initials).
    while (
      !surnameFirst &&
      parts.length > 1 &&
      (EN_STOP.has(parts[0]!.toLowerCase()) ||
        (parts.length > 2 && !given.has(parts[0]!.toLowerCase()) && givenBeforeLast(parts, given)) ||
        (parts.length > 2 &&
          !parts[0]!.endsWith('.') &&
          parts[1]!.endsWith('.') &&
          !parts.at(-1)!.endsWith('.') &&
          !given.has(parts[0]!.toLowerCase()) &&
          !LATIN_SURNAME.test(parts[0]!.toLowerCase())))
    ) {
      parts.shift();
      idx.shift();
    }
    const words = parts.filter((p) => !p.endsWith('.'));
    const initials = parts.length - words.length;
    const lowerFirst = (words[0] ?? '').toLowerCase();
    const last = words.at(-1) ?? '';
    let accept = false;
    // "You do not have to…": a pronoun opening a sentence may end like a surname (-ou).
    if (
      words.some(
        (w) => EN_STOP.has(w.toLowerCase()) || EN_NOT_PERSON.has(w.toLowerCase()) || PRONOUNS.has(w.toLowerCase()),
      )
    )
      accept = false;
    else if (surnameFirst || (words.length >= 2 && given.has(lowerFirst))) accept = true;
    else if (words.length >= 2 && LATIN_SURNAME.test(last.toLowerCase()) && words.length <= 3) accept = true;
    else if (words.length === 1 && initials > 0) accept = true;
    else if (words.length === 1 && LATIN_SURNAME.test(last.toLowerCase()) && !given.has(lowerFirst)) {
      // "the protest on Nevsky", "a picket at Lubyanka": a lone surname-shaped word after a preposition of place is
      // a street or square.
      const prev = tokens[idx[0]! - 1];
      accept = !(prev?.kind === 'word' && /^(?:on|at|along|near|off)$/iu.test(prev.norm));
    }
    if (!accept || idx.length === 0) {
      i = Math.max(i + 1, j);
      continue;
    }
    const m = mention(
      tokens[idx[0]!]!.start,
      tokens[idx.at(-1)!]!.end,
      parts,
      last && (words.length > 1 || initials > 0 || LATIN_SURNAME.test(last.toLowerCase()))
        ? latinNameGender(last, words.length > 1 ? words[0] : undefined, words.length === 3 ? words[1] : undefined)
        : null,
      words.length === 1 && initials === 0,
    );
    if (m.surnameOnly) m.alternatives = [last];
    if (surnameFirst) {
      m.surname = parts[0]!;
      m.given = parts[1]!;
      m.gender = latinNameGender(parts[0]!, parts[1]!);
    }
    out.push(m);
    i = j;
  }
  return out;
}

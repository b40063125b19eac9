/**
 * The extractor: text → Extraction (../shared/schema/extraction.schema.json). Pure and deterministic; dictionaries
 * and gazetteers load once per process (loadExtractor). Work is per sentence with document-level hash maps, so time
 * grows linearly with the text.
 */
import { loadMorphology, parseWord } from '../morph/index.js';
import { declineSurname, type Gender, type GrammaticalCase } from '../resolve/inflection.js';
import { detectLanguage } from '../shared/language.js';
import { findDateExpressions, smallCount } from './dates/date-grammar.js';
import { addDays, isoDay, parseIsoDay, type ResolvedDate, resolveDates } from './dates/date-resolver.js';
import { markDatedEntries } from './dates/entries.js';
import { type ActAnchor, findActAnchors } from './events/act-anchors.js';
import {
  type CueHit,
  compatibleDates,
  dateForCue,
  type Range,
  relativeClauses,
  subjectsByCue,
} from './events/event-context.js';
import {
  type CueMatch,
  findCues,
  findFineAmount,
  findRussianTerm,
  findSentenceYears,
  isAnaphoricNoun,
  isDenied,
  isNegated,
  isReason,
} from './events/event-cues.js';
import { findListItems, LIST_HEADER, type ListItem, smallHours } from './events/lists.js';
import { cueTellsNoAct, DEFENDANT_LABEL, LABEL_ONLY, tellsNoActs } from './events/non-acts.js';
import { findTables, inNumberColumnHeader, type TableRow, type TextTable } from './events/tables.js';
import { findArticles, findCases } from './legal/legal-finder.js';
import { findOrganizations, openingLinesEnd } from './organizations/organization-finder.js';
import { courtRolesEn, courtRolesRu } from './persons/court-roles.js';
import {
  adjectivalSurnameName,
  answersToGivenName,
  givenAndPatronymicFit,
  isBracketedSpelling,
  sameGivenName,
  surnameKeys,
} from './persons/person-coreference.js';
import {
  findPersons,
  isEnglishGivenName,
  isRuSurnameBeforeFullName,
  loadPersonLexicons,
  type PersonMention,
} from './persons/person-finder.js';
import { SPEECH_VERBS_EN, speechVerbsEn, speechVerbsRu } from './persons/speech-verbs.js';
import { capitalCourtPlaces } from './places/capital-courts.js';
import { declineName, fold, type Gazetteer, loadGazetteer, type PlaceRecord } from './places/gazetteer.js';
import {
  CLOSING_QUOTES,
  isMostlyLowerCase,
  OPENING_QUOTES,
  QUOTED_SPANS,
  type Sentence,
  segment,
  sentenceView,
  type Token,
} from './segment.js';
import type {
  ArticleMention,
  CaseEntity,
  DateMention,
  Entity,
  EventType,
  ExtractedEvent,
  Extraction,
  ExtractOptions,
  PersonEntity,
  PlaceEntity,
  Span,
} from './types.js';

export const EXTRACTOR_VERSION = '0.1.0';

let loaded = false;

/** Pays start-up costs (morphology ~0.2 s, gazetteers ~0.4 s) once per process. Idempotent. */
export function loadExtractor(): void {
  if (loaded) return;
  loadMorphology();
  loadGazetteer();
  loadPersonLexicons();
  loaded = true;
}

const span = (text: string, start: number, end: number): Span => ({ start, end, text: text.slice(start, end) });

/** Words that look like place names but begin district/court names: «Советский районный суд». */
const DISTRICT_FOLLOWERS = /^(?:районн|район|district|городск|областн)/iu;
/** What stands between a body's name and its country: «МВД России», "the Investigative Committee of Russia". */
const BODY_TO_COUNTRY = /^(?:\s*|\s+of\s+(?:the\s+)?)$/u;
/** "Date: 5 May", "Subject: …": an e-mail's header labels, which towns are also called. */
const MAIL_HEADER_WORDS = new Set(['date', 'subject', 'sent']);
/** "Vlasikha, Moscow Region": the region, not its capital ("the Yaroslavl Regional Court" sits in the city). */
const REGION_FOLLOWERS = /^(?:region|oblast|krai|territory|province)$/iu;
/** «на улице Чайковского», «пл. Куйбышева»: the word after a street's kind names the street, not a town. */
const RU_STREET_WORDS =
  /^(?:улиц\p{L}*|ул|проспект\p{L}*|просп|пр-т|площад\p{L}*|пл|переул\p{L}*|пер|бульвар\p{L}*|б-р|набережн\p{L}*|наб|шоссе|проезд\p{L}*|аллеи|аллее|аллею|аллея)$/u;
const LANDMARK_FOLLOWERS = /^(?:monument|square|street|avenue|prospekt|park|памятник|площад|улиц|проспект)/iu;
/** "Ural Solidarity", "Volga Media": a place word naming a group is part of the group's name, not a place. */
const ORG_FOLLOWERS =
  /^(?:solidarity|foundation|fund|media|movement|union|network|initiative|institute|society|group|coalition|association|review|memorial)$/iu;

/** A letter's greeting or closing: "Best,", "Best regards", "Kind regards" (Best in the Netherlands is a town). */
const EN_CLOSING_WORDS = new Set(
  'best kind warm warmest regards cheers thanks sincerely yours love hi hello greetings'.split(' '),
);
/** Russian given names' diminutives as English text spells them ("dragged Pasha along"): Pasha is also a village. */
const RU_DIMINUTIVES_LATIN = new Set(
  'pasha sasha misha dima vanya kolya petya seryozha serezha lyosha alyosha lesha zhenya tolya volodya vova slava styopa grisha kostya tanya masha natasha katya olya yulya nastya dasha sonya lyuba nadya galya lyuda vika ksyusha liza polya anya borya fedya lyova zhora yura sveta'.split(
    ' ',
  ),
);
/** Words that join the parts of a town's name in lower case: "Rostov on Don", "Frankfurt am Main". */
const EN_NAME_JOINERS = new Set('on na upon de del la le am im of the'.split(' '));
const SPEECH_WORDS = new Set(
  'is was are were be been has have had will would can not no a an the and to in on at for with it this that не это и а в на был была были есть будет'.split(
    ' ',
  ),
);

const EN_COMMON_WORD_TOWNS = new Set(
  'most many some colony police court prison mobile reading split bar nice eagle union independence liberty victory progress justice freedom hope unity best date'.split(
    ' ',
  ),
);

/** "MOSCOW, March 4 —": a dateline in capitals names the place as the gazetteer does, else in title case. */
function datelineName(surface: string, record: PlaceRecord): string {
  if (surface !== surface.toUpperCase() || !/\p{Lu}{2}/u.test(surface)) return surface;
  if (fold(record.name) === fold(surface)) return record.name;
  return surface
    .toLowerCase()
    .replace(/(^|[\s-])(\p{Ll})/gu, (_, sep: string, c: string) => sep + c.toUpperCase())
    .replace(/-(On|Na|Upon)-/gu, (m) => m.toLowerCase());
}

const PLACE_PREPOSITIONS = new Set(
  'в во из на под над до от около возле у близ через по к за между с г город города городе городом села село селе посёлке поселке деревне'.split(
    ' ',
  ),
);
const LATIN_PLACE_PREPOSITIONS = new Set(
  'in from to near at of outside into around across via toward towards through inside within'.split(' '),
);
const EN_MONTH_WORDS = new Set(
  'jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july august september october november december'.split(
    ' ',
  ),
);
/** "NOVOSIBIRSK, Mon 23 Nov": Mon is a day, not the state in Myanmar. */
const EN_WEEKDAY_WORDS = new Set('mon tue tues wed thu thur thurs fri sat sun'.split(' '));
/** A town this large is read in lower case after a preposition («в нижнекамск»); a smaller one is likelier a word. */
const LOWER_CASE_TOWN_MIN = 100_000;
const LATIN_SURNAME_SHAPE = /(?:ov|ova|ev|eva|in|ina|sky|skaya|enko|shvili|dze)$/u;
const SURNAME_SHAPE = /(?:ов|ев|ёв|ин|ын)(?:а|у|ым|ой|ых|е)?$/u;

/**
 * Towns named like a famous man, which the gazetteer leaves out as words (Киров, Королёв): a place only right after a
 * preposition of place, «в Кирове», "a court in Kirov" — never «у Кирова» or "Kirov said".
 */
const SURNAME_TOWNS: ReadonlyArray<[string, string[], PlaceRecord]> = [
  [
    'Киров',
    ['Kirov'],
    {
      name: 'Киров',
      country: 'RU',
      lat: 58.6035264,
      lon: 49.6679304,
      geonameId: 548408,
      population: 473668,
      region: 'Кировская обл',
    },
  ],
  [
    'Королёв',
    ['Korolev', 'Korolyov'],
    {
      name: 'Королёв',
      country: 'RU',
      lat: 55.9161773,
      lon: 37.8545415,
      geonameId: 554233,
      population: 183452,
      region: 'Московская обл',
    },
  ],
];
let surnameTownForms: Map<string, PlaceRecord> | null = null;
function surnameTown(word: string): PlaceRecord | undefined {
  if (!surnameTownForms) {
    surnameTownForms = new Map();
    for (const [name, latin, record] of SURNAME_TOWNS) {
      for (const form of declineName(name)) surnameTownForms.set(form, record);
      surnameTownForms.set(fold(name).replace(/ё/gu, 'е'), record);
      for (const l of latin) surnameTownForms.set(fold(l), { ...record, name: latin[0]! });
    }
  }
  return surnameTownForms.get(fold(word)) ?? surnameTownForms.get(fold(word).replace(/ё/gu, 'е'));
}
const RU_TOWN_PREPOSITIONS = new Set(['в', 'во', 'из', 'под', 'около', 'возле', 'близ']);
const EN_TOWN_PREPOSITIONS = new Set(['in', 'near', 'outside', 'from', 'into']);

interface PlaceHit {
  first: number;
  last: number; // exclusive token index
  record: PlaceRecord;
  surface: string;
  /** Where the name ends inside its last token ("Prague" in "Prague-based"), if before the token's end. */
  end?: number;
}

/**
 * Whether "of" and lower-case words from token `j` run to a colon, as a field's label does: "Date ⟨of receipt:⟩",
 * "Place ⟨of detention:⟩" — not "Kazan ⟨police said:⟩".
 */
function isFieldLabel(tokens: Token[], j: number): boolean {
  if (tokens[j]?.norm !== 'of') return false;
  for (let k = j; k < j + 4 && k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.breaksBefore > 0) return false;
    if (t.text === ':') return k > j;
    if (t.kind !== 'word' || t.upper) return false;
  }
  return false;
}

/**
 * Whether the words from token `i` to `j` sit inside a short quoted name that goes on past them, or fill a quote alone:
 * 'the "Onega reading club" case', «под псевдонимом «Сокол»». Not a quotation of speech: the quote closes within four
 * words on its line.
 */
function inQuotedName(tokens: Token[], i: number, j: number): boolean {
  const open = tokens[i - 1];
  if (!open || !OPENING_QUOTES.has(open.text) || open.end !== tokens[i]!.start) return false;
  // A straight quote touching the word before it closes a quote, it opens none.
  if (open.text === '"' && tokens[i - 2] && tokens[i - 2]!.end === open.start) return false;
  for (let k = j; k < j + 5 && k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.breaksBefore > 0) return false;
    if (CLOSING_QUOTES.has(t.text)) return true;
    // '"Kazan is a prison"', «Москва не резиновая»: a verb or a small word of speech makes the quote a sentence.
    if (t.kind !== 'word' || SPEECH_WORDS.has(t.norm.toLowerCase())) return false;
  }
  return false;
}

function findPlaces(
  tokens: Token[],
  sentence: Sentence,
  language: 'ru' | 'en',
  gaz: Gazetteer,
  isColumnHeader: (offset: number) => boolean,
): PlaceHit[] {
  const hits: PlaceHit[] = [];
  // «увезли в казань»: where nothing is capitalised, a city after a preposition of place is still one.
  const lowerCase = language === 'ru' && isMostlyLowerCase(tokens);
  let i = sentence.first;
  while (i < sentence.last) {
    const t = tokens[i]!;
    const prev = tokens[i - 1];
    const uncapitalised =
      !t.upper &&
      lowerCase &&
      prev?.kind === 'word' &&
      PLACE_PREPOSITIONS.has(prev.norm.toLowerCase()) &&
      (gaz.cyrillic.get(fold(t.norm))?.population ?? 0) >= LOWER_CASE_TOWN_MIN;
    if (t.kind !== 'word' || (!t.upper && !uncapitalised)) {
      i++;
      continue;
    }
    // "the Prague-based outlet": where a group is based is a place of the report.
    const based = language === 'en' ? /^(\p{Lu}[\p{L}'’]+)-based$/u.exec(t.norm) : null;
    const basedIn = based ? gaz.latin.get(fold(based[1]!)) : undefined;
    if (based && basedIn && basedIn.population >= LOWER_CASE_TOWN_MIN) {
      hits.push({ first: i, last: i + 1, record: basedIn, surface: based[1]!, end: t.start + based[1]!.length });
      i++;
      continue;
    }
    let matched: PlaceHit | null = null;
    // The window of up to maxWords words from here, folded once; "St." keeps its dot.
    const words: string[] = [];
    const ends: number[] = [];
    for (let j = i; words.length < gaz.maxWords && j < sentence.last; j++) {
      const w = tokens[j]!;
      if (w.kind !== 'word') {
        if (w.text === '.' && words.length > 0 && words.at(-1) === 'st') {
          words[words.length - 1] = 'st.';
          ends[ends.length - 1] = j + 1;
          continue;
        }
        break;
      }
      words.push(fold(w.norm.endsWith('s') || w.norm.endsWith('’') ? w.norm.replace(/['’]s$/u, '') : w.norm));
      ends.push(j + 1);
    }
    // Longest name first: «Нижнего Новгорода», "Saint Petersburg", "St. Petersburg".
    for (let n = words.length; n >= 1 && !matched; n--) {
      const key = n === 1 ? words[0]! : words.slice(0, n).join(' ');
      const j = ends[n - 1]!;
      const code = key.charCodeAt(0);
      const isCyr = code >= 0x400 && code <= 0x4ff;
      const record = isCyr ? gaz.cyrillic.get(key) : gaz.latin.get(key);
      if (!record) continue;
      // "The colony administration" is no "The Colony": a town's name capitalises each of its words.
      if (
        !isCyr &&
        n > 1 &&
        tokens.slice(i + 1, j).some((w) => w.kind === 'word' && !w.upper && !EN_NAME_JOINERS.has(w.norm.toLowerCase()))
      )
        continue;
      const next = tokens[j];
      if (
        next &&
        next.kind === 'word' &&
        (DISTRICT_FOLLOWERS.test(next.norm) || LANDMARK_FOLLOWERS.test(next.norm) || REGION_FOLLOWERS.test(next.norm))
      )
        continue;
      if (!isCyr && next?.kind === 'word' && next.upper && ORG_FOLLOWERS.test(next.norm)) continue;
      const lineStart = i === 0 || t.breaksBefore > 0;
      // "Republic of Karelia" is the republic, not Republic, Washington; "Date: 5 May" opens a mail's header line.
      if (!isCyr && n === 1 && key === 'republic' && next?.norm === 'of') continue;
      if (!isCyr && n === 1 && MAIL_HEADER_WORDS.has(key) && next?.text === ':') continue;
      // "Best,\nAnna", "Best regards": a letter's closing at the start of a line.
      const closing = next?.text === ',' || next?.text === '!' || /^(?:regards|wishes)$/iu.test(next?.norm ?? '');
      if (!isCyr && n === 1 && lineStart && closing && EN_CLOSING_WORDS.has(key)) continue;
      // 'the "Lefortovo Readers" case', «под псевдонимом «Сокол»»: a word of a quoted name, or the name alone.
      if (inQuotedName(tokens, i, j)) continue;
      // "Most were let go", "The colony regime is general": a common word capitalised at a sentence's start (or
      // after "The") that a town somewhere is also called (Most in Czechia, The Colony in Texas).
      const opening = i === sentence.first || /^the$/iu.test(tokens[i - 1]?.norm ?? '');
      const bare = n === 2 && key.startsWith('the ') ? key.slice(4) : n === 1 ? key : null;
      if (!isCyr && bare !== null && opening && EN_COMMON_WORD_TOWNS.has(bare)) continue;
      // «Ким Ольга | Омск | …»: a table's cell holding the word alone is its place column — unless it is the column's
      // header ("… | Date | Time | …" over dates).
      const cellAlone = tokens[i - 1]?.text === '|' && (tokens[j] === undefined || tokens[j]!.text === '|');
      if ((tokens[i - 1]?.text === '|' || (lineStart && tokens[j]?.text === '|')) && isColumnHeader(t.start)) continue;
      // "Date of receipt: 14.04.2026": the first word of a card's field label, lower-case words after it to the colon.
      if (lineStart && isFieldLabel(tokens, j)) continue;
      // A small town spelt like a surname is the surname after a given name («Веру Белову», «Магомеду Гаджиеву») or
      // when no preposition of place stands before it («блогера Ершова»).
      // «Алексея Гамбурга», «Исайи Берлина»: a city abroad named after a given name is a surname, however big.
      const abroad = record.country !== null && record.country !== 'RU' && record.kind === undefined;
      if (isCyr && n === 1 && (record.population < 200_000 || abroad)) {
        // «в г. Коврове»: the word before the abbreviation's dot.
        const prev = tokens[i - 1]?.text === '.' ? tokens[i - 2] : tokens[i - 1];
        const afterGiven =
          prev?.kind === 'word' && prev.upper && parseWord(prev.norm).some((a) => a.tags.includes('Name'));
        const located = cellAlone || (prev?.kind === 'word' && PLACE_PREPOSITIONS.has(prev.norm.toLowerCase()));
        if (!located && afterGiven) continue;
        const small = record.population < 200_000;
        // A capitalised «В» opening the sentence reads as an initial, but it is the preposition.
        if (small && !located && SURNAME_SHAPE.test(t.norm.toLowerCase())) continue;
        // «студент Артём Лисицкий»: a town named like a given name, right before a capitalised word, is the name.
        const following = tokens[i + 1];
        const givenHere = parseWord(t.norm).some((a) => a.tags.includes('Name'));
        if (small && !located && givenHere && following?.kind === 'word' && following.upper) continue;
      }
      // In English, a lone word that is also a month ("MINSK, Nov 19"), a given name ("Adam said") or a small town
      // spelt like a surname ("Sokolov was put…") is a place only after a preposition of place.
      if (!isCyr && n === 1) {
        const prev = tokens[i - 1];
        // "GENEVA (4 December) –", "MOSCOW, March 4": a dateline in capitals opening its line places the report.
        const dateline = lineStart && t.norm === t.norm.toUpperCase() && (next?.text === ',' || next?.text === '(');
        const located =
          cellAlone || dateline || (prev?.kind === 'word' && LATIN_PLACE_PREPOSITIONS.has(prev.norm.toLowerCase()));
        const nearNumber = tokens[i + 1]?.kind === 'num' || prev?.kind === 'num';
        if ((EN_MONTH_WORDS.has(key) || EN_WEEKDAY_WORDS.has(key)) && nearNumber) continue;
        const givenName = isEnglishGivenName(key) || RU_DIMINUTIVES_LATIN.has(key);
        if (!located && (givenName || (record.population < 200_000 && LATIN_SURNAME_SHAPE.test(key)))) continue;
      }
      if (isCyr) {
        const before = tokens[i - 1]?.text === '.' ? tokens[i - 2] : tokens[i - 1];
        if (before?.kind === 'word' && RU_STREET_WORDS.test(before.norm.toLowerCase())) continue;
      }
      // «по делу «Донского кружка»»: an adjective opening a quoted name is part of that name.
      if (isCyr && /^[«"„“]$/u.test(tokens[i - 1]?.text ?? '') && next?.kind === 'word' && !next.upper) continue;
      // A capitalised common word at the start of a sentence («Мир изменился») is not a place.
      if (isCyr && n === 1 && i === sentence.first) {
        const top = parseWord(t.norm)[0];
        if (top && !top.tags.includes('Geox') && top.score > 0.5) continue;
      }
      const surface =
        language === 'ru'
          ? record.name
          : datelineName(
              tokens
                .slice(i, j)
                .map((x) => x.norm.replace(/['’]s$/u, ''))
                .join(' ')
                .replace(' .', '.'),
              record,
            );
      matched = { first: i, last: j, record, surface };
    }
    const townBefore = tokens[i - 1]?.kind === 'word' ? tokens[i - 1]!.norm.toLowerCase() : '';
    const town = matched ? undefined : surnameTown(t.norm);
    // "from Kirov Square", «в Кирове Петровском»: a capitalised word or a landmark's kind after it makes another name.
    const townAfter = tokens[i + 1];
    const named =
      townAfter?.kind === 'word' &&
      (townAfter.upper || LANDMARK_FOLLOWERS.test(townAfter.norm) || DISTRICT_FOLLOWERS.test(townAfter.norm));
    if (!matched && town && !named && (language === 'ru' ? RU_TOWN_PREPOSITIONS : EN_TOWN_PREPOSITIONS).has(townBefore))
      matched = { first: i, last: i + 1, record: town, surface: town.name };
    if (matched) {
      hits.push(matched);
      i = matched.last;
    } else i++;
  }
  return hits;
}

/** Nouns that name a settlement the gazetteer's cities may lack, its name after them: «в посёлке Явас», «села Сущёво». */
const RU_SETTLEMENT_NOUNS = new Set(
  'посёлок посёлка посёлке посёлком поселок поселка поселке поселком село села селе селом деревня деревни деревне деревню деревней станица станицы станице станицу станицей хутор хутора хуторе хутором аул аула ауле аулом пгт'.split(
    ' ',
  ),
);
const EN_SETTLEMENT_NOUNS = new Set(['village', 'settlement', 'hamlet']);

/** Prepositions of place before a settlement, and an airport named after its village: «в аэропорту Рощино». */
const RU_BEFORE_SETTLEMENT = /^(?:в|во|из|под|около|возле|близ|аэропорт\p{L}*)$/u;

/**
 * «в Сахарово», «в аэропорту Рощино»: a village's name in -ово, -ево, -ино, -ыно after a preposition of place is left
 * undeclined, as speech leaves it, and the dictionary can read it as a place name by its shape (not «в кино»).
 */
function isUndeclinedSettlement(tokens: Token[], k: number): boolean {
  const name = tokens[k + 1];
  if (name?.kind !== 'word' || !name.upper || !RU_BEFORE_SETTLEMENT.test(tokens[k]!.norm.toLowerCase())) return false;
  if (!/(?:ово|ево|ёво|ино|ыно)$/u.test(name.norm)) return false;
  return parseWord(name.norm).some((p) => p.tags.includes('Geox'));
}

/**
 * Settlements named after a noun that says what they are, which the gazetteer may not hold: «в посёлке Явас», «из села
 * Сущёво» (the name stays in the nominative after the noun), "the village of Kamianka". No coordinates: a place the
 * documentalist may pin on the map.
 */
function settlementPlaces(tokens: Token[], sentence: Sentence, language: 'ru' | 'en', found: PlaceHit[]): PlaceHit[] {
  const hits: PlaceHit[] = [];
  for (let k = sentence.first; k + 1 < sentence.last; k++) {
    const noun = tokens[k]!.norm.toLowerCase();
    const ru = language === 'ru' && (RU_SETTLEMENT_NOUNS.has(noun) || isUndeclinedSettlement(tokens, k));
    const en = language === 'en' && EN_SETTLEMENT_NOUNS.has(noun) && tokens[k + 1]!.norm === 'of';
    if (!ru && !en) continue;
    const first = en ? k + 2 : k + 1;
    let last = first;
    while (last < sentence.last && last - first < 2 && tokens[last]!.kind === 'word' && tokens[last]!.upper) last++;
    if (last === first || found.some((p) => p.first < last && first < p.last)) continue;
    const name = tokens
      .slice(first, last)
      .map((t) => t.norm)
      .join(' ');
    const record: PlaceRecord = { name, country: null, lat: null, lon: null, geonameId: null, population: 0 };
    hits.push({ first, last, record, surface: name });
  }
  return hits;
}

/**
 * The stem a one-word outlet's name keeps in every case form, and the same of a name joined to its kind:
 * `orgStem('Вычегды')` = `orgStem('Вычегда.Онлайн')` = 'вычегд'. Null for any other name.
 */
function orgStem(name: string): string | null {
  const m = /^(\p{Lu}\p{Ll}{3,})(?:[.-] ?\p{Lu}\p{L}+)?$/u.exec(name);
  return m ? fold(m[1]!).replace(/[аяыиоуюеэьй]{1,2}$/u, '') : null;
}

/** Bodies named after where they sit: a town in their name is a place ("Segezha City Court", "Perm University"). */
const SEAT_BODY =
  /(?<![\p{L}])(?:court|police|prosecutor\p{L}*|duma|assembly|council|administration|ministry|department|directorate|office|service|commission|committee|university|institute|academy|embassy|consulate|government|station|precinct|sizo|ik|colony|school|gymnasium|lyceum|kindergarten)(?![\p{L}])/iu;

/** The seat's word heads the name: "Perm University", "Court of Ozersk"; in "Iset Court Notes" the notes are the head. */
const SEAT_HEAD = new RegExp(String.raw`${SEAT_BODY.source}(?=\s*$|\s+(?:of|for|No\.?|№)(?![\p{L}]))`, 'iu');

/** One place whatever the script it was found in: Казань and Kazan, Россия and Russia, Татарстан and Tatarstan. */
function placeIdentity(r: PlaceRecord): string {
  if (r.geonameId !== null) return `g${r.geonameId}`;
  if (r.kind === 'country') return `c${r.country}`;
  if (r.kind === 'region') return `r${r.region}`;
  return `n${fold(r.name)}`;
}

/** Whether a region or a country holds a town: Bashkortostan holds Ufa, Russia holds Omsk. */
function holdsTown(outer: PlaceRecord | undefined, town: PlaceRecord | undefined): boolean {
  if (outer?.kind === undefined || town === undefined || town.kind !== undefined) return false;
  return outer.kind === 'country' ? town.country === outer.country : town.region === outer.region;
}

const CITY_ADJECTIVE = /^(\p{Lu}[\p{Ll}-]+?)(?:ский|ской|ского|скому|ским|ском|цкий|цкого|цкому|цким|цком)$/u;

/**
 * Where a regional court sits whose region's adjective does not spell its seat's name: «Нижегородский областной суд»
 * in Нижний Новгород, «Свердловский» in Екатеринбург, «Московский областной» in Красногорск, «Орловский» in Орёл.
 * By the adjective's stem as CITY_ADJECTIVE reads it.
 */
const REGIONAL_COURT_SEATS: ReadonlyMap<string, string> = new Map([
  ['нижегород', 'Нижний Новгород'],
  ['свердлов', 'Екатеринбург'],
  ['ленинград', 'Санкт-Петербург'],
  ['ростов', 'Ростов-на-Дону'],
  ['примор', 'Владивосток'],
  ['алтай', 'Барнаул'],
  ['забайкаль', 'Чита'],
  ['камчат', 'Петропавловск-Камчатский'],
  ['москов', 'Красногорск'],
  ['сахалин', 'Южно-Сахалинск'],
  ['вологод', 'Вологда'],
  ['орлов', 'Орёл'],
  ['ярослав', 'Ярославль'],
  ['новгород', 'Великий Новгород'],
  ['пензен', 'Пенза'],
  ['амур', 'Благовещенск'],
  ['калуж', 'Калуга'],
]);

/**
 * «Псковский городской суд» → Псков, «Петрозаводского городского суда» → Петрозаводск, «Пермский …» → Пермь. A regional
 * court sits in the city its region is named after: «Воронежский областной суд» → Воронеж, «Пермский краевой суд» →
 * Пермь; but «Московский областной суд» (Москва is no city of Московская область) and «Свердловский» (no such city)
 * name no city.
 */
function cityCourtPlaces(tokens: Token[], sentence: Sentence, gaz: Gazetteer): PlaceHit[] {
  const hits: PlaceHit[] = [];
  for (let k = sentence.first; k + 2 < sentence.last; k++) {
    const t = tokens[k]!;
    if (!t.upper || t.kind !== 'word') continue;
    const m = CITY_ADJECTIVE.exec(t.norm);
    if (!m || !/^суд/iu.test(tokens[k + 2]!.norm)) continue;
    const level = tokens[k + 1]!.norm;
    const cityCourt = /^городск/iu.test(level);
    if (!cityCourt && !/^(?:областн|краев)/iu.test(level)) continue;
    const stem = fold(m[1]!);
    const bare = stem.replace(/ь$/u, '');
    const seat = cityCourt ? undefined : REGIONAL_COURT_SEATS.get(stem);
    if (seat) {
      const record = gaz.cyrillic.get(fold(seat));
      if (record) hits.push({ first: k, last: k + 1, record, surface: record.name });
      continue;
    }
    for (const key of [stem, `${stem}ск`, `${bare}а`, `${bare}ь`, `${stem}цк`]) {
      const record = gaz.cyrillic.get(key);
      if (record && !cityCourt && !fold(record.region ?? '').startsWith(bare)) break;
      if (record) {
        hits.push({ first: k, last: k + 1, record, surface: record.name });
        break;
      }
    }
  }
  return hits;
}

/**
 * A role or an address before the name: who speaks for, judges or accuses the person, not the person. Every form of
 * each court role but the judge's instrumental singular («судьёй»), which this pattern was never tuned to read.
 */
const SUBJECT_EXCLUDER_ROLES_RU = courtRolesRu([
  { role: 'lawyer', cases: 'any' },
  { role: 'defender', cases: 'any' },
  { role: 'judge', cases: ['nom', 'gen', 'dat', 'acc', 'loc', 'nom.pl', 'gen.pl', 'dat.pl', 'ins.pl', 'loc.pl'] },
  { role: 'presiding', cases: 'any' },
  { role: 'clerk', cases: 'any', title: 'optional' },
  { role: 'stateProsecutor', cases: 'any', title: 'optional' },
  { role: 'prosecutor', cases: 'any' },
  { role: 'investigator', cases: 'any' },
]);
const SUBJECT_EXCLUDERS_RU = new RegExp(
  `(?<![\\p{L}])(?:уважаем\\p{L}*(?:\\s+(?:г-[нж]\\p{L}*|господин\\p{L}*|госпож\\p{L}*))?|${SUBJECT_EXCLUDER_ROLES_RU}|` +
    `${speechVerbsRu({ сообщить: ['past'], рассказать: ['past'], заявить: ['past'] })}|` +
    'член\\p{L}*\\s+ОНК|омбудсмен\\p{L}*|' +
    'уполномоченн\\p{L}*\\s+по\\s+правам\\s+человека(?:\\s+в\\s+[\\p{L}-]+(?:\\s+[\\p{L}-]+)?)?)[\\s,]*$',
  'iu',
);
// Not "secretary", "clerk" or "defender", which this pattern never read: in running English a press secretary, a bank
// clerk and a human rights defender are named before their own names as often as court people are.
const SUBJECT_EXCLUDER_ROLES_EN = courtRolesEn(['lawyer', 'judge', 'prosecutor', 'investigator']);
const SUBJECT_EXCLUDERS_EN = new RegExp(
  `(?<![\\p{L}])(?:dear(?:\\s+(?:mr|mrs|ms|miss|dr)\\.?)?|according\\s+to|${SUBJECT_EXCLUDER_ROLES_EN}|spokes\\p{L}*|` +
    `(?:${speechVerbsEn({ talk: ['past'], speak: ['past'], tell: ['past'], say: ['past'] })})\\s+(?:to\\s+)?` +
    `(?:our|the|a)\\s+(?:correspondent|reporter|interviewer)|${speechVerbsEn({ say: ['past'], tell: ['past'] })}|` +
    'ombuds(?:man|woman|person)|monitors?|(?:members?\\s+of\\s+the\\s+)?(?:ONK|public\\s+monitoring\\s+commission)|' +
    '(?:parents|relatives|family)\\s+of(?:\\s+(?:the\\s+)?[\\p{Ll}-]+){0,3})[\\s,]*$',
  'iu',
);
/**
 * A court card's field or a party table's row that names a judge, a clerk, a prosecutor or a lawyer: «Судья ⇥
 * Кораблёва Т. В.», "Judge: Bondarenko Irina Vladimirovna", "DEFENDER | Orlova-Demidova E.A.".
 */
const ROLE_LABEL_BEFORE = new RegExp(
  // A label is in the nominative. Not the investigator: no court card or party table has a field for one. Not a bare
  // «обвинитель»: cards name the seat in full.
  `(?<![\\p{L}])(?:${courtRolesRu([
    { role: 'judge', cases: ['nom'] },
    { role: 'presiding', cases: ['nom'] },
    { role: 'clerk', cases: ['nom'], title: 'optional' },
    { role: 'prosecutor', cases: ['nom'] },
    { role: 'stateProsecutor', cases: ['nom'], title: 'required' },
    { role: 'defender', cases: ['nom'] },
    { role: 'lawyer', cases: ['nom'] },
  ])}|${courtRolesEn(['presiding', 'judge', 'clerk', 'prosecutor', 'defender', 'lawyer'])})[ \\t]*[:|\\t][ \\t]*$`,
  'iu',
);
/** A seat in court named before a person: the judge, the prosecutor, the clerk — not the defence. */
const COURT_SEAT_BEFORE = new RegExp(
  // The forms this pattern was tuned on (its «судей» is the genitive plural). Not "secretary" in English: a press
  // secretary has no seat on the bench.
  `(?<![\\p{L}])(?:${courtRolesRu([
    { role: 'judge', cases: ['nom', 'gen', 'dat', 'acc', 'loc', 'gen.pl'] },
    { role: 'presiding', cases: 'any' },
    { role: 'clerk', cases: 'any', title: 'optional' },
    { role: 'stateProsecutor', cases: 'any', title: 'optional' },
    { role: 'prosecutor', cases: 'any' },
  ])}|${courtRolesEn(['presiding', 'judge', 'prosecutor', { role: 'clerk', words: ['clerk'] }])})[\\s,:|\\t]*$`,
  'iu',
);
/** A court's officials named in an oblique case, as court papers name them before the name: «судей», «прокурора». */
const OFFICIAL_IN_OBLIQUE_CASE = new RegExp(
  // The genitive of «с участием прокурора», «в составе судей», and the clerk's prepositional of «при секретаре».
  `(?<![\\p{L}])(?:${courtRolesRu([
    { role: 'judge', cases: ['gen', 'gen.pl'] },
    { role: 'presiding', cases: ['gen'] },
    { role: 'clerk', cases: ['loc'], title: 'optional' },
    { role: 'prosecutor', cases: ['gen'] },
    { role: 'stateProsecutor', cases: ['gen'] },
    { role: 'lawyer', cases: ['gen'] },
    { role: 'defender', cases: ['gen'] },
  ])})[\\s,]*$`,
  'iu',
);
/** «по заявлению Ивана Калиты», "on a complaint by Ivan Kalita": who denounced, not whom the act befell. */
const COMPLAINANT_BEFORE =
  /(?<![\p{L}])(?:по\s+(?:заявлени\p{L}*|донос\p{L}*|жалоб\p{L}*)|(?:complaint|denunciation)\s+(?:filed\s+)?by)\s*$/iu;
/**
 * A relative named before speaking is not the one spoken about («Мать Абдуллаева, Патимат Абдуллаева, рассказала»),
 * but in a sentence where nobody speaks the relative is one of those it reports ("Khalilov and his younger brother
 * Rustem Khalilov were detained").
 */
const KIN_BEFORE_RU =
  /(?<![\p{L}])(?:супруг\p{L}*|мать|матери|жена|жены|муж|мужа|отец|сестра|сестры|брат|брата)[\s,]*$/iu;
const KIN_BEFORE_EN = /(?<![\p{L}])(?:mother|father|wife|husband|sister|brother)[\s,]*$/iu;
/** «Шалва Гургенович, адвокат, к нему ходил»: a role in apposition after the name, as «адвокат …» before it. */
const ROLE_AFTER_RU = new RegExp(
  // In apposition the role is in the nominative («Иван Орлов, адвокат, …»); the lawyer in any form, as it was tuned.
  `^\\s*(?:,|[—–])\\s*(?:(?:его|её|ее|их|мой|моя|наш|наша)\\s+)?(?:${courtRolesRu([
    { role: 'lawyer', cases: 'any' },
    { role: 'defender', cases: ['nom', 'nom.f'] },
    { role: 'jurist', cases: ['nom'] },
    { role: 'investigator', cases: ['nom'] },
    { role: 'judge', cases: ['nom'] },
    { role: 'prosecutor', cases: ['nom'] },
  ])})(?![\\p{L}])`,
  'iu',
);
/**
 * «Людмила Варфоломеева — тётя кировчанина Егора Варфоломеева, которого задержали»: a kin word after the name, with
 * the person it is kin to named next, makes the name the relative's.
 */
const KIN_AFTER_RU =
  /^\s*(?:,|[—–])\s*(?:тётя|тетя|дядя|мать|мама|отец|папа|сестра|брат|жена|муж|супруга|супруг|дочь|сын|бабушка|дедушка|племянница|племянник)\s+/iu;
/** Someone speaks in the sentence: a relative named before the name then speaks for the one it names. */
const SPEECH_RU = new RegExp(
  `(?<![\\p{L}])(?:${speechVerbsRu({
    рассказать: ['past'],
    сообщить: ['past'],
    заявить: ['past'],
    написать: ['past', 'present'],
    говорить: ['present'],
    считать: ['present'],
    отметить: ['past'],
    обратиться: ['past'],
  })}|по\\s+(?:её|ее|его|их)\\s+словам)(?![\\p{L}])`,
  'iu',
);
const SPEECH_EN = new RegExp(
  `(?<![\\p{L}])(?:${speechVerbsEn({
    say: ['past', 'present'],
    tell: ['past'],
    write: ['past', 'present'],
    recall: ['past'],
    add: ['past'],
    explain: ['past'],
    believe: ['present'],
    complain: ['past'],
    ask: ['past'],
    appeal: ['past'],
  })}|according\\s+to)(?![\\p{L}])`,
  'iu',
);
const QUOTE_CLOSED = /[,.!?…]?\s*["”»]\s*(?:[—–-]\s*)?,?\s*$/u;
/** The verb right after a name after a quote: the name is the quote's speaker. "Told" and "said" above all. */
const EN_SPEAKS = new RegExp(
  `^\\s*(?:,\\s*\\d+\\s*,)?\\s*(?:${speechVerbsEn({
    tell: ['past'],
    say: ['past', 'present'],
    add: ['past'],
    write: ['past'],
    explain: ['past'],
    recall: ['past'],
    recount: ['past'],
  })})(?![\\p{L}])`,
  'iu',
);
const RU_SPEAKS = new RegExp(
  `^\\s*(?:${speechVerbsRu(
    {
      сообщить: ['past'],
      рассказать: ['past'],
      заявить: ['past'],
      написать: ['past'],
      отметить: ['past'],
      добавить: ['past'],
      пояснить: ['past'],
      вспоминать: ['present'],
      говорить: ['present'],
    },
    { anyEnding: true },
  )})`,
  'iu',
);
/** A rank before the name, or as its first word when the name was read with it ("Major Kuzmin"). */
const RANKS =
  'major|colonel|lieutenant|captain|sergeant|general|officer|майор\\p{L}*|полковник\\p{L}*|подполковник\\p{L}*|' +
  'лейтенант\\p{L}*|капитан\\p{L}*|сержант\\p{L}*|генерал\\p{L}*|оперативник\\p{L}*|оперуполномоченн\\p{L}*';
const RANK_BEFORE = new RegExp(`(?<![\\p{L}])(?:${RANKS})[\\s'"«]*$`, 'iu');
const RANK_FIRST = new RegExp(`^(?:${RANKS})\\s`, 'iu');
/** "NAME:", "NAME (role):", and a line of its own «Надежда Рочева, мать:» over the words she speaks. */
const SPEAKER_LABEL = /^[ \t]*(?:(?:\([^()\n]{1,40}\)[ \t]*)?:|,[ \t]*\p{L}[\p{L} \t-]{0,40}:[ \t]*(?:\n|$))/u;
/** «Надежда Рочева, мать:», "Ilya Lunin, neighbour:": a line that names who speaks the quotes below it. */
const WITNESS_LABEL = /^\s*\p{Lu}[\p{L}-]+(?:\s+\p{Lu}[\p{L}-]+){0,2}\s*,\s*\p{L}[\p{L} -]{1,40}:\s*$/u;
const LINE_START = /(?:^|\n)[ \t]*$/u;
/** "whose husband, Rinat Iskhakov, is serving…": the relative named after «whose» is the one the report is about. */
const WHOSE_KIN = /(?:whose|чей|чья|чьи)\s+\p{L}+[\s,]*$/iu;
/** «по её словам», "her lawyer said": the pronoun points at the speaker's side, not at a subject. */
const RU_SPEAKER_POSSESSIVE = /по\s+(?:его|её|ее|их)\s+(?:словам|данным|мнению)/giu;
const EN_SPEAKER_POSSESSIVE =
  /(?<![\p{L}])(?:his|her|their)\s+(?:lawyers?|attorneys?|mother|father|husband|wife|sister|brother|friends?|colleagues?|supporters|relatives)(?![\p{L}])/giu;
/**
 * A relative named by kinship alone («сын болен», "her son had been beaten"): masculine first group, feminine second.
 * Case-sensitive, so that \p{Lu} means a capital (under the i flag it matches any letter); a kin word opening its
 * sentence is capitalised by hand instead.
 */
const RU_KIN =
  /(?<![\p{L}])(?:([Сс]ын|[Сс]ына|[Сс]ыну|[Сс]ыном|[Мм]уж|[Мм]ужа|[Мм]ужу|[Мм]ужем|[Бб]рат|[Бб]рата)|([Дд]очь|[Дд]очери|[Жж]ена|[Жж]ену|[Жж]ены|[Сс]естра|[Сс]естру|[Сс]естры))(?![\p{L}])(?!\s*,?\s*\p{Lu})/u;
const EN_KIN =
  /(?<![\p{L}])(?:([Ss]on|[Hh]usband|[Bb]rother)|([Dd]aughter|[Ww]ife|[Ss]ister))(?![\p{L}])(?!\s*,?\s*\p{Lu})/u;
/** "her son", «его жена»: the possessive is the speaker's; the kin word says whom the sentence is about. */
const RU_KIN_POSSESSOR =
  /(?<![\p{L}])(?:[Ее]го|[Ее]ё|[Ее]е|[Ии]х)\s+(?=(?:сын|муж|брат|доч|жен|сестр)\p{L}*(?!\p{L})(?!\s*,?\s*\p{Lu}))/gu;
const EN_KIN_POSSESSOR =
  /(?<![\p{L}])(?:[Hh]is|[Hh]er|[Tt]heir)\s+(?=(?:son|husband|brother|daughter|wife|sister)(?![\p{L}])(?!\s*,?\s*\p{Lu}))/gu;
/** "she told the Courier" after a quote, «— рассказала она»: a pronoun for who speaks the quote. */
const EN_PRONOUN_SPEAKER = new RegExp(
  `["”»)]\\s*,?\\s*(she|he)\\s+(?:${speechVerbsEn({
    tell: ['past'],
    say: ['past', 'present'],
    add: ['past'],
    recall: ['past'],
    explain: ['past'],
  })})(?![\\p{L}])`,
  'iu',
);
const RU_PRONOUN_SPEAKER = new RegExp(
  `[»"”]\\s*,?\\s*[—–-]?\\s*(?:${speechVerbsRu(
    {
      рассказать: ['past'],
      сказать: ['past'],
      говорить: ['present'],
      вспоминать: ['present'],
      добавить: ['past'],
      пояснить: ['past'],
    },
    { anyEnding: true },
  )})\\s+(она|он)(?![\\p{L}])`,
  'iu',
);
const FEMININE_PRONOUN = /^(?:she|она)$/iu;
const EN_FIRST_PERSON_AFTER =
  /^\S*\s+(?:me|us|my\s+(?:arms?|hands?|legs?|head|hair|neck|face|back|wrists?|fingers?))(?![\p{L}])/iu;
const RU_FIRST_PERSON_BEFORE = /(?<![\p{L}])(?:меня|мне|нас)\s+(?:\p{L}+\s+){0,2}$/iu;
/** «меня», «мне»: the speaker alone, not «нас», which is the speaker and others. */
const RU_SPEAKER_ALONE = /(?<![\p{L}])(?:меня|мне)(?![\p{L}])/iu;
/** «интервью с Евгенией Шмидт», «поговорили с …»: whom an interview's answers are from, named right after. */
const INTERVIEW_WITH =
  /(?<![\p{L}])(?:интервью|разговор|беседа|беседу|поговорили|побеседовали|беседовали)\s+с\s+(?:\p{Ll}+\s+){0,3}$/iu;
const RU_FIRST_PERSON_AFTER = /^\S*\s+(?:что\s+)?(?:меня|мне|нас)(?![\p{L}])/iu;

/**
 * Whether the act whose cue starts at `at` befell the speaker: "twisted my arms", "they hit me", «меня били», «мне
 * заламывали руки» — not "my son was detained", whose act is the son's.
 */
function firstPersonAct(sentenceText: string, at: number, language: 'ru' | 'en'): boolean {
  const ahead = sentenceText.slice(at, at + 40);
  if (language === 'en') return EN_FIRST_PERSON_AFTER.test(ahead);
  return RU_FIRST_PERSON_BEFORE.test(sentenceText.slice(Math.max(0, at - 28), at)) || RU_FIRST_PERSON_AFTER.test(ahead);
}
const ARRESTED_FOR_MONTHS =
  /^арест\p{L}*[^.;]{0,40}?(?:на\s+(?:\d+|\p{L}+\s+)?месяц\p{L}*|до\s+(?:\d{1,2}|(?:\p{L}+\s+)?\p{L}+(?:ого|его))\s+(?:январ|феврал|март|апрел|ма[яй]|июн|июл|август|сентябр|октябр|ноябр|декабр))/iu;
const IN_ABSENTIA = /(?<![\p{L}])(?:заочно|in\s+absentia)(?![\p{L}])/iu;
const EN_SINGLE_PRONOUN = /(?<![\p{L}])(?:he|him|his|she|her)(?![\p{L}])/iu;
/** "A court jailed a well-known local artist": the person is named in a later sentence. */
const INDEFINITE_PERSON =
  /(?<![\p{L}])(?:a|an)\s+(?:[\p{L}-]+\s+){0,3}(?:activist|artist|campaigner|journalist|blogger|teacher|student|deputy|politician|poet|musician|pensioner|priest|scientist|woman|man|reporter|photographer|doctor)(?![\p{L}])/iu;
/** «Решение принято 28 февраля», "The decision, announced on Wednesday": dates the act reported just before. */
const DECISION_START = /^\s*(?:(?:the\s+)?(?:decision|ruling|order)(?![\p{L}])|(?:решение|постановление)(?![\p{L}]))/iu;
/**
 * «сообщил 3 марта», «3 марта сообщила»: the date is the report's, not the act's. Only the verbs that report news, and
 * a page's «обновлён», «опубликовано», as this pattern was tuned; «говорит», «вспоминает» it never read.
 */
const RU_REPORTS = speechVerbsRu({ сообщить: ['past'], заявить: ['past'], рассказать: ['past'], написать: ['past'] });
const RU_SPEECH_BEFORE = new RegExp(
  `(?:${RU_REPORTS}|${speechVerbsRu({ сообщить: ['present'], написать: ['present'] })}|` +
    'обновл[её]н\\p{L}*|опубликован\\p{L}*)\\s+$',
  'iu',
);
const RU_SPEECH_AFTER = new RegExp(`^\\s+(?:${RU_REPORTS})`, 'iu');
// Not "told me that on Tuesday …": a date after "that" is the reported act's.
const EN_SPEECH_BEFORE = new RegExp(
  `(?:${speechVerbsEn({ say: ['past'], report: ['past'] })}|${SPEECH_VERBS_EN.tell.past}\\s+(?:(?!that\\s)\\p{L}+\\s+){0,2}|` +
    `${speechVerbsEn({ write: ['past'], post: ['past'] })}|(?:last\\s+)?updated|list\\s+opened)\\s*,?\\s*$`,
  'iu',
);
const EN_SPEECH_AFTER = new RegExp(
  `^\\s*,?\\s*(?:${speechVerbsEn({ say: ['past'], report: ['past'], tell: ['past'] })})(?![\\p{L}])`,
  'iu',
);

const EDIT_NOTE_BEFORE = /(?:correction|исправлени\p{L}*)\s*[,.:]?\s*$/iu;
/** What someone said happened, which a denial after it may undo. */
const HEARSAY =
  /(?<![\p{L}])(?:reported|reports|rumou?rs?|claim(?:s|ed)?|писали|пишут|сообща(?:ли|ет|ют)|мы\s+сообщили|распространил\p{L}*|слух\p{L}*|утвержда\p{L}*|говорят|написал\p{L}*)(?![\p{L}])/iu;
/**
 * Not "denied", «опровергли»: an authority denying a beating leaves the beating reported. Not a bare "false" or «фейк»
 * either: "charged with spreading false information", «за фейки об армии» name the charge; a rating does deny.
 */
const DENIAL =
  /(?<![\p{L}])(?:not\s+true|untrue|no\s+truth|not\s+confirmed|not\s+the\s+case|(?:this|that|it)\s+is\s+not\s+so|did\s+not\s+happen|never\s+happened|(?:is|was|are|were|proved|turned\s+out\s+to\s+be)\s+(?:false|fake)|(?:verdict|rating)\s*:\s*(?:false|fake|misleading)|не\s+подтверди\p{L}*|не\s+подтвержда\p{L}*|неправд\p{L}*|это\s+(?:(?:только|лишь|всего\s+лишь|просто)\s+)?слух\p{L}*|это\s+не\s+так|не\s+соответству\p{L}*\s+действительности|(?:это|оказал\p{L}*)\s+(?:ложь|фейк\p{L}*)|(?:вердикт|оценка)\s*:\s*(?:ложь|фейк|неправда))(?![\p{L}])/iu;
/** «УТВЕРЖДЕНИЕ: …», "CLAIM: …": a fact-check's claim, which its verdict below judges. */
const CLAIM_LABEL = /^\s*(?:claim|myth|rumou?r|утверждение|миф|слух)\s*:/iu;
const BIRTH_AFTER = /^\s*(?:(?:года\s+)?рождения|г\.\s*р\.|г\.р\.|р\.)/iu;
const BIRTH_BEFORE =
  /(?:born\s*:?\s+(?:in\s+|on\s+)?|date\s+of\s+birth\s*:\s*|родил(?:ся|ась)\s*:?\s+|родивш(?:ийся|аяся|егося|ейся|емуся|имся)\s+|дата\s+рождения\s*:\s*|\(b\.\s*)$/iu;
/**
 * «с 11 октября 2025 года по 16 января 2026 года», "from 2 March to 5 June": the end of a period, when nothing began —
 * only a release, if anything, happened that day.
 */
const RANGE_END_BEFORE = /(?<![\p{L}])(?:с|со|from)\s+[^.;]{1,40}?\s(?:по|to|through)\s+$/iu;
const MAIL_DATE_HEADER = /^\s*(?:Date|Sent|Дата|Отправлено)\s*:\s*(?:\p{L}{2,3},?\s*)?$/iu;

/**
 * A date that says when something was said, written, sent or mended, or when someone was born — not when an act
 * happened: "…, the outlet reported on Friday", «Об этом в понедельник сообщила мать», «Список (обновлён 31 октября)»,
 * "last updated 15 June", "Date: Fri, 9 Oct", "Correction, 23 July:", «1994 года рождения».
 */
function isNotActDate(text: string, d: { start: number; end: number }, language: 'ru' | 'en'): boolean {
  const before = text.slice(Math.max(0, d.start - 30), d.start);
  // "Date: Fri, 9 Oct 2026 18:02" over an e-mail: when it was sent.
  // (A header's line is short: only the 60 characters before the date are read, not a long line back to its start.)
  const head = text.slice(Math.max(0, d.start - 60), d.start);
  const newline = head.lastIndexOf('\n');
  if ((newline >= 0 || d.start <= 60) && MAIL_DATE_HEADER.test(head.slice(newline + 1))) return true;
  // "Correction, 23 July 2026:": when the text was mended (an «UPD 31 октября» tells what happened that day).
  if (EDIT_NOTE_BEFORE.test(before)) return true;
  // «Хайбуллин Ринат Айдарович, 1994 года рождения», «родившийся 3 марта 1994 года», "born in 1994": a birth.
  if (BIRTH_AFTER.test(text.slice(d.end, d.end + 20)) || BIRTH_BEFORE.test(before)) return true;
  // "her defence counsel, presenting warrant No. 118 of 17 January 2026": the day a lawyer's paper was issued.
  if (language === 'en' && LAWYER_PAPER_BEFORE.test(before)) return true;
  const after = text.slice(d.end, d.end + 20);
  return language === 'ru'
    ? RU_SPEECH_BEFORE.test(before) || RU_SPEECH_AFTER.test(after)
    : EN_SPEECH_BEFORE.test(before) || EN_SPEECH_AFTER.test(after);
}

const LAWYER_PAPER_BEFORE = /(?<![\p{L}])(?:warrant|order)\s+No\.?\s*[\p{L}\d/-]+\s+(?:of|dated)\s+$/iu;
/** "MOSCOW, March 4 —", «КАЗАНЬ, 19 марта 2024 —», "KYIV, Ukraine, May 2 (Reuters) —": a date that opens the report. */
function isDateline(text: string, d: { start: number; end: number }): boolean {
  if (d.start > 80) return false;
  const lineStart = text.lastIndexOf('\n', d.start - 1) + 1;
  return (
    /^[\p{Lu}][\p{Lu}\p{Pd} .'’]*\p{Lu}(?:,\s*[\p{L} .'’-]{2,30})?,\s*$/u.test(text.slice(lineStart, d.start)) &&
    /^\s*(?:\([^)\n]{1,30}\)\s*)?[—–-]/u.test(text.slice(d.end, d.end + 40))
  );
}

/** A first line that stands alone, unpunctuated, above a blank line: a title over the report. */
function isHeadline(text: string, first: Sentence, second: Sentence): boolean {
  return (
    first.paragraph !== second.paragraph &&
    !/[.!?…:]["”»]?\s*$/u.test(text.slice(first.start, first.end)) &&
    /\n\s*\n/u.test(text.slice(first.end, second.start + 1))
  );
}

/** A short line without a full stop that a line break ends: "Appeal rejected", «Новые аресты». */
function isSubheading(text: string, sentence: Sentence): boolean {
  const line = text.slice(sentence.start, sentence.end);
  return line.length < 70 && !/[.!?…:;,]["”»]?\s*$/u.test(line) && text[sentence.end] === '\n';
}

/** «Все трое задержаны», "Both were detained": the persons of the last act. */
const PLURAL_ANAPHOR =
  /(?<![\p{L}])(?:все\s+(?:трое|четверо|пятеро|они)|всех\s+(?:троих|четверых|пятерых|их)|оба|обе|обоих|обеих|both|all\s+(?:three|four|five|of\s+them)|the\s+(?:three|four|five))(?![\p{L}])/iu;
/** How many a plural anaphor counts: «всех троих» three. */
const PLURAL_COUNT: Record<string, number> = {
  трое: 3,
  троих: 3,
  четверо: 4,
  четверых: 4,
  пятеро: 5,
  пятерых: 5,
  three: 3,
  four: 4,
  five: 5,
};
const SAME_TIME_START =
  /^\s*(?:тогда\s+же|тогда|в\s+то\s+же\s+время|одновременно|at\s+the\s+same\s+time|at\s+that\s+time|then)(?![\p{L}])/iu;
const LIST_START =
  /^\s*(?:среди\s+(?:них|задержанных|арестованных|осуждённых|осужденных)|в\s+(?:их|том)\s+числе|among\s+them|they\s+(?:are|include|were)|those\s+(?:detained|arrested|named|listed)\s+(?:are|include|were))(?![\p{L}])/iu;
const LOOK_BACK =
  /(?<![\p{L}])(?:had\s+(?:already\s+|previously\s+|also\s+)?been|had\s+(?:already|previously)|already|previously|earlier|most\s+recently|the\s+last\s+time|ранее|уже|прежде|до\s+этого|в\s+последний\s+раз|последний\s+раз)(?![\p{L}])/iu;
const DURING_EN =
  /(?<![\p{L}])(?:(?:during|while\s+in|in\s+the\s+course\s+of|at\s+the\s+time\s+of)\s+(?:his|her|their|the)\s+(detention|arrest|search)|at\s+the\s+(rally|protest|picket|demonstration|police\s+station))/iu;
const DURING_RU =
  /(?<![\p{L}])(?:(?:во\s+время|в\s+ходе|при|в\s+день)\s+(задержани|обыск|арест)\p{L}*|на\s+(?:этой\s+|той\s+же\s+)?(акци|митинг|пикет)\p{L}*|в\s+(отдел|ОВД)\p{L}*\s+полиции)/iu;
/** «в день задержания», «в ночь после обыска»: words before an act's noun that make it the day of something else. */
const DAY_OF_ACT = /(?<![\p{L}])в\s+(?:день|ночь|утро|вечер)(?:\s+(?:после|до|перед))?\s+$/iu;
/** The act a DURING_* match points back to, by the first five letters of the word it matched. */
const DURING_TYPES: Record<string, EventType> = {
  deten: 'detention',
  arres: 'arrest',
  searc: 'search',
  rally: 'protest',
  prote: 'protest',
  picke: 'protest',
  demon: 'protest',
  polic: 'detention',
  задер: 'detention',
  обыск: 'search',
  арест: 'arrest',
  акци: 'protest',
  митин: 'protest',
  пикет: 'protest',
  отдел: 'detention',
  овд: 'detention',
};
const RESIDENT_BEFORE =
  /(?<![\p{L}])(?:жител\p{L}*|уроженц\p{L}*|уроженк\p{L}*|уроженец|residents?\s+of|natives?\s+of)\s+(?:(?:г\.|города|села|посёлка|поселка)\s+)?$/iu;
/**
 * "over three posts about shelling near Kharkiv", «за пост о взрыве в Белгороде»: a place that what was written or
 * said is about, which is not where any act of the report took place.
 */
const TOPIC_BEFORE =
  /(?<![\p{L}])(?:posts?|reposts?|videos?|comments?|articles?|publications?|messages?|songs?|poems?|pictures?|(?:пост|репост|комментари|публикаци|стать|сообщени|песн|стих)\p{L}*|видео)\s+(?:about|on|mentioning|о|об|про)\s+(?:[\p{L}-]+\s+){0,3}$/iu;
/** «Ему вменяют», «обвиняется», "is charged with", "faces charges": a charge as it stands, not when it was brought. */
const PRESENT_CHARGE =
  /(?<![\p{L}])(?:вменя(?:ют|ет|ется|ются)|обвиня(?:ют|ет|ется|ются)|(?:is|are)\s+(?:charged|accused)|faces?\s+charges?)(?![\p{L}])/iu;
const SAME_COURT =
  /(?<![\p{L}])(?:the\s+same\s+court|т(?:от|ого|ем|ом)\s+же\s+суд(?:а|ом|е)?|того\s+же\s+судьи|тот\s+же\s+судья)(?![\p{L}])/iu;
const ACQUITTAL = /acquit|оправда/iu;
/** "since July", "ever since 3 May": where a state that still lasts began (the date's span may hold the word). */
const SINCE_START = /(?<![\p{L}])since\s+[^\s]/iu;
const SINCE_THEN = /(?<![\p{L}])(?:с\s+тех\s+пор|since\s+then)(?![\p{L}])/iu;
/** "— How did it start?", «— Задержали меня в ноябре …», "A: On 20 November …": a line of an interview's dialogue. */
const QA_LINE_START = /^[^\S\n]*(?:[—–]|Q:|A:)[^\S\n]/u;
/** Every such line of a text (Russian typography puts a no-break space after the dash). */
const QA_LINES = new RegExp(QA_LINE_START.source, 'gmu');
/** A pronoun for a third person, or the speaker's kin: "she was fined", "my wife was detained" — not the speaker's act. */
const NOT_THE_SPEAKER =
  /(?<![\p{L}])(?:he|she|him|his|her|hers|(?:my|our)\s+(?:wife|husband|son|daughter|brother|sister|mother|father|lawyer|friend|colleagues?|neighbou?rs?))(?![\p{L}])/iu;
/** The speaker: "they took me", "beat all of us", "my sentence". */
const FIRST_PERSON = /(?<![\p{L}])(?:I|[Mm]e|[Mm]y|[Ww]e|[Uu]s|[Oo]ur)(?![\p{L}])/u;
/** The words a line that only gives a date may hold beside it: "On 19 March.", "On 7 May 2024, at seven in the morning." */
const DATE_ONLY_WORD =
  /^(?:on|in|at|the|of|that|this|morning|evening|afternoon|night|early|late|about|around|o|clock|a|m|p|am|pm|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|half|past|noon|midnight)$/iu;
const TIMESTAMP_LINE = /^\s*(?:[01]?\d|2[0-3])[:.][0-5]\d\s*$/u;
/** "17:35 — Verdict." opening a line of court notes: the line is of the notes' day, as a time alone over it would be. */
const TIMESTAMP_HEAD = /^\s*(?:[01]?\d|2[0-3])[:.][0-5]\d\s*[—–-]\s/u;
/** "he was let go after midnight", «отпустили после полуночи»: on the day after the one the story is on. */
const AFTER_MIDNIGHT = /(?<![\p{L}])(?:after\s+midnight|после\s+полуночи|за\s+полночь)(?![\p{L}])/iu;
const COURT_ACTS = new Set<EventType>(['fine', 'sentence', 'custody', 'arrest', 'hearing']);
/** Acts that happen to a person once in a story, so an undated mention of one is the same act told again. */
const RETOLD = new Set<EventType>(['detention', 'search', 'arrest', 'protest']);
const AGAIN =
  /(?<![\p{L}])(?:again|once\s+more|second\s+time|re-?arrested|re-?detained|снова|вновь|повторно|ещё\s+раз|еще\s+раз)(?![\p{L}])/iu;
const SAME_VERDICT =
  /^\s*(?:(?:указанн|эт|т)(?:ым|им|ем)\s+(?:же\s+)?приговором|(?:by|under|in)\s+(?:the\s+same|that|this|the\s+said)\s+(?:verdict|sentence|judgment))(?![\p{L}])/iu;
/** A card's field line: «Задержание: …», "Detained: …" (a label of up to four words, then a colon). */
const FIELD_LINE_START = /^[\s•*–—-]*\p{L}[\p{L}-]*(?:\s+[\p{L}-]+){0,3}\s*:/u;
const NAME_FIELD = /^\s*(?:ф\.?\s?и\.?\s?о\.?|имя|name|full\s+name)\s*:/iu;
/** A court card's two-column field: «Результат рассмотрения ⇥ Вынесен ПРИГОВОР». */
const TAB_FIELD_LINE = /^[^\t\n]{1,80}\t+[^\t\n]*$/u;
/** What an appeal or cassation court does to a verdict: «изменить», «оставлен без изменения», "upheld". */
const REVIEW_VERB =
  /(?<![\p{L}])(?:измени(?:ть|л|ла|ли)|изменён\p{L}*|изменен\p{L}*|отмени(?:ть|л|ла|ли)|отмен[её]н\p{L}*|оставить\s+без\s+изменени\p{L}*|остав(?:ил|ила|или|лен|лена|лены)\s+без\s+изменени\p{L}*|смягчи(?:ть|л|ла|ли)|upheld|uphold|overturned|quashed|left\s+unchanged|commuted)(?![\p{L}])/iu;
/**
 * «приговор Вахитовского районного суда г. Казани от …», "the verdict of …": a paper named by the date it bears, as
 * the object under review (not «постановлением … от 17 января», the paper by which an act was done).
 */
const REVIEWED_PAPER_BEFORE =
  /(?<![\p{L}])(?:приговора?|постановлени[ея]|решени[ея]|(?:verdict|sentence|ruling|judgment)\s+of)(?:\s+[^;\s]+){0,8}?\s+от\s+$|(?<![\p{L}])(?:verdict|sentence|ruling|judgment)\s+of\s+$/iu;
/** «на приговор … от 14 мая 2026 года», "against the verdict of 14 May": the date a paper bears, in any case. */
const PAPER_DATE_BEFORE =
  /(?<![\p{L}])(?:приговор\p{L}*|постановлени\p{L}*|решени\p{L}*|определени\p{L}*)(?:\s+[^;\s]+){0,8}?\s+от\s+$|(?<![\p{L}])(?:verdict|sentence|ruling|judgment|decision)\s+(?:[^;\s]+\s+){0,8}?of\s+$/iu;
/**
 * «В срок лишения свободы зачтено время задержания и содержания под стражей с 8 по 10 октября», "the time he spent in
 * detention counts towards the term": a verdict's reckoning of the convicted's own past detention and custody.
 */
const TIME_SERVED =
  /(?<![\p{L}])(?:зачт(?:ено|ена|ён|ен|ут)\p{L}*\s+(?:\p{L}+\s+){0,2}?(?:время|срок|период)|(?:time|period)\s+(?:\p{L}+\s+){0,3}?(?:counted|credited|counts|count)\s+towards)(?![\p{L}])/iu;

/**
 * The line that opens a court paper's operative part: «П Р И Г О В О Р И Л:», «ПОСТАНОВИЛ:», a panel's «ОПРЕДЕЛИЛА:»,
 * "ORDERED:" — alone, or glued to the first ruling when that opens in lower case («ОПРЕДЕЛИЛА: ⏎ приговор … изменить»).
 */
const OPERATIVE_PART =
  /^\s*(?:П\s?Р\s?И\s?Г\s?О\s?В\s?О\s?Р\s?И\s?Л|П\s?О\s?С\s?Т\s?А\s?Н\s?О\s?В\s?И\s?Л|Р\s?Е\s?Ш\s?И\s?Л|О\s?П\s?Р\s?Е\s?Д\s?Е\s?Л\s?И\s?Л|ORDERED|IT\s+IS\s+ORDERED)(?:\s?А)?\s*:[ \t]*(?:\n|$)/u;
/** What asks for what follows in a list: «Прошу:», «Требуем:», "I ask you:", "We therefore request that:". */
const REQUEST_INTRO =
  /(?:(?<![\p{L}])(?:I|we)\s+(?:(?:therefore|hereby|also)\s+)?(?:ask|request|demand|urge|call\s+on)(?:\s+(?:you|the\s+court|the\s+prosecutor|that))?|(?<![\p{L}])(?:прошу|просим|требую|требуем)(?:\s+(?:вас|суд|прокурора))?)\s*:\s*$/iu;
/** A list's item: a dash, a bullet, or a number with a bracket («1)», "a)"). */
const LIST_ITEM_START = /^\s*(?:[-–—•●▪*]|\d{1,2}\)|\p{Ll}\))\s/u;
const GATHERED = /(?<![\p{L}])(?:gathered|собрал(?:ись|ось))(?![\p{L}])/iu;
const SAME_BEFORE = /(?:the\s+same|той\s+же|том\s+же|тот\s+же|ту\s+же)\s+$/iu;

/** "Two fines", «три обыска», "3 searches": a count before a plural act noun, or 0. */
const COUNTED_ACTS =
  /(?<![\p{L}\d])(2|3|4|two|three|four|два|две|три|четыре)\s+(?:\p{L}+\s+)?(?:fines|searches|hearings|detentions|arrests|штрафа|обыска|заседания|задержания|ареста)$/iu;
function countedActs(textToCue: string): number {
  const m = COUNTED_ACTS.exec(textToCue);
  return m ? (smallCount(m[1]!) ?? 0) : 0;
}

/** Days from the later ISO value back to the earlier (YYYY, YYYY-MM, YYYY-MM-DD), counting from their first day. */
function daysBetween(earlier: string, later: string): number {
  const day = (v: string) => Date.parse(`${v}${v.length === 4 ? '-01-01' : v.length === 7 ? '-01' : ''}T00:00:00Z`);
  return (day(later) - day(earlier)) / 86_400_000;
}

function isGenitiveName(name: string): boolean {
  const first = name.split(/\s+/u)[0] ?? '';
  const parses = parseWord(first).filter((a) => a.tags.includes('Name') || a.tags.includes('Surn'));
  return parses.length > 0 && !parses.some((a) => a.case === 'nomn') && parses.some((a) => a.case === 'gent');
}

interface EventMeta {
  /** Person clusters, resolved to names only at the end (a later mention can give a fuller name). */
  subjects: PersonCluster[];
  sentence: number;
  paragraph: number;
  /** The date came from the event's own sentence (or was given back by the next one), not carried from before. */
  ownDate: boolean;
  /** No subject yet, and the sentence names the person only by description ("a local artist"). */
  forward: boolean;
  /** The sentence is a short unpunctuated line over the text that follows: a subheading. */
  heading: boolean;
  /**
   * A court card's row or field that names nobody («Судебное заседание ⇥ 29.07.2026 ⇥ … ⇥ Отложено»): an act in the
   * case of the card's defendants.
   */
  cardLine: boolean;
}
const RU_PRONOUNS = /(?<![\p{L}])(его|него|её|неё|ее|нее|их|них|он|она|они|им|ему|ей|ним|ней)(?![\p{L}])/giu;
const EN_PRONOUNS = /(?<![\p{L}])(he|she|they|him|his|her|them|their)(?![\p{L}])/giu;
const GENERIC_AGENTS_RU =
  /(?<![\p{L}])(полици\p{L}*|полицейск\p{L}*|силовик\p{L}*|сотрудник\p{L}*\s+полиции)(?![\p{L}])/iu;
const GENERIC_AGENTS_EN = /(?<![\p{L}])(police|officers)(?![\p{L}])/iu;
const COURT_WORD = /(?<![\p{L}])(?:суд\p{L}*|court|judge)(?![\p{L}])/iu;
/**
 * A court's own name before its kind: "Vakhitovsky District Court", «Вахитовского районного суда», "the Va- khitovsky
 * court". From a word's start only: tried at every capital of a long word in capitals, it took quadratic time.
 */
const COURT_NAME =
  /(\p{Lu}(?<![\p{L}-]\p{Lu})[\p{L}-]{3,})\s+(?:(?:[Dd]istrict|[Cc]ity|[Rr]egional|[Gg]arrison|[Mm]ilitary|районн\p{L}*|городск\p{L}*|гарнизонн\p{L}*)\s+)?(?:[Cc]ourt|суд)(?![\p{L}])/u;
const COURT_NAMES = new RegExp(COURT_NAME.source, 'gu');

/**
 * A Russian given name and surname read in the other gender, where one spelling is both a man's in the genitive and a
 * woman's in the nominative: «Ростислава Дедюхина» read as hers → [Ростислав, Дедюхин]; read as his (Ростислав
 * Дедюхин) → [Ростислава, Дедюхина]; «Евгения Иванова» ↔ [Евгений, Иванов]. Null for any other name.
 */
function otherGenderReading(m: PersonMention): [string, string] | null {
  if (!m.given || !m.surname || m.parts.length !== 2) return null;
  const { given, surname } = m;
  if (m.gender === 'femn') {
    if (!/(?:ов|ев|ёв|ин|ын)а$/u.test(surname)) return null;
    const his = /ия$/u.test(given)
      ? `${given.slice(0, -2)}ий`
      : /[^аеиоуыэюя]а$/u.test(given)
        ? given.slice(0, -1)
        : null;
    return his ? [his, surname.slice(0, -1)] : null;
  }
  if (m.gender === 'masc') {
    if (!/(?:ов|ев|ёв|ин|ын)$/u.test(surname)) return null;
    const hers = /ий$/u.test(given)
      ? `${given.slice(0, -2)}ия`
      : /[бвгдзклмнпрстфхцчшщ]$/u.test(given)
        ? `${given}а`
        : null;
    return hers ? [hers, `${surname}а`] : null;
  }
  return null;
}

/**
 * Whether `short` names the court `full` names with its town or level: "Vakhitovsky District Court" in "Vakhitovsky
 * District Court of Kazan", «Ленинский суд» or «Ленинский районный суд» in «Ленинский районный суд Курска». Both are
 * courts named by the same first word, every word of the shorter is in the longer in order, and the longer adds a
 * town or a level, nothing else ("the Supreme Court of Tatarstan" is not "the Supreme Court").
 */
function namesSameCourt(short: string, full: string): boolean {
  const a = short.split(/\s+/u);
  const b = full.split(/\s+/u);
  if (a.length >= b.length || a.length < 2 || fold(a[0]!) !== fold(b[0]!)) return false;
  if (!a.some((w) => COURT_HEAD.test(w)) || !b.some((w) => COURT_HEAD.test(w))) return false;
  // The highest courts are named by their rank and seat: «Верховный суд» of Russia is not of a republic.
  if (/^(?:верховн|конституционн|supreme|constitutional)/iu.test(a[0]!)) return false;
  let at = 0;
  const added: string[] = [];
  for (const w of b) {
    if (at < a.length && fold(w) === fold(a[at]!)) at++;
    else added.push(w);
  }
  // What the full name adds is its level, or its town (a capitalised word) after "of" or «г.».
  return at === a.length && added.length > 0 && added.every((w) => COURT_ADDITION.test(w) || /^\p{Lu}/u.test(w));
}
const COURT_HEAD = /^(?:суд|суда|суду|судом|суде|[Cc]ourt)$/u;
const COURT_ADDITION = /^(?:районн\p{L}*|городск\p{L}*|[Dd]istrict|[Cc]ity|of|the|г\.?|города)$/u;

/** «Хайбуллина» → «Хайбуллин», «Ковальского» → «Ковальский», «Гринберга» → «Гринберг»: a man's surname in the genitive. */
function genitiveToNominative(surname: string): string | null {
  if (/(?:ов|ев|ёв|ин|ын)а$/u.test(surname)) return surname.slice(0, -1);
  if (/[сц]кого$/u.test(surname)) return `${surname.slice(0, -3)}ий`;
  if (/[бвгдзклмнпрстфх]а$/u.test(surname)) return surname.slice(0, -1);
  return null;
}

/** The key a court goes by: the first six letters of its own name, folded, so «Вахитовского» is «Вахитовский». */
function courtKey(name: string): string | null {
  const m = COURT_NAME.exec(name);
  return m ? fold(m[1]!.replace(/-/gu, '')).slice(0, 6) : null;
}

/** The keys of the courts a sentence names by their own names. */
function courtMentions(sentenceText: string): string[] {
  return [...sentenceText.matchAll(COURT_NAMES)].map((m) => fold(m[1]!.replace(/-/gu, '')).slice(0, 6));
}
const BY_COURT_AFTER =
  /^\S*\s+(?:(?:in\s+absentia\s+)?by\s+(?:the\s+|a\s+)?(?:[\p{L}-]+\s+){0,4}(?:court|judge)|(?:[\p{L}]+\s+)?суд(?:ом|ьёй|ьей))/iu;

/**
 * "A court … arrested", «суд заочно арестовал», "arrested by the Basmanny court": the arrest is the court's, in the
 * arrest's own clause — not "arrested in March 2024 and sentenced by the Krai Court in June 2025".
 */
function courtOrders(sentenceText: string, arrestAt: number): boolean {
  const before = sentenceText.slice(Math.max(0, arrestAt - 80), arrestAt);
  const clause = before.split(/[;.]\s|\s(?:and|и)\s/u).at(-1) ?? '';
  return COURT_WORD.test(clause) || BY_COURT_AFTER.test(sentenceText.slice(arrestAt, arrestAt + 80));
}

const SURNAME_CASES: readonly GrammaticalCase[] = ['nom', 'gen', 'dat', 'acc', 'ins', 'pre'];

interface PersonCluster {
  entity: PersonEntity;
  surnameKey: string | null;
  givenKey: string | null;
  gender: 'masc' | 'femn' | null;
  parts: number;
  lastSeen: number;
  /**
   * «Лужнякова Т. Р.» with initials alone: his surname in the genitive or accusative, if a later «Лужняков Т. Р.»
   * with the same initials shows it was; the folded masculine reading and the initials.
   */
  masculineReading?: { surnameKey: string; initials: string };
}

/**
 * Extracts persons, organizations, places, dates, cases and events, each tied to its span.
 * `extract('Сегодня в Уфе задержали Рамиля Хайруллина.', { referenceDate: '2024-01-17' })` → persons
 * [{ name: 'Рамиль Хайруллин', … }], places [{ name: 'Уфа', country: 'RU', … }], dates [{ value: '2024-01-17', … }],
 * events [{ type: 'detention', date: '2024-01-17', places: ['Уфа'], subjects: ['Рамиль Хайруллин'], … }].
 */
export function extract(text: string, options: ExtractOptions = {}): Extraction {
  loadExtractor();
  const input = typeof text === 'string' ? text : '';
  const detected = options.language && options.language !== 'auto' ? options.language : detectLanguage(input);
  const language: 'ru' | 'en' = detected === 'ru' ? 'ru' : 'en';
  const reportedLanguage =
    options.language && options.language !== 'auto' ? options.language : detected === 'other' ? 'en' : detected;
  const gaz = loadGazetteer();
  const { tokens, sentences } = segment(input);

  // Dates first (document order), so the reference can fall back to a dateline date.
  const rawDates: Array<ReturnType<typeof findDateExpressions>[number] & { text: string; sentence: number }> = [];
  const views = sentences.map((s) => sentenceView(input, tokens, s));
  sentences.forEach((_, si) => {
    const view = views[si]!;
    for (const d of findDateExpressions(view.text, language)) {
      const start = view.toDocument(d.start);
      const end = view.toDocument(d.end - 1) + 1;
      rawDates.push({ ...d, start, end, text: input.slice(start, end), sentence: si });
    }
  });
  let reference = parseIsoDay(options.referenceDate ?? null) ? (options.referenceDate ?? null) : null;
  /** The publication date the caller gave, not one read from the text's first date: what "after the report" means. */
  const published = reference;
  if (!reference) {
    const dateline = rawDates.find(
      (d) =>
        d.start < 300 && d.expression.kind === 'absolute' && d.expression.year !== null && d.expression.day !== null,
    );
    if (dateline && dateline.expression.kind === 'absolute') {
      const { year, month, day } = dateline.expression;
      const ymd = { y: year!, m: month!, d: day! };
      reference = parseIsoDay(isoDay(ymd)) ? isoDay(ymd) : null;
    }
  }
  // "Correction, 6 October:" says when the text was mended, not where the story is.
  for (const d of rawDates)
    if (EDIT_NOTE_BEFORE.test(input.slice(Math.max(0, d.start - 30), d.start))) d.noAnchor = true;
  const datedEntries = markDatedEntries(input, rawDates);
  const resolved = resolveDates(rawDates, reference);
  const datesBySentence = new Map<number, ResolvedDate[]>();
  {
    let k = 0;
    for (const d of resolved) {
      while (k < rawDates.length && rawDates[k]!.start !== d.start) k++;
      const si = rawDates[k]?.sentence ?? 0;
      const list = datesBySentence.get(si) ?? [];
      list.push(d);
      datesBySentence.set(si, list);
    }
  }
  const dates: DateMention[] = resolved.map((d) => ({ ...span(input, d.start, d.end), value: d.value }));

  const placeEntities = new Map<string, PlaceEntity>();
  const orgEntities = new Map<string, Entity>();
  /** Names of several words as the report first wrote them, to be found again where it repeats them bare. */
  const introducedOrgs = new Set<string>();
  /** Outlets by their name's stem, so «на запрос «Вычегды»» is the «Вычегда.Онлайн» of the masthead. */
  const orgsByStem = new Map<string, Entity>();
  const caseEntities = new Map<string, CaseEntity>();
  const articles: ArticleMention[] = [];
  const clusters: PersonCluster[] = [];
  const events: ExtractedEvent[] = [];
  const eventMeta: EventMeta[] = [];
  const sentenceSubjects: PersonCluster[][] = [];
  const seenTypes = new Set<EventType>();
  let paragraphPlaces: { paragraph: number; names: string[] } = { paragraph: -1, names: [] };
  /** Each place entity's gazetteer record, by the entity's name: whether a region holds a city. */
  const placeRecords = new Map<string, PlaceRecord>();
  let lastSubjects: PersonCluster[] = [];
  /** The last act's persons when there were several: what a later "they" names. */
  let lastGroup: PersonCluster[] = [];
  let lastDate: string | null = null;
  let previousSentenceDate: string | null = null;
  /**
   * Whom a case card is about: the person a line names alone («Тимур Галиев» under «Карточка дела»), or a «ФИО:» /
   * "Name:" field names, before any act is told.
   */
  let cardPerson: PersonCluster | null = null;
  /** The sentences that are (in) a list's items. */
  const inListItem = new Set<number>();
  /** Judges, prosecutors and clerks, once named with their seat in court. */
  const courtOfficials = new Set<PersonCluster>();
  /** The paragraph of the last «Прошу:» / "I ask you:" over a list: the list's items are requests, not acts. */
  let requestList: number | null = null;
  /** The sentence that brought in a person by description alone ("an elderly man"), whom pronouns then mean. */
  let unnamedPerson: { sentence: number; paragraph: number } | null = null;
  /**
   * Whom an interview is with: the «я» of its answers, named after «интервью с»; in English, the first person named
   * above the first of four or more question-and-answer lines.
   */
  let interviewee: PersonCluster | null = null;
  /** The paragraphs that open with a dash: an interview's questions and answers. */
  const dialogueParagraphs = new Set(
    sentences
      .filter((s, k) => sentences[k - 1]?.paragraph !== s.paragraph && QA_LINE_START.test(views[k]!.text))
      .map((s) => s.paragraph),
  );
  const lastSubjectByGender: Record<'masc' | 'femn' | 'any', PersonCluster | null> = {
    masc: null,
    femn: null,
    any: null,
  };
  /** The last subject whose gender the report does not show ("Ilya Goncharuk, 31"): whom a pronoun may still mean. */
  let lastUngendered: PersonCluster | null = null;
  const rawByStart = new Map(rawDates.map((d) => [d.start, d]));
  // An interview told as questions and answers: the person its title or introduction names first is who answers, and
  // an act its lines tell of no one named ("They searched for four hours", "Three years in a colony") is theirs.
  const qaLines = [...input.matchAll(QA_LINES)].map((m) => m.index);
  const qaLineStarts = new Set(qaLines);
  const qaFirst = qaLines.length >= 4 ? qaLines[0]! : null;
  /** The day a live blog is written on: its publication, or the first full date at its top. */
  const liveDay = reference ?? resolved.find((d) => d.value.length === 10 && d.start < 300)?.value ?? null;
  // "MOSCOW, March 4 — Police detained … on Sunday": the dateline dates the report; an act takes it only when its
  // sentence dates it no other way (as «КАЗАНЬ, 19 марта — суд отправил под арест …» does).
  const datelineStart = rawDates.find((d) => isDateline(input, d))?.start ?? null;

  /** A date later than the publication date the caller gave, beyond tomorrow: «5 декабря» in a report of 1 December. */
  const afterPublication = (value: string): boolean =>
    published !== null &&
    (value.length === 10 ? daysBetween(published, value) > 1 : value > published.slice(0, value.length));

  /** An anaphoric date («на следующий день», "two days later") counted from the last dated act of a court. */
  const dayAfterCourtAct = (raw: (typeof rawDates)[number] | undefined, before: number): string | null => {
    if (raw?.expression.kind !== 'anaphoric') return null;
    const court = events.slice(0, before).findLast((e) => COURT_ACTS.has(e.type) && parseIsoDay(e.date) !== null);
    const day = parseIsoDay(court?.date);
    if (!day) return null;
    return isoDay(addDays(day, raw.expression.days));
  };

  /**
   * The date an anchor («через два дня после обыска») gives: the act it names, as last told (of the persons its words
   * name, when they name any), moved by its days. Null when the report has told no such act with a date.
   */
  const anchoredDate = (anchor: ActAnchor, named: PersonCluster[]): string | null => {
    const told = (e: ExtractedEvent, k: number) =>
      e.date !== null && (named.length === 0 || eventMeta[k]!.subjects.some((c) => named.includes(c)));
    let act: ExtractedEvent | undefined;
    for (const type of anchor.types) {
      act = events.findLast((e, k) => e.type === type && told(e, k));
      if (act) break;
    }
    if (!act?.date) return null;
    if (anchor.days === 0) return act.date;
    const day = parseIsoDay(act.date);
    return day ? isoDay(addDays(day, anchor.days)) : null;
  };

  /**
   * The date an anchor gives from an act its own sentence told before it, with that act's date: "Denis was detained on
   * 3 August …; Alsu was arrested a week after his detention" → 10 August. Null when the sentence told none so.
   */
  const toldHere = (view: (typeof views)[number], anchor: ActAnchor, sentenceDates: ResolvedDate[]): string | null => {
    const cues = findCues(view.text.slice(0, anchor.start), language);
    const before = sentenceDates.filter((d) => d.end <= view.toDocument(anchor.start));
    for (const type of anchor.types) {
      const cue = cues.filter((c) => c.type === type).at(-1);
      if (!cue) continue;
      const range = { start: view.toDocument(cue.index), end: view.toDocument(cue.index + cue.text.length - 1) + 1 };
      const day = parseIsoDay(dateForCue(input, range, before, [])?.value);
      if (day) return isoDay(addDays(day, anchor.days));
    }
    return null;
  };

  /**
   * Dates set by act anchors (events/act-anchors.ts) in one sentence: each phrase's date goes on the date it holds, or
   * is added to the sentence's dates and the report's. Returns the act words told again, whose cues and persons are not
   * this sentence's acts', and the act words that carry a date of their own: a clause of their own for dating.
   */
  const anchorDates = (
    view: (typeof views)[number],
    subjectMentions: Array<{ cluster: PersonCluster; start: number; end: number }>,
    sentenceDates: ResolvedDate[],
  ): { toldAgain: Range[]; datedActs: Range[] } => {
    const toldAgain: Range[] = [];
    /** "Two days after his arrest on 28 November": an act told here with its own date, a clause of its own. */
    const datedActs: Range[] = [];
    for (const anchor of findActAnchors(view.text, language)) {
      const act = { start: view.toDocument(anchor.act.start), end: view.toDocument(anchor.act.end - 1) + 1 };
      const named = subjectMentions.filter((x) => x.start >= act.start && x.end <= act.end).map((x) => x.cluster);
      const start = view.toDocument(anchor.start);
      let end = view.toDocument(anchor.end - 1) + 1;
      // "after his arrest on 28 November 2025": the act's words run on to their own date, which dates it.
      const next = sentenceDates.find(
        (d) => d.start >= act.end && /^\s*(?:on|in|of|в|во)?\s*$/iu.test(input.slice(act.end, d.start)),
      );
      if (next) act.end = next.end;
      const inner = parseIsoDay(sentenceDates.find((d) => d.start >= act.start && d.start < act.end)?.value);
      // "his arrest" is of the person this sentence is about, when it names one.
      const whose = named.length > 0 ? named : subjectMentions.map((x) => x.cluster);
      let value: string | null;
      if (inner) {
        value = isoDay(addDays(inner, anchor.days));
        datedActs.push(act);
        end = act.start;
      } else {
        value = toldHere(view, anchor, sentenceDates) ?? anchoredDate(anchor, whose);
        if (value === null) continue;
        toldAgain.push(act);
      }
      const own = sentenceDates.filter((d) => d.start >= start && d.start < end);
      for (const d of own) d.value = value;
      for (const m of dates) if (own.some((d) => d.start === m.start)) m.value = value;
      if (own.length > 0) continue;
      sentenceDates.push({ start, end, value, kind: 'anaphoric' });
      sentenceDates.sort((a, b) => a.start - b.start);
      const at = dates.findIndex((m) => m.start > start);
      dates.splice(at < 0 ? dates.length : at, 0, { ...span(input, start, end), value });
    }
    return { toldAgain, datedActs };
  };

  /**
   * The act a list is about, decided at its first item: the act its header line names («Список задержанных:»), or
   * the act told just before it ("Police started detaining people at around 18:00. Below is everyone we know of.").
   * When the header names an act the narrative told already, that earlier act is the list's, and the header's goes.
   */
  const listActFor = (item: ListItem, si: number): number | null => {
    const known = listActs.get(item.list);
    if (known !== undefined) return known;
    let act: number | null = null;
    const header = sentences.findLast((x) => x.end <= item.start);
    const headerIndex = header ? sentences.indexOf(header) : -1;
    if (header && LIST_HEADER.test(views[headerIndex]!.text)) {
      const near = (k: number) => eventMeta[k]!.paragraph >= header.paragraph - 1 && eventMeta[k]!.sentence < si;
      const own = events.findIndex((_, k) => eventMeta[k]!.sentence === headerIndex);
      // «ОПРЕДЕЛИЛА: приговор … изменить: ⏎ - смягчить наказание …»: the operative part's ruling is new, whatever the
      // reasoning above it said of the verdict.
      const ruling = own >= 0 && OPERATIVE_PART.test(views[headerIndex]!.text);
      const earlier = ruling
        ? -1
        : own < 0
          ? events.findLastIndex((e, k) => near(k) && !['protest', 'meeting'].includes(e.type))
          : events.findLastIndex((e, k) => near(k) && k < own && e.type === events[own]!.type);
      if (own >= 0 && earlier >= 0) dropped.add(own);
      act = earlier >= 0 ? earlier : own >= 0 ? own : null;
    }
    listActs.set(item.list, act);
    return act;
  };

  /**
   * «Кирилла задержали в августе» in a relative's account: a given name alone, in any case, or its diminutive, that
   * one person of the report bears is that person. Null when the sentence names nobody so (two Кириллы name nobody
   * either).
   */
  const givenNameSubjects = (
    text: string,
    toDocument: (i: number) => number,
    named: Array<{ start: number; end: number }>,
  ): PersonCluster[] | null => {
    const found = new Set<PersonCluster>();
    for (const m of text.matchAll(/(?<![\p{L}.])\p{Lu}\p{Ll}+(?![\p{L}])/gu)) {
      // A word of a full name read in this sentence is that name's, spoken of or speaking.
      const at = toDocument(m.index);
      if (named.some((n) => at >= n.start && at < n.end)) continue;
      const lemmas =
        language === 'ru'
          ? parseWord(m[0])
              .filter((a) => a.tags.includes('Name'))
              .map((a) => a.lemma)
          : [m[0]];
      for (const key of new Set(lemmas.map((l) => fold(l)))) {
        // «Паша» for Павел Дубинин, "Pasha" for Pavel: a diminutive names the one person with the full name.
        const owners = clusters.filter(
          (c) => c.givenKey === key || answersToGivenName(clusterSpellings.get(c)?.givens ?? [], key),
        );
        if (owners.length === 1) found.add(owners[0]!);
      }
    }
    return found.size > 0 ? [...found] : null;
  };

  /** «он», "she", «сын», "her husband" → the person last reported as a subject, by gender and number. */
  const resolveAnaphora = (text: string, lang: 'ru' | 'en'): PersonCluster[] => {
    const cleaned = text
      .replace(lang === 'ru' ? RU_SPEAKER_POSSESSIVE : EN_SPEAKER_POSSESSIVE, ' ')
      .replace(lang === 'ru' ? RU_KIN_POSSESSOR : EN_KIN_POSSESSOR, ' ');
    const plural = PLURAL_ANAPHOR.exec(cleaned);
    // «Ступака и Гринько задержали …, Мкртчяна — на следующий день. Всех троих обвиняют»: the three the sentence
    // before named, when the last act's subjects were fewer than the number says.
    const counted = plural ? PLURAL_COUNT[plural[0].split(/\s+/u).at(-1)!.toLowerCase()] : undefined;
    // The sentence being read has set its own (empty) entry already: the one before it is the one to count.
    const named = sentenceSubjects.at(-2) ?? [];
    if (counted !== undefined && lastSubjects.length !== counted && named.length === counted) return named;
    if (plural && lastSubjects.length > 1) return lastSubjects;
    const pronouns = [...cleaned.matchAll(lang === 'ru' ? RU_PRONOUNS : EN_PRONOUNS)];
    if (pronouns.length === 0) {
      const kin = (lang === 'ru' ? RU_KIN : EN_KIN).exec(cleaned);
      if (!kin) return [];
      return byGender(kin[2] !== undefined);
    }
    for (const pronoun of pronouns) {
      const p = pronoun[1]!.toLowerCase();
      if (!/^(?:их|них|они|им|ними|they|them|their)$/u.test(p)) {
        return byGender(/^(?:её|неё|ее|нее|она|ей|ней|she|her)$/u.test(p));
      }
      if (lastSubjects.length > 1) return lastSubjects;
      // "the court extended their detention" after one of the four was named alone: the four.
      if (lastGroup.length > 1) return lastGroup;
      // "They were released" after the unnamed parents were held: nobody named; "They took him": him.
    }
    return [];
  };
  /**
   * The latest subject the pronoun's gender fits: one of that gender, or of none known. "walk him to a van" when the
   * only subject so far is Oksana Remizova: nobody, not her.
   */
  const byGender = (fem: boolean): PersonCluster[] => {
    const any = lastSubjectByGender.any;
    if (any && any.gender === null) return [any];
    // "him" after Ilya Goncharuk, of no gender shown, and then his partner Sofia: him, not nobody.
    const latest = (fem ? lastSubjectByGender.femn : lastSubjectByGender.masc) ?? lastUngendered;
    return latest ? [latest] : [];
  };

  /** The clusters a mention has joined or opened since the surnames' case forms were last brought up to date. */
  const namesChanged = new Set<PersonCluster>();
  /** Surname and given-name spellings each cluster answers to besides its own (Gaynullin and Gainullin). */
  const clusterSpellings = new Map<PersonCluster, { surnames: Set<string>; givens: string[] }>();
  let lastPerson: { end: number; surname: string | null; cluster: PersonCluster } | null = null;
  const personFor = (m: PersonMention, order: number): PersonCluster => {
    const cluster = groupPerson(m, order);
    namesChanged.add(cluster);
    const spellings = clusterSpellings.get(cluster) ?? { surnames: new Set<string>(), givens: [] };
    clusterSpellings.set(cluster, spellings);
    for (const key of m.surname ? surnameKeys(m.surname) : []) spellings.surnames.add(key);
    if (m.given && !spellings.givens.includes(m.given)) spellings.givens.push(m.given);
    lastPerson = { end: m.end, surname: m.surname, cluster };
    return cluster;
  };
  const initialsOf = (c: PersonCluster) =>
    c.entity.name
      .split(' ')
      .filter((p) => /^\p{Lu}\.$/u.test(p))
      .map((p) => fold(p)[0])
      .join('');
  const groupPerson = (m: PersonMention, order: number): PersonCluster => {
    const words = m.parts.filter((p) => !p.endsWith('.'));
    const initials = m.parts.filter((p) => p.endsWith('.'));
    const initialsKey = initials.map((p) => fold(p)[0]).join('');
    const surnameKey = m.surname ? fold(m.surname) : null;
    // «Hanna Zhurauskaya (Anna Zhuravskaya in Russian spelling)»: the bracket names the same person again.
    if (lastPerson && isBracketedSpelling(input, lastPerson.end, lastPerson.surname, m.start, m.end, m.surname)) {
      lastPerson.cluster.entity.mentions.push(span(input, m.start, m.end));
      lastPerson.cluster.lastSeen = order;
      return lastPerson.cluster;
    }
    // «В отношении Р. А. Хайбуллина»: initials carry no gender, so the surname may be his in the genitive too.
    const masculine =
      language === 'ru' && initials.length > 0 && words.length === 1 ? genitiveToNominative(words[0]!) : null;
    const byInitials = masculine !== null;
    const readings = m.surnameOnly ? m.alternatives : masculine ? [m.surname ?? words[0]!, masculine] : [];
    const candidates = readings.length > 0 ? readings.map(fold) : surnameKey ? [surnameKey] : [];
    const candidateKeys = new Set(
      (readings.length > 0 ? readings : m.surname ? [m.surname] : []).flatMap((x) => surnameKeys(x)),
    );
    const given = m.given ? fold(m.given) : null;
    let best: PersonCluster | null = null;
    // «Тамары Ильиничны» after «Тамару Ильиничну Гогуа», «брата Тимофея»: the one person of the report with that
    // given name (and patronymic), or a new one.
    if (!m.surname && m.given) {
      const owners = clusters.filter((c) =>
        givenAndPatronymicFit(m.parts, c.entity.name, clusterSpellings.get(c)?.givens ?? []),
      );
      if (owners.length === 1) best = owners[0]!;
      // «Уважаемая Лилия Рашидовна!» under «Сорокиной-Пайгановой Л.Р.»: a given name and patronymic alone are the one
      // person whose initials they spell.
      if (!best && words.length === 2) {
        const spelt = words.map((w) => fold(w)[0]).join('');
        const spelled = clusters.filter((c) => !c.givenKey && initialsOf(c) === spelt);
        if (spelled.length === 1) best = spelled[0]!;
      }
    }
    /** «Лужнякова Т. Р.» read as hers before, now «Лужняков Т. Р.»: the cluster his oblique case began. */
    let hisObliqueCase: PersonCluster | null = null;
    for (const c of clusters) {
      const spellings = clusterSpellings.get(c);
      const hisReading =
        !!surnameKey &&
        !byInitials &&
        c.masculineReading?.surnameKey === surnameKey &&
        c.masculineReading.initials === initialsKey;
      const sameSurname =
        (!!c.surnameKey && candidates.includes(c.surnameKey)) ||
        (!!spellings && [...candidateKeys].some((k) => spellings.surnames.has(k))) ||
        hisReading;
      if (!sameSurname) continue;
      if (given && c.givenKey && given !== c.givenKey) {
        // Gaynullin's "Timur" is Gainullin's "Timur"; "Yevgeniy" and "Evgeny" are one name.
        if (!m.given || !(spellings?.givens ?? []).some((g) => sameGivenName(g, m.given!))) continue;
      }
      if (initials.length > 0 && c.givenKey && fold(initials[0]!)[0] !== c.givenKey[0]) continue;
      // Another reading of the surname joins only a person whose given name the first initial fits.
      // But the same initials after «Лужняков Т. Р.» make «Лужнякова Т. Р.» his oblique case.
      if (byInitials && !c.givenKey && c.surnameKey !== surnameKey && !(initialsKey && initialsOf(c) === initialsKey))
        continue;
      if (!best || c.lastSeen > best.lastSeen) {
        best = c;
        hisObliqueCase = hisReading ? c : null;
      }
    }
    // «в защиту Ростислава Дедюхина … Ростислава Дедюхина задержали»: the same words read once as a man's name in the
    // genitive and once as a woman's in the nominative are the one person. His reading wins: a man's name reads as a
    // woman's only in the genitive or accusative, so he is the one a context told apart.
    const otherReading = !best && language === 'ru' && initials.length === 0 ? otherGenderReading(m) : null;
    if (otherReading) {
      const [otherGiven, otherSurname] = otherReading.map(fold);
      // The same words as written before: «Александр Иванов» and «Александра Иванова» may be a man and his wife.
      const surface = fold(input.slice(m.start, m.end)).replace(/\s+/gu, ' ');
      const named = clusters.find(
        (c) =>
          c.givenKey === otherGiven &&
          c.surnameKey === otherSurname &&
          c.entity.mentions.some((x) => fold(x.text).replace(/\s+/gu, ' ') === surface),
      );
      if (named) {
        named.entity.mentions.push(span(input, m.start, m.end));
        named.lastSeen = order;
        if (m.gender === 'masc') {
          named.entity.name = m.parts.join(' ');
          named.surnameKey = surnameKey;
          named.givenKey = given;
          named.gender = 'masc';
          named.entity.gender = 'masc';
        }
        return named;
      }
    }
    // "her son Artyom … Artyom Belov": a full name after the given name alone is that relative's.
    if (!best && m.surname && m.given) {
      const parts = [m.given, ...words.filter((w) => w !== m.given)];
      const owners = clusters.filter(
        (c) => !c.surnameKey && givenAndPatronymicFit(parts, c.entity.name, clusterSpellings.get(c)?.givens ?? []),
      );
      if (owners.length === 1) best = owners[0]!;
    }
    const name = m.parts.join(' ');
    if (best) {
      best.entity.mentions.push(span(input, m.start, m.end));
      best.lastSeen = order;
      if (best === hisObliqueCase) {
        best.entity.name = name;
        best.surnameKey = surnameKey;
        best.gender = m.gender;
        best.entity.gender = m.gender;
        best.masculineReading = undefined;
        return best;
      }
      const richer = words.length + initials.length * 0.5 > best.parts;
      if (richer && !m.surnameOnly) {
        best.entity.name = name;
        best.parts = words.length + initials.length * 0.5;
        best.givenKey = m.given ? fold(m.given) : best.givenKey;
      } else if (m.surname) {
        best.entity.name = adjectivalSurnameName(best.entity.name, m.surname);
      }
      return best;
    }
    const cluster: PersonCluster = {
      entity: {
        name,
        mentions: [span(input, m.start, m.end)],
        confidence: m.surnameOnly ? 0.6 : 0.85,
        gender: m.gender,
      },
      surnameKey: m.surnameOnly ? fold(m.parts[0]!) : surnameKey,
      givenKey: m.given ? fold(m.given) : null,
      gender: m.gender,
      parts: words.length + initials.length * 0.5,
      lastSeen: order,
      masculineReading:
        masculine && !m.surnameOnly ? { surnameKey: fold(masculine), initials: initialsKey } : undefined,
    };
    clusters.push(cluster);
    return cluster;
  };

  // Lists of people («Список задержанных: 1. Маргарита Ким — ОМВД … Отпущена около 23:00»): each item is one person's
  // part in the act the list is about.
  const listItems = findListItems(input);
  // Tables («ФИО | город | дата задержания | статус»): each row one person's, its header's dated column an act.
  const tables = findTables(input);
  const tableRows = tables.flatMap((table) => table.rows.map((row) => ({ row, table })));
  let rowCursor = 0;
  const tableHeaders = tables.flatMap((table) => (table.header ? [table.header] : []));
  let headerCursor = 0;
  /** The person each row opens with. */
  const rowPerson = new Map<TableRow, PersonCluster | null>();
  /** Tables whose act the sentences over them summarise, by the index of their first row's sentence. */
  const tableIntros: Array<{ table: TextTable; before: number }> = [];
  let itemCursor = 0;
  /** The person each item opens with, by item index. */
  const itemPerson = new Map<number, PersonCluster | null>();
  /** The act each list is about, by list; null when its header names none. */
  const listActs = new Map<number, number | null>();
  /** Acts told again inside an item, each to join its list's act; and the header's own act, which the list's replaces. */
  const joinsListAct = new Map<number, number>();
  let lastListAct: number | null = null;
  const dropped = new Set<number>();
  /** The report has told of an acquittal: a bare "the verdict" after it is that verdict, no sentence. */
  let acquitted = false;
  /** Where each court named with its city sits, by its own name's key: «вахитов» → Казань. */
  const courtSeats = new Map<string, string>();
  /**
   * The case forms of the surnames of persons named so far with a given name («ступака» → «Ступак»), kept up as
   * `clusters` grows and their names fill out; each cluster's surname as last declined.
   */
  const surnameForms = new Map<string, string>();
  const declinedSurname = new Map<PersonCluster, string>();
  const knownSurname = (word: string): string | null => {
    for (const c of namesChanged) {
      if (!c.givenKey || !c.surnameKey || declinedSurname.get(c) === c.surnameKey) continue;
      declinedSurname.set(c, c.surnameKey);
      const surname = c.entity.name.split(' ').find((w) => fold(w) === c.surnameKey);
      if (!surname || !/^\p{Script=Cyrillic}+$/u.test(surname)) continue;
      const genders: Gender[] = c.gender === 'masc' ? ['m'] : c.gender === 'femn' ? ['f'] : ['m', 'f'];
      for (const g of genders)
        for (const grammaticalCase of SURNAME_CASES) {
          const form = fold(declineSurname(fold(surname), g, grammaticalCase));
          if (!surnameForms.has(form)) surnameForms.set(form, surname);
        }
    }
    namesChanged.clear();
    return surnameForms.get(fold(word)) ?? null;
  };
  /** The surnames of the persons found so far, kept up as `clusters` grows. */
  const namedSurnames = new Set<string>();
  let surnamesSeen = 0;
  /**
   * Where the court named on a day sits: a hearing or verdict of that day told later without a place is there
   * ("the Vologda City Court was full yesterday morning … she read out the verdict"), not at a court named since for
   * an act months before.
   */
  const courtSeatOn = new Map<string, string>();
  /** Runs of a court card's defendant rows («ПОДСУДИМЫЙ ⇥ …»), by sentence: whom the card's other rows are about. */
  const cardDefendants: Array<{ first: number; last: number; clusters: PersonCluster[] }> = [];
  /**
   * Each dated entry's day as read, by entry number; null for an e-mail's header (when it was sent, not when its acts
   * happened) or a heading that did not resolve.
   */
  const resolvedAt = new Map(resolved.map((d) => [d.start, d.value]));
  const entryDates = datedEntries.map((en) => (en.mail ? null : (resolvedAt.get(rawDates[en.heading]!.start) ?? null)));
  /** Where each paragraph's first date that anchors the narrative is ("Correction, 6 October:" is none). */
  const firstAnchorIn = new Map<number, number>();
  for (const d of rawDates) {
    const paragraph = sentences[d.sentence]!.paragraph;
    if (!d.noAnchor && !firstAnchorIn.has(paragraph)) firstAnchorIn.set(paragraph, d.start);
  }
  /** Each person's last detention or arrest told with its day: what a release "the same evening" ends. */
  const lastHeldOf = new Map<PersonCluster, { at: number; date: string }>();
  /** Acts told as «в день задержания», «при обыске» before the report has told that act with a date. */
  const duringLater: Array<{ at: number; type: EventType }> = [];
  let entryCursor = 0;
  let currentEntry: number | null = null;
  /** The entry each act type was last told in: an act told again is told in the same entry. */
  const typeEntry = new Map<EventType, number | null>();

  // «доставлен в ОП № 3 УМВД России по г. Саратову» quoted in an English report: a Russian place form there is a place
  // only where the English text names that place too; else it is part of a quoted name or phrase.
  const foundPlaces = sentences.map((s) =>
    findPlaces(tokens, s, language, gaz, (offset) => inNumberColumnHeader(input, tables, offset)),
  );
  const cyrillicHit = (p: PlaceHit) => /^\p{Script=Cyrillic}/u.test(tokens[p.first]!.norm);
  const namedInEnglish = new Set(
    language === 'en'
      ? foundPlaces
          .flat()
          .filter((p) => !cyrillicHit(p))
          .map((p) => placeIdentity(p.record))
      : [],
  );
  const topEnd = openingLinesEnd(input);
  sentences.forEach((s, si) => {
    const st = input.slice(s.start, s.end);
    while (headerCursor < tableHeaders.length && tableHeaders[headerCursor]!.end <= s.start) headerCursor++;
    const inHeaderRow = (tableHeaders[headerCursor]?.start ?? Number.POSITIVE_INFINITY) <= s.start;
    // "Name of the event | Date | Time | Place of holding": a table's header names its columns, not places (Date is
    // a town in Japan).
    const places = inHeaderRow
      ? []
      : language === 'en'
        ? foundPlaces[si]!.filter((p) => !cyrillicHit(p) || namedInEnglish.has(placeIdentity(p.record)))
        : foundPlaces[si]!;
    places.push(...settlementPlaces(tokens, s, language, places));
    const blocked = new Set<number>();
    // Russian place forms block person reading («в Уфе»); in English a given name that is also a town ("Sofia
    // Makarenko") must stay readable as a name, and the person then wins over the place below.
    // But «Сокол Игорь Семёнович» is a surname written first, not the town of Sokol.
    if (language === 'ru')
      for (const p of places)
        if (!isRuSurnameBeforeFullName(tokens, p.first, p.last, s.last))
          for (let k = p.first; k < p.last; k++) blocked.add(k);
    // On the rejoined text, so a name broken across a PDF line («Нижего-\nродский», "Inves-\ntigative") is found.
    const orgView = views[si]!;
    const foundOrgs = findOrganizations(orgView.text, language, { opensDocument: si === 0, nearTop: s.start < topEnd });
    // "…, Ob Legal Line said." after "the monitoring group Ob Legal Line": a name of several words the report has
    // introduced, as written, is the name wherever it is written again, without the words that introduced it.
    for (const o of foundOrgs) {
      const surface = orgView.text.slice(o.start, o.end);
      if (surface === o.value && /^\p{Lu}\S*\s+\S/u.test(surface)) introducedOrgs.add(surface);
    }
    for (const name of introducedOrgs) {
      for (let at = orgView.text.indexOf(name); at >= 0; at = orgView.text.indexOf(name, at + name.length)) {
        const end = at + name.length;
        if (/[\p{L}\p{N}]/u.test(orgView.text[at - 1] ?? '') || /[\p{L}\p{N}]/u.test(orgView.text[end] ?? '')) continue;
        if (!foundOrgs.some((o) => o.start < end && at < o.end)) foundOrgs.push({ start: at, end, value: name });
      }
    }
    const orgs = foundOrgs
      .map((o) => ({
        ...o,
        start: orgView.toDocument(o.start),
        end: orgView.toDocument(o.end - 1) + 1,
      }))
      // "Kazan — 4 March 2026" over a report is its dateline: a name that is a town and nothing more is the town.
      .filter((o) => !places.some((p) => tokens[p.first]!.start === o.start && tokens[p.last - 1]!.end === o.end));
    for (const o of orgs) {
      for (let k = s.first; k < s.last; k++) {
        const t = tokens[k]!;
        if (t.start >= o.start && t.end <= o.end) {
          // A court's city stays a place: «суд Саратова».
          if (!places.some((p) => k >= p.first && k < p.last)) blocked.add(k);
        }
      }
    }
    const placeTokens = new Set<number>();
    for (const p of places) for (let k = p.first; k < p.last; k++) placeTokens.add(k);
    // A lone word that is a town ("Saratov") is the town, not a surname.
    const mentions = findPersons(tokens, s.first, s.last, language, (k) => blocked.has(k), knownSurname).filter(
      (m) => !(m.surnameOnly && places.some((p) => tokens[p.first]!.start === m.start)),
    );
    void placeTokens;
    // A person's name wins over a town of the same name ("Vera Lukina" is not a place).
    const personTokens = new Set<number>();
    for (const m of mentions)
      for (let k = s.first; k < s.last; k++)
        if (tokens[k]!.start >= m.start && tokens[k]!.end <= m.end) personTokens.add(k);
    // "in respect of Danilov" after "Nikolai Danilov": a lone word that is the surname of someone the report named is
    // that person, unless a preposition of place stands before it («в Данилове»).
    const isNamedSurname = (p: PlaceHit) => {
      if (p.last - p.first !== 1) return false;
      const prev = tokens[p.first - 1];
      const word = prev?.kind === 'word' ? prev.norm.toLowerCase() : '';
      // Not "of": "in respect of Danilov", "the case of Danilov".
      const located = PLACE_PREPOSITIONS.has(word) || (LATIN_PLACE_PREPOSITIONS.has(word) && word !== 'of');
      for (; surnamesSeen < clusters.length; surnamesSeen++) {
        const known = clusters[surnamesSeen]!.surnameKey;
        if (known) namedSurnames.add(known);
      }
      return !located && namedSurnames.has(fold(tokens[p.first]!.norm));
    };
    // «МВД России», "the Investigative Committee of Russia": a country in or right after a body's name is part of the
    // name, not where anything happened (a city stays: «суд Саратова»).
    // «Прокуратура Пермского края», «УФСИН по Омской области»: so is the region a regional body is named for (a
    // court's region stays: the regional court sits in its capital).
    const inBodyName = (p: PlaceHit) => {
      const [start, end] = [tokens[p.first]!.start, tokens[p.last - 1]!.end];
      if (p.record.kind === 'region')
        return orgs.some((o) => o.start < start && end <= o.end && !/суд|[Cc]ourt/u.test(o.value));
      if (p.record.kind !== 'country') return false;
      return orgs.some((o) => (o.start <= start && end <= o.end) || BODY_TO_COUNTRY.test(input.slice(o.end, start)));
    };
    // "Ob Legal Line", "GOLDEN HORN DAILY", "Kama Legal Aid": a place word in an outlet's or a group's name is part of
    // the name; a court's, a police station's or a university's town is where it sits, and stays a place.
    const inBrandName = (p: PlaceHit) => {
      if (language !== 'en') return false;
      const [start, end] = [tokens[p.first]!.start, tokens[p.last - 1]!.end];
      return orgs.some((o) => o.start <= start && end <= o.end && !SEAT_HEAD.test(o.value));
    };
    // «"…dragged Pasha along the asphalt"» in a report on Pavel Shchegolev: a lone word that a named person answers to
    // as a given name or its diminutive is that person, unless a preposition of place stands before it.
    const isNamedGiven = (p: PlaceHit) => {
      if (p.last - p.first !== 1) return false;
      const prev = tokens[p.first - 1];
      const word = prev?.kind === 'word' ? prev.norm.toLowerCase() : '';
      if (PLACE_PREPOSITIONS.has(word) || LATIN_PLACE_PREPOSITIONS.has(word)) return false;
      const key = tokens[p.first]!.norm;
      return clusters.some((c) => answersToGivenName(clusterSpellings.get(c)?.givens ?? [], key));
    };
    const keptPlaces = places.filter(
      (p) =>
        !personTokens.has(p.first) &&
        !personTokens.has(p.last - 1) &&
        !isNamedSurname(p) &&
        !isNamedGiven(p) &&
        !inBodyName(p) &&
        !inBrandName(p),
    );
    const sentencePlaces: string[] = [];
    const placeSpans: Array<{ start: number; end: number; name: string }> = [];
    // «Псковский городской суд» sits in Псков: a city court's adjective names its city (only «городской»: a regional
    // court's adjective names the region, and «Ленинский районный суд» a district).
    if (language === 'ru') for (const p of cityCourtPlaces(tokens, s, gaz)) keptPlaces.push(p);
    // Unless the court's own city follows its name ("the Tverskoy District Court of Tver" would be another court).
    for (const p of capitalCourtPlaces(tokens, s, language, gaz))
      if (!keptPlaces.some((q) => q.record === p.record || (q.first > p.first && q.first <= p.first + 6)))
        keptPlaces.push(p);
    for (const p of keptPlaces) {
      const key = p.record.geonameId !== null ? `g${p.record.geonameId}` : `n${fold(p.record.name)}`;
      let entity = placeEntities.get(key);
      if (!entity) {
        entity = {
          name: p.surface,
          mentions: [],
          confidence: 0.9,
          country: p.record.country,
          lat: p.record.lat,
          lon: p.record.lon,
          geonameId: p.record.geonameId,
        };
        placeEntities.set(key, entity);
        placeRecords.set(entity.name, p.record);
      }
      const placeEnd = p.end ?? tokens[p.last - 1]!.end;
      entity.mentions.push(span(input, tokens[p.first]!.start, placeEnd));
      placeSpans.push({ start: tokens[p.first]!.start, end: placeEnd, name: entity.name });
      // «жительницу Стерлитамака оштрафовал суд в Уфе»: where a person lives is a place of the report, not of the act.
      const home = RESIDENT_BEFORE.test(
        input.slice(Math.max(s.start, tokens[p.first]!.start - 24), tokens[p.first]!.start),
      );
      const topic = TOPIC_BEFORE.test(
        input.slice(Math.max(s.start, tokens[p.first]!.start - 60), tokens[p.first]!.start),
      );
      if (!home && !topic && !sentencePlaces.includes(entity.name)) sentencePlaces.push(entity.name);
    }
    const sentenceOrgs: string[] = [];
    for (const o of orgs) {
      const key = fold(o.value);
      const stem = orgStem(o.value);
      let entity = orgEntities.get(key) ?? (stem ? orgsByStem.get(stem) : undefined);
      if (!entity) {
        entity = { name: o.value, mentions: [], confidence: 0.8 };
        orgEntities.set(key, entity);
      }
      if (stem && !orgsByStem.has(stem)) orgsByStem.set(stem, entity);
      entity.mentions.push(span(input, o.start, o.end));
      if (!sentenceOrgs.includes(entity.name)) sentenceOrgs.push(entity.name);
    }
    const sentenceArticles = findArticles(st, language);
    for (const a of sentenceArticles) articles.push({ ...a.value, ...span(input, a.start + s.start, a.end + s.start) });
    let sentenceCase: string | null = null;
    for (const c of findCases(st, language)) {
      const key = fold(c.value);
      let entity = caseEntities.get(key);
      if (!entity) {
        entity = { name: c.value, mentions: [], confidence: 0.8, articles: [] };
        caseEntities.set(key, entity);
      }
      entity.mentions.push(span(input, c.start + s.start, c.end + s.start));
      sentenceCase ??= entity.name;
    }
    const view = views[si]!;
    const vt = view.text;
    // The sentence's cues, found once: a role after a name asks for them before its acts are read.
    let cuesFound: CueMatch[] | undefined;
    const sentenceCues = () => (cuesFound ??= findCues(vt, language));
    // "09:58" over an entry of a live blog: the entry happens on the blog's day, whatever its background went back to.
    // Not under a chronicle's dated entries, whose own day each line is of.
    const timeHead =
      datedEntries.length === 0 &&
      TIMESTAMP_HEAD.test(vt) &&
      LINE_START.test(input.slice(Math.max(0, s.start - 9), s.start));
    if ((TIMESTAMP_LINE.test(vt) || timeHead) && liveDay !== null) {
      lastDate = liveDay;
      previousSentenceDate = liveDay;
    }
    // "2 OCTOBER ⏎ Verdict. …", «7 декабря ⏎ Суд оставил …» in a chronicle: what the entry tells happened on its day,
    // however far back from the entry above it (newest first) that is.
    while (entryCursor < datedEntries.length && datedEntries[entryCursor]!.end <= s.start) entryCursor++;
    const entryHere = datedEntries[entryCursor];
    const inEntry = entryHere && entryHere.start <= s.start && entryDates[entryCursor] != null ? entryCursor : null;
    const entryDate = inEntry === null ? null : entryDates[inEntry]!;
    if (inEntry !== null && inEntry !== currentEntry) {
      lastDate = entryDate;
      previousSentenceDate = entryDate;
    }
    currentEntry = inEntry;
    // The sentence right after its entry's heading: a label there ("Verdict.", "Closing arguments.") is the entry's act.
    const headingAt = inEntry === null ? -1 : rawDates[datedEntries[inEntry]!.heading]!.start;
    const underHeading =
      inEntry !== null && si > 0 && sentences[si - 1]!.start <= headingAt && headingAt < sentences[si - 1]!.end;
    // «Надежда Рочева, мать:» over what she says: a witness tells the story from its start, so her undated acts fall on
    // the story's first day (its first act within a fortnight of where the story is), not on the day it had got to.
    if (lastDate !== null && mentions.length > 0 && WITNESS_LABEL.test(vt)) {
      const from = lastDate;
      const start = events.find((e) => e.date?.length === 10 && Math.abs(daysBetween(e.date, from)) <= 14)?.date;
      if (start) {
        lastDate = start;
        previousSentenceDate = start;
      }
    }
    // Persons and their roles in this sentence. A relative or a lawyer named before the person they speak for is not
    // a subject («Мать Абдуллаева, Патимат Абдуллаева, рассказала…»: the son is, the mother is not).
    const subjectMentions: Array<{ cluster: PersonCluster; start: number; end: number }> = [];
    const agentsFromPersons: string[] = [];
    let previous: { mention: PersonMention; cluster: PersonCluster; excluded: boolean } | null = null;
    /** Who speaks the sentence's quote, named after it: «"…," Belousov told reporters». */
    const speakers: PersonCluster[] = [];
    for (const m of mentions) {
      const cluster = personFor(m, si);
      const before = input.slice(Math.max(s.start, m.start - 30), m.start);
      const after = input.slice(m.end, Math.min(s.end, m.end + 40));
      if (QUOTE_CLOSED.test(before) && (language === 'ru' ? RU_SPEAKS : EN_SPEAKS).test(after)) speakers.push(cluster);
      const kin =
        (language === 'ru' ? KIN_BEFORE_RU : KIN_BEFORE_EN).test(before) &&
        (language === 'ru' ? SPEECH_RU : SPEECH_EN).test(st);
      let excluded =
        (((language === 'ru' ? SUBJECT_EXCLUDERS_RU : SUBJECT_EXCLUDERS_EN).test(before) || kin) &&
          !WHOSE_KIN.test(before)) ||
        // «"She was released at 3 a.m.," Belousov told reporters»: who speaks a quote is not who it is about.
        (QUOTE_CLOSED.test(before) && (language === 'ru' ? RU_SPEAKS : EN_SPEAKS).test(after)) ||
        // "a man who introduced himself as Major Kuzmin hit him": an officer acts on the subject.
        RANK_BEFORE.test(before) ||
        RANK_FIRST.test(input.slice(m.start, m.end)) ||
        // "STANISLAV YURCHENKO: Almost never.": a transcript's speaker label names who speaks, not whom it is about.
        (SPEAKER_LABEL.test(input.slice(m.end, m.end + 50)) &&
          LINE_START.test(input.slice(Math.max(0, m.start - 9), m.start)));
      // «Мать Алексея Кравчука рассказала»: a name in the genitive after the kinship word is the one spoken about.
      // But «председательствующего Галиуллиной Р.Ф.», «с участием прокурора Гарипова А.Р.»: an official's title in the
      // genitive stands in apposition to the name, which is the official's own.
      if (
        excluded &&
        language === 'ru' &&
        isGenitiveName(input.slice(m.start, m.end)) &&
        !OFFICIAL_IN_OBLIQUE_CASE.test(before)
      )
        excluded = false;
      if (COMPLAINANT_BEFORE.test(before) || ROLE_LABEL_BEFORE.test(before)) excluded = true;
      // Only where the sentence tells no act: «Иван Орлов, адвокат, задержан» is the lawyer's own detention.
      if (language === 'ru' && ROLE_AFTER_RU.test(after) && sentenceCues().length === 0) excluded = true;
      const kinAfter = language === 'ru' ? KIN_AFTER_RU.exec(input.slice(m.end, m.end + 40)) : null;
      if (kinAfter && mentions.some((o) => o.start > m.end && o.start - (m.end + kinAfter[0].length) <= 30))
        excluded = true;
      const gap = previous ? input.slice(previous.mention.end, m.start) : null;
      // «члены ОНК Татьяна Лебедь и Аслан Дзуцев»: a name joined to an excluded one shares its role.
      if (previous?.excluded && gap !== null && /^\.?\s*(?:и|and|&)\s*$/iu.test(gap)) excluded = true;
      // Only where the first name can be the client's: a Russian genitive, an English possessive ("Vorontsov's lawyer,
      // Maria Shtern"); in "their lawyer, Remzi Kuchukov, Enver Khalilov was beaten" the second name is not his.
      const clientFirst =
        previous !== null &&
        (language === 'ru' || /['’]s$/u.test(input.slice(previous.mention.start, previous.mention.end)));
      // «Адвокату Лейсан Гарифовой Кашапов рассказал»: a surname alone after the lawyer's full name is the client
      // speaking, not the lawyer's name after the client's.
      if (previous?.excluded && clientFirst && !m.surnameOnly && gap !== null && /^\s*,?\s*$/u.test(gap)) {
        // «Адвокат Гурова Светлана Нечаева», "Мать Абдуллаева, Патимат Абдуллаева": the first name is the client.
        excluded = true;
        previous.excluded = false;
        if (!subjectMentions.some((x) => x.cluster === previous!.cluster)) {
          subjectMentions.push({ cluster: previous.cluster, start: previous.mention.start, end: previous.mention.end });
        }
      }
      // "Judge Irina Remizova … Remizova reads out the verdict": named once with a seat on the bench, a judge, a
      // prosecutor or a clerk stays in that seat when named again bare, and is no subject of the acts told.
      if (excluded && COURT_SEAT_BEFORE.test(before)) courtOfficials.add(cluster);
      else if (m.surnameOnly && courtOfficials.has(cluster)) excluded = true;
      if (excluded) {
        if (/суд|judge/iu.test(before)) agentsFromPersons.push(cluster.entity.name);
      } else {
        subjectMentions.push({ cluster, start: m.start, end: m.end });
        const g = cluster.gender ?? 'any';
        lastSubjectByGender[g] = cluster;
        lastSubjectByGender.any = cluster;
        if (cluster.gender === null) lastUngendered = cluster;
      }
      previous = { mention: m, cluster, excluded };
    }
    // «приговор … от 12 августа 2026 года … изменить», "upheld the verdict of 16 June": the date names the verdict
    // under review, not the day it was reviewed.
    const reviews = REVIEW_VERB.test(vt);
    /** «на приговор … от 14 мая»: the date of the paper under appeal, which dates no hearing. */
    const paperDated = (d: { start: number }) =>
      PAPER_DATE_BEFORE.test(input.slice(Math.max(s.start, d.start - 100), d.start));
    const sentenceDates = (datesBySentence.get(si) ?? []).filter((d) => {
      const raw = rawByStart.get(d.start);
      if (reviews && REVIEWED_PAPER_BEFORE.test(input.slice(Math.max(s.start, d.start - 100), d.start))) return false;
      return !raw?.until && !isNotActDate(input, d, language);
    });
    // «В тот же день, когда Евдокимова заочно арестовали, суд начал …», "two days after the search": dated by an act
    // told before, which the phrase names again rather than reports, and whose person is not this act's.
    const { toldAgain, datedActs } = anchorDates(view, subjectMentions, sentenceDates);
    const inToldAct = (at: number) => toldAgain.some((r) => at >= r.start && at < r.end);
    for (let k = subjectMentions.length - 1; k >= 0; k--)
      if (inToldAct(subjectMentions[k]!.start)) subjectMentions.splice(k, 1);
    const subjects: PersonCluster[] = [];
    for (const x of subjectMentions) if (!subjects.includes(x.cluster)) subjects.push(x.cluster);
    sentenceSubjects[si] = subjects;
    if (interviewee === null && language === 'ru') {
      const named = subjectMentions.find((x) =>
        INTERVIEW_WITH.test(input.slice(Math.max(s.start, x.start - 60), x.start)),
      );
      if (named) interviewee = named.cluster;
    }
    if (language === 'en' && qaFirst !== null && interviewee === null && s.start < qaFirst && subjects.length > 0)
      interviewee = subjects[0]!;
    while (itemCursor < listItems.length && listItems[itemCursor]!.end <= s.start) itemCursor++;
    const itemHere = listItems[itemCursor];
    const item = itemHere && itemHere.start <= s.start ? itemCursor : null;
    if (item !== null) inListItem.add(si);
    const listAct = item === null ? null : listActFor(listItems[item]!, si);
    if (item !== null && !itemPerson.has(item) && s.start >= listItems[item]!.contentStart) {
      // «1. Маргарита Ким — ОМВД …»: the item opens with its person, who is one of those the list's act was about.
      const head = subjectMentions.find((x) => x.start - s.start <= 2);
      if (head) {
        itemPerson.set(item, head.cluster);
        if (listAct !== null && !eventMeta[listAct]!.subjects.includes(head.cluster)) {
          eventMeta[listAct]!.subjects.push(head.cluster);
        }
      } else itemPerson.set(item, null);
    }
    while (rowCursor < tableRows.length && tableRows[rowCursor]!.row.end <= s.start) rowCursor++;
    const rowHere = tableRows[rowCursor];
    const inRow = rowHere && rowHere.row.start <= s.start ? rowHere : null;
    if (inRow && !rowPerson.has(inRow.row)) {
      const head = subjectMentions.find((x) => x.start < (inRow.row.cells[0]?.end ?? inRow.row.start));
      rowPerson.set(inRow.row, head?.cluster ?? null);
      if (inRow.row === inRow.table.rows[0]) tableIntros.push({ table: inRow.table, before: si });
    }
    const itemSubject =
      item === null ? (inRow ? (rowPerson.get(inRow.row) ?? null) : null) : (itemPerson.get(item) ?? null);
    if (listAct !== null) lastListAct = listAct;
    // «…внесло в реестр ещё пять человек. Среди них — журналистка Дарья Зарецкая, историк …»: the list names whom the
    // act before it was about.
    if (subjects.length > 0 && LIST_START.test(vt)) {
      for (let k = events.length - 1; k >= 0 && eventMeta[k]!.sentence === si - 1; k--) {
        if (eventMeta[k]!.subjects.length === 0) eventMeta[k]!.subjects = [...subjects];
      }
    }

    // Event cues, each with its position in the document.
    const hits: CueHit[] = [];
    /** Cues of acts the sentence denies ("was not detained"): whom they name, no other act of the sentence takes. */
    const deniedHits: Range[] = [];
    /** Where each type's first cue is in the sentence's own text. */
    const cueAt = new Map<EventType, number>();
    // «Прошу: ⏎ – освободить Зинченко из-под стражи», "I ask you: ⏎ - to ensure … is counted as time in custody".
    const listItem = LIST_ITEM_START.test(vt);
    const requested = requestList !== null && listItem && s.paragraph <= requestList + 1;
    if (REQUEST_INTRO.test(vt)) requestList = s.paragraph;
    else if (!listItem) requestList = null;
    const reportsActs =
      !requested &&
      !inHeaderRow &&
      !tellsNoActs(vt, language, {
        dated: sentenceDates.length > 0,
        namesSomeone: subjectMentions.length > 0,
        underHeading,
      });
    const tellsNoAct = cueTellsNoAct(vt, language);
    for (const { type, index, text: cueText } of reportsActs ? sentenceCues() : []) {
      if (isNegated(vt, index, language)) {
        if (isDenied(vt, index, language))
          deniedHits.push({ start: view.toDocument(index), end: view.toDocument(index + cueText.length - 1) + 1 });
        continue;
      }
      if (tellsNoAct({ type, index, text: cueText })) continue;
      // «штраф за одиночный пикет», «обвиняют в участии в «нежелательной организации»»: why, not what happened.
      if ((type === 'protest' || type === 'designation') && isReason(vt, index, language)) continue;
      // Not an act of another entry: a chronicle tells each day's searches in that day's entry.
      // But «приговор … изменить», "upheld the verdict": a court reviews the verdict, which is an act of its own.
      const otherEntry = inEntry !== null && typeEntry.get(type) !== inEntry;
      if (
        seenTypes.has(type) &&
        sentenceDates.length === 0 &&
        !otherEntry &&
        isAnaphoricNoun(type, cueText) &&
        !reviews
      )
        continue;
      // "With the verdict the measure was lifted" after an acquittal: that verdict, which sentenced nobody.
      if (type === 'sentence' && acquitted && isAnaphoricNoun(type, cueText)) continue;
      // «в день задержания его били», «в ночь после обыска»: the day of an act dates what else happened, and is not the
      // act told again (which the report tells of, or not, in words of its own).
      if (isAnaphoricNoun(type, cueText) && DAY_OF_ACT.test(vt.slice(Math.max(0, index - 20), index))) continue;
      // "detained at the same rally": the act already reported.
      if (seenTypes.has(type) && SAME_BEFORE.test(vt.slice(Math.max(0, index - 16), index))) continue;
      if (inToldAct(view.toDocument(index))) continue;
      hits.push({ type, start: view.toDocument(index), end: view.toDocument(index + cueText.length - 1) + 1 });
      if (type === 'release' && ACQUITTAL.test(cueText)) acquitted = true;
      cueAt.set(type, Math.min(cueAt.get(type) ?? index, index));
    }
    // «Ким Ольга | Омск | 03.09.2026» under «дата задержания»: the date cell is the act its column names.
    const actType = inRow?.table.actType ?? null;
    const actColumn = inRow?.table.actColumn ?? null;
    const actCell = inRow && actColumn !== null ? inRow.row.cells[actColumn] : undefined;
    if (actCell && actType !== null && actCell.start >= s.start && actCell.end <= s.end) {
      const type = actType;
      if (sentenceDates.some((d) => d.start >= actCell.start && d.start < actCell.end)) {
        hits.push({ type, start: actCell.start, end: actCell.end });
        let index = 0;
        while (index < vt.length && view.toDocument(index) < actCell.start) index++;
        cueAt.set(type, Math.min(cueAt.get(type) ?? index, index));
      }
    }
    // "extended his detention": the custody cue holds the detention cue, and the longer reading wins.
    for (let k = hits.length - 1; k >= 0; k--) {
      const h = hits[k]!;
      const within = (o: CueHit) => o !== h && o.type !== h.type && o.start <= h.start && o.end >= h.end;
      if (hits.some((o) => within(o) && o.end - o.start > h.end - h.start)) hits.splice(k, 1);
    }
    const found = new Map<EventType, number>();
    for (const h of hits) if (!found.has(h.type) || found.get(h.type)! > h.start) found.set(h.type, h.start);
    const retype = (from: EventType, to: EventType) => {
      for (const h of hits) if (h.type === from) h.type = to;
      found.set(to, Math.min(found.get(to) ?? Number.POSITIVE_INFINITY, found.get(from)!));
      found.delete(from);
    };
    // "A court … arrested" is the court-ordered measure; «арестовали на 10 суток» stays an administrative arrest.
    // «заочно арестована», "arrested in absentia": only a court orders that, so it is custody, named or not.
    const arrestAt = cueAt.get('arrest') ?? 0;
    const inAbsentia = IN_ABSENTIA.test(vt.slice(Math.max(0, arrestAt - 12), arrestAt + 40));
    // «арестовали на два месяца, до девятого декабря»: a term in months, or one that runs to a date, is custody.
    const forMonths = language === 'ru' && ARRESTED_FOR_MONTHS.test(vt.slice(arrestAt, arrestAt + 80));
    if (
      found.has('arrest') &&
      (courtOrders(vt, arrestAt) || inAbsentia || forMonths) &&
      !/сут(?:ок|ки)|days/iu.test(vt)
    )
      retype('arrest', 'custody');
    // The verdict's hearing is the verdict, unless the sentence dates them apart: "On 25 August the panel considered in
    // open session the appeals against the verdict of 14 May" is a hearing of its own.
    if (found.has('sentence') && found.has('hearing')) {
      const dayOf = (type: EventType) => {
        const hit = hits.find((h) => h.type === type && h.start === found.get(type));
        const dates = type === 'hearing' ? sentenceDates.filter((d) => !paperDated(d)) : sentenceDates;
        return hit ? dateForCue(input, hit, dates, []) : null;
      };
      const [hearingDay, verdictDay] = [dayOf('hearing'), dayOf('sentence')];
      if (!hearingDay || !verdictDay || hearingDay.value === verdictDay.value) found.delete('hearing');
    }
    // "sentenced him to 15 days of administrative arrest": the arrest is what the sentence was.
    if (found.has('sentence') && found.has('arrest') && /(?<![\p{L}])(?:days|суток|сутки)(?![\p{L}])/iu.test(vt)) {
      found.delete('sentence');
    }
    // "protesters gathered again": one act, the protest.
    if (found.has('protest') && found.has('meeting')) found.delete('meeting');
    // "Police detained 143 people as several hundred gathered to lay flowers": a gathering the police break up is a
    // public action, not a meeting.
    if (found.has('meeting') && found.has('detention') && GATHERED.test(vt)) retype('meeting', 'protest');
    const liveHits = hits.filter((h) => found.has(h.type));

    const relatives = relativeClauses(vt)
      .map((r) => ({
        start: view.toDocument(r.start),
        end: view.toDocument(Math.max(r.start, r.end - 1)) + 1,
      }))
      .concat(datedActs)
      .sort((a, b) => a.start - b.start);
    // "UFA, Thursday. … detained outside the Bashkortostan government building": a region or country that holds the
    // city the paragraph is at says no more than that city, which stays the place.
    if (
      sentencePlaces.length > 0 &&
      paragraphPlaces.paragraph === s.paragraph &&
      sentencePlaces.every((n) =>
        paragraphPlaces.names.some((c) => holdsTown(placeRecords.get(n), placeRecords.get(c))),
      )
    )
      sentencePlaces.splice(0, sentencePlaces.length, ...paragraphPlaces.names);
    const ownPlaces = sentencePlaces.length > 0;
    if (ownPlaces) paragraphPlaces = { paragraph: s.paragraph, names: [...sentencePlaces] };
    // "On 22 September the Vakhitovsky court sentenced him", after "the Vakhitovsky District Court of Kazan": where
    // that court sits, not where he was held since.
    for (const o of orgs) {
      const key = courtKey(input.slice(o.start, o.end));
      const inside = placeSpans.filter((p) => p.start >= o.start && p.end <= o.end).map((p) => p.name);
      if (key && inside.length === 1) {
        courtSeats.set(key, inside[0]!);
        const day = sentenceDates[0]?.value ?? lastDate;
        if (day) courtSeatOn.set(day, inside[0]!);
      }
    }
    const seat = ownPlaces
      ? undefined
      : courtMentions(vt)
          .map((k) => courtSeats.get(k))
          .find((p) => p !== undefined);
    const eventPlaces = seat
      ? [seat]
      : ownPlaces || paragraphPlaces.paragraph !== s.paragraph
        ? sentencePlaces
        : paragraphPlaces.names;

    // «Тогда же у неё прошёл обыск»: at the time of the sentence before, even a background one.
    if (SAME_TIME_START.test(vt) && previousSentenceDate) lastDate = previousSentenceDate;
    // «ОПРЕДЕЛИЛА: ⏎ приговор … изменить»: what the operative part rules is of the paper's own day.
    if (OPERATIVE_PART.test(vt) && reference !== null) lastDate = reference;
    // «Указанным приговором Хайбуллин … признан виновным», "Under the same verdict": the verdict told just before, and
    // whom this sentence names is whom it sentenced.
    const verdictBefore = SAME_VERDICT.test(vt) ? events.findLastIndex((e) => e.type === 'sentence' && e.date) : -1;
    if (verdictBefore >= 0) {
      lastDate = events[verdictBefore]!.date;
      const sentenced = eventMeta[verdictBefore]!.subjects;
      for (const c of subjects) if (!sentenced.includes(c)) sentenced.push(c);
    }
    const firstEventIndex = events.length;
    if (found.size > 0) {
      const byCue = subjectsByCue(input, liveHits, subjectMentions, deniedHits);
      const generic = (language === 'ru' ? GENERIC_AGENTS_RU : GENERIC_AGENTS_EN).exec(vt);
      const agents = [...sentenceOrgs, ...agentsFromPersons];
      if (generic && agents.length === 0) agents.push(language === 'ru' ? 'полиция' : 'police');
      const years = found.has('sentence')
        ? (findSentenceYears(vt, language) ?? (language === 'ru' ? findRussianTerm(vt) : null))
        : null;
      const fineAmount = found.has('fine') ? findFineAmount(vt, language) : null;
      // "Outside, an elderly man unfolds a poster. Police walk him to a van.": "him" is the man not yet named, whom
      // a later sentence names ("We have his name now: Yuri Tamm"), not the last person named.
      const pointsToUnnamed =
        subjects.length === 0 &&
        unnamedPerson !== null &&
        si - unnamedPerson.sentence <= 2 &&
        unnamedPerson.paragraph === s.paragraph &&
        EN_SINGLE_PRONOUN.test(vt);
      // The line's start is looked for only in an interview: scanning back along one long line from each sentence of
      // a report without line breaks would cost time quadratic in its length.
      const unquoted = interviewee !== null && subjects.length === 0 ? vt.replace(QUOTED_SPANS, ' ') : '';
      const answered =
        interviewee !== null &&
        subjects.length === 0 &&
        qaLineStarts.has(input.lastIndexOf('\n', s.start - 1) + 1) &&
        FIRST_PERSON.test(unquoted) &&
        !NOT_THE_SPEAKER.test(unquoted)
          ? interviewee
          : null;
      const anaphora =
        subjects.length === 0 && !pointsToUnnamed
          ? (givenNameSubjects(vt, view.toDocument, mentions) ?? resolveAnaphora(vt, language))
          : [];
      // Nor does a date the act points ahead to ("Today the judge postponed the hearing to January 22"), unless the
      // sentence has no other («рассмотрение должно начаться 2 апреля»).
      const plain = sentenceDates.filter((d) => d.start !== datelineStart && !rawByStart.get(d.start)?.forward);
      const rangeEnd = (d: ResolvedDate) =>
        RANGE_END_BEFORE.test(input.slice(Math.max(s.start, d.start - 60), d.start));
      const ownDateOf = (cue: CueHit) => {
        let begun = cue.type === 'release' ? sentenceDates : sentenceDates.filter((d) => !rangeEnd(d));
        if (cue.type === 'hearing' && begun.some((d) => !paperDated(d))) begun = begun.filter((d) => !paperDated(d));
        const plainBegun = plain.filter((d) => begun.includes(d));
        return (
          dateForCue(input, cue, plainBegun, relatives) ??
          (plainBegun.length < begun.length ? dateForCue(input, cue, begun, relatives) : null)
        );
      };
      // One act per type, unless the sentence dates two of a type apart: «в сентябре МВД объявило его в розыск, а в
      // октябре Минюст включил его в реестр».
      const acts: Array<{ type: EventType; own: ReturnType<typeof ownDateOf> }> = [];
      for (const [type, at] of [...found.entries()].sort((a, b) => a[1] - b[1])) {
        const hit = liveHits.find((h) => h.type === type && h.start === at)!;
        // "Two fines under Article 20.3.3: in April, for a picket, and in September, for a post": as many acts as the
        // count says, one on each date the sentence gives after the cue.
        const cueIndex = cueAt.get(type) ?? 0;
        const noun = /^\p{L}+/u.exec(vt.slice(cueIndex))?.[0] ?? '';
        const count = countedActs(vt.slice(Math.max(0, cueIndex - 24), cueIndex) + noun);
        const after = plain.filter((d) => d.start >= hit.end);
        if (count > 1 && after.length === count && new Set(after.map((d) => d.value)).size === count) {
          for (const d of after) acts.push({ type, own: d });
          continue;
        }
        const first = ownDateOf(hit);
        acts.push({ type, own: first });
        const dated = new Set([first?.value]);
        for (const h of liveHits) {
          if (h.type !== type || h.start <= at) continue;
          const own = ownDateOf(h);
          if (own === null || dated.has(own.value)) continue;
          dated.add(own.value);
          acts.push({ type, own });
        }
      }
      // A card's field or a table's row is short and unpunctuated, and no subheading for all that.
      const heading =
        isSubheading(input, s) && inRow === null && !TAB_FIELD_LINE.test(vt) && !FIELD_LINE_START.test(vt);
      const labelAct = underHeading && LABEL_ONLY.test(vt);
      for (const { type, own } of acts) {
        // "A hearing is set for tomorrow", «следующее заседание назначено на 5 мая»: a hearing dated only ahead is
        // planned, not held.
        if (type === 'hearing' && own && rawByStart.get(own.start)?.forward) continue;
        // "was beaten during his detention", «избили при задержании»: at the time of that act.
        const during = own ? null : (language === 'ru' ? DURING_RU : DURING_EN).exec(vt);
        const duringType = during
          ? DURING_TYPES[(during[1] ?? during[2] ?? during[3] ?? '').toLowerCase().slice(0, 5)]
          : undefined;
        // «её задержали и увезли в отдел полиции»: the act itself, not one it happened during; nor one still planned.
        const duringAct =
          duringType && duringType !== type
            ? events.findLast((e) => e.type === duringType && e.date !== null && !afterPublication(e.date))
            : undefined;
        // "The next day the same court sentenced …": the day after that court's act, wherever the story has been since.
        // Only a court's own act: in "He was charged the following day …, and on 13 March the same court remanded him"
        // the charge's day counts from his detention, not from the court's last act.
        const sameCourtDate =
          own && COURT_ACTS.has(type) && SAME_COURT.test(vt)
            ? dayAfterCourtAct(rawByStart.get(own.start), firstEventIndex)
            : null;
        // An item's undated act happened on the list's day, not on the day the item before it got to; "Released at
        // 03:00" after an evening's detentions, on the next.
        const itemDate = listAct === null || own || reviews ? null : events[listAct]!.date;
        // «задержанная в апреле, с тех пор находилась в СИЗО», "since then": from the date the sentence began with.
        const since = own || !SINCE_THEN.test(vt) ? null : (sentenceDates[0]?.value ?? null);
        // «приговор оставлен без изменения», "upheld the verdict", undated: at the appeal's hearing told before, not on
        // the verdict's day the story went back to.
        const appealDay =
          reviews && type === 'sentence' && !own
            ? events.slice(0, firstEventIndex).findLast((e) => e.type === 'hearing' && parseIsoDay(e.date) !== null)
                ?.date
            : undefined;
        const reviewDate = appealDay && (lastDate === null || appealDay >= lastDate) ? appealDay : null;
        let date = sameCourtDate ?? own?.value ?? reviewDate ?? itemDate ?? since ?? duringAct?.date ?? lastDate;
        // "let go after midnight", "Released at 03:00": the day after, unless the words after the cue date it.
        const cueIndex = cueAt.get(type) ?? 0;
        const tail = vt.slice(cueIndex, cueIndex + 60);
        const day = parseIsoDay(date);
        const datedInTail =
          own !== null && own.start >= view.toDocument(cueIndex) && own.start < view.toDocument(cueIndex + tail.length);
        if (day && type === 'release' && !datedInTail && (smallHours(tail) || AFTER_MIDNIGHT.test(tail))) {
          date = isoDay(addDays(day, 1));
        }
        let eventSubjects: PersonCluster[] = [];
        if (subjects.length > 0) {
          const picked = (byCue.get(type) ?? []).map((k) => subjectMentions[k]!.cluster);
          eventSubjects = [...new Set(picked)];
        } else if (answered) {
          eventSubjects = [answered];
        } else if (anaphora.length > 0) {
          eventSubjects = anaphora;
        } else if (itemSubject) {
          eventSubjects = [itemSubject];
        } else if (cardPerson && FIELD_LINE_START.test(vt)) {
          // «Задержание: 4 февраля 2025 г. — задержан сотрудниками ФСБ» on a case card: the card's person.
          eventSubjects = [cardPerson];
        } else if (['custody', 'hearing', 'sentence', 'charge', 'search'].includes(type) && !labelAct) {
          // «Задержали Кирилла Панова. В квартире прошёл обыск»: a search that names no one is at whose the story is.
          eventSubjects = lastSubjects;
        } else if (type === 'detention' && TIME_SERVED.test(vt)) {
          // The convicted's own detention, whom the verdict is about.
          eventSubjects = lastSubjects;
        }
        // «"They twisted my arms," she told the Courier», «"Меня били", — рассказала она»: the act befell who speaks.
        if (firstPersonAct(vt, cueAt.get(type) ?? 0, language)) {
          const said = (language === 'ru' ? RU_PRONOUN_SPEAKER : EN_PRONOUN_SPEAKER).exec(vt);
          // «— Задержали меня в ноябре …» in an interview's answer: the one the interview is with.
          const answering = interviewee !== null && dialogueParagraphs.has(s.paragraph) ? interviewee : undefined;
          const speaker = speakers[0] ?? (said ? byGender(FEMININE_PRONOUN.test(said[1]!))[0] : answering);
          // «мне дали три года» names the speaker alone, whoever the story was about before.
          const alone = answering !== undefined && speaker === answering && subjects.length === 0;
          if (alone && RU_SPEAKER_ALONE.test(vt)) eventSubjects = [speaker];
          else if (speaker && !eventSubjects.includes(speaker)) eventSubjects = [...eventSubjects, speaker];
        }
        // "She was released the same evening" in a paragraph that states no day to count from (a correction below a
        // timeline): the evening of her detention, which the release ends.
        const ownRaw = own ? rawByStart.get(own.start) : undefined;
        if (
          type === 'release' &&
          ownRaw?.expression.kind === 'anaphoric' &&
          ownRaw.expression.days >= 0 &&
          eventSubjects.length > 0 &&
          !((firstAnchorIn.get(s.paragraph) ?? ownRaw.start) < ownRaw.start)
        ) {
          let held: { at: number; date: string } | undefined;
          for (const c of eventSubjects) {
            const h = lastHeldOf.get(c);
            if (h && (!held || h.at > held.at)) held = h;
          }
          if (held) date = isoDay(addDays(parseIsoDay(held.date)!, ownRaw.expression.days));
        }
        const event: ExtractedEvent = {
          type,
          date: date ?? null,
          places:
            eventPlaces.length > 0
              ? [...eventPlaces]
              : duringAct
                ? [...duringAct.places]
                : date && (type === 'hearing' || type === 'sentence') && courtSeatOn.has(date)
                  ? [courtSeatOn.get(date)!]
                  : [],
          subjects: [],
          agents: [...agents],
          case: sentenceCase,
          sentenceYears: type === 'sentence' ? years : null,
          evidence: span(input, s.start, s.end),
          confidence: Math.min(
            0.95,
            0.55 +
              (eventSubjects.length > 0 ? 0.15 : 0) +
              (own ? 0.1 : 0) +
              (eventPlaces.length > 0 ? 0.05 : 0) +
              (agents.length > 0 ? 0.05 : 0),
          ),
        };
        if (type === 'fine') event.fine = fineAmount !== null ? { amount: fineAmount, currency: 'RUB' } : null;
        if (sentenceArticles.length > 0) event.articles = sentenceArticles.map((a) => a.value);
        // "Total: at least 11 people detained", «Данные ещё двух задержанных уточняются» under a list: its act again.
        const afterList = item === null && lastListAct !== null && !own && eventSubjects.length === 0;
        if (afterList && events[lastListAct!]!.type === type) joinsListAct.set(events.length, lastListAct!);
        if (listAct !== null && item !== null && events[listAct]!.type === type)
          joinsListAct.set(events.length, listAct);
        if ((type === 'detention' || type === 'arrest') && parseIsoDay(event.date) !== null)
          for (const c of eventSubjects) lastHeldOf.set(c, { at: events.length, date: event.date! });
        if (duringType && duringType !== type && !duringAct) duringLater.push({ at: events.length, type: duringType });
        events.push(event);
        eventMeta.push({
          subjects: [...eventSubjects],
          sentence: si,
          paragraph: s.paragraph,
          ownDate: own !== null || (entryDate !== null && date === entryDate),
          // "Closing arguments." under its day names no one; the sentences after it do.
          forward:
            eventSubjects.length === 0 &&
            (labelAct || (language === 'en' && (INDEFINITE_PERSON.test(vt) || pointsToUnnamed))),
          heading,
          cardLine:
            subjects.length === 0 &&
            anaphora.length === 0 &&
            itemSubject === null &&
            !(cardPerson && FIELD_LINE_START.test(vt)) &&
            (inRow !== null || TAB_FIELD_LINE.test(vt) || FIELD_LINE_START.test(vt)),
        });
        seenTypes.add(type);
        typeEntry.set(type, inEntry);
      }
      const primary = eventMeta[firstEventIndex]?.subjects ?? [];
      if (primary.length > 1) lastGroup = primary;
      if (primary.length > 0) lastSubjects = primary;
      else if (subjects.length > 0) lastSubjects = subjects;
    } else if (subjects.length > 0) {
      lastSubjects = subjects;
    }

    // «Решение принято 28 февраля», "The decision, announced on Wednesday": the date of the act just reported; and a
    // dated sentence with no act of its own dates the undated acts of the sentence before it.
    const firstOwn = sentenceDates[0]?.value ?? null;
    if (firstOwn && (DECISION_START.test(vt) || found.size === 0)) {
      for (let k = firstEventIndex - 1; k >= 0; k--) {
        const meta = eventMeta[k]!;
        if (meta.sentence < si - 1 || meta.paragraph !== s.paragraph) break;
        if (meta.ownDate) continue;
        if (!DECISION_START.test(vt) && events[k]!.date !== null) continue;
        events[k]!.date = firstOwn;
        meta.ownDate = true;
      }
    }
    const usedDates = events.slice(firstEventIndex).filter((_, k) => eventMeta[firstEventIndex + k]!.ownDate);
    // A date the sentence points ahead to ("Her trial is due to start in December") is not where the story is.
    // Nor does the start of a state that still lasts ("had not been allowed a visit since July"): the story stays now.
    const sinceStart = (d: ResolvedDate) => SINCE_START.test(input.slice(Math.max(s.start, d.start - 12), d.end));
    const nextDate =
      usedDates[0]?.date ??
      sentenceDates.filter((d) => !rawByStart.get(d.start)?.forward && !sinceStart(d)).at(-1)?.value ??
      null;
    // "The organisation was banned … in April 2017": background far before the narrative does not become the
    // date that later undated acts inherit.
    // Nor does a look back ("had already been detained twice in February", «Ранее, в декабре, её уже штрафовали»).
    const lookBack = lastDate !== null && nextDate !== null && nextDate < lastDate && LOOK_BACK.test(vt);
    // Inside an entry, a date before the entry's day is background it looks back on («возбуждено ещё 29 сентября»).
    const background =
      entryDate !== null && nextDate !== null && nextDate < entryDate && !entryDate.startsWith(nextDate);
    // Nor a date after the report's ("A hearing is expected at the end of December"): a plan, where no act has been.
    const planned = nextDate !== null && afterPublication(nextDate);
    // "— On 7 May 2024, at seven in the morning." answering "How did it start?": a line that is a date and nothing else
    // says where the story now is, however far back.
    let rest = st;
    for (const d of [...sentenceDates].reverse())
      if (d.start >= s.start && d.end <= s.end) rest = rest.slice(0, d.start - s.start) + rest.slice(d.end - s.start);
    const dateOnly =
      found.size === 0 &&
      sentenceDates.length > 0 &&
      (rest.match(/\p{L}+/gu) ?? []).every((w) => DATE_ONLY_WORD.test(w));
    const far = lastDate !== null && nextDate !== null && daysBetween(nextDate, lastDate) > 180;
    if (nextDate && !lookBack && !background && !planned && (!far || dateOnly)) lastDate = nextDate;
    // «П Р И Г О В О Р И Л:», «ПОСТАНОВИЛ:»: what a court's paper rules below is of the paper's own day.
    if (OPERATIVE_PART.test(vt) && reference !== null) lastDate = reference;
    previousSentenceDate = nextDate;
    if (events.length === 0 && subjects.length === 1 && cardPerson === null) {
      const line = vt.trim();
      const named = subjectMentions[0]!;
      const nameOnly = input.slice(named.start, named.end).length >= line.replace(NAME_FIELD, '').trim().length - 1;
      if (nameOnly) cardPerson = subjects[0]!;
    }
    if (subjects.length > 0) unnamedPerson = null;
    else if (language === 'en' && INDEFINITE_PERSON.test(vt)) unnamedPerson = { sentence: si, paragraph: s.paragraph };
    if (subjects.length > 0 && DEFENDANT_LABEL.test(vt)) {
      const group = cardDefendants.at(-1);
      if (group && si - group.last <= 2) {
        for (const c of subjects) if (!group.clusters.includes(c)) group.clusters.push(c);
        group.last = si;
      } else cardDefendants.push({ first: si, last: si, clusters: [...subjects] });
    }
  });

  // "DEFENDANT (ACCUSED) | Lysenko Maksim Olegovich" under a court card's movement of the case: the card's rows that
  // name nobody («Court session | 02.06.2026 | … | A break was announced») are acts in the defendants' case, of the
  // card nearest to them when a report copies several.
  if (cardDefendants.length > 0)
    eventMeta.forEach((meta) => {
      if (!meta.cardLine) return;
      const gap = (g: (typeof cardDefendants)[number]) =>
        meta.sentence < g.first ? g.first - meta.sentence : Math.max(0, meta.sentence - g.last);
      const nearest = cardDefendants.reduce((a, b) => (gap(b) < gap(a) ? b : a));
      meta.subjects = [...nearest.clusters];
    });

  /** The acts each sentence told, by sentence index. */
  const eventsOfSentence = new Map<number, number[]>();
  eventMeta.forEach((meta, k) => {
    const list = eventsOfSentence.get(meta.sentence) ?? [];
    list.push(k);
    eventsOfSentence.set(meta.sentence, list);
  });
  // «Ниже — таблица по людям, которых задержали с сентября»: the rows tell each of those acts with its date, so the
  // summary over the table, which names nobody, is none of its own.
  for (const { table, before } of tableIntros) {
    if (table.actType === null) continue;
    const paragraph = sentences[before]!.paragraph;
    const tableStart = (table.header ?? table.rows[0]!).start;
    const summarised: EventType[] = table.actType === 'detention' ? ['detention', 'arrest'] : [table.actType];
    for (let si = before - 1; si >= 0 && sentences[si]!.paragraph >= paragraph - 1; si--) {
      if (sentences[si]!.end > tableStart) continue;
      for (const k of eventsOfSentence.get(si) ?? [])
        if (summarised.includes(events[k]!.type) && eventMeta[k]!.subjects.length === 0) dropped.add(k);
    }
  }

  // "A Telegram channel reported that Daria had been detained. Her mother told us this is not true.", «В соцсетях писали
  // о задержанных, но никто этого не подтвердил»: hearsay denied in its own sentence or the next reports nothing.
  eventsOfSentence.forEach((ks, si) => {
    const said = HEARSAY.exec(views[si]!.text);
    if (!said) return;
    const rest = views[si]!.text.slice(said.index) + (sentences[si + 1] ? ` ${views[si + 1]!.text}` : '');
    if (DENIAL.test(rest)) for (const k of ks) dropped.add(k);
  });
  // «УТВЕРЖДЕНИЕ: «Учителя избили в автозаке» (канал …) ⏎⏎ ВЕРДИКТ: ФЕЙК.»: a claim runs to its paragraph's end,
  // with its source; its verdict may stand in the next paragraph.
  sentences.forEach((s, si) => {
    if (!CLAIM_LABEL.test(views[si]!.text)) return;
    let last = si;
    while (sentences[last + 1]?.paragraph === s.paragraph) last++;
    let told = '';
    for (let j = si; j <= last + 2 && j < sentences.length && sentences[j]!.paragraph <= s.paragraph + 1; j++)
      told += ` ${views[j]!.text}`;
    if (!DENIAL.test(told)) return;
    for (let j = si; j <= last; j++) for (const k of eventsOfSentence.get(j) ?? []) dropped.add(k);
  });

  // "A heavy week: a newspaper editor jailed in Makhachkala, a prisoner detained again in Nalchik …" over the stories
  // that tell each: an act of no one named and no day, whose place a later act of its type names someone at, is the
  // summary of that act.
  const namedLaterAt = new Set<string>();
  for (let k = events.length - 1; k >= 0; k--) {
    const e = events[k]!;
    if (eventMeta[k]!.subjects.length > 0) for (const p of e.places) namedLaterAt.add(`${e.type} ${p}`);
    else if (e.date?.length !== 10 && e.places.some((p) => namedLaterAt.has(`${e.type} ${p}`))) dropped.add(k);
  }

  // «Чт, 10.12 — Шахтинский городской суд: оглашение приговора» in a report of 5 December: an act dated days after the
  // report has not happened; it is a court's calendar or a plan, whatever its verb. Tomorrow's custody hearing is news
  // the report announces, and stays. Only against a publication date the caller gave: a date read from the text is
  // the first act's («1 марта … 2 марта … 3 марта» in a list of detentions), and the acts after it are no plans.
  events.forEach((e, k) => {
    if (e.date !== null && afterPublication(e.date)) dropped.add(k);
  });

  // «Тимофею вменяют часть 2 статьи 205.2. … Обвинение ему предъявили в субботу утром»: a charge told as it stands,
  // without a date, then with one further on in its paragraph, is that dated charge (the merge below joins them). Not
  // other acts: «поместил в СИЗО … 10 апреля продлил срок содержания под стражей» are two.
  for (let k = 0; k < events.length; k++) {
    const meta = eventMeta[k]!;
    if (meta.ownDate || dropped.has(k) || events[k]!.type !== 'charge') continue;
    if (!PRESENT_CHARGE.test(events[k]!.evidence.text)) continue;
    for (let j = k + 1; j < events.length; j++) {
      const later = eventMeta[j]!;
      if (later.sentence > meta.sentence + 2 || later.paragraph !== meta.paragraph) break;
      const e = events[j]!;
      if (later.sentence === meta.sentence || dropped.has(j) || !later.ownDate || e.type !== events[k]!.type) continue;
      if (AGAIN.test(e.evidence.text)) continue;
      const either = later.subjects.length === 0 || meta.subjects.length === 0;
      if (either || later.subjects.some((c) => meta.subjects.includes(c))) {
        events[k]!.date = e.date;
        break;
      }
    }
  }
  // One act reported twice («задержали супругов…» then "Both were detained on May 26") is one event.
  const kept: number[] = [];
  /** The last kept act of each type per person: where an undated retelling goes, without a scan of every act. */
  const lastActOf = new Map<PersonCluster, Map<EventType, number>>();
  /** Kept acts by type and day («detention 2026-02-19»): what an act told again on its day is looked up in. */
  const keptOnDay = new Map<string, number[]>();
  /** Where each act stands in its day's list, by `${k} ${key}`: found without a scan of a long chronicle's day. */
  const placeOnDay = new Map<string, number>();
  /** The acts of a day's list that name someone, in the list's order: what an act of no one named joins. */
  const namedOnDay = new Map<string, number[]>();
  const namedPlaced = new Set<string>();
  const remember = (k: number) => {
    for (const c of eventMeta[k]!.subjects) {
      const byType = lastActOf.get(c) ?? new Map<EventType, number>();
      byType.set(events[k]!.type, k);
      lastActOf.set(c, byType);
    }
    const { type, date } = events[k]!;
    if (date?.length !== 10) return;
    const key = `${type} ${date}`;
    const onDay = keptOnDay.get(key) ?? [];
    if (!placeOnDay.has(`${k} ${key}`)) {
      placeOnDay.set(`${k} ${key}`, onDay.length);
      onDay.push(k);
    }
    keptOnDay.set(key, onDay);
    if (eventMeta[k]!.subjects.length === 0 || namedPlaced.has(`${k} ${key}`)) return;
    namedPlaced.add(`${k} ${key}`);
    const named = namedOnDay.get(key) ?? [];
    const at = placeOnDay.get(`${k} ${key}`)!;
    let i = named.length;
    while (i > 0 && placeOnDay.get(`${named[i - 1]} ${key}`)! > at) i--;
    named.splice(i, 0, k);
    namedOnDay.set(key, named);
  };
  // «Он говорит, что в день задержания его били» in a trial's broadcast, and its background below: «Ступака
  // задержали 13 марта 2025 года»: the beating was on the day of his detention, told later, not the story's day.
  for (const { at, type } of duringLater) {
    const subjects = eventMeta[at]!.subjects;
    const act = events.find(
      (p, j) =>
        j > at &&
        p.type === type &&
        parseIsoDay(p.date) !== null &&
        eventMeta[j]!.subjects.some((c) => subjects.includes(c)),
    );
    if (act) events[at]!.date = act.date;
  }
  /** Where each act merged into went, so that an act joining a list's act finds it wherever it went. */
  const mergedInto = new Map<number, number>();
  const keptAs = (k: number): number => {
    let at = k;
    while (mergedInto.has(at)) at = mergedInto.get(at)!;
    return at;
  };
  for (let k = 0; k < events.length; k++) {
    if (dropped.has(k)) continue;
    const e = events[k]!;
    const meta = eventMeta[k]!;
    let into: number | undefined;
    const listAct = joinsListAct.get(k);
    if (listAct !== undefined) into = keptAs(listAct);
    // Kept acts are in document order, so the look back stops two sentences up.
    for (let q = kept.length - 1; q >= 0 && into === undefined; q--) {
      const j = kept[q]!;
      const p = events[j]!;
      const pm = eventMeta[j]!;
      if (meta.sentence - pm.sentence > 2) break;
      if (p.type !== e.type || e.type === 'designation') continue;
      if (!compatibleDates(p.date, e.date)) continue;
      const overlap = pm.subjects.some((c) => meta.subjects.includes(c));
      if (pm.subjects.length === 0 || meta.subjects.length === 0 || overlap) into = j;
    }
    // «задержан … 19.02.2026» in an indictment's summary and «19.02.2026 … Зарубин Г. А. задержан» in its reference
    // sheet: the same people's act of one type on one day is one act, however far apart it is told, unless told as
    // again. Not ill-treatment: a beating and a punishment cell on one morning are two.
    const sameDayOnce = e.type !== 'ill_treatment' && e.type !== 'other';
    if (
      into === undefined &&
      sameDayOnce &&
      e.date?.length === 10 &&
      meta.subjects.length > 0 &&
      !AGAIN.test(e.evidence.text)
    ) {
      const samePeople = (others: PersonCluster[]) =>
        others.length === meta.subjects.length && others.every((c) => meta.subjects.includes(c));
      into = keptOnDay.get(`${e.type} ${e.date}`)?.findLast((j) => samePeople(eventMeta[j]!.subjects));
    }
    // «Лицо доставлено в ОП № 6 … 12.11.2026» in the protocol a report quotes after telling of Кучеренко's detention on
    // 12 November: an act of no one named, on the very day an act of its type was told, is that act told again — but
    // a list's item of its own («3. Несовершеннолетний, 16 лет — … Отпущен вечером») is someone else's.
    if (into === undefined && meta.subjects.length === 0 && e.date?.length === 10 && !inListItem.has(meta.sentence)) {
      into = namedOnDay.get(`${e.type} ${e.date}`)?.findLast((j) => {
        const p = events[j]!;
        return p.places.length === 0 || e.places.length === 0 || p.places.some((x) => e.places.includes(x));
      });
    }
    // "VERDICT: FALSE. … One man was detained there" over "only one person was detained on Sunday: Oleg Ryabchikov":
    // an act of no one named and no date of its own is the one a later paragraph tells of someone on its day (in its
    // own paragraph, «Во время обыска …» then «обыск прошёл и у его ученицы», it is the one told before).
    if (into === undefined && meta.subjects.length > 0 && e.date?.length === 10 && !inListItem.has(meta.sentence)) {
      into = keptOnDay.get(`${e.type} ${e.date}`)?.findLast((j) => {
        const p = events[j]!;
        const pm = eventMeta[j]!;
        const samePlace = p.places.length === 0 || e.places.length === 0 || p.places.some((x) => e.places.includes(x));
        const apart = pm.paragraph !== meta.paragraph;
        return pm.subjects.length === 0 && !pm.ownDate && apart && !inListItem.has(pm.sentence) && samePlace;
      });
    }
    // «Апелляционный суд оставил без изменения приговор жителю Астрахани» over «В отношении Р. А. Хайбуллина … приговор
    // оставлен без изменения», on one day: an act told first where no one near is named (not «К Веретенникову пришли.
    // Во время обыска …») is the act told later of someone.
    if (
      into === undefined &&
      sameDayOnce &&
      meta.subjects.length > 0 &&
      e.date?.length === 10 &&
      !AGAIN.test(e.evidence.text)
    ) {
      into = keptOnDay.get(`${e.type} ${e.date}`)?.findLast((j) => {
        const p = events[j]!;
        const at = eventMeta[j]!.sentence;
        const samePlace = p.places.length === 0 || e.places.length === 0 || p.places.some((x) => e.places.includes(x));
        const nobodyNear = !sentenceSubjects[at]?.length && !sentenceSubjects[at - 1]?.length;
        return eventMeta[j]!.subjects.length === 0 && nobodyNear && !inListItem.has(at) && samePlace;
      });
    }
    // «Сабирову задержали сотрудники центра «Э»» after «задержанную в понедельник»: told again, undated, of the same
    // person — one act, whatever date the narrative had moved on to. The later of the two candidates wins.
    if (listAct === undefined && !meta.ownDate && RETOLD.has(e.type) && !AGAIN.test(e.evidence.text)) {
      for (const c of meta.subjects) {
        const j = lastActOf.get(c)?.get(e.type);
        // Not one the story went back before: "Had he had problems before? — On 8 October … detained him" is an
        // earlier act of its own, on the day it went back to.
        const earlier = events[j ?? k]!.date;
        if (e.date?.length === 10 && earlier?.length === 10 && e.date < earlier) continue;
        if (j !== undefined && (into === undefined || j > into)) into = j;
      }
    }
    if (into === undefined) {
      kept.push(k);
      remember(k);
      continue;
    }
    mergedInto.set(k, into);
    const p = events[into]!;
    const pm = eventMeta[into]!;
    p.date ??= e.date;
    for (const place of e.places) if (!p.places.includes(place)) p.places.push(place);
    for (const agent of e.agents) if (!p.agents.includes(agent)) p.agents.push(agent);
    for (const c of meta.subjects) if (!pm.subjects.includes(c)) pm.subjects.push(c);
    p.case ??= e.case;
    p.sentenceYears ??= e.sentenceYears;
    if (e.fine && !p.fine) p.fine = e.fine;
    p.confidence = Math.max(p.confidence, e.confidence);
    pm.forward = pm.forward && pm.subjects.length === 0;
    remember(into);
  }
  // "Court session | 16.06.2026 | … | A verdict is pronounced" of a card's two defendants, then "Judge Bondarenko
  // sentenced Maksim to 4 years …" and "Ani got 3 years suspended": an act of several people on one day that the
  // report tells again person by person is those persons' acts.
  for (let q = kept.length - 1; q >= 0; q--) {
    const k = kept[q]!;
    const e = events[k]!;
    const group = eventMeta[k]!.subjects;
    if (group.length < 2 || e.date?.length !== 10) continue;
    const parts = kept.filter((j) => {
      const own = eventMeta[j]!.subjects;
      const sameAct = j !== k && events[j]!.type === e.type && events[j]!.date === e.date;
      return sameAct && own.length > 0 && own.length < group.length && own.every((c) => group.includes(c));
    });
    if (parts.length < 2 || !group.every((c) => parts.some((j) => eventMeta[j]!.subjects.includes(c)))) continue;
    for (const j of parts)
      for (const place of e.places) if (!events[j]!.places.includes(place)) events[j]!.places.push(place);
    kept.splice(q, 1);
  }
  // «Минюст пополнил реестр «иностранных агентов»» over the report that tells it: a headline's undated act is the
  // act its report dates, so it joins the first one of its type below it.
  // A subheading over a section ("New arrests in the second Bakhchysarai case ⏎ On 4 June, …") likewise.
  const headline = sentences.length > 1 && isHeadline(input, sentences[0]!, sentences[1]!);
  for (let q = kept.length - 1; q >= 0; q--) {
    const k = kept[q]!;
    const e = events[k]!;
    const meta = eventMeta[k]!;
    const title = meta.sentence === 0 ? headline : meta.heading && !meta.ownDate;
    if (!title) continue;
    // A subheading speaks for its own section only; an act it names that the section does not tell is a summary.
    // A dated headline's act is the report's act of that type on that day («Задержания в Москве 30 октября»).
    const later = kept.find(
      (j) =>
        eventMeta[j]!.sentence > meta.sentence &&
        events[j]!.type === e.type &&
        (meta.sentence === 0 || eventMeta[j]!.paragraph === meta.paragraph) &&
        // A headline over its publication stamp ("… gets four years ⏎ 22 July 2026, 18:40") is dated by the stamp,
        // not by its act.
        (e.date === null || events[j]!.date === e.date || (meta.sentence === 0 && e.date === published)),
    );
    if (later === undefined) {
      if (meta.sentence !== 0) kept.splice(q, 1);
      continue;
    }
    const target = events[later]!;
    for (const place of e.places) if (!target.places.includes(place)) target.places.push(place);
    for (const c of eventMeta[k]!.subjects)
      if (!eventMeta[later]!.subjects.includes(c)) eventMeta[later]!.subjects.push(c);
    kept.splice(q, 1);
  }
  // "A court jailed a well-known local artist…" with the name in the next sentence.
  for (let q = kept.length - 1; q >= 0; q--) {
    const k = kept[q]!;
    const meta = eventMeta[k]!;
    if (!meta.forward || meta.subjects.length > 0) continue;
    const next = sentenceSubjects.slice(meta.sentence + 1, meta.sentence + 3).find((x) => x && x.length > 0);
    if (!next) continue;
    const person = next[0]!;
    // "walk him to a van … Police say he has been taken to the police department": the act the naming sentence
    // tells again is this one.
    const again = kept.find(
      (j) =>
        j !== k &&
        events[j]!.type === events[k]!.type &&
        compatibleDates(events[j]!.date, events[k]!.date) &&
        eventMeta[j]!.subjects.includes(person),
    );
    if (again === undefined) {
      meta.subjects = [person];
      continue;
    }
    for (const place of events[k]!.places)
      if (!events[again]!.places.includes(place)) events[again]!.places.push(place);
    kept.splice(q, 1);
  }
  // «Суд рассмотрел оба протокола: … Сабирову оштрафовали»: an act with no place in its paragraph happened where the
  // same person's last act did (the court that arrested her fined her).
  const lastPlacedOf = new Map<PersonCluster, number>();
  for (const [q, k] of kept.entries()) {
    const e = events[k]!;
    if (e.places.length === 0) {
      // "The next day the same court sentenced …": where that court sits.
      const court = SAME_COURT.test(e.evidence.text)
        ? kept.slice(0, q).findLast((j) => COURT_ACTS.has(events[j]!.type) && events[j]!.places.length > 0)
        : undefined;
      let from = court;
      for (const c of court === undefined ? eventMeta[k]!.subjects : []) {
        const j = lastPlacedOf.get(c);
        if (j !== undefined && (from === undefined || j > from)) from = j;
      }
      const near =
        from === court ||
        events[from!]!.date === null ||
        e.date === null ||
        Math.abs(daysBetween(events[from!]!.date!, e.date)) <= 31;
      if (from !== undefined && near) e.places = [...events[from]!.places];
    }
    if (e.places.length > 0) for (const c of eventMeta[k]!.subjects) lastPlacedOf.set(c, k);
  }
  // «Его задержали 12 октября … Вчера Вахитовский суд Казани отправил Кашапова в СИЗО»: the first act told without a
  // place is where the same person's next act within the month was.
  const nextPlacedOf = new Map<PersonCluster, number>();
  for (let q = kept.length - 1; q >= 0; q--) {
    const k = kept[q]!;
    const e = events[k]!;
    if (e.places.length === 0 && e.date !== null) {
      const later = eventMeta[k]!.subjects.map((c) => nextPlacedOf.get(c)).find(
        (j) => j !== undefined && events[j]!.date !== null && Math.abs(daysBetween(events[j]!.date!, e.date!)) <= 31,
      );
      if (later !== undefined) e.places = [...events[later]!.places];
    }
    if (e.places.length > 0) for (const c of eventMeta[k]!.subjects) nextPlacedOf.set(c, k);
  }
  // «…школ Калининграда и области» at the top of a letter about one teacher: where a report names one town alone (and
  // at most regions or countries that hold it), an act it places nowhere happened there.
  const towns = [...placeRecords.entries()].filter(([, r]) => r.kind === undefined);
  const onlyTown = towns.length === 1 ? towns[0]! : null;
  if (onlyTown && [...placeRecords.values()].every((r) => r.kind === undefined || holdsTown(r, onlyTown[1])))
    for (const k of kept) if (events[k]!.places.length === 0) events[k]!.places = [onlyTown[0]];
  const finalEvents = kept.map((k) => events[k]!);
  const finalSubjects = kept.map((k) => eventMeta[k]!.subjects);

  // Subjects are resolved to clusters during the pass; their canonical names are final only now.
  finalEvents.forEach((e, k) => {
    e.subjects = [...new Set((finalSubjects[k] ?? []).map((c) => c.entity.name))];
  });
  /** The organization under `key` is `into` named shorter: its mentions join `into`, and acts' agents name `into`. */
  const mergeOrganization = (key: string, short: Entity, into: Entity) => {
    into.mentions = [...into.mentions, ...short.mentions].sort((a, b) => a.start - b.start);
    orgEntities.delete(key);
    for (const e of finalEvents) e.agents = [...new Set(e.agents.map((a) => (a === short.name ? into.name : a)))];
  };
  // «к прокуратуре Калининградской области» … «прокуратуру — проверить»: where a report names one prosecutor's office,
  // a bare «прокуратура» is that office (two named offices leave it open).
  const bareOffice = orgEntities.get('прокуратура');
  const namedOffices = [...orgEntities.values()].filter((o) => o.name.startsWith('Прокуратура '));
  if (bareOffice && namedOffices.length === 1) mergeOrganization('прокуратура', bareOffice, namedOffices[0]!);
  // "the Vakhitovsky District Court of Kazan … the Vakhitovsky District Court", «Ленинский районный суд Курска … у
  // Ленинского суда»: a court named again without its town (or its level) is the one court the report named in full.
  const courtsByFirstWord = new Map<string, Entity[]>();
  for (const o of orgEntities.values()) {
    if (!o.name.split(/\s+/u).some((w) => COURT_HEAD.test(w))) continue;
    const first = fold(o.name.split(/\s+/u)[0]!);
    courtsByFirstWord.set(first, [...(courtsByFirstWord.get(first) ?? []), o]);
  }
  for (const [key, short] of [...orgEntities]) {
    const namesakes = courtsByFirstWord.get(fold(short.name.split(/\s+/u)[0]!)) ?? [];
    const fuller = namesakes.filter((o) => o !== short && namesSameCourt(short.name, o.name));
    if (fuller.length === 1) mergeOrganization(key, short, fuller[0]!);
  }
  const persons: PersonEntity[] = clusters.map((c) => c.entity);
  const caseList = [...caseEntities.values()];
  for (const c of caseList) {
    const related = articles.filter((a) => c.mentions.some((m) => Math.abs(m.start - a.start) < 300));
    c.articles = related.map(({ code, article, part }) => ({ code, article, part }));
  }
  return {
    language: reportedLanguage,
    referenceDate: reference,
    persons,
    organizations: [...orgEntities.values()],
    places: [...placeEntities.values()],
    dates,
    cases: caseList,
    events: finalEvents,
    articles,
  };
}

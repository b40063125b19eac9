/**
 * Parsing a personal name in either script into given name, patronymic, surname and initials, with the order it
 * was written in, its gender where Russian endings or the given name show it, and Russian case endings undone.
 */
import { givenNameGender, lookupGivenName } from './given-names.js';
import {
  cyrillicSurnameGender,
  type Gender,
  type GrammaticalCase,
  givenReadings,
  latinSurnameGender,
  looksLikePatronymic,
  patronymicReadings,
  type Reading,
  surnameReadings,
} from './inflection.js';
import { foldName, hasCyrillic, scriptOf } from './normalize.js';

export type { Gender } from './inflection.js';

export type NameOrder = 'given-first' | 'surname-first' | 'surname-only' | 'given-only' | 'unknown';

export interface ParsedName {
  /** The input as given. */
  readonly raw: string;
  readonly script: 'cyrillic' | 'latin';
  /** Given name in the nominative, lower-case (for Latin script: as written, lower-case). */
  readonly given?: string;
  readonly patronymic?: string;
  readonly surname?: string;
  /** Initials in order, lower-case letters or digraphs ('r', 'yu', 'р'): given first, then patronymic. */
  readonly initials: readonly string[];
  /** Extra given-name words beyond the first (double names, Central Asian compound names). */
  readonly extra: readonly string[];
  readonly order: NameOrder;
  /** True when the order was inferred from weak evidence (two words, no markers): compare tries both. */
  readonly orderUncertain: boolean;
  readonly gender?: Gender;
  /** The grammatical case the Cyrillic words were read in ('nom' for Latin). */
  readonly grammaticalCase: GrammaticalCase | 'any';
  /** The reading of the other gender when the Cyrillic form allows both nearly equally (Рината Гайнуллина). */
  readonly alternative?: ParsedName;
  /** Matching keys (see `foldName`); the surname key is the masculine stem (Petrova → petrov). A part written
   * without letters to compare (☺☺, 1990) has no key, never an empty one. */
  readonly keys: { readonly given?: string; readonly patronymic?: string; readonly surname?: string };
}

const INITIAL = /^(\p{L}{1,2})\.$|^(\p{Lu})$/u;
/** Latin initials may be digraphs of one Cyrillic letter: Yu. (Ю), Zh. (Ж), Kh. (Х), Sh. (Ш), Ch. (Ч), Ts. (Ц). */
const LATIN_DIGRAPH_INITIAL = /^(yu|ya|ye|yo|zh|kh|sh|ch|ts|sch|shch)\.?$/i;

interface Token {
  text: string;
  lower: string;
  initial: boolean;
  upper: boolean;
  patronymic: boolean;
  givenScore: number;
  surnameScore: number;
}

function tokenize(raw: string): { tokens: Token[]; commaAt: number } {
  let text = raw.normalize('NFC').replace(/[«»"“”()[\]]/g, ' ');
  // Split glued initials: «Р.Р.Гайнуллин», "R.Gainullin".
  text = text.replace(/(\p{L}\.)(?=\p{L})/gu, '$1 ');
  let commaAt = -1;
  const tokens: Token[] = [];
  for (const piece of text.split(/\s+/)) {
    if (piece === '') continue;
    let word = piece;
    if (word.endsWith(',')) {
      word = word.slice(0, -1);
      if (commaAt < 0) commaAt = tokens.length + 1;
    }
    word = word.replace(/^[,;:]+|[,;:]+$/g, '');
    if (word === '' || word === '-' || word === '—') continue;
    const initial = INITIAL.test(word) || (LATIN_DIGRAPH_INITIAL.test(word) && word.endsWith('.'));
    const letters = word.replace(/[^\p{L}]/gu, '');
    const upper = letters.length > 1 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
    const lower = word
      .toLowerCase()
      .replace(/ё/g, 'е')
      .replace(/['’‘`´ʹʼ]/g, '')
      .replace(/\.$/, '');
    tokens.push({
      text: word,
      lower,
      initial,
      upper,
      patronymic: !initial && looksLikePatronymic(lower),
      givenScore: 0,
      surnameScore: 0,
    });
  }
  return { tokens, commaAt };
}

const SURNAME_ENDING_CYR =
  /(?:ов|ев|ин|ын|ский|цкий|ская|цкая|ова|ева|ина|ына|ого|ому|ым|ой|ую|ко|ук|юк|ян|дзе|швили|их|ых)$/;
const SURNAME_ENDING_LAT =
  /(?:ov|ev|in|yn|ova|eva|ina|yna|sky|skiy|skii|skij|skaya|skaia|enko|uk|yuk|iuk|yan|ian|dze|shvili|ikh|ykh|off)$/;

function scoreToken(t: Token): void {
  if (t.initial || t.patronymic) return;
  const hits = lookupGivenName(t.lower);
  let given = hits.some((h) => h.via === 'name') ? 2 : hits.length > 0 ? 1.5 : 0;
  if (given === 0 && hasCyrillic(t.lower)) {
    // An inflected known given name (Рината, Олегу).
    if (givenReadings(t.lower).some((r) => r.prior >= 1.8)) given = 1.8;
  }
  const surname = (SURNAME_ENDING_CYR.test(t.lower) || SURNAME_ENDING_LAT.test(t.lower) ? 1.2 : 0) + (t.upper ? 2 : 0);
  t.givenScore = given;
  t.surnameScore = surname;
}

type Role = 'given' | 'patronymic' | 'surname' | 'initial' | 'extra';

const FEMININE_PATRONYMIC = /(?:овна|евна|ична|ovna|evna|ichna|ična)$/;

/**
 * Which word is the patronymic. Masculine -ович/-евич words are also surnames (Гуревич, Рабинович), so: a word in
 * capitals among mixed-case words is the surname; in a two-word name an -ич word is the surname; with two
 * candidates, the one after a known given name (Алексей Бахадырович Гуревич), else the last (Гуревич Ильдар
 * Евгениевич).
 */
function choosePatronymic(tokens: Token[], words: number[]): number | undefined {
  const allUpper = words.every((i) => tokens[i]!.upper);
  const candidates = words.filter((i) => tokens[i]!.patronymic && (allUpper || !tokens[i]!.upper));
  if (candidates.length === 0) return undefined;
  const strong = candidates.filter((i) => FEMININE_PATRONYMIC.test(tokens[i]!.lower));
  if (strong.length > 0) return strong[strong.length - 1];
  if (words.length <= 2) return undefined;
  if (candidates.length === 1) return candidates[0];
  const first = words[0]!;
  const firstIsGiven =
    lookupGivenName(tokens[first]!.lower).length > 0 || givenReadings(tokens[first]!.lower).some((r) => r.prior >= 1.8);
  if (firstIsGiven && candidates.includes(words[1]!)) return words[1];
  return candidates[candidates.length - 1];
}

function assignRoles(tokens: Token[], commaAt: number): { roles: Role[]; order: NameOrder; uncertain: boolean } {
  const n = tokens.length;
  const roles: Role[] = tokens.map((t) => (t.initial ? 'initial' : 'extra'));
  const words = tokens.map((_t, i) => i).filter((i) => !tokens[i]!.initial);
  if (words.length === 0) return { roles, order: 'unknown', uncertain: false };
  // "Gainullin, R." / "Гайнуллин, Ринат Рашидович": the surname comes before the comma.
  if (commaAt > 0 && commaAt < n) {
    const first = words[0]!;
    if (first < commaAt) {
      roles[first] = 'surname';
      const after = words.filter((i) => i >= commaAt);
      after.forEach((i, k) => {
        roles[i] = tokens[i]!.patronymic ? 'patronymic' : k === 0 ? 'given' : 'extra';
      });
      return {
        roles,
        order: after.length > 0 || roles.includes('initial') ? 'surname-first' : 'surname-only',
        uncertain: false,
      };
    }
  }
  const pIndex = choosePatronymic(tokens, words);
  if (pIndex !== undefined) {
    roles[pIndex] = 'patronymic';
    const rest = words.filter((i) => i !== pIndex);
    const before = rest.filter((i) => i < pIndex);
    const after = rest.filter((i) => i > pIndex);
    if (after.length === 0 && before.length >= 2) {
      // «Гайнуллин Ринат Рашидович»: court lists put the surname first.
      roles[before[0]!] = 'surname';
      roles[before[before.length - 1]!] = 'given';
      return { roles, order: 'surname-first', uncertain: false };
    }
    if (before.length >= 1) roles[before[0]!] = 'given';
    if (after.length >= 1) roles[after[after.length - 1]!] = 'surname';
    if (before.length === 0 && after.length === 0) return { roles, order: 'given-only', uncertain: false };
    if (before.length === 0 && after.length >= 2) {
      roles[after[0]!] = 'given';
    }
    return { roles, order: after.length > 0 ? 'given-first' : 'given-only', uncertain: false };
  }
  for (const i of words) scoreToken(tokens[i]!);
  const initialsFirst = tokens[0]?.initial === true;
  if (words.length === 1) {
    const t = tokens[words[0]!]!;
    const hasInitials = roles.includes('initial');
    if (!hasInitials && t.givenScore > t.surnameScore && t.givenScore >= 1.5) {
      roles[words[0]!] = 'given';
      return { roles, order: 'given-only', uncertain: false };
    }
    roles[words[0]!] = 'surname';
    const order = !hasInitials ? 'surname-only' : initialsFirst ? 'given-first' : 'surname-first';
    return { roles, order, uncertain: false };
  }
  // Two or more words: choose the surname among the first and the last word.
  const first = words[0]!;
  const last = words[words.length - 1]!;
  const tf = tokens[first]!;
  const tl = tokens[last]!;
  const givenFirst = tf.givenScore + tl.surnameScore + 0.3; // given-first is the usual prose order
  const surnameFirst = tl.givenScore + tf.surnameScore;
  const middle = words.slice(1, -1);
  if (givenFirst >= surnameFirst) {
    roles[first] = 'given';
    roles[last] = 'surname';
    for (const i of middle) roles[i] = 'extra';
    return { roles, order: 'given-first', uncertain: givenFirst - surnameFirst < 1.5 };
  }
  roles[first] = 'surname';
  roles[last] = 'given';
  for (const i of middle) roles[i] = 'extra';
  return { roles, order: 'surname-first', uncertain: surnameFirst - givenFirst < 1.5 };
}

function initialOf(t: Token): string {
  return t.lower.replace(/\.$/, '');
}

interface Choice {
  given?: Reading;
  patronymic?: Reading;
  surname?: Reading;
}

interface Chosen {
  choice: Choice;
  gender: Gender | undefined;
  grammaticalCase: GrammaticalCase | 'any';
  alternative?: Chosen;
}

const CASE_ORDER: readonly GrammaticalCase[] = ['nom', 'gen', 'dat', 'acc', 'ins', 'pre'];
const ALL_CASES = 0b111111;
const maskCache = new WeakMap<readonly GrammaticalCase[], number>();

function caseMask(cases: readonly GrammaticalCase[]): number {
  let m = maskCache.get(cases);
  if (m === undefined) {
    m = 0;
    for (const c of cases) m |= 1 << CASE_ORDER.indexOf(c);
    maskCache.set(cases, m);
  }
  return m;
}

function firstCase(mask: number): GrammaticalCase {
  for (let i = 0; i < CASE_ORDER.length; i++) if (mask & (1 << i)) return CASE_ORDER[i]!;
  return 'nom';
}

/** How close (in prior points) a reading of the other gender must come to make a name ambiguous. */
const AMBIGUITY_MARGIN = 0.6;

/** Picks the readings on which gender and case agree, most plausible first (Рината Гайнуллина → Ринат Гайнуллин). */
function chooseReadings(
  given: Reading[] | undefined,
  patronymic: Reading[] | undefined,
  surname: Reading[] | undefined,
  hintGender: Gender | undefined,
): Chosen {
  const none: Array<Reading | undefined> = [undefined];
  type Candidate = { choice: Choice; score: number; gender: Gender | undefined; gc: GrammaticalCase | 'any' };
  let best: Candidate | undefined;
  const candidates: Candidate[] = [];
  for (const g of given ?? none) {
    for (const p of patronymic ?? none) {
      for (const s of surname ?? none) {
        // Allocation-free agreement check (this runs for every mention): gender must agree, and the case sets that
        // are not 'any' must intersect (as bitmasks).
        let gender: Gender | undefined = hintGender;
        let ok = true;
        let mask = ALL_CASES;
        let explicit = 0;
        let score = 0;
        for (const r of [g, p, s]) {
          if (r === undefined) continue;
          score += r.prior;
          if (r.gender !== undefined) {
            if (gender === undefined) gender = r.gender;
            else if (gender !== r.gender) ok = false;
          }
          if (r.cases.length > 0) {
            mask &= caseMask(r.cases);
            explicit++;
          }
        }
        if (!ok || mask === 0) continue;
        const hasNom = (mask & 1) !== 0;
        if (hasNom) score += 0.5; // a name alone is usually in the nominative
        // Words that agree on an explicit case (Улугбеке Киме) outweigh an indeclinable reading of one of them.
        if (explicit >= 2) score += 0.6;
        const gc: GrammaticalCase | 'any' = explicit === 0 ? 'any' : hasNom ? 'nom' : firstCase(mask);
        const candidate = { choice: { given: g, patronymic: p, surname: s }, score, gender, gc };
        candidates.push(candidate);
        if (best === undefined || score > best.score) best = candidate;
      }
    }
  }
  if (best) {
    const top = best;
    // The other gender nearly as plausible (Рината Гайнуллина: the woman Рината, or Ринат in the genitive).
    const rival = candidates
      .filter((c) => c.gender !== undefined && top.gender !== undefined && c.gender !== top.gender)
      .sort((x, y) => y.score - x.score)[0];
    const chosen: Chosen = { choice: top.choice, gender: top.gender, grammaticalCase: top.gc };
    if (rival && rival.score >= top.score - AMBIGUITY_MARGIN) {
      chosen.alternative = { choice: rival.choice, gender: rival.gender, grammaticalCase: rival.gc };
    }
    return chosen;
  }
  // Nothing agrees (a typo or an unknown pattern): take each word's best reading.
  const top = (rs: Reading[] | undefined): Reading | undefined => rs?.slice().sort((a, b) => b.prior - a.prior)[0];
  return {
    choice: { given: top(given), patronymic: top(patronymic), surname: top(surname) },
    gender: hintGender,
    grammaticalCase: 'any',
  };
}

/** Masculine stem of a folded surname, so Petrova and Petrov, Sokolovskaya and Sokolovsky share a key. */
export function surnameStemKey(folded: string): string {
  if (/(?:ov|ev|in)a$/.test(folded)) return folded.slice(0, -1);
  if (/[sQc]kaia$/.test(folded)) return `${folded.slice(0, -3)}i`;
  if (/aia$/.test(folded) && folded.length > 5) return `${folded.slice(0, -3)}oi`;
  if (/oi$/.test(folded) && folded.length > 4 && !/[sQ]koi$/.test(folded)) return folded;
  return folded;
}

const parseCache = new Map<string, ParsedName>();

/**
 * Parses one personal name.
 * `parseName("Гайнуллин Ринат Рашидович")` → { surname: "гайнуллин", given: "ринат", patronymic: "рашидович",
 * order: "surname-first", gender: "m", … }; `parseName("Gainullin, R.")` → { surname: "gainullin", initials: ["r"] };
 * `parseName("Рината Гайнуллина")` → { given: "ринат", surname: "гайнуллин", grammaticalCase: "gen" }.
 */
export function parseName(raw: string): ParsedName {
  const cached = parseCache.get(raw);
  if (cached) return cached;
  const parsed = parseUncached(raw);
  if (parseCache.size > 100_000) parseCache.clear();
  parseCache.set(raw, parsed);
  return parsed;
}

function parseUncached(raw: string): ParsedName {
  const script = scriptOf(raw);
  const { tokens, commaAt } = tokenize(raw);
  const { roles, order, uncertain } = assignRoles(tokens, commaAt);
  const pick = (role: Role): Token | undefined => tokens.find((_, i) => roles[i] === role);
  const gTok = pick('given');
  const pTok = pick('patronymic');
  const sTok = pick('surname');
  const initials = tokens.filter((_, i) => roles[i] === 'initial').map(initialOf);
  const extra = tokens.filter((_, i) => roles[i] === 'extra').map((t) => t.lower);

  let given = gTok?.lower;
  let patronymic = pTok?.lower;
  let surname = sTok?.lower;
  let gender: Gender | undefined;
  let grammaticalCase: GrammaticalCase | 'any' = 'nom';

  const isCyr = (t: Token | undefined): boolean => t !== undefined && hasCyrillic(t.lower);
  let alternative: ParsedName | undefined;
  if (isCyr(gTok) || isCyr(pTok) || isCyr(sTok)) {
    const chosen = chooseReadings(
      gTok && isCyr(gTok) ? givenReadings(gTok.lower) : undefined,
      pTok && isCyr(pTok) ? patronymicReadings(pTok.lower) : undefined,
      sTok && isCyr(sTok) ? surnameReadings(sTok.lower) : undefined,
      undefined,
    );
    const apply = (c: Chosen): void => {
      if (c.choice.given) given = c.choice.given.nominative;
      if (c.choice.patronymic) patronymic = c.choice.patronymic.nominative;
      if (c.choice.surname) surname = c.choice.surname.nominative;
      gender = c.gender;
      grammaticalCase = c.grammaticalCase;
      // A lone surname in -ова/-ина is a woman's nominative or a man's genitive: leave the gender open.
      if (!gTok && !pTok && sTok && surnameReadings(sTok.lower).some((r) => r.gender !== gender && r.gender)) {
        gender = undefined;
      }
      if (surname && gender === undefined && (gTok || pTok)) gender = cyrillicSurnameGender(surname);
    };
    if (chosen.alternative) {
      apply(chosen.alternative);
      alternative = finish(
        raw,
        script,
        initials,
        extra,
        order,
        uncertain,
        grammaticalCase,
        given,
        patronymic,
        surname,
        gender,
      );
    }
    apply(chosen);
  } else {
    // Latin script: English texts do not decline names; gender from the given name, patronymic, surname ending.
    const byGiven = given ? givenNameGender(given) : undefined;
    const byPatronymic = patronymic ? patronymicReadings(patronymic)[0]?.gender : undefined;
    const bySurname = surname ? latinSurnameGender(surname) : undefined;
    gender = byPatronymic ?? byGiven ?? (given || patronymic ? bySurname : bySurname === 'f' ? 'f' : undefined);
    // A man's surname spelled as a woman's? (Rinat Gainullina) — trust the given name over the surname ending.
    if (byGiven && bySurname && byGiven !== bySurname) gender = byGiven;
  }
  if (gender === undefined && given) gender = givenNameGender(given);
  const result = finish(
    raw,
    script,
    initials,
    extra,
    order,
    uncertain,
    grammaticalCase,
    given,
    patronymic,
    surname,
    gender,
  );
  if (alternative === undefined) return result;
  return { ...result, alternative };
}

function finish(
  raw: string,
  script: 'cyrillic' | 'latin',
  initials: string[],
  extra: string[],
  order: NameOrder,
  uncertain: boolean,
  grammaticalCase: GrammaticalCase | 'any',
  given: string | undefined,
  patronymic: string | undefined,
  surname: string | undefined,
  gender: Gender | undefined,
): ParsedName {
  // A part without letters to compare (☺☺, 1990, a script the fold does not know) gets no key: an empty key would
  // equal every other empty key and join unrelated records.
  const keys: { given?: string; patronymic?: string; surname?: string } = {};
  const givenKey = given ? foldName(given) : '';
  const patronymicKey = patronymic ? foldName(patronymic) : '';
  const surnameKey = surname ? foldName(surname) : '';
  if (givenKey !== '') keys.given = givenKey;
  if (patronymicKey !== '') keys.patronymic = patronymicKey;
  if (surnameKey !== '') keys.surname = surnameStemKey(surnameKey);
  const result: ParsedName = {
    raw,
    script,
    initials,
    extra,
    order,
    orderUncertain: uncertain,
    grammaticalCase,
    keys,
    ...(given !== undefined ? { given } : {}),
    ...(patronymic !== undefined ? { patronymic } : {}),
    ...(surname !== undefined ? { surname } : {}),
    ...(gender !== undefined ? { gender } : {}),
  };
  return result;
}

/**
 * Normalization of personal-name text and the matching key ("fold") that makes transliteration variants meet.
 *
 * The fold is a reduced phonetic alphabet in which the spellings people actually meet for one Russian name
 * collapse to one string: ISO 9 / GOST 7.79 (Gajnullin, Ščukin), BGN/PCGN (Gaynullin, Yevgeniy), ICAO 9303
 * (Gainullin, Iuliia), the scientific system (Julija), Library of Congress (Il'ia) and loose press styles
 * (Schukin, Evgeny, Romanoff). Letters that schemes render differently become one symbol:
 *
 *   щ shch/sch/shh/sc/ŝ/šč → S     ш sh/š → W      ж zh/ž → Z      ч ch/č/tch → C
 *   ц ts/tz/cz/c(+e,i,y) → Q       х kh/h → H      кс ks/x → X (x is also х in GOST 7.79 B and the scientific
 *   system: Axmetov; X ~ H is cheap)
 *   дж dzh/dj/j(+o, Central Asian -jon) → J         й/ы/y/j(after a vowel) → i
 *
 * then doubled letters collapse (Гайнулин typo = Гайнуллин), -ii/-iy/-yj endings become -i, a glide between
 * vowels and an initial ye- drop (Andreyevich = Andreevich, Yevgeniy = Evgenii). What remains differs only where
 * the names really differ, or where the weighted edit distance in `foldDistance` gives a cheap substitution
 * (a/o for Uzbek and Tajik names: Bahodir/Бахадыр; щ/ш; ж/дж/j; a lost soft-sign glide Grigorev/Grigoriev).
 */

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);

/** Cyrillic letter → loose Latin, ICAO-like, then folded. Includes letters of Central Asian and Ukrainian names
 * that reach Russian texts (ғ, қ, ҳ, ў, ө, ү, ә, ң, һ, і, ї, є, ґ). */
const CYRILLIC_TO_LATIN: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'iu',
  я: 'ia',
  ғ: 'g',
  қ: 'k',
  ҳ: 'h',
  ў: 'u',
  ө: 'o',
  ү: 'u',
  ә: 'a',
  ң: 'n',
  һ: 'h',
  і: 'i',
  ї: 'i',
  є: 'e',
  ґ: 'g',
};

/** Latin letters with diacritics whose value is a digraph in the loose alphabet (GOST 7.79 A / ISO 9,
 * scientific, Turkic Latin alphabets). Other diacritics are simply stripped (é → e). */
const LATIN_SPECIAL: Record<string, string> = {
  š: 'sh',
  č: 'ch',
  ž: 'zh',
  ŝ: 'shch',
  ĉ: 'ch',
  û: 'yu',
  â: 'ya',
  ê: 'ye',
  ĭ: 'i',
  ı: 'i',
  ş: 'sh',
  ç: 'ch',
  ğ: 'g',
  ł: 'l',
  đ: 'd',
  ß: 'ss',
  æ: 'ae',
  ø: 'o',
  œ: 'oe',
  // Azerbaijani schwa: Məmmədli is Mammadli in English and Мамедли in Russian.
  ə: 'a',
  Ə: 'a',
};

const APOSTROPHES = /['’‘`´ʹʺʼ"“”«»]/g;

/** Lower-case, ё → е, NFC, apostrophes and soft-sign marks removed, hyphens and dots kept as given.
 * `cleanNameText("  Мосаль’ская ") === "мосальская"`, `cleanNameText("Mosal'skaya") === "mosalskaya"`. */
export function cleanNameText(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/ё/g, 'е').replace(APOSTROPHES, '').trim();
}

/** 'cyrillic' when Cyrillic letters outnumber Latin ones; 'latin' otherwise (no letters → 'latin').
 * `scriptOf("Гайнуллин") === "cyrillic"`. */
export function scriptOf(text: string): 'cyrillic' | 'latin' {
  let cyr = 0;
  let lat = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x0400 && c <= 0x052f) cyr++;
    else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f)) lat++;
  }
  return cyr > lat ? 'cyrillic' : 'latin';
}

/** True when the text has a Cyrillic letter. `hasCyrillic("R. Гайнуллин") === true`. */
export function hasCyrillic(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x0400 && c <= 0x052f) return true;
  }
  return false;
}

function cyrillicToLoose(word: string): string {
  let out = '';
  const chars = [...word];
  for (let k = 0; k < chars.length; k++) {
    const ch = chars[k] ?? '';
    // ь/ъ before a vowel is the glide most Latin spellings write (Grigoryev, Grigoriev, Il'yas); elsewhere silent.
    if ((ch === 'ь' || ch === 'ъ') && 'аеёиоуыэюя'.includes(chars[k + 1] ?? '-')) {
      out += 'i';
      continue;
    }
    const mapped = CYRILLIC_TO_LATIN[ch];
    out += mapped ?? ch;
  }
  return out;
}

function latinToLoose(word: string): string {
  let out = '';
  for (const ch of word) {
    const special = LATIN_SPECIAL[ch];
    if (special !== undefined) {
      out += special;
      continue;
    }
    out += ch.normalize('NFD').replace(/\p{M}/gu, '');
  }
  return out;
}

const foldCache = new Map<string, string>();

/**
 * The matching key of one name part, script-independent.
 * `foldName("Щукин") === foldName("Shchukin") === foldName("Ščukin") === foldName("Schukin") === "Sukin"`;
 * `foldName("Гайнуллин") === foldName("Gajnullin") === "gainulin"`; text without letters folds to "" (see
 * `hasNameLetters`): `foldName("☺☺") === foldName("1990") === ""`.
 */
export function foldName(part: string): string {
  const cached = foldCache.get(part);
  if (cached !== undefined) return cached;
  const clean = cleanNameText(part).replace(/[\s.-]+/g, '');
  const loose = latinToLoose(cyrillicToLoose(clean)).replace(/[^a-z]/g, '');
  const folded = foldLoose(loose);
  if (foldCache.size > 200_000) foldCache.clear();
  foldCache.set(part, folded);
  return folded;
}

/**
 * Whether a name (or one part of it) has any letter the fold keeps: Latin, or Cyrillic of the alphabets listed
 * above. Text without one (symbols, digits, punctuation, a script we do not transliterate) folds to "", and "" must
 * never equal "": such a name has nothing to compare, so it matches nothing and keys nothing.
 * `hasNameLetters("Гайнуллин") === true`, `hasNameLetters("☺☺ ☺☺☺") === false`, `hasNameLetters("12-34.") === false`.
 */
export function hasNameLetters(text: string): boolean {
  return foldName(text) !== '';
}

/** Folds a lower-case ASCII word (see the module comment for the rules). */
function foldLoose(s: string): string {
  let out = '';
  const n = s.length;
  let i = 0;
  const at = (k: number): string => s[k] ?? '';
  while (i < n) {
    const c = at(i);
    const rest = s.slice(i, i + 4);
    if (rest.startsWith('shch')) {
      out += 'S';
      i += 4;
      continue;
    }
    if (rest.startsWith('sch') || rest.startsWith('shh')) {
      out += 'S';
      i += 3;
      continue;
    }
    if (rest.startsWith('tsch')) {
      out += 'C';
      i += 4;
      continue;
    }
    if (rest.startsWith('dzh')) {
      out += 'J';
      i += 3;
      continue;
    }
    if (rest.startsWith('tch')) {
      out += 'C';
      i += 3;
      continue;
    }
    const two = s.slice(i, i + 2);
    switch (two) {
      case 'sc':
        out += 'S';
        i += 2;
        continue;
      case 'sh':
        out += 'W';
        i += 2;
        continue;
      case 'ch':
        out += 'C';
        i += 2;
        continue;
      case 'zh':
        out += 'Z';
        i += 2;
        continue;
      case 'kh':
        out += 'H';
        i += 2;
        continue;
      case 'gh':
        out += 'g';
        i += 2;
        continue;
      case 'ph':
        out += 'f';
        i += 2;
        continue;
      case 'dj':
        out += 'J';
        i += 2;
        continue;
      case 'ts':
      case 'tz':
        out += 'Q';
        i += 2;
        continue;
      case 'ks':
        out += 'X';
        i += 2;
        continue;
      case 'ou':
        out += 'u';
        i += 2;
        continue;
    }
    switch (c) {
      case 'c': {
        // ц before front vowels in every scheme, and as cz in GOST 7.79 B; before a, o, u or a consonant it is
        // ц in ISO 9 (Carev) but к in English habits (Nicolai, Victor): an ambiguous symbol, cheap to either.
        const next = at(i + 1);
        if (next === 'z') {
          out += 'Q';
          i += 2;
          continue;
        }
        out += next === 'e' || next === 'i' || next === 'y' ? 'Q' : 'c';
        break;
      }
      case 'h':
        out += 'H';
        break;
      case 'x':
        // GOST 7.79 B and the scientific system write х as x (Axmetov); English writes кс as x (Alexei, Xenia).
        out += 'X';
        break;
      case 'w':
        out += 'v';
        break;
      case 'q':
        out += 'k';
        break;
      case 'y':
        out += 'i';
        break;
      case 'j': {
        // j after a vowel is й (Gajnullin, Sergej); before o after a consonant it is дж (Rustamjon);
        // elsewhere (Julija, Jakov, Jamshid) it is a glide or дж: the distance makes J ~ i and J ~ Z cheap.
        // After a consonant it is the scientific glide (Ljudmila, Vjačeslav) except in the Central Asian -jon.
        const prev = out[out.length - 1] ?? '';
        if (VOWELS.has(prev)) out += 'i';
        else if (prev !== '' && !(s.startsWith('jon', i) && i + 3 === n)) out += 'i';
        else out += 'J';
        break;
      }
      default:
        out += c;
    }
    i += 1;
  }
  // Collapse doubled symbols (ll, nn, ii from -ий/-iy/-ii).
  let collapsed = '';
  // ee stays: it tells Галеев (galeev) from Галиев (galiev).
  for (const ch of out) if (collapsed[collapsed.length - 1] !== ch || ch === 'e') collapsed += ch;
  // A glide between vowels or at the start before e drops: Andreyevich/Andreevich, Yevgeniy/Evgenii.
  let result = '';
  for (let k = 0; k < collapsed.length; k++) {
    const ch = collapsed[k] ?? '';
    if (ch === 'i') {
      const prev = collapsed[k - 1];
      const next = collapsed[k + 1];
      if (k === 0 && next === 'e') continue;
      // ё written yo/io after a consonant (Fyodor, Artiom, Piotr) is the е that ё folds to.
      if (next === 'o' && prev !== undefined && !VOWELS.has(prev)) {
        if (result[result.length - 1] !== 'e') result += 'e';
        k++;
        continue;
      }
      // ye after a vowel: Andreyevich/Andreevich, Alekseyev/Alekseev (after a consonant the glide is a soft sign
      // and stays: Grigoryev = Григорьев, while Галиев ≠ Галеев).
      if (prev !== undefined && VOWELS.has(prev) && next === 'e') continue;
    }
    if (result[result.length - 1] === ch && ch !== 'e') continue;
    result += ch;
  }
  // German/French -off/-eff endings (Romanoff, Medvedeff) are -ov/-ev.
  if (result.endsWith('of')) result = `${result.slice(0, -1)}v`;
  else if (result.endsWith('ef')) result = `${result.slice(0, -1)}v`;
  return result;
}

/** Substitution cost between two fold symbols (0 same, 1 unrelated). Cheap pairs are the ones transliteration,
 * Central Asian spelling or vowel reduction produce, never ones that tell two common surnames apart. */
function substitutionCost(a: string, b: string): number {
  if (a === b) return 0;
  const pair = a < b ? a + b : b + a;
  switch (pair) {
    case 'ao':
      return 0.35; // Bahodir / Бахадыр, Gulom / Гулам; Russian unstressed о
    case 'ei':
      return 0.7; // unstressed е / и; not cheaper: Галеев and Галиев are two families
    case 'JZ':
      return 0.25; // -jon / -жон / -джон, Ж → j
    case 'Ji':
      return 0.3; // Julia / Iulia, Jakov / Iakov
    case 'SW':
      return 0.35; // щ / ш in loose press
    case 'Hg':
      return 0.5; // Ukrainian г → h (Hnatiuk), Gulom / Ghulom / Hulom
    case 'Hk':
      return 0.5; // Kh → K typos
    case 'CQ':
      return 0.6;
    case 'HX':
      return 0.1; // x for х (GOST 7.79 B, scientific) against kh/h
    case 'Qc':
    case 'ck':
      return 0.15; // an ambiguous Latin c (see foldLoose)
    case 'ou':
      return 0.5; // Uzbek o / u
    case 'ae':
      return 0.6; // я / е after a glide (ia / ie); elsewhere a full letter, see `foldDistance`
    case 'eo':
      return 0.55; // ё written o after hushing consonants (Gorbachov / Горбачёв)
    default:
      return 1;
  }
}

function indelCost(ch: string): number {
  if (ch === 'i') return 0.35; // a soft-sign glide or й that one scheme writes and another drops
  if (ch === 'J') return 0.5;
  if (ch === 'H') return 0.7;
  return 1;
}

const SUB = new Float64Array(128 * 128).fill(1);
const INDEL = new Float64Array(128).fill(1);
for (let x = 0; x < 128; x++) {
  INDEL[x] = indelCost(String.fromCharCode(x));
  for (let y = 0; y < 128; y++) SUB[x * 128 + y] = substitutionCost(String.fromCharCode(x), String.fromCharCode(y));
}
let rowA = new Float64Array(64);
let rowB = new Float64Array(64);
let rowC = new Float64Array(64);
/** Char code sum of a and e (no other pair of fold symbols sums to it with a cheap substitution). */
const AE_SUM = 97 + 101;
function isGlide(s: string, k: number): boolean {
  const c = s.charCodeAt(k);
  return c === 105 || c === 74; // i, J
}
/** Cost of swapping two adjacent letters. */
const TRANSPOSITION = 0.3;

/** Weighted edit distance between two folded strings (see `substitutionCost`). `foldDistance("kotov","kotkov") === 1`. */
export function foldDistance(a: string, b: string): number {
  return weightedDistance(a, b, 1);
}

/**
 * Similarity 0..1 of two folded surnames, where a letter put for an unrelated one costs two (a drop and an add):
 * that is how two families differ (Юдинененко / Юдинаненко, Грачанский / Граченский), whereas slips of the keyboard
 * drop, double or swap letters, and transliteration changes letters only into their cheap look-alikes.
 * `surnameSimilarity("gainulin", "gainullin") ≈ 0.89`, `surnameSimilarity("iudinanenko", "iudinenenko") ≈ 0.82`.
 */
export function surnameSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const len = Math.max(a.length, b.length);
  if (len === 0) return 1;
  return Math.max(0, 1 - weightedDistance(a, b, 2) / len);
}

/** `foldDistance` with the cost of substituting unrelated letters set to `fullSubstitution`. */
function weightedDistance(a: string, b: string, fullSubstitution: number): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (m + 1 > rowA.length) {
    rowA = new Float64Array(m + 1);
    rowB = new Float64Array(m + 1);
    rowC = new Float64Array(m + 1);
  }
  let prev = rowA;
  let cur = rowB;
  let prev2 = rowC;
  prev[0] = 0;
  for (let j = 1; j <= m; j++) prev[j] = prev[j - 1]! + INDEL[b.charCodeAt(j - 1) & 127]!;
  for (let i = 1; i <= n; i++) {
    const ca = a.charCodeAt(i - 1) & 127;
    const del = INDEL[ca]!;
    const subRow = ca * 128;
    cur[0] = prev[0]! + del;
    for (let j = 1; j <= m; j++) {
      const cb = b.charCodeAt(j - 1) & 127;
      let subCost = SUB[subRow + cb]!;
      // а / е is cheap only after a glide, where schemes disagree (Zav'yalov / Zavialov, -ya / -ye); elsewhere it
      // is what tells two families apart (Грачанский / Граченский, Лысаканов / Лысакенов).
      if (subCost < 1 && ca + cb === AE_SUM && ca !== cb && !(isGlide(a, i - 2) || isGlide(b, j - 2))) subCost = 1;
      if (subCost === 1) subCost = fullSubstitution;
      const sub = prev[j - 1]! + subCost;
      const d = prev[j]! + del;
      const ins = cur[j - 1]! + INDEL[cb]!;
      let best = sub < d ? (sub < ins ? sub : ins) : d < ins ? d : ins;
      // Adjacent transposition (a typing slip: Pertov for Petrov) costs less than two substitutions.
      if (i > 1 && j > 1 && ca !== cb && ca === (b.charCodeAt(j - 2) & 127) && (a.charCodeAt(i - 2) & 127) === cb) {
        const tr = prev2[j - 2]! + TRANSPOSITION;
        if (tr < best) best = tr;
      }
      cur[j] = best;
    }
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[m]!;
}

/** Similarity 0..1 of two folded strings: 1 − distance / longer length (OpenSanctions-style scaling by length).
 * `foldSimilarity("sokolov", "sokolovski") ≈ 0.7`. */
export function foldSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const len = Math.max(a.length, b.length);
  if (len === 0) return 1;
  return Math.max(0, 1 - foldDistance(a, b) / len);
}

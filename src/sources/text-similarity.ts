/**
 * How much of its wording two texts share, for telling a report republished with a changed header, a corrected
 * line or another outlet's footer from a report written apart. Words are folded as the near-duplicate key folds
 * them (lower case, ё as е, letters and digits), taken five at a time (shingles); two texts are as alike as the
 * share of the shorter one's shingles found in the other; they are one report when they are alike enough, the
 * longer at most twice the shorter, and one names and counts nothing the other does not (`sameReport`). Candidates
 * are found without comparing every pair: each text's MinHash signature is cut into bands, and texts sharing a band
 * are compared exactly.
 *
 * The band keys are stored (`text_bands`): changing the folding, the hashes or the bands changes every key, so a
 * change must come with a new `BAND_VERSION`, and older texts are then found again only once re-indexed.
 */

/** Words a shingle: short enough that a changed word leaves most of a sentence's shingles, long enough to be rare. */
export const SHINGLE_WORDS = 5;
/** Below this many shingles (about 55 words) a text is too short to tell republishing from a common phrasing. */
export const MIN_SHINGLES = 50;
/** Texts are copies of one report when at least this share of the shorter one's shingles is in the other… */
export const SIMILAR_ENOUGH = 0.8;
/** …and the longer has at most this many times the shorter's shingles: a digest of ten reports is none of them. */
const LONGER_AT_MOST = 2;

// Fifteen bands of four: a pair sharing 0.64 of their shingles together (a copy a third longer than its original,
// nine tenths of the original in it) shares a band 94 times in 100; a pair sharing a third, 17.
const BANDS = 15;
const ROWS = 4;
const BAND_VERSION = 1;

const WORD = /[\p{L}\p{N}]+/gu;
const NAMES_OR_COUNTS = /^\p{Lu}|\p{N}/u;
/**
 * Words that tell one event from another though written in lower case: Russian months and weekdays («до 5 мая» and
 * «до 5 июля» are two custody extensions), and numbers in words in Russian and English («к двум годам», «three
 * years»). A word taken here wrongly (семья for семь) only keeps apart texts that differ in it.
 */
const DATES_AND_NUMBERS = new RegExp(
  '^(?:январ|феврал|март|апрел|ма[йяюе]$|июн|июл|август|сентябр|октябр|ноябр|декабр' +
    '|понедельник|вторник|сред[аыуе]$|четверг|пятниц|суббот|воскресен' +
    '|ноль|нул|одн|один|дв[аеоу]|двух|двенадцат|двадцат|двест|тр[иеоё]|четыр|пят|шест|сем|восем|девят|десят' +
    '|одиннадцат|сорок|девяност|сто$|ста$|сот|тысяч|миллион|полтор|полгод|об[аеои]' +
    '|(?:january|february|april|june|july|august|september|october|november|december|monday|tuesday|wednesday' +
    '|thursday|friday|saturday|sunday|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve' +
    '|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy' +
    '|eighty|ninety|hundred|thousand|million|half)$)',
);

function fold(text: string): string {
  return text.toLowerCase().replaceAll('ё', 'е');
}

/**
 * What two texts are compared by: their shingles, their words, and the words that name or count (capitalised, with
 * a digit, or a month, weekday or number in words: names, places, dates, articles, sums, terms), folded.
 */
export interface TextProfile {
  shingles: Uint32Array;
  /** Each word, folded, with the times it is written. */
  words: Map<string, number>;
  /** Each word that names or counts, folded, with the times it is written so. */
  marked: Map<string, number>;
}

export function textProfile(text: string): TextProfile {
  const words = new Map<string, number>();
  const marked = new Map<string, number>();
  for (const match of text.matchAll(WORD)) {
    const word = fold(match[0]);
    words.set(word, (words.get(word) ?? 0) + 1);
    if (NAMES_OR_COUNTS.test(match[0]) || DATES_AND_NUMBERS.test(word)) marked.set(word, (marked.get(word) ?? 0) + 1);
  }
  return { shingles: shingles(text), words, marked };
}

/**
 * How alike two texts are when they are one report, else null: the share of the shorter one's shingles found in the
 * other, at least `SIMILAR_ENOUGH`, the longer at most `LONGER_AT_MOST` times the shorter, and every name and number
 * of one of them in the other. Reports written to one template share most of their wording and differ in the names,
 * places, dates and sums that make them reports of their own; a republished copy keeps all of its original's and
 * adds only its outlet's own. `sameReport(textProfile(a), textProfile(b))` → 0.91 or null.
 */
export function sameReport(a: TextProfile, b: TextProfile): number | null {
  const shorter = Math.min(a.shingles.length, b.shingles.length);
  const longer = Math.max(a.shingles.length, b.shingles.length);
  if (shorter === 0 || longer > LONGER_AT_MOST * shorter) return null;
  const share = common(a.shingles, b.shingles) / shorter;
  if (share < SIMILAR_ENOUGH) return null;
  return within(a.marked, b.words) || within(b.marked, a.words) ? share : null;
}

/** Every word of `some` written in `all` at least as many times: «20» of a fine is not «20» of «20.2 КоАП». */
function within(some: Map<string, number>, all: Map<string, number>): boolean {
  for (const [word, times] of some) if ((all.get(word) ?? 0) < times) return false;
  return true;
}

/** The distinct hashes of a text's five-word shingles, sorted; `shingles('…')` → Uint32Array [ 1022…, 3985… ]. */
export function shingles(text: string): Uint32Array {
  const words: number[] = [];
  for (const match of fold(text).matchAll(WORD)) words.push(wordHash(match[0]));
  const count = words.length - SHINGLE_WORDS + 1;
  if (count <= 0) return new Uint32Array(0);
  const hashes = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    let h = 0x9747b28c;
    for (let j = 0; j < SHINGLE_WORDS; j++) h = mix(h ^ words[i + j]!);
    hashes[i] = h;
  }
  hashes.sort();
  return distinctSorted(hashes);
}

/** The keys under which a text's shingles are filed: texts sharing a key are compared. Empty for a short text. */
export function bandKeys(sorted: Uint32Array): string[] {
  if (sorted.length < MIN_SHINGLES) return [];
  const signature = new Uint32Array(BANDS * ROWS).fill(0xffffffff);
  for (const hash of sorted) {
    for (let i = 0; i < signature.length; i++) {
      const value = mix(hash ^ SEEDS[i]!);
      if (value < signature[i]!) signature[i] = value;
    }
  }
  const keys: string[] = [];
  for (let band = 0; band < BANDS; band++) {
    let high = 0x1b873593 ^ band;
    let low = 0xcc9e2d51 ^ band;
    for (let row = 0; row < ROWS; row++) {
      const value = signature[band * ROWS + row]!;
      high = mix(high ^ value);
      low = mix(low + value);
    }
    keys.push(`${BAND_VERSION}.${band}.${hex(high)}${hex(low)}`);
  }
  return keys;
}

/**
 * The share of their shingles two texts have in common (0–1, Jaccard), from `shingles` of each:
 * `similarity(shingles(a), shingles(a))` → 1.
 */
export function similarity(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 || b.length === 0) return 0;
  const shared = common(a, b);
  return shared / (a.length + b.length - shared);
}

/** How many shingles two sorted sets of them share. */
function common(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      shared++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return shared;
}

function distinctSorted(sorted: Uint32Array): Uint32Array {
  let n = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[n++] = sorted[i]!;
  return sorted.subarray(0, n);
}

/** FNV-1a over UTF-16 units, finished by `mix`. */
function wordHash(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  return mix(h);
}

/** MurmurHash3's finaliser: every input bit moves every output bit. */
function mix(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function hex(value: number): string {
  return value.toString(16).padStart(8, '0');
}

const SEEDS = Uint32Array.from({ length: BANDS * ROWS }, (_, i) => mix(Math.imul(i + 1, 0x9e3779b9)));

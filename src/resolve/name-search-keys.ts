/**
 * Keys that find a person by the beginning of any word of any of their names, typed in either script and, for
 * Russian, in any grammatical case: «Галиев», «Галиевым», «Galiev» and «Gal» all find Ruslan Galiev; «Тимур» and
 * «Akhmetz» find Тимур Ахметзянов. A record stores the `nameSearchKeys` of each name; a query word matches a name
 * when one of its keys starts with one of the word's `querySearchPrefixes`.
 *
 * Two keys per word of a name:
 * - `Φ` + the word's fold (`foldName`: Гайнуллин, Gainullin, Gaynullin and Gajnullin are all `gainulin`), for the
 *   other script and other transliteration schemes;
 * - `Ω` + the word as written, lower-case, without diacritics (so й is и and ё is е), for a word typed in part in
 *   its own script, which the fold cannot always give: «Ахмет» folds to `aHmet` but «Ахметзянов» to `aHmeQianov`
 *   (its тз reads as ц). A query word in one script is also spelled in the other, so «Akhmetz» finds «Ахметзянов».
 * The markers are capitals that no lower-cased name holds, so a search key never equals an exact name key. After the
 * marker a key holds only digits, a–z and а–я without й: the fold's capital symbols are written as 0 and the letter
 * (`aHmeQianov` → `a0hme0qianov`), other letters are dropped. Any database collation orders strings of those
 * characters as their bytes do, so one prefix is one index range on PostgreSQL in any locale, as on SQLite
 * (`searchPrefixEnd`).
 *
 * The fold is stored: a change to `foldName` that changes keys needs a migration that writes them again.
 */
import { givenReadings, patronymicReadings, surnameReadings } from './inflection.js';
import { foldName, hasCyrillic } from './normalize.js';
import { surnameStemKey } from './parse-name.js';
import { cyrillicSpelling, latinVariants } from './transliterate.js';

const FOLD_MARK = 'Φ';
const SPELLING_MARK = 'Ω';
/** The characters after a marker, in the order of their bytes and of every collation. */
const KEY_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzабвгдежзиклмнопрстуфхцчшщъыьэюя';
/** Spellings in the other script per query word: the common schemes (ICAO, BGN/PCGN, GOST), few enough to stay fast. */
const VARIANTS_PER_WORD = 4;
const APOSTROPHES = /['’‘`´ʹʺʼ]/gu;

/** The words of a name or query: letters and digits, an apostrophe inside a word kept out (O'Neil → ONeil). */
function wordsOf(text: string): string[] {
  return text
    .normalize('NFC')
    .replace(APOSTROPHES, '')
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter((w) => w !== '');
}

/** `foldKey('aHmeQianov')` → 'a0hme0qianov'. */
function foldKey(folded: string): string {
  let key = '';
  for (const ch of folded) {
    if (ch >= 'a' && ch <= 'z') key += ch;
    else if (ch >= 'A' && ch <= 'Z') key += `0${ch.toLowerCase()}`;
  }
  return key;
}

/** One word as written, in the key alphabet: `spellingKey('Семёнов')` → 'семенов', `spellingKey('Ščukin')` → 'scukin'. */
function spellingKey(word: string): string {
  return word
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^0-9a-zа-я]/gu, '');
}

/**
 * The search keys of one name, a fold key and a spelling key per word.
 * `nameSearchKeys('Тимур Ахметзянов')` → ['Φtimur', 'Ωтимур', 'Φa0hme0qianov', 'Ωахметзянов'].
 */
export function nameSearchKeys(name: string): string[] {
  const keys = new Set<string>();
  for (const word of wordsOf(name)) {
    const fold = foldKey(foldName(word));
    if (fold !== '') keys.add(FOLD_MARK + fold);
    const spelling = spellingKey(word);
    if (spelling !== '') keys.add(SPELLING_MARK + spelling);
  }
  return [...keys];
}

/** The nominatives a Cyrillic word may be a form of: «Галиевым» → галиев, «Тимура» → тимур; the word itself. */
function readingsOf(word: string): string[] {
  if (!hasCyrillic(word)) return [word];
  const lower = word.toLowerCase();
  return [
    ...new Set([
      lower,
      ...[...surnameReadings(lower), ...givenReadings(lower), ...patronymicReadings(lower)].map((r) => r.nominative),
    ]),
  ];
}

/** Keeps the prefixes no other one starts: 'Φgaliev' covers 'Φgalieva'. */
function shortest(prefixes: Set<string>): string[] {
  const sorted = [...prefixes].sort();
  const kept: string[] = [];
  for (const p of sorted) if (!kept.some((k) => p.startsWith(k))) kept.push(p);
  return kept;
}

/**
 * The prefixes each word of a query must find among a name's search keys: its fold and spelling, the fold and
 * spelling of each nominative it may be a form of (and of a surname's masculine stem), and its spellings in the
 * other script. Words without letters or digits are left out.
 * `querySearchPrefixes('Галиевым')` → [['Φgaliev', 'Ωgaliev', 'Ωgaliyev', 'Ωгалиев']];
 * `querySearchPrefixes('Gal Akhmetz')` → [['Φgal', 'Ωgal', 'Ωгал'], ['Φa0hme0q', 'Ωakhmetz', 'Ωахметз']].
 */
export function querySearchPrefixes(query: string): string[][] {
  const out: string[][] = [];
  for (const word of wordsOf(query)) {
    const prefixes = new Set<string>();
    for (const form of readingsOf(word)) {
      const folded = foldName(form);
      for (const f of [folded, surnameStemKey(folded)]) if (foldKey(f) !== '') prefixes.add(FOLD_MARK + foldKey(f));
      const spellings = hasCyrillic(form)
        ? [form, ...latinVariants(form, VARIANTS_PER_WORD)]
        : [form, cyrillicSpelling(form)];
      for (const s of spellings) if (spellingKey(s) !== '') prefixes.add(SPELLING_MARK + spellingKey(s));
    }
    if (prefixes.size > 0) out.push(shortest(prefixes));
  }
  return out;
}

/**
 * The least key after every key that starts with `prefix`, for an index range [prefix, end); null when there is
 * none within the prefix's marker. `searchPrefixEnd('Φgal')` → 'Φgam', `searchPrefixEnd('Ωгая')` → 'Ωгб'.
 */
export function searchPrefixEnd(prefix: string): string | null {
  const chars = [...prefix];
  while (chars.length > 1) {
    const i = KEY_ALPHABET.indexOf(chars.pop() ?? '');
    const next = i >= 0 ? KEY_ALPHABET[i + 1] : undefined;
    if (next !== undefined) return [...chars, next].join('');
  }
  return null;
}

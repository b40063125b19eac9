/**
 * Splits text into words with their offsets in the original string, so that snippets and `matches` point into the
 * source text exactly as stored (DESIGN §2.1: every offset refers to `source_texts.text`).
 *
 * A word is a run of letters, digits and combining marks (`\p{L}\p{N}\p{M}`); everything else separates words, so
 * «Санкт-Петербург» is two words, "don't" is two words, "205.5" is two words. Offsets are UTF-16 code-unit indices,
 * like every string index in JavaScript.
 */
import { forEachRun, LETTER_OR_DIGIT, MARK } from '../shared/unicode-units.js';

export interface Token {
  /** The word as normalized for matching: NFC, lower-case, ё→е, combining marks dropped. */
  norm: string;
  /** Start offset in the original text (inclusive). */
  start: number;
  /** End offset in the original text (exclusive). */
  end: number;
}

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const MARKS = /\p{M}/gu;
const HAS_MARK = /\p{M}/u;
const SIMPLE = /^[\u0000-\u02ff\u0400-\u04ff]*$/;
/** Longer runs are not words people search for (base64, hashes); they are cut so one token cannot bloat the index. */
export const MAX_TOKEN_LENGTH = 64;

/**
 * Normalizes one word for matching. `normalizeWord('Задержённого')` → 'задерженного'.
 * ё/Ё fold to е because Russian text writes ё inconsistently; without the fold «ещё» and «еще» would never meet.
 */
export function normalizeWord(word: string): string {
  let w = word.toLowerCase();
  // Latin, Latin-1 and Cyrillic letters without combining marks are already in NFC: skip ICU for nearly every word.
  if (!SIMPLE.test(w)) {
    w = w.normalize('NFC');
    // Decomposed letters NFC could not compose (Latin with stacked marks, stray accents on Cyrillic vowels such as
    // «зáмок» in dictionaries) lose their marks, so an accented spelling matches the plain one.
    if (HAS_MARK.test(w)) w = w.normalize('NFD').replace(MARKS, '').normalize('NFC');
  }
  if (w.includes('ё')) w = w.replaceAll('ё', 'е');
  if (w.length > MAX_TOKEN_LENGTH) w = w.slice(0, MAX_TOKEN_LENGTH);
  return w;
}

/** `tokenize('Задержали, detained.')` → [{norm:'задержали',start:0,end:9},{norm:'detained',start:11,end:19}]. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  forEachWord(text, (norm, start, end) => tokens.push({ norm, start, end }));
  return tokens;
}

/**
 * Calls `word` with each word's normalized form and offsets, in text order: the runs `WORD` matches, found by the
 * table of `unitKinds` (`forEachRun`; from a surrogate on, by `WORD` itself). Every report ingested is read this way.
 */
export function forEachWord(text: string, word: (norm: string, start: number, end: number) => void): void {
  const rest = forEachRun(text, LETTER_OR_DIGIT | MARK, (start, end) => {
    const norm = normalizeWord(text.slice(start, end));
    // A run of combining marks alone normalizes to nothing: not a word.
    if (norm.length > 0) word(norm, start, end);
  });
  if (rest >= 0) forEachMatchedWord(text, rest, word);
}

function forEachMatchedWord(text: string, from: number, word: (norm: string, start: number, end: number) => void) {
  WORD.lastIndex = from;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    const norm = normalizeWord(m[0]);
    if (norm.length > 0) word(norm, m.index, m.index + m[0].length);
  }
}

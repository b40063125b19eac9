import { stemToken } from './stem.js';
import { forEachWord } from './tokenize.js';

/** A field's index terms: per word, its stem and its normalized form, in text order (same position in both). */
export interface FieldTerms {
  stems: string[];
  words: string[];
}

/**
 * The terms a source is indexed under, the same for both dialects.
 * `fieldTerms('Задержаны двое')` → `{ stems: ['задержа', 'дво'], words: ['задержаны', 'двое'] }`.
 */
export function fieldTerms(text: string | null): FieldTerms {
  const terms: FieldTerms = { stems: [], words: [] };
  if (text)
    forEachWord(text, (norm) => {
      terms.stems.push(stemToken(norm));
      terms.words.push(norm);
    });
  return terms;
}

/** Marks a normalized word in an index (FTS5 row, tsvector), so a prefix query never matches a stem and back. */
export const WORD_MARK = '=';

/**
 * A field as one FTS5 column: its stems (for words and phrases, consecutive as in the text) then its marked words
 * (for prefix queries). `ftsFieldText(fieldTerms('Задержаны двое'))` → 'задержа дво =задержаны =двое'.
 */
export function ftsFieldText(terms: FieldTerms): string {
  if (terms.stems.length === 0) return '';
  return `${terms.stems.join(' ')} ${WORD_MARK}${terms.words.join(` ${WORD_MARK}`)}`;
}

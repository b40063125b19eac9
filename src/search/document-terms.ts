import { stemToken } from './stem.js';
import { tokenize } from './tokenize.js';

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
  const tokens = text ? tokenize(text) : [];
  return { stems: tokens.map((t) => stemToken(t.norm)), words: tokens.map((t) => t.norm) };
}

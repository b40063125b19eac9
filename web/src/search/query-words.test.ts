import { describe, expect, it } from 'vitest';
import { hasSearchWords } from './query-words.js';

describe('hasSearchWords', () => {
  it('finds nothing to search in operators, brackets, stars and punctuation alone', () => {
    for (const query of ['NOT', '((', '*', 'OR AND', '| &', '-', '"" «»', '...', 'NOT (OR)']) expect(hasSearchWords(query), query).toBe(false);
  });

  it('finds words, quoted words, prefixes, lower-case operators and numbers', () => {
    for (const query of ['Вымыслов', '"NOT"', 'вымысл*', 'суд -арест', 'not', 'or', '205', '(обыск OR арест)', '«Иван Вымыслов»'])
      expect(hasSearchWords(query), query).toBe(true);
  });
});

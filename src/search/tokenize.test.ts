import { describe, expect, it } from 'vitest';
import { normalizeWord, tokenize } from './tokenize.js';

describe('tokenize', () => {
  it('gives words with their offsets in the original text', () => {
    const text = 'Задержали, detained.';
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.norm)).toEqual(['задержали', 'detained']);
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual(['Задержали', 'detained']);
  });

  it('splits hyphenated words, apostrophes and numbers with dots', () => {
    expect(tokenize("Санкт-Петербург don't 205.5").map((t) => t.norm)).toEqual([
      'санкт',
      'петербург',
      'don',
      't',
      '205',
      '5',
    ]);
  });

  it('keeps decomposed letters in one word and drops their accents', () => {
    const text = 'Йошкар-Ола и за\u0301мок';
    expect(tokenize(text.normalize('NFD')).map((t) => t.norm)).toEqual(['йошкар', 'ола', 'и', 'замок']);
  });

  it('ignores punctuation, symbols and emoji', () => {
    expect(tokenize('"*^:()NEAR 🙂 — …')).toEqual([{ norm: 'near', start: 6, end: 10 }]);
  });
});

describe('normalizeWord', () => {
  it('lower-cases and folds ё to е', () => {
    expect(normalizeWord('ЗадержЁнного')).toBe('задерженного');
    expect(normalizeWord('ещё')).toBe('еще');
  });

  it('cuts very long runs so one token cannot bloat the index', () => {
    expect(normalizeWord('a'.repeat(500))).toHaveLength(64);
  });
});

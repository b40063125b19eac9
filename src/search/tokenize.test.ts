import { describe, expect, it } from 'vitest';
import { randomTexts } from '../../test/helpers/random-texts.js';
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

  it('finds the words a Unicode expression finds, in every script, marks and characters past U+FFFF included', () => {
    // The scanner reads a table of UTF-16 units; the definition of a word is this expression.
    const expected = (text: string) =>
      [...text.matchAll(/[\p{L}\p{N}\p{M}]+/gu)].flatMap((m) => {
        const norm = normalizeWord(m[0]);
        return norm.length === 0 ? [] : [{ norm, start: m.index, end: m.index + m[0].length }];
      });
    const samples = [
      '',
      '\u0301\u0301 а\u0301 Зáмок e\u0301t\u0301e\u0301',
      'x𝐀y 𝐀𝐁 😀😀 a😀b \ud800 \udc00x Ж\ud800Ж',
      '東京 ٣٤ Ⅻ ① ½ ـ ﷺ',
      'Ǆemal İstanbul ΣΑΣ ß ﬁ',
      ...randomTexts(300, 11),
    ];
    for (const text of samples) expect(tokenize(text), JSON.stringify(text)).toEqual(expected(text));
  });
});

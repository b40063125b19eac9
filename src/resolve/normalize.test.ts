import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanNameText, foldName, foldSimilarity, hasNameLetters, scriptOf, surnameSimilarity } from './normalize.js';
import { transliterate } from './transliterate.js';

describe('foldName', () => {
  it('folds the Azerbaijani schwa as English and Russian spellings write it', () => {
    expect(foldName('Məmmədli')).toBe(foldName('Mammadli'));
    expect(foldName('Həsənli')).toBe(foldName('Hasanli'));
  });
  it('makes standard and press spellings of one surname meet', () => {
    for (const form of ['Gainullin', 'Gaynullin', 'Gajnullin', 'ГАЙНУЛЛИН'])
      expect(foldName(form)).toBe(foldName('Гайнуллин'));
    for (const form of ['Shchukin', 'Ščukin', 'Schukin', 'Scukin', 'Shhukin'])
      expect(foldName(form)).toBe(foldName('Щукин'));
    for (const form of ['Sokolovsky', 'Sokolovskiy', 'Sokolovskii', 'Sokolovskij'])
      expect(foldName(form)).toBe(foldName('Соколовский'));
  });
  it('folds ё to е, soft signs and apostrophes away', () => {
    expect(foldName('Фёдор')).toBe(foldName('Fedor'));
    expect(foldName('Fyodor')).toBe(foldName('Федор'));
    expect(foldName("Mosal'skaya")).toBe(foldName('Мосальская'));
    expect(foldName('Mosalʹskaja')).toBe(foldName('Мосальская'));
  });
  it('treats initial Ye- and glides between vowels as optional', () => {
    expect(foldName('Yevgeniy')).toBe(foldName('Евгений'));
    expect(foldName('Andreyevich')).toBe(foldName('Андреевич'));
    expect(foldName('Grigoryev')).toBe(foldName('Григорьев'));
  });
  it('keeps surnames that differ by a real letter apart', () => {
    expect(foldName('Гайнуллин')).not.toBe(foldName('Гайнутдинов'));
    expect(foldName('Sokolov')).not.toBe(foldName('Sokolovsky'));
    expect(foldSimilarity(foldName('Котов'), foldName('Котков'))).toBeLessThan(0.9);
    // A vowel put for another is a family apart (а / е is cheap only after a glide, where schemes disagree) …
    expect(foldSimilarity(foldName('Граченский'), foldName('Грачанский'))).toBeLessThan(0.9);
    expect(foldSimilarity(foldName('Завьялов'), foldName('Zavielov'))).toBeGreaterThan(0.9);
    // … and for surnames a substituted letter counts twice, a dropped or swapped one once.
    expect(surnameSimilarity(foldName('Юдинененко'), foldName('Юдинаненко'))).toBeLessThan(0.85);
    expect(surnameSimilarity(foldName('Гайнуллин'), foldName('Гайнулин'))).toBeGreaterThan(0.85);
    expect(surnameSimilarity(foldName('Павлова'), foldName('Павлвоа'))).toBeGreaterThan(0.95);
  });
  it('brings Central Asian spellings passing through Russian close', () => {
    expect(foldSimilarity(foldName('Bahodir'), foldName('Бахадыр'))).toBeGreaterThan(0.9);
    expect(foldName('Bakhodir')).toBe(foldName('Bahodir'));
    expect(foldName('Ghulom')).toBe(foldName('Гулом'));
    expect(foldSimilarity(foldName('Rustamjon'), foldName('Рустамжон'))).toBeGreaterThan(0.95);
  });
  it('is the same for a Cyrillic word and its ICAO, BGN/PCGN and GOST 7.79 B spellings (property)', () => {
    const letters = 'абвгдежзиклмнопрстуфхцчшщыэюя';
    const word = fc
      .array(fc.constantFrom(...letters), { minLength: 3, maxLength: 10 })
      .map((a) => a.join(''))
      .filter((w) => !/[ьъ]/.test(w));
    fc.assert(
      fc.property(word, (w) => {
        const key = foldName(w);
        for (const scheme of ['ICAO', 'BGN_PCGN'] as const) {
          expect(foldSimilarity(key, foldName(transliterate(w, scheme)))).toBeGreaterThanOrEqual(0.8);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('cleanNameText and scriptOf', () => {
  it('lower-cases, folds ё and drops apostrophes', () => {
    expect(cleanNameText(' Мосаль’ская ')).toBe('мосальская');
    expect(cleanNameText('Ёлкин')).toBe('елкин');
  });
  it('tells the script by counting letters', () => {
    expect(scriptOf('Гайнуллин R.')).toBe('cyrillic');
    expect(scriptOf('Gainullin')).toBe('latin');
  });
});

describe('hasNameLetters', () => {
  it('finds no letters in symbols, digits, punctuation or a script the fold does not know', () => {
    for (const text of ['☺☺ ☺☺☺', '★ ★★★', '12 345', '1990', '... ---', '«—», !?', 'ь', 'Γιώργος', ''])
      expect(hasNameLetters(text), text).toBe(false);
    expect(foldName('☺☺')).toBe('');
  });
  it('finds letters in Latin, Cyrillic and Central Asian names, even among symbols', () => {
    for (const text of ['Gainullin', 'Гайнуллин', 'Ғайрат', 'Ölçek', '☺ R.', 'Ринат 1990'])
      expect(hasNameLetters(text), text).toBe(true);
  });
});

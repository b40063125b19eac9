import { describe, expect, it } from 'vitest';
import { nameSearchKeys, querySearchPrefixes, searchPrefixEnd } from './name-search-keys.js';

/** Whether a query finds a name as the people table does: every query word begins some word key of the name. */
function finds(query: string, name: string): boolean {
  const keys = nameSearchKeys(name);
  const words = querySearchPrefixes(query);
  return words.length > 0 && words.every((prefixes) => prefixes.some((p) => keys.some((k) => k.startsWith(p))));
}

describe('name search keys', () => {
  it('finds a name written in the other script, under any common transliteration', () => {
    for (const query of ['Галиев', 'галиев', 'Руслан', 'Руслан Галиев', 'Галиев Руслан'])
      expect(finds(query, 'Ruslan Galiev'), query).toBe(true);
    for (const query of ['Akhmetzyanov', 'Akhmetzianov', 'Ahmetzyanov', 'Timur', 'timur akhmetzyanov'])
      expect(finds(query, 'Тимур Ахметзянов'), query).toBe(true);
    for (const query of ['Gainullin', 'Gaynullin', 'Gajnullin', 'Гайнуллин'])
      expect(finds(query, 'Тамара Гайнуллина'), query).toBe(true);
  });

  it('finds a Russian name by an inflected form of it', () => {
    for (const query of ['Галиева', 'Галиеву', 'Галиевым', 'Руслана Галиева'])
      expect(finds(query, 'Ruslan Galiev'), query).toBe(true);
    for (const query of ['Ахметзянова', 'Ахметзяновым', 'Тимура Ахметзянова', 'Тимуром'])
      expect(finds(query, 'Тимур Ахметзянов'), query).toBe(true);
    expect(finds('Гайнуллиной', 'Тамара Гайнуллина')).toBe(true);
  });

  it('finds the beginning of a word, typed in either script, even where the fold of the whole word differs', () => {
    // «Ахметзянов» folds its тз to ц (aHmeQianov); «Ахмет» alone folds to aHmet.
    for (const query of ['Ахмет', 'Akhmet', 'Ахметз', 'akhmetz', 'Тим', 'Ti'])
      expect(finds(query, 'Тимур Ахметзянов'), query).toBe(true);
    for (const query of ['Гал', 'gal', 'Rusl', 'Рус']) expect(finds(query, 'Ruslan Galiev'), query).toBe(true);
  });

  it('wants every word of the query in the name, and a word to begin with it', () => {
    expect(finds('Timur Galiev', 'Тимур Ахметзянов')).toBe(false);
    expect(finds('uslan', 'Ruslan Galiev')).toBe(false);
    expect(finds('Гайнуллин', 'Ruslan Galiev')).toBe(false);
    expect(finds('☺☺', 'Ruslan Galiev')).toBe(false);
  });

  it('writes keys no lower-cased name holds, in an alphabet every collation orders as bytes', () => {
    expect(nameSearchKeys('Тимур Ахметзянов')).toEqual(['Φtimur', 'Ωтимур', 'Φa0hme0qianov', 'Ωахметзянов']);
    expect(nameSearchKeys("Йылмаз O'Neil-Ščukin")).toEqual([
      'Φilmaz',
      'Ωиылмаз',
      'Φoneil',
      'Ωoneil',
      'Φ0sukin',
      'Ωscukin',
    ]);
    for (const key of nameSearchKeys('Пётр Щукин-Ёлкин Jr. 2nd Ğökçe'))
      expect(key, key).toMatch(/^[ΦΩ][0-9a-zа-ийк-я]+$/u);
  });

  it('ends a prefix range at the next key of the alphabet', () => {
    expect(searchPrefixEnd('Φgal')).toBe('Φgam');
    expect(searchPrefixEnd('Ωги')).toBe('Ωгк');
    expect(searchPrefixEnd('Ωгая')).toBe('Ωгб');
    expect(searchPrefixEnd('Φz')).toBe('Φа');
    expect(searchPrefixEnd('Ωяя')).toBeNull();
  });
});

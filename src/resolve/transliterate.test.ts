import { describe, expect, it } from 'vitest';
import { cyrillicSpelling, latinVariants, schemesProducing, transliterate } from './transliterate.js';

describe('transliterate', () => {
  it('follows the named standards, with ё folded first', () => {
    expect(transliterate('Фёдор Щукин', 'BGN_PCGN')).toBe('Fedor Shchukin');
    expect(transliterate('Юлия', 'ICAO')).toBe('Iuliia');
    expect(transliterate('Гайнуллин', 'GOST_779_B')).toBe('Gajnullin');
    expect(transliterate('Щукин', 'ISO_9')).toBe('Ŝukin');
    expect(transliterate('Юлия', 'SCIENTIFIC')).toBe('Julija');
  });
  it('names the schemes that produce a spelling', () => {
    expect(schemesProducing('Фёдор', 'Fedor')).toContain('BGN_PCGN');
    expect(schemesProducing('Гайнуллин', 'Gaynullin')).toContain('BGN_PCGN');
    expect(schemesProducing('Гайнуллин', 'Gaynullin')).not.toContain('ICAO');
  });
  it('generates press variants beyond the standards', () => {
    const variants = latinVariants('Щукин');
    for (const v of ['Shchukin', 'Schukin', 'Scukin']) expect(variants).toContain(v);
    expect(latinVariants('Соколовский')).toEqual(expect.arrayContaining(['Sokolovsky', 'Sokolovskiy', 'Sokolovskii']));
    // An initial Е is written Ye once, never doubled (Yeegor was once generated).
    expect(latinVariants('Егор')).toEqual(expect.arrayContaining(['Egor', 'Yegor']));
    expect(latinVariants('Егор').some((v) => v.startsWith('Yee'))).toBe(false);
  });
});

describe('cyrillicSpelling', () => {
  it('writes a Latin Russian name back in Cyrillic', () => {
    expect(cyrillicSpelling('Gaynullin')).toBe('Гайнуллин');
    expect(cyrillicSpelling('Gainullin')).toBe('Гайнуллин');
    expect(cyrillicSpelling('Shchukin')).toBe('Щукин');
    expect(cyrillicSpelling('Yevgeniy')).toBe('Евгений');
    expect(cyrillicSpelling('Zhukov')).toBe('Жуков');
  });
});

import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language.js';

describe('detectLanguage', () => {
  it('calls a Russian report with quoted Latin names Russian', () => {
    expect(detectLanguage('Сегодня в Уфе задержали активиста (Ivan Testov, https://example.org).')).toBe('ru');
  });

  it('calls an English report with a quoted Cyrillic name English', () => {
    expect(detectLanguage('Police in Ufa detained the activist «Тестов» after a solitary picket.')).toBe('en');
  });

  it('counts Latin letters outside ASCII and Cyrillic letters outside the basic block', () => {
    expect(detectLanguage('éèêëàâîïôûùç')).toBe('en');
    expect(detectLanguage('ꙮꙮꙮ abc')).toBe('ru');
  });

  it('does not count combining marks of the Cyrillic block (U+0485, U+0486) as letters', () => {
    expect(detectLanguage('ab\u0485\u0486\u0485\u0486')).toBe('other');
  });

  it('answers other for text with fewer than three letters', () => {
    expect(detectLanguage('12 — 34')).toBe('other');
  });
});

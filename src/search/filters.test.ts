import { describe, expect, it } from 'vitest';
import { filtersLanguageOrDate, RANK_WINDOW, rankWindow, resolveOptions, withoutFacet } from './filters.js';

describe('resolveOptions', () => {
  it('defaults to 20 results from the first and lowers a limit above 100 to 100', () => {
    expect(resolveOptions()).toMatchObject({
      limit: 20,
      offset: 0,
      language: null,
      from: null,
      toExclusive: null,
      scope: null,
    });
    expect(resolveOptions({ limit: 5000 }).limit).toBe(100);
  });

  it('turns the inclusive `to` day into the next day, across month and year ends', () => {
    expect(resolveOptions({ to: '2022-03-10' }).toExclusive).toBe('2022-03-11');
    expect(resolveOptions({ to: '2024-02-29' }).toExclusive).toBe('2024-03-01');
    expect(resolveOptions({ to: '2022-12-31' }).toExclusive).toBe('2023-01-01');
  });

  it('refuses impossible dates, bad limits and offsets with VALIDATION', () => {
    const bad = [
      { from: '2022-02-30' },
      { to: '10.03.2022' },
      { from: "2022-01-01' OR 1=1" },
      { limit: 0 },
      { limit: 2.5 },
      { offset: -1 },
      { offset: 1e9 },
    ];
    for (const options of bad)
      expect(() => resolveOptions(options), JSON.stringify(options)).toThrow(
        expect.objectContaining({ code: 'VALIDATION' }),
      );
  });
});

describe('rankWindow', () => {
  it('ranks the newest RANK_WINDOW matches for early pages and widens in whole steps for deeper ones', () => {
    expect(rankWindow({ offset: 0, limit: 20 })).toBe(RANK_WINDOW);
    expect(rankWindow({ offset: RANK_WINDOW - 20, limit: 20 })).toBe(RANK_WINDOW);
    expect(rankWindow({ offset: RANK_WINDOW, limit: 20 })).toBe(2 * RANK_WINDOW);
  });
});

describe('filtersLanguageOrDate and withoutFacet', () => {
  it('says a search is narrowed by language or date, and no longer by the facet taken off', () => {
    expect(filtersLanguageOrDate(resolveOptions())).toBe(false);
    expect(filtersLanguageOrDate(resolveOptions({ limit: 5 }))).toBe(false);
    const byLanguage = resolveOptions({ language: 'ru' });
    const byDate = resolveOptions({ from: '2022-01-01' });
    const untilDate = resolveOptions({ to: '2022-12-31' });
    for (const narrowed of [byLanguage, byDate, untilDate]) expect(filtersLanguageOrDate(narrowed)).toBe(true);
    expect(filtersLanguageOrDate(withoutFacet(byLanguage, 'language'))).toBe(false);
    expect(filtersLanguageOrDate(withoutFacet(byLanguage, 'year'))).toBe(true);
    expect(filtersLanguageOrDate(withoutFacet(untilDate, 'year'))).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { RANK_WINDOW, rankWindow, resolveOptions } from './filters.js';

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

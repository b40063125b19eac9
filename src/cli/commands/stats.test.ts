import { describe, expect, it } from 'vitest';
import type { RecordStats } from '../../record/index.js';
import { statsLines } from './stats.js';

const stats = (byCase: RecordStats['byCase']): RecordStats => ({
  totals: {},
  byMonth: [],
  byRegion: [],
  byCase,
  byArticle: [],
  sentences: { persons: 0, totalYears: 0 },
});

describe('statsLines', () => {
  it('lists the 20 cases with the most events, most first, and sums the rest in one line', () => {
    // 25 cases: «дело 1» with 1 arrest … «дело 25» with 25; «дело 3» also with 100 detentions.
    const byCase: RecordStats['byCase'] = Array.from({ length: 25 }, (_, i) => ({
      key: `c${String(i + 1).padStart(2, '0')}`,
      caseName: `дело ${i + 1}`,
      type: 'arrest',
      events: i + 1,
      persons: 1,
    }));
    byCase.push({ key: 'c03', caseName: 'дело 3', type: 'detention', events: 100, persons: 2 });
    const lines = statsLines(stats(byCase));
    const from = lines.indexOf('by case (the 20 with the most events of 25)');
    expect(from).toBeGreaterThan(0);
    const table = lines.slice(from + 1);
    expect(table.slice(0, 3)).toEqual([
      'дело 3   arrest     3 events, 1 persons',
      'дело 3   detention  100 events, 2 persons',
      'дело 25  arrest     25 events, 1 persons',
    ]);
    expect(table).toHaveLength(22);
    // Left out: «дело 1», 2, 4, 5 and 6 — 18 arrests.
    expect(table.at(-1)).toBe('5 more cases: arrest 18 events');
  });

  it('prints no table for a dimension with nothing counted', () => {
    expect(statsLines(stats([]))).toEqual(['sentences: 0 persons, 0 years in total']);
  });
});

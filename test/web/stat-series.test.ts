import { describe, expect, it } from 'vitest';
import { chartTable, monthSeries, OTHER_KEY, topSeries } from '../../web/src/charts/stat-series.js';

const bucket = (key: string, type: string, events: number, caseName?: string) => ({
  key,
  type,
  events,
  persons: events,
  ...(caseName ? { caseName } : {}),
});

describe('statistics chart data', () => {
  it('fills the months between the first and the last with zeros and leaves out unknown months', () => {
    const data = monthSeries([
      bucket('2023-11', 'arrest', 2),
      bucket('2024-02', 'detention', 5),
      bucket('2024-02', 'arrest', 1),
      bucket('unknown', 'search', 7),
    ]);
    expect(data.types).toEqual(['detention', 'arrest']);
    expect(data.rows).toEqual([
      { key: '2023-11', counts: [0, 2] },
      { key: '2023-12', counts: [0, 0] },
      { key: '2024-01', counts: [0, 0] },
      { key: '2024-02', counts: [5, 1] },
    ]);
  });

  it('does not fill a range of centuries (a mistyped year) month by month', () => {
    const data = monthSeries([bucket('1024-01', 'detention', 1), bucket('2024-01', 'detention', 1)]);
    expect(data.rows.map((r) => r.key)).toEqual(['1024-01', '2024-01']);
  });

  it('keeps the largest categories and sums the rest into one "other" row', () => {
    const buckets = ['a', 'b', 'c', 'd', 'e'].flatMap((key, i) => [
      bucket(key, 'detention', 10 - i),
      bucket(key, 'sentence', 1),
    ]);
    const data = topSeries(buckets, 2);
    expect(data.rows.map((r) => [r.key, r.counts])).toEqual([
      ['a', [10, 1]],
      ['b', [9, 1]],
      [OTHER_KEY, [8 + 7 + 6, 3]],
    ]);
    expect(data.otherCount).toBe(3);
    // One category more than the top is shown itself rather than as an "other" of one.
    expect(topSeries(buckets.slice(0, 6), 2).rows.map((r) => r.key)).toEqual(['a', 'b', 'c']);
  });

  it('keeps case names as labels and writes the data as table cells', () => {
    const data = topSeries([bucket('case-1', 'arrest', 2, 'дело Выдуманных')]);
    expect(chartTable(data, { key: 'Case', type: (t) => t.toUpperCase() }, (row) => row.label ?? row.key)).toEqual([
      ['Case', 'ARREST'],
      ['дело Выдуманных', 2],
    ]);
  });
});

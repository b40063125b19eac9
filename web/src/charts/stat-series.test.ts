import { describe, expect, it } from 'vitest';
import { OTHER_KEY, topSeries } from './stat-series.js';

const bucket = (key: string, type: string, events: number) => ({ key, type, events, persons: 1 });

describe('topSeries', () => {
  it('keeps the largest categories and sums the rest into one row', () => {
    const data = topSeries([bucket('a', 'arrest', 5), bucket('b', 'arrest', 3), bucket('c', 'detention', 1)], 1);
    expect(data.types).toEqual(['detention', 'arrest']);
    expect(data.rows).toEqual([
      { key: 'a', label: null, counts: [0, 5] },
      { key: OTHER_KEY, label: null, counts: [1, 3] },
    ]);
    expect(data.otherCount).toBe(2);
  });

  it('counts the categories the API left out among the rest, with their events', () => {
    const data = topSeries([bucket('a', 'arrest', 5)], 10, {
      count: 40,
      events: [
        { type: 'arrest', events: 7 },
        { type: 'sentence', events: 2 },
      ],
    });
    expect(data.types).toEqual(['arrest', 'sentence']);
    expect(data.rows).toEqual([
      { key: 'a', label: null, counts: [5, 0] },
      { key: OTHER_KEY, label: null, counts: [7, 2] },
    ]);
    expect(data.otherCount).toBe(40);
  });

  it('sums the left-out cases together with the buckets beyond the top', () => {
    const data = topSeries([bucket('a', 'arrest', 5), bucket('b', 'arrest', 1)], 1, {
      count: 1,
      events: [{ type: 'arrest', events: 1 }],
    });
    expect(data.rows.map((r) => r.key)).toEqual(['a', OTHER_KEY]);
    expect(data.otherCount).toBe(2);
  });
});

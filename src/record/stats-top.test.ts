import { describe, expect, it } from 'vitest';
import { type RecordStats, topCases } from './stats.js';

const bucket = (key: string, type: string, events: number) => ({ key, type, events, persons: 1, caseName: key });

const stats = (byCase: RecordStats['byCase']): RecordStats => ({
  totals: {},
  byMonth: [],
  byRegion: [],
  byCase,
  byArticle: [],
  sentences: { persons: 0, totalYears: 0 },
});

describe('topCases', () => {
  it('keeps every case when there are no more than the limit', () => {
    const all = stats([bucket('c1', 'arrest', 2), bucket('c2', 'detention', 1)]);
    expect(topCases(all, 2)).toEqual({ ...all, caseCount: 2, byCaseOther: [] });
  });

  it('keeps the cases with the most events over all types, and sums the rest per type', () => {
    const page = topCases(
      stats([
        bucket('a', 'arrest', 1),
        bucket('a', 'detention', 3), // a: 4 in all
        bucket('b', 'arrest', 5), // b: 5
        bucket('c', 'detention', 2), // c: 2
        bucket('d', 'sentence', 4), // d: 4, ties with a and loses on the id
      ]),
      2,
    );
    expect(page.byCase.map((b) => `${b.key}/${b.type}`)).toEqual(['a/arrest', 'a/detention', 'b/arrest']);
    expect(page.caseCount).toBe(4);
    expect(page.byCaseOther).toEqual([
      { type: 'detention', events: 2 },
      { type: 'sentence', events: 4 },
    ]);
  });

  it('keeps everything with an infinite limit', () => {
    const all = stats([bucket('a', 'arrest', 1), bucket('b', 'arrest', 2)]);
    expect(topCases(all, Number.POSITIVE_INFINITY).byCase).toHaveLength(2);
  });
});

import { describe, expect, it } from 'vitest';
import { parameterChunks, rowChunks } from './parameter-chunks.js';

describe('parameterChunks', () => {
  it('keeps every row, in order, with at most 30,000 parameters and 1,000 rows per chunk', () => {
    const rows = Array.from({ length: 4321 }, (_, i) => i);
    const wide = parameterChunks(rows, 22);
    expect(wide.flat()).toEqual(rows);
    expect(Math.max(...wide.map((c) => c.length * 22))).toBeLessThanOrEqual(30_000);
    expect(Math.max(...parameterChunks(rows, 1).map((c) => c.length))).toBe(1000);
  });

  it('counts one parameter per column of object rows, and has nothing to split in no rows', () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => ({ a: i, b: i, c: i, d: i, e: i, f: i }));
    expect(rowChunks(rows).map((c) => c.length)).toEqual(Array(10).fill(1000));
    expect(rowChunks([])).toEqual([]);
    expect(parameterChunks([1, 2], 100_000)).toEqual([[1], [2]]);
  });
});

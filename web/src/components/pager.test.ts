import { describe, expect, it } from 'vitest';
import { offsetInRange } from './pager.js';

describe('offsetInRange', () => {
  it('keeps an offset inside the list', () => {
    expect(offsetInRange(0, 25, 0)).toBe(0);
    expect(offsetInRange(25, 25, 30)).toBe(25);
    expect(offsetInRange(25, 25, 26)).toBe(25);
  });

  it('steps back from past the end to the last page with rows', () => {
    // The last rows of page 2 of 2 were decided: 25 proposals left, all on page 1.
    expect(offsetInRange(25, 25, 25)).toBe(0);
    expect(offsetInRange(25, 25, 3)).toBe(0);
    expect(offsetInRange(500, 25, 13)).toBe(0);
    expect(offsetInRange(500, 25, 60)).toBe(50);
  });

  it('goes to the first page when the list is empty or the offset is nonsense', () => {
    expect(offsetInRange(50, 25, 0)).toBe(0);
    expect(offsetInRange(-5, 25, 10)).toBe(0);
  });
});

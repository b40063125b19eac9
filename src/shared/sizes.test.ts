import { describe, expect, it } from 'vitest';
import { sizeInWords } from './sizes.js';

describe('sizeInWords', () => {
  it('says bytes under a megabyte and megabytes to a tenth above, never rounding a size down to a limit', () => {
    expect(sizeInWords(0)).toBe('0 bytes');
    expect(sizeInWords(2500)).toBe('2,500 bytes');
    expect(sizeInWords(1024 * 1024)).toBe('1 MB');
    expect(sizeInWords(256 * 1024 * 1024)).toBe('256 MB');
    expect(sizeInWords(100 * 1024 * 1024 + 1)).toBe('100.1 MB');
    expect(sizeInWords(1.5 * 1024 * 1024)).toBe('1.5 MB');
    expect(sizeInWords(2048 * 1024 * 1024)).toBe('2,048 MB');
  });
});

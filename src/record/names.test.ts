import { describe, expect, it } from 'vitest';
import { datePrecision, normalizeName } from './names.js';

describe('normalizeName', () => {
  it('folds case, ё to е and runs of white space, so «Пётр Семёнов» and «ПЕТР  СЕМЕНОВ» are one name', () => {
    expect(normalizeName('  Пётр  СЕМЁНОВ ')).toBe('петр семенов');
    expect(normalizeName('ПЕТР СЕМЕНОВ')).toBe(normalizeName('Пётр Семёнов'));
  });
});

describe('datePrecision', () => {
  it('reads the precision the ISO value states and never invents one', () => {
    expect(datePrecision('2024-03-12')).toBe('day');
    expect(datePrecision('2020-11')).toBe('month');
    expect(datePrecision('2019')).toBe('year');
    expect(datePrecision('March')).toBeNull();
    expect(datePrecision(null)).toBeNull();
  });
});

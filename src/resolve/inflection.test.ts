import { describe, expect, it } from 'vitest';
import { declineSurname } from './inflection.js';

describe('declineSurname', () => {
  it('declines a man’s surname by its stem, hard or soft', () => {
    const cases = ['gen', 'dat', 'acc', 'ins', 'pre'] as const;
    expect(cases.map((c) => declineSurname('гайнуллин', 'm', c))).toEqual([
      'гайнуллина',
      'гайнуллину',
      'гайнуллина',
      'гайнуллиным',
      'гайнуллине',
    ]);
    expect(cases.map((c) => declineSurname('кулик', 'm', c))).toEqual([
      'кулика',
      'кулику',
      'кулика',
      'куликом',
      'кулике',
    ]);
    expect(cases.map((c) => declineSurname('тополь', 'm', c))).toEqual([
      'тополя',
      'тополю',
      'тополя',
      'тополем',
      'тополе',
    ]);
    expect(cases.map((c) => declineSurname('гай', 'm', c))).toEqual(['гая', 'гаю', 'гая', 'гаем', 'гае']);
    expect(declineSurname('соколовский', 'm', 'dat')).toBe('соколовскому');
  });

  it('leaves indeclinable surnames and a woman’s surname of a consonant as they are', () => {
    expect(declineSurname('гринько', 'm', 'gen')).toBe('гринько');
    expect(declineSurname('кулик', 'f', 'gen')).toBe('кулик');
    expect(declineSurname('соколовская', 'f', 'ins')).toBe('соколовской');
  });
});

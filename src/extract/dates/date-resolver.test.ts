import { describe, expect, it } from 'vitest';
import { findDateExpressions } from './date-grammar.js';
import { resolveDates } from './date-resolver.js';

// Invented sentences, written for these tests.
const resolve = (sentences: string[], language: 'ru' | 'en', referenceDate: string): string[] => {
  const matches = sentences.flatMap((s) => findDateExpressions(s, language).map((m) => ({ ...m, text: s })));
  return resolveDates(matches, referenceDate).map((d) => d.value);
};

describe('resolveDates', () => {
  it('gives a year-less day the reference year, not a deadline year', () => {
    const out = resolve(
      ['Her house arrest runs until 14 January 2021.', 'She was detained on 20 July.'],
      'en',
      '2020-10-26',
    );
    expect(out).toEqual(['2021-01-14', '2020-07-20']);
  });

  it('does not let a background year pull a recent day into the past', () => {
    const out = resolve(
      ['The group was banned in April 2017.', 'On 17 February, a court ordered him held.'],
      'en',
      '2019-02-20',
    );
    expect(out).toEqual(['2017-04', '2019-02-17']);
  });

  it('keeps the year of an earlier full date for a year-less day', () => {
    const out = resolve(['24 февраля 2022 года его задержали.', '26 февраля суд арестовал его.'], 'ru', '2024-03-01');
    expect(out).toEqual(['2022-02-24', '2022-02-26']);
  });

  it('puts a year-less month after publication in the previous year', () => {
    expect(resolve(['Her trial opened in December.'], 'en', '2024-02-14')).toEqual(['2023-12']);
  });

  it('reads a bare weekday as past, but as future when the sentence speaks of the future', () => {
    expect(resolve(['В среду его задержали.'], 'ru', '2022-06-28')).toEqual(['2022-06-22']);
    expect(resolve(['В среду суд рассмотрит жалобу.'], 'ru', '2022-06-28')).toEqual(['2022-06-29']);
    expect(resolve(['A court is expected to rule on Thursday.'], 'en', '2021-10-12')).toEqual(['2021-10-14']);
    expect(resolve(['On Thursday, the court ruled.'], 'en', '2021-10-12')).toEqual(['2021-10-07']);
    expect(resolve(['The hearing is set for next Monday.'], 'en', '2021-10-12')).toEqual(['2021-10-18']);
  });

  it('does not read "a week after the ministry acted" as a date', () => {
    expect(resolve(['It came a week after the ministry listed them.'], 'en', '2021-10-12')).toEqual([]);
  });
});

import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from './en.json';
import ru from './ru.json';

// Numbers said in words as the statistics page says them, through i18next's plural forms (Intl.PluralRules).
const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({ resources: { en: { translation: en }, ru: { translation: ru } }, lng: 'en', interpolation: { escapeValue: false } });
});

const sentences = (lng: string, persons: number, years: number) =>
  i18n.t('stats.sentences', {
    lng,
    persons: i18n.t('stats.sentencedPersons', { lng, count: persons }),
    years: i18n.t('stats.sentenceYears', { lng, count: years }),
  });

describe('the sentence summary of the statistics', () => {
  it('says one person and years in English', () => {
    expect(sentences('en', 1, 3)).toBe('Sentenced: 1 person, 3 years in total.');
    expect(sentences('en', 2, 1)).toBe('Sentenced: 2 people, 1 year in total.');
  });

  it('declines years in Russian, a fraction taking «года»', () => {
    expect(sentences('ru', 1, 3)).toBe('Осуждены: 1 чел., всего 3 года.');
    expect(i18n.t('stats.sentenceYears', { lng: 'ru', count: 1 })).toBe('1 год');
    expect(i18n.t('stats.sentenceYears', { lng: 'ru', count: 21 })).toBe('21 год');
    expect(i18n.t('stats.sentenceYears', { lng: 'ru', count: 5 })).toBe('5 лет');
    expect(i18n.t('stats.sentenceYears', { lng: 'ru', count: 11 })).toBe('11 лет');
    expect(i18n.t('stats.sentenceYears', { lng: 'ru', count: 9.5 })).toBe('9,5 года');
  });
});

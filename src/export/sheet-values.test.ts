import { describe, expect, it } from 'vitest';
import {
  readArticles,
  readBirthYear,
  readGender,
  readSentenceYears,
  readSheetDate,
  readStatus,
  readUrls,
} from './sheet-values.js';

const value = <T>(read: { ok: true; value: T } | { ok: false; reason: string }): T | string =>
  read.ok ? read.value : `✗ ${read.reason}`;

describe('readSheetDate', () => {
  it('reads ISO, dotted (always day first) and two-digit-year dates at day precision', () => {
    expect(value(readSheetDate('2021-03-05'))).toEqual({ value: '2021-03-05', precision: 'day' });
    // A workbook's date-and-time cell, as spreadsheet.ts writes it: the day.
    expect(value(readSheetDate('2021-03-05T09:30:00'))).toEqual({ value: '2021-03-05', precision: 'day' });
    expect(value(readSheetDate('05.03.2021'))).toEqual({ value: '2021-03-05', precision: 'day' });
    expect(value(readSheetDate('5.3.2021', 'month-first'))).toEqual({ value: '2021-03-05', precision: 'day' });
    expect(value(readSheetDate('05.03.21'))).toEqual({ value: '2021-03-05', precision: 'day' });
    expect(value(readSheetDate('05.03.2021 г.'))).toEqual({ value: '2021-03-05', precision: 'day' });
  });

  it('reads slashed dates in the declared order', () => {
    expect(value(readSheetDate('5/3/2021'))).toEqual({ value: '2021-03-05', precision: 'day' });
    expect(value(readSheetDate('5/3/2021', 'month-first'))).toEqual({ value: '2021-05-03', precision: 'day' });
    expect(value(readSheetDate('12/31/2021', 'month-first'))).toEqual({ value: '2021-12-31', precision: 'day' });
    expect(value(readSheetDate('12/31/2021', 'day-first'))).toBe('✗ unreadable date «12/31/2021»: no month 31');
  });

  it('reads month names in Russian and English at month precision, and a bare year at year precision', () => {
    expect(value(readSheetDate('март 2021'))).toEqual({ value: '2021-03', precision: 'month' });
    expect(value(readSheetDate('March 2021'))).toEqual({ value: '2021-03', precision: 'month' });
    expect(value(readSheetDate('5 марта 2021 года'))).toEqual({ value: '2021-03-05', precision: 'day' });
    expect(value(readSheetDate('March 5, 2021'))).toEqual({ value: '2021-03-05', precision: 'day' });
    expect(value(readSheetDate('03.2021'))).toEqual({ value: '2021-03', precision: 'month' });
    expect(value(readSheetDate('2021'))).toEqual({ value: '2021', precision: 'year' });
  });

  it('refuses days that do not exist and text that is not a date', () => {
    expect(value(readSheetDate('31.02.2021'))).toBe('✗ unreadable date «31.02.2021»: no such day');
    expect(value(readSheetDate('31 февраля 2021'))).toBe('✗ unreadable date «31 февраля 2021»: no such day');
    expect(value(readSheetDate('весна 2021'))).toBe('✗ unreadable date «весна 2021»');
    expect(value(readSheetDate('до марта 2021'))).toBe('✗ unreadable date «до марта 2021»');
    expect(value(readSheetDate('5 марта'))).toBe('✗ unreadable date «5 марта»');
  });
});

describe('readArticles', () => {
  it('reads parts before or after the article, and a code named once holds for the whole cell', () => {
    expect(value(readArticles('212.2 ч.1; 280.3'))).toEqual([
      { code: 'УК РФ', article: '212.2', part: 1 },
      { code: 'УК РФ', article: '280.3', part: null },
    ]);
    expect(value(readArticles('ч. 2 ст. 205.5 УК РФ'))).toEqual([{ code: 'УК РФ', article: '205.5', part: 2 }]);
    expect(value(readArticles('ст. 20.3.1 КоАП, ст. 19.3 КоАП'))).toEqual([
      { code: 'КоАП РФ', article: '20.3.1', part: null },
      { code: 'КоАП РФ', article: '19.3', part: null },
    ]);
    expect(value(readArticles('207.3 ч.2', 'УК РБ'))).toEqual([{ code: 'УК РБ', article: '207.3', part: 2 }]);
  });

  it('refuses a piece with no article number or with words it does not know', () => {
    expect(value(readArticles('212.2; экстремизм'))).toBe('✗ unreadable article «экстремизм»');
    expect(value(readArticles('ст. 280 и ещё что-то'))).toBe('✗ unreadable article «ст. 280 и ещё что-то»');
  });
});

describe('readStatus', () => {
  it('reads Russian and English words and the record codes', () => {
    expect(value(readStatus('в СИЗО'))).toBe('in_custody');
    expect(value(readStatus('Под домашним арестом'))).toBe('house_arrest');
    expect(value(readStatus('осуждён'))).toBe('sentenced');
    expect(value(readStatus('Освобождена'))).toBe('released');
    expect(value(readStatus('эмигрировал'))).toBe('emigrated');
    expect(value(readStatus('house arrest'))).toBe('house_arrest');
    expect(value(readStatus('in_custody'))).toBe('in_custody');
  });

  it("prefers the map's own labels and refuses unknown words", () => {
    expect(value(readStatus('этап', { этап: 'in_custody' }))).toBe('in_custody');
    expect(value(readStatus('под подпиской'))).toBe('✗ unknown status «под подпиской»');
  });
});

describe('other cells', () => {
  it('reads sentences in years and months', () => {
    expect(value(readSentenceYears('6 лет'))).toBe(6);
    expect(value(readSentenceYears('6,5'))).toBe(6.5);
    expect(value(readSentenceYears('6 лет 6 месяцев'))).toBe(6.5);
    expect(value(readSentenceYears('4 years 3 months'))).toBe(4.25);
    expect(value(readSentenceYears('условно'))).toBe('✗ unreadable sentence «условно»');
  });

  it('reads genders, birth years and links', () => {
    expect(value(readGender('Муж.'))).toBe('masc');
    expect(value(readGender('F'))).toBe('femn');
    expect(value(readGender('?'))).toBe('✗ unknown gender «?»');
    expect(value(readBirthYear('1987 г.'))).toBe(1987);
    expect(value(readBirthYear('12.05.1990'))).toBe(1990);
    expect(value(readBirthYear('87'))).toBe('✗ unreadable birth year «87»');
    expect(value(readUrls('https://example.org/a; http://example.org/b'))).toEqual([
      'https://example.org/a',
      'http://example.org/b',
    ]);
    expect(value(readUrls('https://example.org/a см. телеграм'))).toBe('✗ not a link «см.» in sources');
  });
});

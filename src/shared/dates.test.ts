import { describe, expect, it } from 'vitest';
import { isAfterToday, isCalendarDate, isCalendarDay } from './dates.js';

describe('calendar dates', () => {
  it('accepts a year, a month and a real day', () => {
    for (const value of ['2024', '2024-01', '2024-12', '2024-02-29', '2000-02-29', '2025-12-31', '1937-08-05'])
      expect(isCalendarDate(value), value).toBe(true);
  });

  it('refuses days and months that do not exist, and other shapes', () => {
    for (const value of [
      '2025-02-29',
      '1900-02-29',
      '2025-02-30',
      '2025-04-31',
      '2024-13',
      '2024-00',
      '2024-01-00',
      '2024-01-32',
      '0000-00-00',
      '2025-13-45',
      '24-03-15',
      '2024-3-5',
      '2024-03-15T10:00',
      '15.03.2024',
      '',
    ])
      expect(isCalendarDate(value), value).toBe(false);
  });

  it('tells a whole day from a year or a month', () => {
    expect(isCalendarDay('2024-03-15')).toBe(true);
    expect(isCalendarDay('2024-03')).toBe(false);
    expect(isCalendarDay('2024')).toBe(false);
    expect(isCalendarDay('2024-02-30')).toBe(false);
  });

  it('knows a publication date that begins after today, allowing a day for time zones', () => {
    const now = new Date('2026-12-05T13:00:00Z');
    for (const value of ['2027', '2205-03-14', '2026-12-07', '2026-12-07T00:30+03:00'])
      expect(isAfterToday(value, now), value).toBe(true);
    for (const value of ['2026', '2026-12', '2026-12-05', '2026-12-06', '2025-03-14T10:30Z', '1850'])
      expect(isAfterToday(value, now), value).toBe(false);
  });
});

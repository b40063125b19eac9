import { describe, expect, it } from 'vitest';
import { checkDates, dateAtPrecision, isCalendarDate } from './dates.js';

describe('isCalendarDate', () => {
  it('takes a year, a month or a day that exists', () => {
    for (const value of ['2024', '2024-03', '2024-03-15', '2024-02-29']) expect(isCalendarDate(value), value).toBe(true);
  });

  it('refuses what the API refuses: other notations, a day or month that does not exist', () => {
    for (const value of ['14.03.2025', '2025-02-30', '2024-13', '2024-00', '2024-3-5', '', ' 2024', '2025-02-29'])
      expect(isCalendarDate(value), value).toBe(false);
  });
});

describe('checkDates', () => {
  it('leaves out the dates the API would refuse and names them', () => {
    expect(checkDates({ from: '14.03.2025', to: '2025', publisher: 'x' }, ['from', 'to'])).toEqual({
      sent: { from: '', to: '2025', publisher: 'x' },
      refused: { unreadable: ['14.03.2025'], reversed: null },
    });
  });

  it('leaves out a range that runs backwards, comparing periods', () => {
    expect(checkDates({ from: '2025-06-01', to: '2025-01-01' }, ['from', 'to'])).toEqual({
      sent: { from: '', to: '' },
      refused: { unreadable: [], reversed: ['2025-06-01', '2025-01-01'] },
    });
    // A day in March up to March is within March.
    expect(checkDates({ from: '2025-03-14', to: '2025-03' }, ['from', 'to']).refused.reversed).toBeNull();
  });

  it('takes whole days only where a filter says so', () => {
    expect(checkDates({ from: '2025', to: '2025-03-14' }, ['from', 'to'], { wholeDays: true })).toEqual({
      sent: { from: '', to: '2025-03-14' },
      refused: { unreadable: ['2025'], reversed: null },
    });
  });
});

describe('dateAtPrecision', () => {
  it('shows no more of a date than its precision says is known', () => {
    expect(dateAtPrecision('2024-03-12', 'day')).toBe('2024-03-12');
    expect(dateAtPrecision('2024-03-12', 'month')).toBe('2024-03');
    expect(dateAtPrecision('2024-03-12', 'year')).toBe('2024');
    expect(dateAtPrecision('2024-03-01', null)).toBe('2024-03-01');
  });

  it('never adds to a date what it does not hold', () => {
    expect(dateAtPrecision('2024-03', 'day')).toBe('2024-03');
    expect(dateAtPrecision('2024', 'month')).toBe('2024');
  });
});

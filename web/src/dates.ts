/**
 * Dates as the API takes them: a year, a month or a day (`2024`, `2024-03`, `2024-03-15`) that exists on the
 * calendar — the server's own rule (its `calendar-date` format), imported rather than copied, checked here first so a
 * date the server would refuse is explained in the UI's language instead of sent.
 */
import { isAfterToday, isCalendarDate, isCalendarDay, startsAfterEnd } from '../../src/shared/dates.js';

export { isAfterToday, isCalendarDate };

/** What of a page's date filters was left out: dates the API cannot read, and a range that runs backwards. */
export interface RefusedDateFilters {
  unreadable: string[];
  /** From and to, when from comes after to (compared as periods: 2025-03-14 to 2025-03 is within March). */
  reversed: [string, string] | null;
}

/**
 * Date filters read from the address, split into those to send and those the API would refuse (typed by hand into
 * the address, or kept from an old link): a date it cannot read, and a `from` after a `to`, which it refuses too.
 * `checkDates({ from: '14.03.2025', to: '2025' }, ['from', 'to'])` →
 * `{ sent: { from: '', to: '2025' }, refused: { unreadable: ['14.03.2025'], reversed: null } }`. With `wholeDays` (the
 * audit log's filters, which take days only) a year or a month is refused too.
 */
export function checkDates<T extends Record<string, string>>(
  filters: T,
  names: ReadonlyArray<keyof T>,
  options: { wholeDays?: boolean } = {},
): { sent: T; refused: RefusedDateFilters } {
  const readable = options.wholeDays ? isCalendarDay : isCalendarDate;
  const sent = { ...filters };
  const unreadable: string[] = [];
  for (const name of names) {
    const value = filters[name] ?? '';
    if (value === '' || readable(value)) continue;
    unreadable.push(value);
    sent[name] = '' as T[keyof T];
  }
  let reversed: [string, string] | null = null;
  const range = sent as Record<string, string>;
  const [from = '', to = ''] = [range.from, range.to];
  if (names.includes('from') && names.includes('to') && from !== '' && to !== '' && startsAfterEnd(from, to)) {
    reversed = [from, to];
    range.from = '';
    range.to = '';
  }
  return { sent, refused: { unreadable, reversed } };
}

/**
 * An event's date cut to what is known of it: a date stored as a day but known only to the month or year (the
 * record's `datePrecision`) is not shown as a day. `dateAtPrecision('2024-03-12', 'month')` → '2024-03';
 * `dateAtPrecision('2024-03', 'day')` → '2024-03' (nothing is made up); an unknown precision leaves it as it is.
 */
export function dateAtPrecision(date: string, precision: string | null): string {
  const parts = date.split('-');
  if (precision === 'year') return parts.slice(0, 1).join('-');
  if (precision === 'month') return parts.slice(0, 2).join('-');
  return date;
}

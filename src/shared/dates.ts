/**
 * Dates as Chronicle writes them: a year, a month or a day (`2024`, `2024-03`, `2024-03-15`), the precision a
 * source gives. A shape check alone lets `2025-02-30` through, which every date formatter then rolls over into
 * March, and statistics count it there.
 */

const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** `isCalendarDate('2024-02-29')` → true; `isCalendarDate('2025-02-30')`, `isCalendarDate('2024-13')` → false. */
export function isCalendarDate(value: string): boolean {
  const match = PARTIAL_DATE.exec(value);
  if (!match) return false;
  const [, year, month, day] = match;
  if (month === undefined) return true;
  const m = Number(month);
  if (m < 1 || m > 12) return false;
  if (day === undefined) return true;
  const d = Number(day);
  // Day 0 of the next month is the last day of this one.
  return d >= 1 && d <= new Date(Date.UTC(Number(year), m, 0)).getUTCDate();
}

/** A whole day only: `isCalendarDay('2024-03-15')` → true, `isCalendarDay('2024-03')` → false. */
export function isCalendarDay(value: string): boolean {
  return value.length === 10 && isCalendarDate(value);
}

const TIME = /^T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)?$/;

/**
 * A publication date as a source may carry it: a calendar date, or a day with a time of day.
 * `isPublicationDate('2024-03-15T10:30+03:00')` → true; `isPublicationDate('2024-03-15T99:99')` → false.
 */
export function isPublicationDate(value: string): boolean {
  if (value.length <= 10) return isCalendarDate(value);
  return isCalendarDay(value.slice(0, 10)) && TIME.test(value.slice(10));
}

/**
 * Whether a publication date (`isPublicationDate`) begins after `now` by more than a day — the widest gap time zones
 * make: no report is published in the future, so it is a slip of the year (2205 for 2025). A year or a month begins
 * on its first day: `isAfterToday('2027', new Date('2026-12-05'))` → true, `isAfterToday('2026-12')` → false.
 */
export function isAfterToday(value: string, now: Date = new Date()): boolean {
  const day = value.length === 4 ? `${value}-01-01` : value.length === 7 ? `${value}-01` : value.slice(0, 10);
  return Date.parse(`${day}T00:00:00Z`) > now.getTime() + 24 * 60 * 60 * 1000;
}

/**
 * Whether a range of dates written to any precision runs backwards: `from` is the start of its period and `to` runs
 * to the end of its own (`2024-03-15` to `2024-03` is March's second half), so they compare as `from` against `to`
 * followed by the greatest character. `startsAfterEnd('2026', '2024')` → true; `startsAfterEnd('2024-03-15',
 * '2024-03')` → false.
 */
export function startsAfterEnd(from: string, to: string): boolean {
  return from > `${to}\uffff`;
}

/**
 * Dates as the API takes them: a year, a month or a day (`2024`, `2024-03`, `2024-03-15`) that exists on the
 * calendar. The same rule as the server's `calendar-date` format (src/shared/dates.ts), checked here first so a
 * date the server would refuse is explained in the UI's language instead of sent.
 */
const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** `isCalendarDate('2024-02-29')` → true; `isCalendarDate('2025-02-30')` → false; `isCalendarDate('14.03.2025')` → false. */
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

/**
 * Date filters read from the address, split into those to send and those the API would refuse (typed by hand into
 * the address, or kept from an old link). `checkDates({ from: '14.03.2025', to: '2025' }, ['from', 'to'])` →
 * `{ sent: { from: '', to: '2025' }, refused: ['14.03.2025'] }`.
 */
export function checkDates<T extends Record<string, string>>(filters: T, names: ReadonlyArray<keyof T>): { sent: T; refused: string[] } {
  const sent = { ...filters };
  const refused: string[] = [];
  for (const name of names) {
    const value = filters[name] ?? '';
    if (value === '' || isCalendarDate(value)) continue;
    refused.push(value);
    sent[name] = '' as T[keyof T];
  }
  return { sent, refused };
}

/** Dates that documents declare about themselves (meta tags, JSON-LD, e-mail and DOCX headers), as ISO strings. */

import { isCalendarDay } from '../shared/dates.js';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** The day, month and year of an e-mail's date (RFC 5322: `Fri, 30 Feb 2024 10:00:00 +0300`). */
const MAIL_DAY = /^(?:[a-z]{3},\s*)?(\d{1,2})\s+([a-z]{3})\s+(\d{4})\b/i;

/**
 * 'YYYY-MM-DD' stays a date; anything Date can read becomes an ISO date-time; the rest is dropped, as is a day no
 * calendar has, which Date would roll over into the next month ('2024-02-30' → 1 March).
 * `toIsoDate('2024-03-05T10:00:00+03:00')` → '2024-03-05T07:00:00.000Z'.
 */
export function toIsoDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d{4}-\d{2}-\d{2}/.test(v) && !isCalendarDay(v.slice(0, 10))) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  const mail = MAIL_DAY.exec(v);
  if (mail) {
    const month = MONTHS.indexOf(mail[2]!.toLowerCase()) + 1;
    const day = `${mail[3]}-${String(month).padStart(2, '0')}-${mail[1]!.padStart(2, '0')}`;
    if (month === 0 || !isCalendarDay(day)) return null;
  }
  const ms = Date.parse(v);
  if (Number.isNaN(ms)) return null;
  const year = new Date(ms).getUTCFullYear();
  if (year < 1900 || year > 2200) return null;
  return new Date(ms).toISOString();
}

import type { DateExpression, DateMatch } from './date-grammar.js';

/** A date the text states, resolved to ISO at the precision the text supports. */
export interface ResolvedDate {
  start: number;
  end: number;
  /** YYYY, YYYY-MM or YYYY-MM-DD */
  value: string;
  kind: DateExpression['kind'];
}

interface Ymd {
  y: number;
  m: number;
  d: number;
}

const DAY_MS = 86_400_000;

export function parseIsoDay(value: string | null | undefined): Ymd | null {
  if (!value) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!m) return null;
  const out = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  return isValid(out) ? out : null;
}

function isValid(x: Ymd): boolean {
  const t = new Date(Date.UTC(x.y, x.m - 1, x.d));
  return t.getUTCFullYear() === x.y && t.getUTCMonth() === x.m - 1 && t.getUTCDate() === x.d;
}

function addDays(x: Ymd, days: number): Ymd {
  const t = new Date(Date.UTC(x.y, x.m - 1, x.d) + days * DAY_MS);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

function weekdayOf(x: Ymd): number {
  return new Date(Date.UTC(x.y, x.m - 1, x.d)).getUTCDay();
}

function compare(a: Ymd, b: Ymd): number {
  return a.y - b.y || a.m - b.m || a.d - b.d;
}

const pad = (n: number) => String(n).padStart(2, '0');
export const isoDay = (x: Ymd) => `${x.y}-${pad(x.m)}-${pad(x.d)}`;
const isoMonth = (y: number, m: number) => `${y}-${pad(m)}`;

/**
 * Resolves date expressions in document order. Deictic words («сегодня», «вчера», "last week", "on Monday") count
 * from the reference (publication) date; anaphoric ones («накануне», «через два дня», "the following day") from
 * the date the narrative last stated; a year-less «20 апреля» takes the year the document last stated, else the
 * reference year (the year before when that would put it more than a month after publication).
 * `resolveDates([{…'накануне'…}], '2024-01-17')` after «15 января» → 2024-01-14.
 */
export function resolveDates(
  matches: Array<DateMatch & { text: string }>,
  referenceDate: string | null,
): ResolvedDate[] {
  const reference = parseIsoDay(referenceDate);
  const out: ResolvedDate[] = [];
  let anchorDay: Ymd | null = null;
  let anchorYear: number | null = null;
  for (const match of matches) {
    const e = match.expression;
    let value: string | null = null;
    if (e.kind === 'absolute') {
      let year = e.year;
      if (year === null) {
        year = anchorYear ?? reference?.y ?? null;
        if (year !== null && anchorYear === null && reference && e.month !== null) {
          const candidate = { y: year, m: e.month, d: e.day ?? 1 };
          if (compare(candidate, addDays(reference, 45)) > 0) year -= 1;
        }
      } else {
        anchorYear = year;
      }
      if (year === null) continue;
      if (e.month === null) value = String(year);
      else if (e.day === null) value = isoMonth(year, e.month);
      else {
        let day: Ymd = { y: year, m: e.month, d: e.day };
        if (!isValid(day)) continue;
        if (e.shiftDays) day = addDays(day, e.shiftDays);
        anchorDay = day;
        value = isoDay(day);
      }
    } else if (e.kind === 'deictic') {
      if (!reference) continue;
      if (e.unit === 'day') {
        const day = addDays(reference, e.days);
        anchorDay = day;
        value = isoDay(day);
      } else if (e.unit === 'week') {
        const day = addDays(reference, e.days * 7);
        value = isoMonth(day.y, day.m);
      } else if (e.unit === 'month') {
        const t = new Date(Date.UTC(reference.y, reference.m - 1 + e.days, 1));
        value = isoMonth(t.getUTCFullYear(), t.getUTCMonth() + 1);
      } else {
        value = String(reference.y + e.days);
      }
    } else if (e.kind === 'weekday') {
      const base = reference ?? anchorDay;
      if (!base) continue;
      const back = (weekdayOf(base) - e.weekday + 7) % 7;
      const day = addDays(base, -back);
      anchorDay = day;
      value = isoDay(day);
    } else {
      const base = anchorDay ?? reference;
      if (!base) continue;
      const day = addDays(base, e.days);
      anchorDay = day;
      value = isoDay(day);
    }
    if (value) out.push({ start: match.start, end: match.end, value, kind: e.kind });
  }
  return out;
}

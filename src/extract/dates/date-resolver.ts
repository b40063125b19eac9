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
 * the date the narrative last stated. A year-less «20 апреля» / "17 February" takes, in this order: the year of the
 * last explicit full date (not a deadline: «до 20 января 2021»); the reference year when that puts it near the
 * publication (a news report's "17 February" is this February); the year of the last framed month or year
 * («в марте 2022 года»); else the reference year, or the year before when that would be after publication.
 * `resolveDates([{…'накануне'…}], '2024-01-17')` after «15 января» → 2024-01-14.
 */
export function resolveDates(
  matches: Array<DateMatch & { text: string }>,
  referenceDate: string | null,
): ResolvedDate[] {
  const reference = parseIsoDay(referenceDate);
  const out: ResolvedDate[] = [];
  let anchorDay: Ymd | null = null;
  let fullAnchorYear: number | null = null;
  let framedAnchorYear: number | null = null;
  let anyAnchorYear: number | null = null;
  const afterPublication = (x: Ymd) => reference !== null && compare(x, addDays(reference, 45)) > 0;
  for (const match of matches) {
    const e = match.expression;
    let value: string | null = null;
    if (e.kind === 'absolute') {
      let year = e.year;
      if (year === null) {
        year = inferYear(e.month, e.day ?? 1);
      } else if (!match.until && !afterPublication({ y: year, m: e.month ?? 1, d: e.day ?? 1 })) {
        anyAnchorYear = year;
        if (e.day !== null && e.month !== null) fullAnchorYear = year;
        else if (match.framed) framedAnchorYear = year;
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
      const ahead = (e.weekday - weekdayOf(base) + 7) % 7 || 7;
      const day = addDays(base, e.future ? ahead : -back);
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

  function inferYear(month: number | null, day: number): number | null {
    if (fullAnchorYear !== null) return fullAnchorYear;
    if (!reference) return anyAnchorYear;
    if (month === null) return reference.y;
    let y = reference.y;
    if (afterPublication({ y, m: month, d: day })) y -= 1;
    const near = compare({ y, m: month, d: day }, addDays(reference, -60)) >= 0;
    if (near) return y;
    return framedAnchorYear ?? y;
  }
}

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

/** A dated entry as the resolver keeps it: its number, and the day (or year and month) its heading gave. */
interface Entry {
  id: number;
  /** An e-mail's message: its date is what deictic words count from, and no more (its text is a narrative). */
  mail: boolean;
  year: number;
  month: number | null;
  day: Ymd | null;
}

/**
 * The weekday `day` moved by whole weeks onto the day of the month said with it, when one within five weeks is:
 * "on Tuesday last week, the 17th" read on Monday 30 November is 17 November, not the 24th.
 */
function withDayOfMonth(day: Ymd, dayOfMonth: number | undefined): Ymd {
  if (dayOfMonth === undefined || day.d === dayOfMonth) return day;
  for (const weeks of [-1, 1, -2, 2, -3, 3, -4, 4, -5, 5]) {
    const moved = addDays(day, weeks * 7);
    if (moved.d === dayOfMonth) return moved;
  }
  return day;
}

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

/** `addDays({ y: 2024, m: 2, d: 28 }, 2)` → { y: 2024, m: 3, d: 1 }. */
export function addDays(x: Ymd, days: number): Ymd {
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
 * the date the narrative last stated. A year-less «20 апреля» / "17 February" takes, in this order: the year it was
 * stated with earlier in the text («12.03.2024 … 12 марта»); if it points forward («до 14 мая», "postponed to
 * January 22", «состоится 2 апреля»), the first such day ahead (see forwardYear); the year of the last explicit full
 * date (not a deadline: «до 20 января 2021»); the reference year when that puts it near the publication (a news
 * report's "17 February" is this February); the year of the last framed month or year («в марте 2022 года»); else
 * the reference year, or the year before when that would be after publication. «в мае прошлого года» counts its
 * year from the reference year. Inside a dated entry (dates/entries.ts: a chronicle's "2 OCTOBER", a forwarded
 * letter's "Date:") «вчера», "on Friday" count from the entry's day instead of the reference.
 * `resolveDates([{…'накануне'…}], '2024-01-17')` after «15 января» → 2024-01-14.
 */
/** How many sentences after a framing year («в 2020 году», "in April 2017") a year-less month still takes it. */
const FRAME_REACH = 2;

export function resolveDates(
  matches: Array<DateMatch & { text: string; sentence?: number }>,
  referenceDate: string | null,
): ResolvedDate[] {
  const reference = parseIsoDay(referenceDate);
  const out: ResolvedDate[] = [];
  let anchorDay: Ymd | null = null;
  let anchorSentence: number | undefined;
  let fullAnchorYear: number | null = null;
  let framedAnchorYear: number | null = null;
  /** The first day of the last framed month or year («в марте 2022 года»), and its sentence. */
  let framedStart: Ymd | null = null;
  let framedSentence: number | undefined;
  let anyAnchorYear: number | null = null;
  /** Day and month already stated with a year: a later «12 марта» after «12.03.2024» is that day. */
  const statedYear = new Map<string, number>();
  /** Where the story last was, a day or a month's first day: what nearAnchor measures from. */
  let storyDay: Ymd | null = null;
  /** The first day of the month the story last moved to when it gave no day: where "a week later" counts from. */
  let storyMonth: Ymd | null = null;
  const afterPublication = (x: Ymd) => reference !== null && compare(x, addDays(reference, 45)) > 0;
  /**
   * `open`: the dated entry the text is in (DateMatch.entry), a timeline's "2 OCTOBER" over what happened that day or
   * an e-mail's "Date:" over its message. Its day is what «вчера» and "on Friday" count from inside it; a year-less
   * date in a timeline's entry takes the year nearest that day, or the year of an entry headed by a year or month
   * alone ("2025"). `last`: the entry before, which a relative heading ("The day before") counts from.
   */
  const entries: { open: Entry | null; last: Entry | null } = { open: null, last: null };
  /** The narrative's day was set inside an entry, before the entry's own day: background the entry looks back on. */
  let anchorBackground = false;
  const setAnchor = (day: Ymd, match: DateMatch & { sentence?: number }) => {
    // A deadline or a date ahead is not where the narrative is: "the next day" after "until 14 June" is not 15 June.
    // Nor is the day a correction was made ("Correction, 6 October: … She was released the same evening").
    if (match.forward || match.noAnchor) return;
    anchorDay = day;
    anchorSentence = match.sentence;
    const entryDay = entries.open?.mail ? null : (entries.open?.day ?? null);
    anchorBackground = !match.heading && entryDay !== null && compare(day, entryDay) < 0;
  };
  for (const match of matches) {
    const e = match.expression;
    let value: string | null = null;
    // A heading opens its entry once read; until then it is read from the entry before.
    if (match.heading || match.entry === undefined || match.entry !== entries.open?.id) entries.open = null;
    const entry = entries.open;
    /** What deictic words and weekdays count from: the entry's day, else publication. */
    const now = entry?.day ?? reference;
    if (e.kind === 'absolute' && e.year === null && e.month === null) {
      const day = dayOfNarrativeMonth(e.day ?? 1, match.forward === true);
      if (!day) continue;
      setAnchor(day, match);
      value = isoDay(day);
    } else if (e.kind === 'absolute') {
      let year = e.year;
      if (year === null && e.lastOne && e.month !== null) {
        year = reference ? (e.month >= reference.m ? reference.y - 1 : reference.y) : null;
      } else if (year === null && e.yearOffset !== undefined) {
        year = reference ? reference.y + e.yearOffset : null;
      } else if (year === null) {
        const stated = e.day !== null ? statedYear.get(`${e.month}-${e.day}`) : undefined;
        const around = match.heading ? entries.last : entry;
        const within = around?.mail === false ? around : null;
        year =
          stated ??
          (match.forward ? forwardYear(e.month!, e.day, match.sentence) : null) ??
          (within ? entryYear(within, e.month!, e.day ?? 1) : null) ??
          inferYear(e.month, e.day ?? 1, match.sentence);
        if (stated === undefined && year !== null && e.month !== null && e.day !== null)
          year = fitYear(year, e.month, e.day, e.weekday, e.onOrBefore === true && !match.forward);
      } else {
        if (e.day !== null && e.month !== null) statedYear.set(`${e.month}-${e.day}`, year);
        if (!match.until && !afterPublication({ y: year, m: e.month ?? 1, d: e.day ?? 1 })) {
          anyAnchorYear = year;
          if (e.day !== null && e.month !== null) fullAnchorYear = year;
          else if (match.framed) {
            framedAnchorYear = year;
            framedStart = { y: year, m: e.month ?? 1, d: 1 };
            framedSentence = match.sentence;
          }
        }
      }
      if (year === null) continue;
      if (e.month === null) value = String(year);
      else if (e.day === null) value = isoMonth(year, e.month);
      else {
        let day: Ymd = { y: year, m: e.month, d: e.day };
        if (!isValid(day)) continue;
        if (e.shiftDays) day = addDays(day, e.shiftDays);
        setAnchor(day, match);
        value = isoDay(day);
      }
    } else if (e.kind === 'deictic') {
      if (!now) continue;
      if (e.unit === 'day') {
        const day = addDays(now, e.days);
        setAnchor(day, match);
        value = isoDay(day);
      } else if (e.unit === 'week') {
        const day = addDays(now, e.days * 7);
        value = isoMonth(day.y, day.m);
      } else if (e.unit === 'month') {
        const t = new Date(Date.UTC(now.y, now.m - 1 + e.days, 1));
        value = isoMonth(t.getUTCFullYear(), t.getUTCMonth() + 1);
      } else {
        value = String(now.y + e.days);
      }
    } else if (e.kind === 'weekday' && e.week !== undefined) {
      if (!now) continue;
      // Weeks run Monday to Sunday: the weekday of the week `e.week` weeks from the reference's.
      const monday = addDays(now, -((weekdayOf(now) + 6) % 7));
      const day = withDayOfMonth(addDays(monday, e.week * 7 + ((e.weekday + 6) % 7)), e.dayOfMonth);
      setAnchor(day, match);
      value = isoDay(day);
    } else if (e.kind === 'weekday') {
      const base = now ?? anchorDay;
      if (!base) continue;
      const back = (weekdayOf(base) - e.weekday + 7) % 7 || (e.past && base === now ? 7 : 0);
      const ahead = (e.weekday - weekdayOf(base) + 7) % 7 || 7;
      const day = withDayOfMonth(addDays(base, e.future ? ahead : -back), e.dayOfMonth);
      setAnchor(day, match);
      value = isoDay(day);
    } else if (match.heading === 'timeline') {
      // "The day before", "Three days earlier" over an entry: from the entry above, whatever its text went on to.
      const base = (entries.last?.mail ? null : entries.last?.day) ?? anchorDay ?? reference;
      if (!base) continue;
      const day = addDays(base, e.days);
      setAnchor(day, match);
      value = isoDay(day);
    } else if (storyMonth !== null && e.days > 1) {
      // "The case was opened in December last year … searched her flat a week later": that month's, no day of it.
      const day = addDays(storyMonth, e.days);
      value = isoMonth(day.y, day.m);
    } else {
      // «2 октября ⏎ … возбуждено ещё 29 сентября. … отпустили поздно вечером накануне»: the entry's eve, not the
      // background's, unless the background was told in this very sentence.
      const background = anchorBackground && anchorSentence !== match.sentence ? entry?.day : null;
      const base = background ?? anchorDay ?? reference;
      if (!base) continue;
      const day = addDays(base, e.days);
      setAnchor(day, match);
      value = isoDay(day);
    }
    if (value && match.heading && match.entry !== undefined) {
      const [y, m, d] = value.split('-').map(Number) as [number, number | undefined, number | undefined];
      const day = m !== undefined && d !== undefined ? { y, m, d } : null;
      entries.open = { id: match.entry, mail: match.heading === 'mail', year: y, month: m ?? null, day };
      entries.last = entries.open;
    }
    if (value) out.push({ start: match.start, end: match.end, value, kind: e.kind });
    if (value && value.length > 4 && !match.forward && !match.until && !match.noAnchor) {
      const [y, m, d] = value.split('-').map(Number);
      storyDay = { y: y!, m: m!, d: d ?? 1 };
      storyMonth = d === undefined ? storyDay : null;
    }
  }
  return out;

  /**
   * The year of a year-less date that points forward (`DateMatch.forward`): the first such day on or after the date
   * the sentence itself stated, else after the narrative's day when the text fixed its year, else after publication
   * (less a week: a report may be dated a few days after it was written).
   */
  function forwardYear(month: number, day: number | null, sentence: number | undefined): number | null {
    const sameSentence = anchorDay !== null && sentence !== undefined && anchorSentence === sentence;
    // «В марте 2022 года суд продлил арест до 14 июня»: the month the sentence frames.
    const sameFrame = framedStart !== null && sentence !== undefined && framedSentence === sentence;
    const entry = entries.open?.mail ? null : entries.open;
    const entryStart = entry ? (entry.day ?? { y: entry.year, m: entry.month ?? 1, d: 1 }) : null;
    const base: Ymd | null = sameSentence
      ? anchorDay
      : sameFrame
        ? framedStart
        : (entryStart ?? (fullAnchorYear !== null ? anchorDay : reference ? addDays(reference, -7) : anchorDay));
    if (!base) return null;
    // A month alone is ahead while it has not ended: "postponed to January" in January is this January.
    return compare({ y: base.y, m: month, d: day ?? 31 }, base) < 0 ? base.y + 1 : base.y;
  }

  /**
   * A year-less date after a full one is in the full date's year, or in the next when that puts it nearer where the
   * story is and not past publication: "arrested on 28 November 2025 … In January he went on hunger strike" is January
   * 2026, ten months back being further than two ahead. The story has then moved into that year: "On 22 September"
   * after it is September 2026.
   */
  function nearAnchor(month: number | null, day: number, year: number): number {
    if (month === null || storyDay === null || storyDay.y < year || reference === null) return year;
    const at = (y: number) => Date.UTC(y, month - 1, day);
    const story = Date.UTC(storyDay.y, storyDay.m - 1, storyDay.d);
    // The full date's year, or one the story has gone on into since (by "В среду на прошлой неделе" too): the
    // nearest to where the story is, never after publication.
    let best = year;
    for (let y = year + 1; y <= storyDay.y + 1; y++) {
      if (compare({ y, m: month, d: day }, reference) > 0) break;
      if (Math.abs(at(y) - story) < Math.abs(at(best) - story)) best = y;
    }
    if (best !== year) fullAnchorYear = best;
    return best;
  }

  /**
   * The year a year-less day was given, mended by what was said with it: a digest's «25.11» is on or before the
   * reference date (the year before when this year's is after it), and "Mon 23 Nov" is in the year, of this one and
   * the two beside it, whose 23 November is a Monday — even a few days after publication ("Wed 02.12" on 30 November).
   */
  function fitYear(year: number, month: number, day: number, weekday: number | undefined, past: boolean): number {
    const after = past && reference !== null && compare({ y: year, m: month, d: day }, reference) > 0;
    const y0 = after ? year - 1 : year;
    if (weekday === undefined) return y0;
    const fits = (y: number) =>
      isValid({ y, m: month, d: day }) &&
      weekdayOf({ y, m: month, d: day }) === weekday &&
      !afterPublication({ y, m: month, d: day });
    return [y0, y0 - 1, y0 + 1].find(fits) ?? y0;
  }

  /**
   * The year of a year-less date inside an entry: an entry headed by a year or a month alone gives its year; one headed
   * by a day, the year that puts the date nearest that day, never after publication. "1 DECEMBER" under "5 DECEMBER
   * 2026" is 2026, and "3 JANUARY" after "28 DECEMBER 2025" is 2026.
   */
  function entryYear(within: Entry, month: number, day: number): number {
    if (within.day === null) return within.year;
    const from = within.day;
    const distance = (y: number) => Math.abs(Date.UTC(y, month - 1, day) - Date.UTC(from.y, from.m - 1, from.d));
    let best = from.y;
    for (const y of [from.y - 1, from.y + 1]) {
      if (afterPublication({ y, m: month, d: day })) continue;
      if (distance(y) < distance(best)) best = y;
    }
    return best;
  }

  /** «12-го числа», "on the 12th": in the narrative's month, or the month before if that is after publication. */
  function dayOfNarrativeMonth(d: number, forward: boolean): Ymd | null {
    const base = anchorDay ?? reference;
    if (!base) return null;
    let t = new Date(Date.UTC(base.y, base.m - 1, d));
    if (forward && d < base.d) t = new Date(Date.UTC(base.y, base.m, d));
    else if (!forward && anchorDay === null && d > base.d) t = new Date(Date.UTC(base.y, base.m - 2, d));
    const day = { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
    return day.d === d ? day : null;
  }

  function inferYear(month: number | null, day: number, sentence: number | undefined): number | null {
    if (fullAnchorYear !== null) return nearAnchor(month, day, fullAnchorYear);
    if (!reference) return anyAnchorYear;
    if (month === null) return reference.y;
    let y = reference.y;
    if (afterPublication({ y, m: month, d: day })) y -= 1;
    const near = compare({ y, m: month, d: day }, addDays(reference, -60)) >= 0;
    if (near) return y;
    // A framing year holds for the sentences that follow it, not for a paragraph about someone else further down
    // ("banned as extremist in 2020. … Another supporter was sentenced in April").
    const framing = framedSentence === undefined || sentence === undefined || sentence - framedSentence <= FRAME_REACH;
    return (framing ? framedAnchorYear : null) ?? y;
  }
}

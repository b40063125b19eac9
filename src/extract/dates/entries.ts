/**
 * Dated entries: the parts of a text that a date heads. A timeline or chronicle writes its day on a line of its own
 * over what happened that day ("2 OCTOBER", «13 ноября — уточнение», "The day before") or leads a line with it
 * ("12 March: searches at …"); a forwarded e-mail puts its own "Date:" header over its message. What an entry tells
 * happened on its day, and its «вчера», "on Friday" count from that day, not from publication: newest-first
 * chronicles and forwarded mail are in no date order a narrative can follow.
 */
import type { DateMatch } from './date-grammar.js';

export interface DatedEntry {
  /** Where the heading's line starts. */
  start: number;
  /** Where the entry ends: the next heading's line, or the end of the entry's paragraph. */
  end: number;
  /** The index of the heading's date among the matches given. */
  heading: number;
  /** An e-mail's "Date:" header: it heads its whole message, blank lines and all. */
  mail: boolean;
}

/** "Date: Fri, 9 Oct 2026 18:02", «Отправлено: …» — the header line of a message (the weekday may be the date's). */
const MAIL_DATE_HEADER = /^\s*(?:Date|Sent|Дата|Отправлено)\s*:\s*(?:\p{L}{2,3},?\s*)?$/iu;
/** What may stand on a heading's line before its date: a bullet, a dash, a Markdown mark, a channel's pin («📌»). */
const LINE_OPENER = /^[^\S\n]*(?:(?:[#*•>–—-]|\p{Extended_Pictographic}\uFE0F?)[^\S\n]*)*$/u;
/**
 * What a channel's post may add to the date over it: the time it was posted («12 ноября, 23:40») and emoji
 * («14 ноября ⚖️»). Bounded: one time, three emoji.
 */
const POST_STAMP = /^(?:,?[^\S\n]*(?:[01]?\d|2[0-3]):[0-5]\d)?(?:[^\S\n]*\p{Extended_Pictographic}\uFE0F?){0,3}/u;
/**
 * The rest of a heading line: nothing, a full stop or colon, or a short label («— уточнение», "(updated)"). Each run of
 * spaces has one place to go: two runs side by side would be tried at every split of a long run, on a line of a PDF
 * padded with thousands of spaces.
 */
const HEADING_REST =
  /^[^\S\n]*(?:[.:][^\S\n]*)?(?:(?:[—–-][^\S\n]*[\p{L}][\p{L} ]{0,30}|\([^)\n]{1,30}\))[^\S\n]*(?:[.:][^\S\n]*)?)?$/u;
/** A line led by its date: "12 March: searches at …", «3 октября — суд арестовал …». */
const LINE_LED = /^[^\S\n]*(?::|[—–]|-[^\S\n])[^\S\n]*\S/u;
/** A line that runs on into the next: a comma, a hyphen, or a word a sentence cannot end on. */
const RUNS_ON =
  /(?:[,(‐-]|(?<![\p{L}])(?:and|or|of|the|a|an|to|in|on|at|for|with|by|from|и|или|в|во|на|с|со|по|к|о|об|за|у|из|от|а|но|что))[^\S\n]*$/iu;
const BLANK_LINE = /\n[^\S\n]*\n/gu;
/** The longest line above a heading that can itself be a heading or title ("MARCH 2026", "The day before"). */
const HEADING_MAX = 50;

/**
 * Finds the dated entries of `text` among its date matches (document offsets, in order), and marks each heading's
 * match `heading` and every match inside an entry with the entry's number (`entry`).
 * `markDatedEntries('2 OCTOBER\nVerdict.\n\n1 OCTOBER\nClosing arguments.', [two matches])` → [{ start: 0, end: 18,
 * heading: 0, mail: false }, { start: 20, end: 48, heading: 1, mail: false }], each match marked { heading:
 * 'timeline', entry: its entry }.
 */
export function markDatedEntries(text: string, matches: DateMatch[]): DatedEntry[] {
  const headings: Array<{ index: number; lineStart: number; mail: boolean }> = [];
  let previousLine = -1;
  // Line starts found walking forward once: scanning back from each date would cross a long line once a date.
  let lineStart = 0;
  let scanned = 0;
  matches.forEach((m, index) => {
    for (; scanned < m.start; scanned++) if (text.charCodeAt(scanned) === 10) lineStart = scanned + 1;
    // Only the first date of its line heads anything.
    if (lineStart === previousLine) return;
    previousLine = lineStart;
    const newline = text.indexOf('\n', m.end);
    const lineEnd = newline < 0 ? text.length : newline;
    const before = text.slice(lineStart, m.start);
    const mail = MAIL_DATE_HEADER.test(before);
    if (!mail) {
      if (!LINE_OPENER.test(before)) return;
      const rest = text.slice(m.end, lineEnd);
      const after = rest.slice(POST_STAMP.exec(rest)?.[0].length ?? 0);
      if (!HEADING_REST.test(after) && !LINE_LED.test(after)) return;
      // A heading starts as a line does ("The day before", "2 OCTOBER"), not "a day later." wrapped onto a line.
      if (!/^[\p{Lu}\d]/u.test(text.slice(m.start, m.end))) return;
      // "… detained him on ⏎ 12 March: …" is one sentence broken across lines, not a heading: the line above ends a
      // sentence, or is a heading itself ("MARCH 2026" over "14 March: …"), or a blank line parts them.
      let aboveEnd = lineStart;
      while (aboveEnd > 0 && /\s/u.test(text[aboveEnd - 1]!)) aboveEnd--;
      const gap = text.slice(aboveEnd, lineStart);
      const aboveLine = text.slice(text.lastIndexOf('\n', aboveEnd - 1) + 1, aboveEnd);
      const parted = aboveEnd === 0 || /\n[^\S\n]*\n/u.test(gap) || /[.!?…:;»"”)\]]$/u.test(aboveLine);
      if (!parted && (aboveLine.length > HEADING_MAX || RUNS_ON.test(aboveLine.slice(-40)))) return;
    }
    headings.push({ index, lineStart, mail });
  });
  // One date on a line of its own under a masthead or a press service's name is the release's date, not a chronicle:
  // a timeline has entries, two at least.
  if (headings.filter((h) => !h.mail).length < 2)
    headings.splice(0, headings.length, ...headings.filter((h) => h.mail));
  const blankEnds = headings.length === 0 ? [] : [...text.matchAll(BLANK_LINE)].map((b) => b.index);
  /** The end of the paragraph that holds `at`: the next blank line, or the text's end (a binary search). */
  const paragraphEnd = (at: number) => {
    let [lo, hi] = [0, blankEnds.length];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (blankEnds[mid]! >= at) hi = mid;
      else lo = mid + 1;
    }
    return blankEnds[lo] ?? text.length;
  };
  const entries: DatedEntry[] = [];
  headings.forEach((h, k) => {
    const next = headings[k + 1]?.lineStart ?? text.length;
    let end = next;
    if (!h.mail) {
      const newline = text.indexOf('\n', matches[h.index]!.end);
      const lineEnd = newline < 0 ? text.length : newline;
      // A heading alone in its paragraph heads the paragraph below it.
      const own = paragraphEnd(h.lineStart);
      const alone = text.slice(lineEnd, own).trim() === '';
      end = Math.min(next, alone ? paragraphEnd(text.slice(own).search(/\S/u) + own) : own);
    }
    entries.push({ start: h.lineStart, end, heading: h.index, mail: h.mail });
  });
  let k = 0;
  for (const [index, m] of matches.entries()) {
    while (k < entries.length && entries[k]!.end <= m.start) k++;
    const entry = entries[k];
    if (!entry || m.start < entry.start) continue;
    m.entry = k;
    if (entry.heading === index) m.heading = entry.mail ? 'mail' : 'timeline';
  }
  return entries;
}

import { describe, expect, it } from 'vitest';
import { segment, sentenceView } from '../segment.js';
import { type DateMatch, findDateExpressions } from './date-grammar.js';
import { resolveDates } from './date-resolver.js';
import { markDatedEntries } from './entries.js';

// Invented chronicles, letters and people, written for these tests.
const matchesOf = (text: string, language: 'ru' | 'en') => {
  const { tokens, sentences } = segment(text);
  const out: Array<DateMatch & { text: string; sentence: number }> = [];
  sentences.forEach((s, sentence) => {
    const view = sentenceView(text, tokens, s);
    for (const d of findDateExpressions(view.text, language)) {
      const start = view.toDocument(d.start);
      const end = view.toDocument(d.end - 1) + 1;
      out.push({ ...d, start, end, text: text.slice(start, end), sentence });
    }
  });
  return out;
};
const datesOf = (text: string, language: 'ru' | 'en', reference: string) => {
  const matches = matchesOf(text, language);
  markDatedEntries(text, matches);
  return resolveDates(matches, reference).map((d) => `${d.value} ${text.slice(d.start, d.end)}`);
};

describe('markDatedEntries', () => {
  it('finds the headings of a newest-first timeline, each over its own paragraph', () => {
    const text = [
      'The Orlov case (newest first)',
      '',
      '4 MAY 2025',
      'His lawyer appeals.',
      '',
      'The day before',
      'Police detain him.',
      '',
      '12 April: a search. He is questioned.',
    ].join('\n');
    const matches = matchesOf(text, 'en');
    const entries = markDatedEntries(text, matches);
    expect(entries.map((e) => text.slice(e.start, e.end).split('\n')[0])).toEqual([
      '4 MAY 2025',
      'The day before',
      '12 April: a search. He is questioned.',
    ]);
    expect(text.slice(entries[0]!.start, entries[0]!.end)).toBe('4 MAY 2025\nHis lawyer appeals.');
    expect(matches.map((m) => m.heading)).toEqual(['timeline', 'timeline', 'timeline']);
  });

  it('takes a heading alone in its paragraph over the paragraph below it', () => {
    const text = '3 MARCH\n\nShe is fined.\n\n1 MARCH\n\nShe is detained.\n\nSupport the fund.';
    const entries = markDatedEntries(text, matchesOf(text, 'en'));
    expect(entries.map((e) => text.slice(e.start, e.end))).toEqual([
      '3 MARCH\n\nShe is fined.',
      '1 MARCH\n\nShe is detained.',
    ]);
  });

  it('reads no entry from a release’s one date line, nor from a sentence broken before its date', () => {
    const release = 'PRESS SERVICE\n\n14 June 2025\n\nThe court heard the appeal on 12 June.';
    expect(markDatedEntries(release, matchesOf(release, 'en'))).toEqual([]);
    const wrapped = [
      'The same court fined her the next week, and it fined her friend by the same order',
      'a day later. The court heard them both on',
      '12 March: a long day.',
      '',
      '5 MARCH',
      'She is fined.',
      '',
      '3 MARCH',
      'She is detained.',
    ].join('\n');
    const entries = markDatedEntries(wrapped, matchesOf(wrapped, 'en'));
    expect(entries.map((e) => wrapped.slice(e.start, e.end).split('\n')[0])).toEqual(['5 MARCH', '3 MARCH']);
  });

  it('makes each "Date:" header of a letter head its message, blank lines and all', () => {
    const text = 'Date: Mon, 30 Nov 2026 at 10:00\n\nSee below.\n\n--- Forwarded ---\nDate: Fri, 20 Nov 2026\n\nToday.';
    const entries = markDatedEntries(text, matchesOf(text, 'en'));
    expect(entries.map((e) => e.mail)).toEqual([true, true]);
    expect(text.slice(entries[1]!.start, entries[1]!.end)).toBe('Date: Fri, 20 Nov 2026\n\nToday.');
  });
});

describe('dates inside dated entries', () => {
  it('counts «вчера» and a relative heading from the entry, and gives a year heading its months', () => {
    const text = [
      'The Orlov case (newest first)',
      '',
      '4 MAY 2025',
      'Yesterday his lawyer filed an appeal.',
      '',
      '28 APRIL',
      'The court fines Orlov.',
      '',
      'The day before',
      'Police detain him at a picket.',
      '',
      '2024',
      'In March, a warning from the prosecutor.',
    ].join('\n');
    expect(datesOf(text, 'en', '2025-05-10')).toEqual([
      '2025-05-04 4 MAY 2025',
      '2025-05-03 Yesterday',
      '2025-04-28 28 APRIL',
      '2025-04-27 The day before',
      '2024 2024',
      '2024-03 In March',
    ]);
  });

  it('counts «накануне» from the entry’s day, not from the background it looks back on', () => {
    const text = [
      '12 марта',
      'Вчера суд продлил арест Игорю Петрову.',
      '',
      '10 марта',
      'Стало известно, что дело возбуждено ещё 2 марта. Накануне вечером Петрова отпустили.',
    ].join('\n');
    expect(datesOf(text, 'ru', '2025-03-15')).toEqual([
      '2025-03-12 12 марта',
      '2025-03-11 Вчера',
      '2025-03-10 10 марта',
      '2025-03-02 2 марта',
      '2025-03-09 Накануне',
    ]);
  });

  it('gives a year-less heading the year nearest the entry above it', () => {
    const text = '3 JANUARY\nShe is fined.\n\n28 DECEMBER 2025\nShe is detained.\n\n2 JANUARY\nA search.';
    // Newest first from 3 January: the December entry is the year before, and a forward chronicle's next January after.
    expect(datesOf(text, 'en', '2026-01-05')).toEqual([
      '2026-01-03 3 JANUARY',
      '2025-12-28 28 DECEMBER 2025',
      '2026-01-02 2 JANUARY',
    ]);
  });

  it('counts a forwarded message’s "today" and weekdays from its own "Date:" header', () => {
    const text = [
      'From: Nina Vos',
      'Date: Mon, 30 Nov 2026 at 10:00',
      '',
      'Forwarding the update from last week.',
      '',
      '---------- Forwarded message ---------',
      'Date: Fri, 20 Nov 2026, 18:00',
      '',
      'Today the court fined him. On Tuesday police searched his flat.',
    ].join('\n');
    expect(datesOf(text, 'en', '2026-11-30')).toEqual([
      '2026-11-30 Mon, 30 Nov 2026',
      '2026-11 last week',
      '2026-11-20 Fri, 20 Nov 2026',
      '2026-11-20 Today',
      '2026-11-17 On Tuesday',
    ]);
  });
});

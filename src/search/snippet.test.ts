import { describe, expect, it } from 'vitest';
import { parseSearchQuery } from './query.js';
import { buildSnippet, findMatches } from './snippet.js';

const q = parseSearchQuery;
const marked = (s: { snippet: string; highlights: Array<{ start: number; end: number }> }) =>
  s.highlights.map((h) => s.snippet.slice(h.start, h.end));

describe('findMatches', () => {
  it('finds inflected forms by stem, with offsets into the text', () => {
    const text = 'Его задержали. После задержания — суд.';
    expect(findMatches(text, q('задержан')).map((m) => text.slice(m.start, m.end))).toEqual([
      'задержали',
      'задержания',
    ]);
  });

  it('finds a phrase as one span and not its words apart', () => {
    const text = 'Суд продлил арест. Арест продлил суд.';
    expect(findMatches(text, q('"суд продлил арест"')).map((m) => text.slice(m.start, m.end))).toEqual([
      'Суд продлил арест',
    ]);
  });

  it('finds prefixes against the words as written and ignores NOT words', () => {
    const text = 'Навальный и навальнисты, не домашний арест.';
    expect(findMatches(text, q('навальн* -домашний')).map((m) => text.slice(m.start, m.end))).toEqual([
      'Навальный',
      'навальнисты',
    ]);
  });
});

describe('buildSnippet', () => {
  it('returns a short text whole, with highlights', () => {
    const s = buildSnippet('Вчера в Уфе задержали активиста.', q('задержан'));
    expect(s.snippet).toBe('Вчера в Уфе задержали активиста.');
    expect(s.highlights).toEqual([{ start: 12, end: 21 }]);
    expect(s.matches).toEqual([{ start: 12, end: 21 }]);
  });

  it('cuts ~200 characters around the match at word boundaries, with ellipses', () => {
    const text = `${'Вступление без новостей. '.repeat(20)}Вчера в Уфе задержали активиста. ${'Хвост отчёта. '.repeat(30)}`;
    const s = buildSnippet(text, q('задержан'));
    expect(s.snippet.length).toBeLessThanOrEqual(202);
    expect(s.snippet.startsWith('…')).toBe(true);
    expect(s.snippet.endsWith('…')).toBe(true);
    expect(marked(s)).toEqual(['задержали']);
    // The cut falls between words: the snippet is a piece of the text that starts and ends on a word boundary.
    const inner = s.snippet.slice(1, -1);
    const at = text.indexOf(inner);
    expect(at).toBeGreaterThan(0);
    expect(text[at - 1]).toMatch(/[^\p{L}]/u);
    expect(text[at + inner.length]).toMatch(/[^\p{L}]/u);
    expect(text.slice(s.matches[0]!.start, s.matches[0]!.end)).toBe('задержали');
  });

  it('prefers the window where most different query words meet', () => {
    const text = `Суд начался. ${'Пустые слова. '.repeat(30)}Суд в Казани продлил арест. ${'Пустые слова. '.repeat(30)}`;
    const s = buildSnippet(text, q('суд арест'));
    expect(marked(s)).toEqual(['Суд', 'арест']);
    expect(s.matches).toHaveLength(3);
  });

  it('collapses whitespace and keeps highlights on the right characters', () => {
    const s = buildSnippet('Суд\n\n   продлил\tарест', q('"суд продлил арест"'));
    expect(s.snippet).toBe('Суд продлил арест');
    expect(marked(s)).toEqual(['Суд продлил арест']);
  });

  it('starts at the beginning when only the title matched', () => {
    const s = buildSnippet(`Текст без нужного слова. ${'Ещё текст. '.repeat(40)}`, q('задержан'));
    expect(s.snippet.startsWith('Текст без')).toBe(true);
    expect(s.highlights).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { moveEdge, passage, trimSpan } from './boundaries.js';

const text = 'В Уфе 12 марта сотрудники ФСБ задержали активиста Рината Гайнуллина, сообщил «ОВД-Инфо».';
const span = (quote: string) => {
  const start = text.indexOf(quote);
  return { start, end: start + quote.length };
};
const quoted = (s: { start: number; end: number } | null) => (s ? text.slice(s.start, s.end) : null);

describe('moveEdge', () => {
  const name = span('Рината Гайнуллина');
  it('takes in the word before or after the quote', () => {
    expect(quoted(moveEdge(text, name, 'start', -1))).toBe('активиста Рината Гайнуллина');
    // The comma after the name is not a word: the end goes on to the end of the next word.
    expect(quoted(moveEdge(text, name, 'end', 1))).toBe('Рината Гайнуллина, сообщил');
  });
  it("drops the quote's first or last word", () => {
    expect(quoted(moveEdge(text, name, 'start', 1))).toBe('Гайнуллина');
    expect(quoted(moveEdge(text, name, 'end', -1))).toBe('Рината');
  });
  it('never leaves a quote without a word, nor steps past either end of the text', () => {
    const one = span('Гайнуллина');
    expect(moveEdge(text, one, 'start', 1)).toBeNull();
    expect(moveEdge(text, one, 'end', -1)).toBeNull();
    expect(moveEdge(text, span('В Уфе'), 'start', -1)).toBeNull();
    // After «ОВД-Инфо» come only a quotation mark and a full stop: no word to take in.
    expect(moveEdge(text, span('Инфо'), 'end', 1)).toBeNull();
  });
  it('steps over a hyphen and punctuation inside a quote as a word boundary', () => {
    expect(quoted(moveEdge(text, span('«ОВД-Инфо»'), 'start', 1))).toBe('Инфо»');
    expect(quoted(moveEdge(text, span('сообщил «ОВД'), 'end', -1))).toBe('сообщил');
  });
  it('counts digits as words', () => {
    expect(quoted(moveEdge(text, span('марта'), 'start', -1))).toBe('12 марта');
  });
});

describe('trimSpan', () => {
  it('drops spaces at either end of a selection', () => {
    expect(quoted(trimSpan(text, { start: text.indexOf(' Рината'), end: text.indexOf(' Гайнуллина') + 1 }))).toBe(
      'Рината',
    );
  });
  it('gives null for a selection of spaces only, and keeps a span inside the text', () => {
    expect(trimSpan(text, { start: 1, end: 2 })).toBeNull();
    expect(trimSpan('abc', { start: -4, end: 99 })).toEqual({ start: 0, end: 3 });
  });
});

describe('passage', () => {
  it('shows the whole text when it is short', () => {
    expect(passage(text, span('ФСБ'), 500)).toEqual({ start: 0, end: text.length });
  });
  it('cuts a long text at spaces around the quote, never inside a word', () => {
    const long = `${'слово '.repeat(50)}Рината${' слово'.repeat(50)}`;
    const at = long.indexOf('Рината');
    const shown = passage(long, { start: at, end: at + 6 }, 40);
    expect(shown.start).toBeLessThanOrEqual(at);
    expect(shown.end).toBeGreaterThanOrEqual(at + 6);
    expect(long[shown.start - 1]).toBe(' ');
    expect(long[shown.end]).toBe(' ');
    expect(at - shown.start).toBeLessThanOrEqual(40);
  });
});

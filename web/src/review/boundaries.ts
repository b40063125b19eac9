/**
 * Moving the boundaries of an evidence quote over its source's text, a word at a time, apart from React so the
 * steps can be tested on their own. Offsets are UTF-16 code units into the text every offset refers to (the source's
 * plain text), as the API's are.
 */

export interface Span {
  start: number;
  end: number;
}

export type Edge = 'start' | 'end';

const WORD = /[\p{L}\p{N}\p{M}]/u;

function isWord(text: string, index: number): boolean {
  const char = text[index];
  return char !== undefined && WORD.test(char);
}

/**
 * The span with one edge moved by a word: `-1` moves it left, `1` right. The start moved left takes in the word before
 * the quote, moved right drops the quote's first word; the end likewise. A step that would leave no word in the
 * quote, or has nowhere to go, gives null. `moveEdge('В Уфе задержали Рината', { start: 16, end: 22 }, 'start', -1)`
 * → `{ start: 6, end: 22 }` ("задержали Рината").
 */
export function moveEdge(text: string, span: Span, edge: Edge, direction: -1 | 1): Span | null {
  let { start, end } = span;
  if (edge === 'start' && direction === -1) {
    let i = start;
    while (i > 0 && !isWord(text, i - 1)) i--;
    while (i > 0 && isWord(text, i - 1)) i--;
    if (i === start || !hasWord(text, i, start)) return null;
    start = i;
  } else if (edge === 'start') {
    let i = start;
    while (i < end && !isWord(text, i)) i++;
    while (i < end && isWord(text, i)) i++;
    while (i < end && !isWord(text, i)) i++;
    if (i >= end) return null;
    start = i;
  } else if (direction === 1) {
    let i = end;
    while (i < text.length && !isWord(text, i)) i++;
    while (i < text.length && isWord(text, i)) i++;
    if (i === end || !hasWord(text, end, i)) return null;
    end = i;
  } else {
    let i = end;
    while (i > start && !isWord(text, i - 1)) i--;
    while (i > start && isWord(text, i - 1)) i--;
    while (i > start && !isWord(text, i - 1)) i--;
    if (i <= start) return null;
    end = i;
  }
  return { start, end };
}

function hasWord(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (isWord(text, i)) return true;
  return false;
}

/**
 * A span chosen by hand (a selection in the passage) without the spaces and line breaks at its ends; null when
 * nothing but spaces is left. `trimSpan('  Рината ', { start: 0, end: 9 })` → `{ start: 2, end: 8 }`.
 */
export function trimSpan(text: string, span: Span): Span | null {
  let { start, end } = span;
  start = Math.max(0, Math.min(start, text.length));
  end = Math.max(start, Math.min(end, text.length));
  while (start < end && /\s/u.test(text[start]!)) start++;
  while (end > start && /\s/u.test(text[end - 1]!)) end--;
  return start < end ? { start, end } : null;
}

/**
 * The passage shown around a quote: up to `radius` characters each side, cut at a space so no word is shown in
 * part. `passage(text, { start: 500, end: 520 }, 100)` → `{ start: 401, end: 618 }`.
 */
export function passage(text: string, span: Span, radius: number): Span {
  let start = Math.max(0, span.start - radius);
  let end = Math.min(text.length, span.end + radius);
  if (start > 0) {
    const space = text.indexOf(' ', start);
    if (space !== -1 && space < span.start) start = space + 1;
  }
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space >= span.end) end = space;
  }
  return { start, end };
}

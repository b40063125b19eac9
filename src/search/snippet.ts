import type { PhraseNode, SearchQuery, TermNode } from './query.js';
import { stemToken } from './stem.js';
import { type Token, tokenize } from './tokenize.js';

export interface Span {
  start: number;
  end: number;
}

/** A match in the source text and which query word or phrase (index into `query.positive`) it satisfies. */
interface Match extends Span {
  leaf: number;
}

/** At most this many `matches` per hit: enough to page through a long report, bounded for the response size. */
export const MAX_MATCHES = 200;
export const SNIPPET_LENGTH = 200;
const ELLIPSIS = '…';

/**
 * Finds the query's words and phrases in the original text, with the same rules the index applies (stems for words,
 * word prefixes for `word*`, stem prefixes at the end of a phrase), so highlights agree with what matched.
 * `findMatches('Его задержали.', parseSearchQuery('задержан'))` → [{ start: 4, end: 13, leaf: 0 }].
 */
function findMatchesWithLeaves(text: string, query: SearchQuery): Match[] {
  const leaves = query.positive;
  if (leaves.length === 0) return [];
  const tokens = tokenize(text);
  // Stemming every word of a long report per hit would cost more than the query; stems keep their first letter
  // (Snowball only rewrites endings, and the family fixes in stem.ts keep it too), so only words that start like
  // some query word are stemmed.
  const firstLetters = new Set<string>();
  for (const leaf of leaves) {
    for (const term of leaf.kind === 'term' ? [leaf] : leaf.terms) {
      firstLetters.add(term.stem.slice(0, 1));
      firstLetters.add(term.word.slice(0, 1));
    }
  }
  const stems: Array<string | null | undefined> = new Array(tokens.length);
  const stemAt = (i: number): string | null => {
    let s = stems[i];
    if (s === undefined) {
      const token = tokens[i]!;
      s = firstLetters.has(token.norm.slice(0, 1)) ? stemToken(token.norm) : null;
      stems[i] = s;
    }
    return s;
  };
  const matches: Match[] = [];
  for (let i = 0; i < tokens.length; i++) {
    for (let leaf = 0; leaf < leaves.length; leaf++) {
      const node = leaves[leaf]!;
      const length = node.kind === 'term' ? matchTerm(node, tokens, i, stemAt) : matchPhrase(node, tokens, i, stemAt);
      if (length > 0) {
        matches.push({ start: tokens[i]!.start, end: tokens[i + length - 1]!.end, leaf });
        break;
      }
    }
  }
  return matches;
}

function matchTerm(term: TermNode, tokens: Token[], i: number, stemAt: (i: number) => string | null): number {
  if (term.prefix) return tokens[i]!.norm.startsWith(term.word) ? 1 : 0;
  return stemAt(i) === term.stem ? 1 : 0;
}

function matchPhrase(phrase: PhraseNode, tokens: Token[], i: number, stemAt: (i: number) => string | null): number {
  const n = phrase.terms.length;
  if (i + n > tokens.length) return 0;
  for (let j = 0; j < n; j++) {
    const term = phrase.terms[j]!;
    const stem = stemAt(i + j);
    if (stem === null) return 0;
    if (term.prefix ? !stem.startsWith(term.word) : stem !== term.stem) return 0;
  }
  return n;
}

/** The offsets of every positive query word or phrase in `text`. `findMatches('Его задержали.', q('задержан'))` → [{start:4,end:13}]. */
export function findMatches(text: string, query: SearchQuery): Span[] {
  return findMatchesWithLeaves(text, query).map(({ start, end }) => ({ start, end }));
}

export interface Snippet {
  snippet: string;
  /** Offsets of matched words inside `snippet`. */
  highlights: Span[];
  /** Offsets of matched words in the whole text (at most MAX_MATCHES). */
  matches: Span[];
}

/**
 * A ~200-character window of the original text around the best match — the one where most different query words
 * meet — with whitespace runs collapsed, «…» where it was cut, and the highlight offsets inside it.
 * `buildSnippet('Вчера в Уфе задержали активиста.', parseSearchQuery('задержан'))` →
 * `{ snippet: 'Вчера в Уфе задержали активиста.', highlights: [{ start: 12, end: 21 }], matches: [{ start: 12, end: 21 }] }`.
 */
export function buildSnippet(text: string, query: SearchQuery, length = SNIPPET_LENGTH): Snippet {
  const all = findMatchesWithLeaves(text, query);
  const [from, to] = chooseWindow(text, all, length);
  const inWindow = all.filter((m) => m.start >= from && m.end <= to);
  const { snippet, highlights } = render(text, from, to, inWindow);
  return { snippet, highlights, matches: all.slice(0, MAX_MATCHES).map(({ start, end }) => ({ start, end })) };
}

function chooseWindow(text: string, matches: Match[], length: number): [number, number] {
  if (text.length <= length) return [0, text.length];
  if (matches.length === 0) return snapToWords(text, 0, length);
  // Slide over the matches: the best window holds the most distinct query words, then the most matches, then the
  // earliest (reports put the news first).
  let best = { first: 0, last: 0, distinct: 0, count: 0 };
  const counts = new Map<number, number>();
  let lo = 0;
  for (let hi = 0; hi < matches.length; hi++) {
    const m = matches[hi]!;
    counts.set(m.leaf, (counts.get(m.leaf) ?? 0) + 1);
    while (m.end - matches[lo]!.start > length && lo < hi) {
      const leaf = matches[lo]!.leaf;
      const c = (counts.get(leaf) ?? 1) - 1;
      if (c === 0) counts.delete(leaf);
      else counts.set(leaf, c);
      lo++;
    }
    const distinct = counts.size;
    const count = hi - lo + 1;
    if (distinct > best.distinct || (distinct === best.distinct && count > best.count)) {
      best = { first: lo, last: hi, distinct, count };
    }
  }
  const start = matches[best.first]!.start;
  const end = matches[best.last]!.end;
  // Centre the matched stretch, with a little more context before it than after.
  const slack = Math.max(0, length - (end - start));
  let from = Math.max(0, start - Math.floor(slack * 0.4));
  const to = Math.min(text.length, from + Math.max(length, end - start));
  from = Math.max(0, Math.min(from, to - length));
  return snapToWords(text, from, to);
}

/** Moves cut points off the middle of a word, so a snippet never starts with «ржали». */
function snapToWords(text: string, from: number, to: number): [number, number] {
  const isWordChar = (i: number) => i >= 0 && i < text.length && /[\p{L}\p{N}\p{M}]/u.test(text[i]!);
  let a = from;
  if (a > 0 && isWordChar(a - 1)) {
    let k = a;
    while (k < to && isWordChar(k)) k++;
    if (k - a < 30) a = k; // skip the cut word; a run longer than that is not a word worth keeping whole
  }
  let b = to;
  if (b < text.length && isWordChar(b)) {
    let k = b;
    while (k > a && isWordChar(k - 1)) k--;
    if (b - k < 30 && k > a) b = k;
  }
  return [a, b];
}

function isSpace(code: number): boolean {
  return (
    code === 32 ||
    (code >= 9 && code <= 13) ||
    code === 0xa0 ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x3000 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x1680 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0xfeff ||
    code === 0x85
  );
}

function render(text: string, from: number, to: number, matches: Span[]): { snippet: string; highlights: Span[] } {
  // Collapse whitespace runs to one space, keeping where each text offset lands in the snippet.
  const parts: string[] = [];
  const at = new Int32Array(to - from + 1).fill(-1);
  let length = 0;
  if (from > 0) {
    parts.push(ELLIPSIS);
    length += ELLIPSIS.length;
  }
  let i = from;
  while (i < to && isSpace(text.charCodeAt(i))) i++;
  let runStart = i;
  let pendingSpace = false;
  for (; i < to; i++) {
    if (isSpace(text.charCodeAt(i))) {
      if (!pendingSpace && i > runStart) parts.push(text.slice(runStart, i));
      pendingSpace = true;
      continue;
    }
    if (pendingSpace) {
      parts.push(' ');
      length += 1;
      pendingSpace = false;
      runStart = i;
    }
    at[i - from] = length;
    length += 1;
  }
  if (!pendingSpace && i > runStart) parts.push(text.slice(runStart, i));
  if (to < text.length) parts.push(ELLIPSIS);
  const highlights: Span[] = [];
  for (const m of matches) {
    const start = at[m.start - from] ?? -1;
    const last = at[m.end - 1 - from] ?? -1;
    if (start < 0 || last < 0) continue;
    highlights.push({ start, end: last + 1 });
  }
  return { snippet: parts.join(''), highlights };
}

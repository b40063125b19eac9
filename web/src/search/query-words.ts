/**
 * Whether a search query has anything to search for, read as the server's query language reads it
 * (src/search/query.ts): upper-case OR, AND, NOT, `|` and `&` standing alone are operators, brackets group, quotes
 * make phrases, and a word is a run of letters, digits or marks (src/search/tokenize.ts). A query of operators,
 * brackets and stars alone is refused by the server with a VALIDATION error; the search page says so itself, in the
 * UI's language, without asking. `hasSearchWords('NOT')` → false; `hasSearchWords('((')` → false;
 * `hasSearchWords('"NOT"')` → true (a quoted word is a word); `hasSearchWords('суд -арест')` → true.
 */
const OPERATORS = new Set(['OR', 'AND', 'NOT', '|', '&']);
const WORD = /[\p{L}\p{N}\p{M}]/u;
const QUOTES: Record<string, string> = { '"': '"', '«': '»', '“': '”', '„': '“' };

export function hasSearchWords(query: string): boolean {
  let i = 0;
  while (i < query.length) {
    const ch = query[i]!;
    const close = QUOTES[ch];
    if (close !== undefined) {
      // A phrase runs to its closing quote, or to the end when it has none.
      let end = query.indexOf(close, i + 1);
      if (ch === '„' && end < 0) end = query.indexOf('”', i + 1);
      const stop = end < 0 ? query.length : end;
      if (WORD.test(query.slice(i + 1, stop))) return true;
      i = stop + 1;
      continue;
    }
    if (/[\s()]/u.test(ch)) {
      i++;
      continue;
    }
    let j = i;
    while (j < query.length && !/[\s()"«“„]/u.test(query[j]!)) j++;
    const raw = query.slice(i, j);
    if (!OPERATORS.has(raw) && WORD.test(raw)) return true;
    i = j;
  }
  return false;
}

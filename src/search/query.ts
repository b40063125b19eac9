import { ChronicleError } from '../shared/errors.js';
import { stemToken } from './stem.js';
import { type Token, tokenize } from './tokenize.js';

/**
 * The search query language, the same on SQLite and PostgreSQL:
 *
 *   задержан суд          both words (AND is implicit; `AND` may be written)
 *   "суд продлил арест"   a phrase: the words, stemmed, next to each other
 *   навальн*              a prefix of the word as written (not stemmed); at the end of a phrase, of the stem
 *   обыск OR арест        either
 *   арест -домашний       NOT: `-word`, `-"phrase"`, `-(group)` or `NOT word`
 *   (обыск OR арест) Уфа  parentheses group
 *
 * Words are stemmed (stem.ts), so «задержан» finds «задержали» and «задержания». Operators are upper-case; a
 * lower-case «or»/«not» is a word. Any string parses: stray quotes close at the end, stray parentheses are
 * ignored, punctuation separates words. What cannot be searched (nothing but punctuation, only NOT terms, a query
 * too long or too deep) is a VALIDATION error, never an SQL error.
 */

/** One word. Matched by stem, or, when `prefix`, by the start of the word (see the module comment). */
export interface TermNode {
  kind: 'term';
  /** The normalized word as typed (lower-case, ё→е). */
  word: string;
  /** Its stem, the index term. */
  stem: string;
  prefix: boolean;
}

/** Words in sequence. Every word but a prefix last one is matched by stem; a prefix last one by stem prefix. */
export interface PhraseNode {
  kind: 'phrase';
  terms: TermNode[];
}

/** Every `must` node and none of the `not` nodes. `must` is never empty. */
export interface AndNode {
  kind: 'and';
  must: QueryNode[];
  not: QueryNode[];
}

export interface OrNode {
  kind: 'or';
  any: QueryNode[];
}

export type QueryNode = TermNode | PhraseNode | AndNode | OrNode;

export interface SearchQuery {
  root: QueryNode;
  /** The word and phrase nodes outside any NOT: what snippets highlight. */
  positive: Array<TermNode | PhraseNode>;
}

export const MAX_QUERY_LENGTH = 1000;
export const MAX_QUERY_TERMS = 32;
export const MAX_QUERY_DEPTH = 8;
/**
 * A one-letter prefix would expand to a large part of the vocabulary, and searched as a word it found next to nothing
 * without a word said: `з*` is refused, naming the shortest prefix.
 */
const MIN_PREFIX = 2;

type Lexeme =
  | { type: 'lparen' | 'rparen' | 'or' | 'and' | 'not' }
  | { type: 'text'; text: string; prefix: boolean; quoted: boolean };

function lex(input: string): Lexeme[] {
  const out: Lexeme[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i]!;
    if (/\s/u.test(ch)) {
      i++;
    } else if (ch === '(') {
      out.push({ type: 'lparen' });
      i++;
    } else if (ch === ')') {
      out.push({ type: 'rparen' });
      i++;
    } else if (ch === '-' && i + 1 < input.length && !/[\s\-*]/u.test(input[i + 1]!)) {
      // `-word`, `-"phrase"`, `-(group)`; a dash inside a word («Санкт-Петербург») never reaches here.
      out.push({ type: 'not' });
      i++;
    } else if (ch === '"' || ch === '«' || ch === '“' || ch === '„') {
      const close = ch === '«' ? '»' : ch === '"' ? '"' : '”';
      let end = input.indexOf(close, i + 1);
      if (ch === '„' && end < 0) end = input.indexOf('“', i + 1);
      // An unbalanced quote runs to the end of the query.
      const stop = end < 0 ? input.length : end;
      const text = input.slice(i + 1, stop);
      i = end < 0 ? input.length : end + 1;
      let prefix = false;
      while (input[i] === '*') {
        prefix = true;
        i++;
      }
      out.push({ type: 'text', text, prefix, quoted: true });
    } else {
      let j = i;
      while (j < input.length && !/[\s()"«“„]/u.test(input[j]!)) j++;
      const raw = input.slice(i, j);
      i = j;
      if (raw === 'OR' || raw === '|') out.push({ type: 'or' });
      else if (raw === 'AND' || raw === '&') out.push({ type: 'and' });
      else if (raw === 'NOT') out.push({ type: 'not' });
      else out.push({ type: 'text', text: raw, prefix: /\*$/u.test(raw), quoted: false });
    }
  }
  return out;
}

class Parser {
  private pos = 0;
  private terms = 0;
  constructor(private readonly lexemes: Lexeme[]) {}

  parse(): QueryNode | null {
    const node = this.parseOr(0);
    return node;
  }

  private peek(): Lexeme | undefined {
    return this.lexemes[this.pos];
  }

  private parseOr(depth: number): QueryNode | null {
    const any: QueryNode[] = [];
    for (;;) {
      const node = this.parseAnd(depth);
      if (node) any.push(node);
      if (this.peek()?.type !== 'or') break;
      this.pos++;
    }
    if (any.length === 0) return null;
    return any.length === 1 ? any[0]! : { kind: 'or', any: any.flatMap((n) => (n.kind === 'or' ? n.any : [n])) };
  }

  private parseAnd(depth: number): QueryNode | null {
    const must: QueryNode[] = [];
    const not: QueryNode[] = [];
    for (;;) {
      const next = this.peek();
      if (!next || next.type === 'or') break;
      if (next.type === 'rparen') {
        if (depth > 0) break;
        this.pos++; // a stray `)` at the top level is ignored
        continue;
      }
      if (next.type === 'and') {
        this.pos++;
        continue;
      }
      let negated = false;
      while (this.peek()?.type === 'not') {
        negated = !negated;
        this.pos++;
      }
      const node = this.parsePrimary(depth);
      if (!node) continue;
      if (!negated) must.push(node);
      else not.push(node);
    }
    if (must.length === 0 && not.length === 0) return null;
    if (must.length === 0) {
      throw new ChronicleError('VALIDATION', 'a NOT term needs a word to search for beside it, e.g. «арест -домашний»');
    }
    if (not.length === 0 && must.length === 1) return must[0]!;
    return { kind: 'and', must: must.flatMap((n) => (n.kind === 'and' && n.not.length === 0 ? n.must : [n])), not };
  }

  private parsePrimary(depth: number): QueryNode | null {
    const next = this.peek();
    if (!next) return null;
    this.pos++;
    if (next.type === 'lparen') {
      if (depth + 1 > MAX_QUERY_DEPTH) {
        throw new ChronicleError('VALIDATION', `the query nests parentheses deeper than ${MAX_QUERY_DEPTH} levels`);
      }
      const inner = this.parseOr(depth + 1);
      if (this.peek()?.type === 'rparen') this.pos++; // an unclosed `(` closes at the end
      return inner;
    }
    if (next.type === 'text') return this.textNode(next.text, next.prefix);
    // `OR`, `AND` or `NOT` where a word belongs (a dangling operator): nothing to search for.
    return null;
  }

  private textNode(text: string, prefix: boolean): QueryNode | null {
    const tokens = tokenize(text);
    if (tokens.length === 0) return null;
    this.terms += tokens.length;
    if (this.terms > MAX_QUERY_TERMS) {
      throw new ChronicleError('VALIDATION', `the query has more than ${MAX_QUERY_TERMS} words`);
    }
    const last = tokens.at(-1)!;
    if (prefix && [...last.norm].length < MIN_PREFIX)
      throw new ChronicleError(
        'VALIDATION',
        `"${last.norm}*": a prefix needs at least ${MIN_PREFIX} letters before the *, or it would match most words`,
      );
    const words = (norms: string[]): QueryNode => {
      const terms: TermNode[] = norms.map((norm, i) => ({
        kind: 'term',
        word: norm,
        stem: stemToken(norm),
        prefix: prefix && i === norms.length - 1,
      }));
      return terms.length === 1 ? terms[0]! : { kind: 'phrase', terms };
    };
    const asWritten = words(tokens.map((t) => t.norm));
    const joined = joinedCompounds(text, tokens);
    return joined ? { kind: 'or', any: [asWritten, words(joined)] } : asWritten;
  }
}

/** A hyphen between two words of a query: the ASCII one, and Unicode's hyphen and non-breaking hyphen. */
const HYPHENS = new Set(['-', '\u2010', '\u2011']);
const LETTERS = /^\p{L}+$/u;

/**
 * The words of a query's text with each compound of two words joined by a hyphen written as one word, or null when it
 * has none: `pre-trial detention` → ['pretrial', 'detention']. A report may spell a compound either way (and a PDF's
 * line repair may have joined it), so `pre-trial` searches both. Only compounds of two words of letters are joined:
 * «Ростов-на-Дону» and ranges of numbers (2019-2024) are not compounds to close up.
 */
function joinedCompounds(text: string, tokens: readonly Token[]): string[] | null {
  const hyphenAfter = (i: number) =>
    i >= 0 && i < tokens.length - 1 && HYPHENS.has(text.slice(tokens[i]!.end, tokens[i + 1]!.start));
  const out: string[] = [];
  let joined = false;
  for (let i = 0; i < tokens.length; i++) {
    const pair = hyphenAfter(i) && !hyphenAfter(i - 1) && !hyphenAfter(i + 1);
    if (pair && LETTERS.test(tokens[i]!.norm) && LETTERS.test(tokens[i + 1]!.norm)) {
      out.push(tokens[i]!.norm + tokens[i + 1]!.norm);
      joined = true;
      i++;
    } else out.push(tokens[i]!.norm);
  }
  return joined ? out : null;
}

function collectPositive(node: QueryNode, out: Array<TermNode | PhraseNode>): void {
  if (node.kind === 'term' || node.kind === 'phrase') out.push(node);
  else if (node.kind === 'and') for (const n of node.must) collectPositive(n, out);
  else for (const n of node.any) collectPositive(n, out);
}

/**
 * Parses a user's query. Throws ChronicleError VALIDATION when nothing in it can be searched.
 * `parseSearchQuery('задержан -"домашний арест"')` →
 * `{ root: { kind: 'and', must: [{ kind: 'term', word: 'задержан', stem: 'задержа', prefix: false }],
 *   not: [{ kind: 'phrase', terms: [домашн, арест] }] }, positive: [задержан] }`.
 */
export function parseSearchQuery(query: string): SearchQuery {
  if (typeof query !== 'string') throw new ChronicleError('VALIDATION', 'the query must be a string');
  if (query.length > MAX_QUERY_LENGTH) {
    throw new ChronicleError('VALIDATION', `the query is longer than ${MAX_QUERY_LENGTH} characters`);
  }
  const root = new Parser(lex(query)).parse();
  if (!root) throw new ChronicleError('VALIDATION', 'the query has no words to search for');
  const positive: Array<TermNode | PhraseNode> = [];
  collectPositive(root, positive);
  return { root, positive };
}

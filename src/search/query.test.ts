import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toTsquery } from './postgres.js';
import { parseSearchQuery, type QueryNode } from './query.js';
import { toFts5 } from './sqlite.js';

const root = (q: string) => parseSearchQuery(q).root;
const words = (q: string) =>
  JSON.stringify(root(q), (key, value) => (key === 'word' || key === 'prefix' ? undefined : value));

describe('parseSearchQuery', () => {
  it('stems a single word', () => {
    expect(root('Задержан')).toEqual({ kind: 'term', word: 'задержан', stem: 'задержа', prefix: false });
  });

  it('reads words side by side as AND, and AND written out the same way', () => {
    expect(words('суд арест')).toBe(words('суд AND арест'));
    expect(root('суд арест')).toMatchObject({ kind: 'and', must: [{ stem: 'суд' }, { stem: 'арест' }], not: [] });
  });

  it('reads OR, NOT, -word and parentheses', () => {
    expect(root('обыск OR арест')).toMatchObject({ kind: 'or', any: [{ stem: 'обыск' }, { stem: 'арест' }] });
    expect(root('арест -домашний')).toMatchObject({
      kind: 'and',
      must: [{ stem: 'арест' }],
      not: [{ stem: 'домашн' }],
    });
    expect(words('арест NOT домашний')).toBe(words('арест -домашний'));
    expect(root('(обыск OR арест) Уфа')).toMatchObject({ kind: 'and', must: [{ kind: 'or' }, { stem: 'уф' }] });
  });

  it('reads quoted phrases, including «guillemets», and a hyphenated word as a phrase', () => {
    expect(root('"суд продлил арест"')).toMatchObject({
      kind: 'phrase',
      terms: [{ stem: 'суд' }, { stem: 'продл' }, { stem: 'арест' }],
    });
    expect(words('«суд продлил»')).toBe(words('"суд продлил"'));
    // A compound of two words is also searched closed up; a chain of three, or numbers, only as written.
    expect(root('Санкт-Петербург')).toMatchObject({
      kind: 'or',
      any: [
        { kind: 'phrase', terms: [{ word: 'санкт' }, { word: 'петербург' }] },
        { kind: 'term', word: 'санктпетербург' },
      ],
    });
    expect(root('pre-trial')).toMatchObject({
      kind: 'or',
      any: [
        { kind: 'phrase', terms: [{ word: 'pre' }, { word: 'trial' }] },
        { kind: 'term', word: 'pretrial' },
      ],
    });
    expect(root('Ростов-на-Дону')).toMatchObject({ kind: 'phrase' });
    expect(root('2019-2024')).toMatchObject({ kind: 'phrase' });
  });

  it('reads a trailing * as a prefix, and refuses one on a single letter', () => {
    expect(root('навальн*')).toEqual({ kind: 'term', word: 'навальн', stem: 'навальн', prefix: true });
    expect(() => root('a*')).toThrow(
      '"a*": a prefix needs at least 2 letters before the *, or it would match most words',
    );
    expect(() => root('суд з*')).toThrow(/"з\*": a prefix needs at least 2 letters/);
    expect(root('"суд прод"*')).toMatchObject({
      kind: 'phrase',
      terms: [{ prefix: false }, { word: 'прод', prefix: true }],
    });
  });

  it('treats lower-case or/not as words', () => {
    expect(root('not guilty')).toMatchObject({ kind: 'and', must: [{ word: 'not' }, { word: 'guilty' }] });
  });

  it('closes an unbalanced quote or parenthesis at the end and ignores a stray one', () => {
    expect(root('"суд продлил')).toMatchObject({ kind: 'phrase' });
    expect(words('(обыск OR арест')).toBe(words('(обыск OR арест)'));
    expect(words(')) суд')).toBe(words('суд'));
  });

  it('lists only words outside NOT as positive, for highlighting', () => {
    expect(parseSearchQuery('суд -арест OR "домашний арест"').positive.map((n) => n.kind)).toEqual(['term', 'phrase']);
  });

  it('refuses queries with nothing to search, only NOT, or too much', () => {
    for (const q of ['', '   ', '"*^:()', 'OR AND NOT', '-арест', 'суд OR -арест', 'x'.repeat(1001)]) {
      expect(() => parseSearchQuery(q), q).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    }
    expect(() => parseSearchQuery(`${'('.repeat(9)}суд`)).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    expect(() => parseSearchQuery(Array.from({ length: 33 }, (_, i) => `w${i}`).join(' '))).toThrow(
      expect.objectContaining({ code: 'VALIDATION' }),
    );
  });

  it('parses any string to a query or a VALIDATION error', () => {
    const alphabet = fc.constantFrom(...'ab "()*-:^{}|&!\'\\ORNTADзя«»'.split(''), 'OR', 'AND', 'NOT', 'NEAR');
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 60 }),
          fc.array(alphabet, { maxLength: 30 }).map((a) => a.join('')),
        ),
        (q) => {
          try {
            const parsed = parseSearchQuery(q);
            // Every compiled term is a quoted string: user text never reaches FTS5 or tsquery syntax.
            assertQuoted(parsed.root);
          } catch (error) {
            expect((error as { code?: string }).code).toBe('VALIDATION');
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

function assertQuoted(node: QueryNode): void {
  const fts = toFts5(node);
  const stripped = fts.replace(/"(?:[^"]|"")*"\*?/g, '"');
  expect(stripped).toMatch(/^[(){}\s"a-z_:*]*(?:(?:AND|OR|NOT)[(){}\s"a-z_:*]*)*$/);
  const tsq = toTsquery(node);
  // Between quoted lexemes only operators: & | ! ( ) and the phrase distances <-> and <N>.
  expect(tsq.replace(/'(?:[^']|'')*'(?::\*)?/g, "'")).toMatch(/^(?:[()'\s&|!]|<->|<\d+>)*$/);
}

import { describe, expect, it } from 'vitest';
import { fieldTerms } from './document-terms.js';
import { toTsquery, tsvectorLiteral } from './postgres.js';
import { parseSearchQuery } from './query.js';

/** The literal as lexeme → positions, so a test does not depend on the order lexemes are written in. */
function lexemes(literal: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of literal.matchAll(/'((?:[^']|'')*)':(\S+)/g)) out.set(m[1]!.replaceAll("''", "'"), m[2]!);
  return out;
}

describe('tsvectorLiteral', () => {
  it('writes stems, marked words and each pair of adjacent stems at its first word, in the title and the body apart', () => {
    const vector = lexemes(tsvectorLiteral(fieldTerms('Суд'), fieldTerms('Суд продлил арест')));
    expect(Object.fromEntries(vector)).toEqual({
      суд: '1A,3',
      '=суд': '1A,3',
      продл: '4',
      '=продлил': '4',
      арест: '5',
      '=арест': '5',
      'суд продл': '3',
      'продл арест': '4',
    });
  });

  it('keeps stems first, then pairs, when a huge text has more lexemes than a vector holds', () => {
    const words = Array.from({ length: 60_000 }, (_, i) => `слово${i}`).join(' ');
    const vector = lexemes(tsvectorLiteral(fieldTerms(null), fieldTerms(words)));
    expect(vector.has('слово59999')).toBe(true);
    expect(vector.has('слово0 слово1')).toBe(true);
    expect(vector.has('=слово59999')).toBe(false);
  });
});

describe('toTsquery of a phrase', () => {
  const tsquery = (q: string) => toTsquery(parseSearchQuery(q).root);

  it('asks for the pairs of adjacent stems, one position apart', () => {
    expect(tsquery('"продлил арест"')).toBe("'продл арест'");
    expect(tsquery('"суд продлил арест"')).toBe("('суд продл' <-> 'продл арест')");
  });

  it('puts a prefix last word one position after the last whole word', () => {
    expect(tsquery('"суд прод"*')).toBe("('суд' <-> 'прод':*)");
    expect(tsquery('"суд продлил ар"*')).toBe("('суд продл' <2> 'ар':*)");
  });
});

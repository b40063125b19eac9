import { describe, expect, it } from 'vitest';
import { type FieldTerms, fieldTerms } from './document-terms.js';
import { matchShare, toRankTsquery, toTsquery, tsvectorsOf, tsvectorText } from './postgres.js';
import { parseSearchQuery } from './query.js';

/** A binary vector as lexeme → positions (`tsvectorText`'s form of them). */
function lexemes(vector: Uint8Array): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tsvectorText(vector).matchAll(/'((?:[^']|'')*)':(\S+)/g)) out.set(m[1]!.replaceAll("''", "'"), m[2]!);
  return out;
}

const indexVector = (title: FieldTerms, body: FieldTerms) => tsvectorsOf(title, body).vector;

describe('tsvectorsOf', () => {
  it('writes stems, marked words and each pair of adjacent stems at its first word, in the title and the body apart', () => {
    const vector = lexemes(indexVector(fieldTerms('Суд'), fieldTerms('Суд продлил арест')));
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
    const words = Array.from({ length: 15_000 }, (_, i) => `слово${i}`).join(' ');
    const vector = lexemes(indexVector(fieldTerms(null), fieldTerms(words)));
    expect(vector.has('слово14999')).toBe(true);
    expect(vector.has('слово0 слово1')).toBe(true);
    expect(vector.has('=слово14999')).toBe(false);
  });
});

describe('the rank vector', () => {
  it('holds the stems alone, at the positions and weights of the index vector', () => {
    const { vector, rank } = tsvectorsOf(fieldTerms('Суд'), fieldTerms('Суд продлил арест'));
    expect(Object.fromEntries(lexemes(rank))).toEqual({ суд: '1A,3', продл: '4', арест: '5' });
    for (const [lexeme, positions] of lexemes(rank)) expect(lexemes(vector).get(lexeme)).toBe(positions);
  });

  it('keeps the stems the index vector keeps when a huge text is cut', () => {
    const words = Array.from({ length: 120_000 }, (_, i) => `слово${i}`).join(' ');
    const { vector, rank } = tsvectorsOf(fieldTerms(null), fieldTerms(words));
    const stems = [...lexemes(vector).keys()].filter((l) => !l.includes(' ') && !l.startsWith('='));
    expect(stems.length).toBeLessThan(120_000);
    expect([...lexemes(rank).keys()]).toEqual(stems);
  });
});

describe('toRankTsquery', () => {
  const rankQuery = (q: string) => toRankTsquery(parseSearchQuery(q).root);

  it('ranks words by stem and a phrase by its words in sequence', () => {
    expect(rankQuery('задержан')).toBe("'задержа'");
    expect(rankQuery('"суд продлил арест"')).toBe("('суд' <-> 'продл' <-> 'арест')");
    expect(rankQuery('обыск OR арест')).toBe("('обыск' | 'арест')");
  });

  it('ranks a prefix by as much of its word as its stem keeps', () => {
    expect(rankQuery('задержан*')).toBe("'задержа':*");
    expect(rankQuery('задерж*')).toBe("'задерж':*");
    expect(rankQuery('"суд прод"*')).toBe("('суд' <-> 'прод':*)");
  });

  it('leaves out what a query excludes, which no match holds', () => {
    expect(rankQuery('суд -штраф')).toBe("'суд'");
    expect(rankQuery('detained Kazan -released')).toBe("('detain' & 'kazan')");
    expect(toTsquery(parseSearchQuery('суд -штраф').root)).toBe("('суд' & !'штраф')");
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

describe('matchShare', () => {
  const stats = {
    shares: new Map([
      ['суд', 0.5],
      ['штраф', 0.2],
      ['арест', 0.1],
      ['продл арест', 0.04],
      ['суд продл', 0.08],
      ['=задержан', 0.3],
      ['=задержали', 0.2],
      ['=задержание', 0.6],
    ]),
    least: 0.02,
  };
  const share = (q: string) => matchShare(parseSearchQuery(q).root, stats);

  it('takes a word’s share from the statistics, an unlisted word as rarer than any listed', () => {
    expect(share('суда')).toBe(0.5);
    expect(share('Фамилияслучайная')).toBe(0.01);
  });

  it('adds the listed words a prefix begins, up to every row', () => {
    expect(share('задержал*')).toBeCloseTo(0.2);
    expect(share('задерж*')).toBe(1);
    expect(share('неизвестн*')).toBe(0.01);
  });

  it('takes a phrase as its rarest pair, AND as a product, OR as a union, NOT as the rest', () => {
    expect(share('"суд продлил арест"')).toBeCloseTo(0.04);
    expect(share('суд штраф')).toBeCloseTo(0.1);
    expect(share('штраф OR арест')).toBeCloseTo(1 - 0.8 * 0.9);
    expect(share('суд -штраф')).toBeCloseTo(0.5 * 0.8);
  });
});

import { describe, expect, it } from 'vitest';
import { matchShare, toRankTsquery, toTsquery } from './postgres.js';
import { parseSearchQuery } from './query.js';

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

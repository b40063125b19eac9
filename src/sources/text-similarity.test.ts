import { describe, expect, it } from 'vitest';
import { detentionReport, OKUNEVA, republished, VEDENEEV } from '../../test/helpers/republished.js';
import {
  bandKeys,
  MIN_SHINGLES,
  SIMILAR_ENOUGH,
  sameReport,
  shingles,
  similarity,
  textProfile,
} from './text-similarity.js';

const REPORT = detentionReport(VEDENEEV);
const REPUBLISHED = republished(REPORT);
// The same template, another person, place, court and fine: a report of its own.
const ANOTHER_DETENTION = detentionReport(OKUNEVA);

describe('shingles', () => {
  it('folds case, ё and punctuation, so a retyped copy is the same text', () => {
    const retyped = REPORT.toUpperCase().replaceAll('ё', 'е').replaceAll(',', ' ,').replaceAll('\n', ' ');
    expect(similarity(shingles(REPORT), shingles(retyped))).toBe(1);
  });

  it('gives nothing for a text shorter than a shingle', () => {
    expect(shingles('Суд продлил арест.')).toHaveLength(0);
  });

  it('counts each shingle once, sorted', () => {
    const hashes = shingles('раз два три четыре пять раз два три четыре пять');
    expect(hashes.length).toBe(5);
    expect([...hashes]).toEqual([...hashes].sort((a, b) => a - b));
  });
});

describe('similarity', () => {
  it('takes a republished report for the same report', () => {
    const value = similarity(shingles(REPORT), shingles(REPUBLISHED));
    expect(value).toBeGreaterThanOrEqual(SIMILAR_ENOUGH);
    expect(value).toBeLessThan(1);
  });

  it('does not take another report written to the same template for the same report', () => {
    // Half its wording is the template's, and half is its own: far from a copy.
    expect(similarity(shingles(REPORT), shingles(ANOTHER_DETENTION))).toBeLessThan(0.6);
  });

  it('is symmetric and zero against nothing', () => {
    const a = shingles(REPORT);
    const b = shingles(REPUBLISHED);
    expect(similarity(a, b)).toBe(similarity(b, a));
    expect(similarity(a, new Uint32Array(0))).toBe(0);
  });
});

describe('sameReport', () => {
  it('takes a republished report for the same report, either way round', () => {
    const share = sameReport(textProfile(REPORT), textProfile(REPUBLISHED));
    expect(share).toBeGreaterThanOrEqual(SIMILAR_ENOUGH);
    expect(sameReport(textProfile(REPUBLISHED), textProfile(REPORT))).toBe(share);
  });

  it('keeps apart reports worded alike that name another person, or another sum', () => {
    const other = detentionReport({ ...VEDENEEV, person: 'активиста Тимура Порошина', surname: 'Порошина' });
    expect(similarity(shingles(REPORT), shingles(other))).toBeGreaterThanOrEqual(SIMILAR_ENOUGH);
    expect(sameReport(textProfile(REPORT), textProfile(other))).toBeNull();
    const fined = detentionReport({ ...VEDENEEV, fine: '30' });
    expect(similarity(shingles(REPORT), shingles(fined))).toBeGreaterThanOrEqual(SIMILAR_ENOUGH);
    expect(sameReport(textProfile(REPORT), textProfile(fined))).toBeNull();
  });

  it('takes a name at the start of a sentence in one and inside one in the other for the same word', () => {
    const moved = REPORT.replace('На следующий день', 'на следующий день');
    expect(sameReport(textProfile(REPORT), textProfile(`Сообщение. ${moved}`))).not.toBeNull();
  });
});

describe('bandKeys', () => {
  it('files a republished report under a key of the original', () => {
    const original = new Set(bandKeys(shingles(REPORT)));
    expect(original.size).toBe(12);
    expect(bandKeys(shingles(REPUBLISHED)).some((key) => original.has(key))).toBe(true);
  });

  it('files no key for a text too short to tell', () => {
    const short = Array.from({ length: MIN_SHINGLES + 3 }, (_, i) => `слово${i}`).join(' ');
    expect(shingles(short).length).toBe(MIN_SHINGLES - 1);
    expect(bandKeys(shingles(short))).toEqual([]);
  });

  it('finds nine in ten texts sharing nearly nine tenths of their shingles, and few sharing a third', () => {
    // Synthetic texts of 300 distinct words, the copy differing in a run of words (its shingles change with them).
    const words = Array.from({ length: 300 }, (_, i) => `слово${i}`);
    const found = (changed: number) => {
      let hits = 0;
      for (let trial = 0; trial < 100; trial++) {
        const copy = [...words];
        for (let k = 0; k < changed; k++) copy[(trial * 7 + k * 13) % 300] = `замена${trial}x${k}`;
        const keys = new Set(bandKeys(shingles(words.join(' '))));
        if (bandKeys(shingles(copy.join(' '))).some((key) => keys.has(key))) hits++;
      }
      return hits;
    };
    // Four words changed: about 0.87 of the shingles shared; thirty: about a third.
    expect(found(4)).toBeGreaterThanOrEqual(90);
    expect(found(30)).toBeLessThanOrEqual(20);
  });
});

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
  it('is high for a republished report, lower for another report written to the same template', () => {
    const copy = similarity(shingles(REPORT), shingles(REPUBLISHED));
    expect(copy).toBeGreaterThan(0.75);
    expect(copy).toBeLessThan(1);
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
  const same = (a: string, b: string) => sameReport(textProfile(a), textProfile(b));

  it('takes a republished report for the same report, either way round', () => {
    const share = same(REPORT, REPUBLISHED);
    expect(share).toBeGreaterThanOrEqual(SIMILAR_ENOUGH);
    expect(same(REPUBLISHED, REPORT)).toBe(share);
  });

  it('takes a short report under a header and a footer half as long as itself for the same report', () => {
    const short = REPORT.split(/(?<=\.)\s+/)
      .slice(0, 4)
      .join(' ');
    const reposted = `Канал «Выдуманные вести» перепечатывает сообщение правозащитников о задержании. ${short}
Подписывайтесь на наш канал, чтобы не пропустить новости региона, и присылайте свои новости в бот.`;
    expect(similarity(shingles(short), shingles(reposted))).toBeLessThan(SIMILAR_ENOUGH);
    expect(same(short, reposted)).toBeGreaterThanOrEqual(SIMILAR_ENOUGH);
  });

  it('keeps apart reports worded alike that name another person, or another sum', () => {
    const other = detentionReport({ ...VEDENEEV, person: 'активиста Тимура Порошина', surname: 'Порошина' });
    expect(similarity(shingles(REPORT), shingles(other))).toBeGreaterThan(0.75);
    expect(same(REPORT, other)).toBeNull();
    const fined = detentionReport({ ...VEDENEEV, fine: '30' });
    expect(similarity(shingles(REPORT), shingles(fined))).toBeGreaterThan(0.75);
    expect(same(REPORT, fined)).toBeNull();
  });

  it('keeps apart reports that differ in a month, a weekday or a number written in words', () => {
    const custody = (until: string, term: string) =>
      `Кировский районный суд Саратова продлил срок содержания под стражей активиста Тимура Веденеева ${until}.
Следствие просило продлить арест ещё на ${term}, защита просила отпустить его под домашний арест, ссылаясь на
состояние здоровья и на то, что он ухаживает за пожилой матерью. Судья отклонил ходатайство защиты. Заседание прошло
в закрытом режиме, родственников в зал не пустили. Адвокат сказала, что обжалует решение в областном суде.`;
    const may = custody('до 5 мая', 'два месяца');
    expect(same(may, custody('до 5 мая', 'два месяца'))).toBe(1);
    expect(same(may, custody('до 5 июля', 'два месяца'))).toBeNull();
    expect(same(may, custody('до 5 мая', 'три месяца'))).toBeNull();
    expect(
      same(
        may.replace('Заседание прошло', 'Заседание во вторник прошло'),
        may.replace('Заседание прошло', 'Заседание в четверг прошло'),
      ),
    ).toBeNull();
    const sentence = (years: string) =>
      REPORT.replace('назначил штраф в 20 тысяч рублей', `приговорил его к ${years} годам колонии-поселения`);
    expect(same(sentence('двум'), sentence('трем'))).toBeNull();
    expect(same(sentence('двум'), sentence('двум'))).toBe(1);
  });

  it('does not take a digest holding a report and much else for that report', () => {
    const others = (from: number) => Array.from({ length: 150 }, (_, i) => `событие${from + i}`).join(' ');
    const digest = `Обзор недели. ${REPORT}\n${others(0)}\n${others(1000)}`;
    expect(same(REPORT, digest)).toBeNull();
  });

  it('takes a name at the start of a sentence in one and inside one in the other for the same word', () => {
    const moved = REPORT.replace('На следующий день', 'на следующий день');
    expect(same(REPORT, `Сообщение. ${moved}`)).not.toBeNull();
  });
});

describe('bandKeys', () => {
  it('files a republished report under a key of the original', () => {
    const original = new Set(bandKeys(shingles(REPORT)));
    expect(original.size).toBe(15);
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
    // Four words changed: 0.87 of the shingles shared (a band shared in theory 99.9 times in 100); sixty: a third (17).
    expect(found(4)).toBeGreaterThanOrEqual(90);
    expect(found(60)).toBeLessThanOrEqual(30);
  });
});

import { describe, expect, it } from 'vitest';
import { findActAnchors } from './act-anchors.js';

// Invented sentences, written for these tests.
const read = (text: string, language: 'ru' | 'en') =>
  findActAnchors(text, language).map((a) => ({
    days: a.days,
    phrase: text.slice(a.start, a.end),
    act: text.slice(a.act.start, a.act.end),
    first: a.types[0],
  }));

describe('findActAnchors', () => {
  it('reads Russian phrases that date by another act', () => {
    expect(read('В тот же день, когда Орлова заочно арестовали, суд начал процесс.', 'ru')).toEqual([
      {
        days: 0,
        phrase: 'В тот же день, когда Орлова заочно арестовали',
        act: 'когда Орлова заочно арестовали',
        first: 'custody',
      },
    ]);
    expect(read('Через два дня после обыска его задержали.', 'ru')).toEqual([
      { days: 2, phrase: 'Через два дня после обыска', act: 'обыска', first: 'search' },
    ]);
    expect(read('На следующий день после того, как его задержали, суд его арестовал.', 'ru')[0]).toMatchObject({
      days: 1,
      first: 'detention',
    });
    expect(read('Спустя неделю после приговора его этапировали.', 'ru')[0]).toMatchObject({
      days: 7,
      first: 'sentence',
    });
    expect(read('Спустя 2 недели после приговора его этапировали.', 'ru')[0]).toMatchObject({
      days: 14,
      first: 'sentence',
    });
    expect(read('Накануне акции его задержали.', 'ru')[0]).toMatchObject({ days: -1, first: 'protest' });
    expect(read('За три дня до суда у него прошёл обыск.', 'ru')[0]).toMatchObject({ days: -3, first: 'hearing' });
  });

  it('reads English phrases that date by another act', () => {
    expect(read('On the day after his arrest he was charged.', 'en')).toEqual([
      { days: 1, phrase: 'On the day after his arrest', act: 'his arrest', first: 'arrest' },
    ]);
    expect(read('Two days after police searched his flat, he was detained.', 'en')[0]).toMatchObject({
      days: 2,
      act: 'police searched his flat',
      first: 'search',
    });
    expect(read('On the same day as her detention, a court fined her.', 'en')[0]).toMatchObject({ days: 0 });
    expect(read('The same day that Orlov was sentenced, police searched his flat.', 'en')[0]).toMatchObject({
      days: 0,
      first: 'sentence',
    });
    expect(read('A week before the rally, officers visited him.', 'en')[0]).toMatchObject({
      days: -7,
      first: 'protest',
    });
  });

  it('leaves alone what only looks like one', () => {
    // «Накануне» alone is the day before the narrative's date, and what follows is the act itself.
    expect(read('Накануне его задержали.', 'ru')).toEqual([]);
    expect(read('В день рождения его задержали.', 'ru')).toEqual([]);
    // "The same day police detained Orlov": the act itself, dated by the narrative.
    expect(read('The same day police detained Orlov.', 'en')).toEqual([]);
    expect(read('On the day of the vote, officers detained him.', 'en')).toEqual([]);
    expect(read('Two days after that, he left.', 'en')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { findArticles, findCases } from './legal-finder.js';

describe('findCases', () => {
  it('reads a case whose whole name is in quotes, with an ordinal and a line break inside', () => {
    const text = 'Lawyers call it the "second\nNovorossiysk case".';
    expect(findCases(text, 'en').map((c) => c.value)).toEqual(['the second Novorossiysk case']);
    expect(findCases('It is known as the "Tula Readers case".', 'en').map((c) => c.value)).toEqual([
      'the Tula Readers case',
    ]);
  });

  it('keeps the named cases it read before', () => {
    expect(findCases('He is a defendant in the Saratov case.', 'en').map((c) => c.value)).toEqual(['the Saratov case']);
    expect(findCases('Фигурант дела «Северного кружка» задержан.', 'ru').map((c) => c.value)).toEqual([
      'дело «Северного кружка»',
    ]);
    expect(findCases('The criminal case was opened.', 'en')).toEqual([]);
  });
});

describe('findCases: numbers and descriptions', () => {
  it('reads a criminal case by its investigators’ number, not a court’s docket number', () => {
    const text = 'Уголовное дело № 12345678901234567 соединено с делом № 1-234/2026.';
    expect(findCases(text, 'ru').map((c) => c.value)).toEqual(['уголовное дело № 12345678901234567']);
    expect(findCases('Criminal case No. 98765432 was opened.', 'en').map((c) => c.value)).toEqual([
      'criminal case No. 98765432',
    ]);
  });

  it('does not read a quoted word that describes a case as its name', () => {
    expect(findCases('Штраф сделал нынешнее дело «особым».', 'ru')).toEqual([]);
    expect(findCases('Police searched her flat in a "justification of terrorism" case.', 'en')).toEqual([]);
    expect(findCases('Его вызвали по делу о «фейках».', 'ru')).toEqual([]);
    expect(findCases('Приговор по делу в отношении «Зелёного берега» отложен.', 'ru')).toEqual([]);
    expect(findCases('The Kazan criminal case was sent to court.', 'en')).toEqual([]);
  });

  it('reads a case named with an ordinal, a word for what it is about, or the body it is of', () => {
    const en = (text: string) => findCases(text, 'en').map((c) => c.value);
    expect(en('New arrests in the second Tavrida case.')).toEqual(['the second Tavrida case']);
    expect(en('Supporters call it the Orsk library case.')).toEqual(['the Orsk library case']);
    const ru = (text: string) => findCases(text, 'ru').map((c) => c.value);
    expect(ru('Фигурантам дела книжного клуба «Полка» продлили арест.')).toEqual(['дело книжного клуба «Полка»']);
    expect(ru('Дело «Речного братства» передано в суд.')).toEqual(['дело «Речного братства»']);
  });

  it('reads a case named in a heading in capitals as it is written in a sentence', () => {
    expect(findCases('ДЕЛО «СЕВЕРНОГО КРУЖКА»: ХРОНИКА', 'ru').map((c) => c.value)).toEqual([
      'дело «Северного кружка»',
    ]);
  });
});

describe('findArticles', () => {
  it('reads an article of the Administrative Code', () => {
    const found = findArticles('under Article 20.3.3 of the Code of Administrative Offences', 'en');
    expect(found.map((a) => a.value.article)).toEqual(['20.3.3']);
  });
});

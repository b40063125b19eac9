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
  });
});

describe('findArticles', () => {
  it('reads an article of the Administrative Code', () => {
    const found = findArticles('under Article 20.3.3 of the Code of Administrative Offences', 'en');
    expect(found.map((a) => a.value.article)).toEqual(['20.3.3']);
  });
});

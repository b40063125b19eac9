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

describe('findArticles', () => {
  it('reads an article of the Administrative Code', () => {
    const found = findArticles('under Article 20.3.3 of the Code of Administrative Offences', 'en');
    expect(found.map((a) => a.value.article)).toEqual(['20.3.3']);
  });
});

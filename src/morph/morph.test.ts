import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeName, guessNameRoles, loadMorphology, nominativeOfName, parseWord } from './index.js';

beforeAll(() => loadMorphology());

describe('loadMorphology', () => {
  it('is idempotent and synchronous', () => {
    loadMorphology();
    loadMorphology();
    expect(parseWord('Уфе').length).toBeGreaterThan(0);
  });
});

describe('parseWord', () => {
  it('reads a city in the locative', () => {
    const first = parseWord('Уфе')[0];
    expect(first?.lemma).toBe('уфа');
    expect(first?.case).toBe('loct');
    expect(first?.gender).toBe('femn');
  });
  it('reads a given name in the genitive with its tags', () => {
    const parses = parseWord('Олега');
    expect(parses.some((p) => p.lemma === 'олег' && p.case === 'gent' && p.tags.includes('Name'))).toBe(true);
  });
  it('returns nothing for Latin words, empty strings and emoji', () => {
    expect(parseWord('Moscow')).toEqual([]);
    expect(parseWord('')).toEqual([]);
    expect(parseWord('😀')).toEqual([]);
  });
});

describe('nominativeOfName', () => {
  it('keeps a man masculine', () => {
    expect(nominativeOfName(['Олега', 'Кузнецова'])).toEqual(['Олег', 'Кузнецов']);
  });
  it('keeps a woman feminine', () => {
    expect(nominativeOfName(['Ольгу', 'Кузнецову'])).toEqual(['Ольга', 'Кузнецова']);
    expect(nominativeOfName(['Ольга', 'Кузнецова'])).toEqual(['Ольга', 'Кузнецова']);
    expect(nominativeOfName(['Ольгой', 'Кузнецовой'])).toEqual(['Ольга', 'Кузнецова']);
  });
  it('uses the given gender for a surname alone', () => {
    expect(nominativeOfName(['Кузнецову'], 'femn')).toEqual(['Кузнецова']);
    expect(nominativeOfName(['Кузнецову'], 'masc')).toEqual(['Кузнецов']);
  });
  it('puts patronymics in the nominative', () => {
    expect(nominativeOfName(['Олега', 'Ивановича', 'Кузнецова'])).toEqual(['Олег', 'Иванович', 'Кузнецов']);
    expect(nominativeOfName(['Кузнецовой', 'Ольги', 'Петровны'])).toEqual(['Кузнецова', 'Ольга', 'Петровна']);
  });
  it('declines surnames the dictionary lacks by their suffix', () => {
    expect(nominativeOfName(['Тимура', 'Абдукадырова'])).toEqual(['Тимур', 'Абдукадыров']);
    expect(nominativeOfName(['Зарины', 'Абдукадыровой'])).toEqual(['Зарина', 'Абдукадырова']);
    expect(nominativeOfName(['Станиславу', 'Вержбицкую'])).toEqual(['Станислава', 'Вержбицкая']);
    expect(nominativeOfName(['Станиславом', 'Вержбицким'])).toEqual(['Станислав', 'Вержбицкий']);
  });
  it('leaves indeclinable surnames as they are', () => {
    expect(nominativeOfName(['Ивана', 'Шевчуко'])).toEqual(['Иван', 'Шевчуко']);
    expect(nominativeOfName(['Георгия', 'Гоглидзе'])).toEqual(['Георгий', 'Гоглидзе']);
    expect(nominativeOfName(['Нино', 'Гоглидзе'])).toEqual(['Нино', 'Гоглидзе']);
  });
  it('declines a man’s consonant-stem surname but not a woman’s', () => {
    expect(nominativeOfName(['Армена', 'Саркисяна'])).toEqual(['Армен', 'Саркисян']);
    expect(nominativeOfName(['Анну', 'Саркисян'])).toEqual(['Анна', 'Саркисян']);
  });
  it('keeps initials', () => {
    expect(nominativeOfName(['О.', 'Кузнецова'], 'masc')).toEqual(['О.', 'Кузнецов']);
  });
  it('follows context cases when the words alone are ambiguous', () => {
    expect(analyzeName(['Рамиля', 'Хайруллина'], { cases: ['gent', 'accs'] }).nominative).toEqual([
      'Рамиль',
      'Хайруллин',
    ]);
    expect(analyzeName(['Альфия', 'Хайруллина'], { gender: 'femn' }).nominative).toEqual(['Альфия', 'Хайруллина']);
  });
  it('restores ё-less spelling and upper case as given', () => {
    expect(nominativeOfName(['Петра', 'Семенова'])).toEqual(['Петр', 'Семенов']);
    expect(nominativeOfName(['ОЛЕГА', 'КУЗНЕЦОВА'])).toEqual(['ОЛЕГ', 'КУЗНЕЦОВ']);
  });
});

describe('guessNameRoles', () => {
  it('finds surname-first order', () => {
    expect(guessNameRoles(['Кузнецов', 'Олег', 'Иванович'])).toEqual(['surname', 'given', 'patronymic']);
    expect(guessNameRoles(['О.', 'Кузнецов'])).toEqual(['initial', 'surname']);
  });
});

import { describe, expect, it } from 'vitest';
import { parseName } from './parse-name.js';

describe('parseName', () => {
  it('reads a court-style surname-first name with patronymic', () => {
    const p = parseName('Гайнуллин Ринат Рашидович');
    expect(p).toMatchObject({
      surname: 'гайнуллин',
      given: 'ринат',
      patronymic: 'рашидович',
      order: 'surname-first',
      gender: 'm',
    });
  });
  it('reads upper-case and comma surname-first styles', () => {
    expect(parseName('GAINULLIN Rinat')).toMatchObject({
      surname: 'gainullin',
      given: 'rinat',
      order: 'surname-first',
    });
    expect(parseName('Gainullin, R.')).toMatchObject({ surname: 'gainullin', initials: ['r'], order: 'surname-first' });
    expect(parseName('Sokolova, Anna')).toMatchObject({ surname: 'sokolova', given: 'anna', gender: 'f' });
  });
  it('reads initials, glued or spaced, before or after the surname', () => {
    expect(parseName('Р.Р. Гайнуллин')).toMatchObject({ surname: 'гайнуллин', initials: ['р', 'р'] });
    expect(parseName('Гайнуллин Р. Р.')).toMatchObject({ surname: 'гайнуллин', initials: ['р', 'р'] });
    expect(parseName('Yu. Mosalskaya')).toMatchObject({ surname: 'mosalskaya', initials: ['yu'], gender: 'f' });
  });
  it('puts an inflected man back in the masculine nominative', () => {
    expect(parseName('Ильдара Гайнуллина')).toMatchObject({
      given: 'ильдар',
      surname: 'гайнуллин',
      gender: 'm',
      grammaticalCase: 'gen',
    });
    expect(parseName('Ильдару Гайнуллину')).toMatchObject({
      given: 'ильдар',
      surname: 'гайнуллин',
      grammaticalCase: 'dat',
    });
  });
  it("keeps both readings when a rare woman's name equals a man's genitive", () => {
    const p = parseName('Рината Гайнуллина');
    expect(p.alternative).toBeDefined();
    expect(new Set([p.gender, p.alternative?.gender])).toEqual(new Set(['m', 'f']));
    expect(parseName('Олегу Кузнецову')).toMatchObject({ given: 'олег', surname: 'кузнецов', gender: 'm' });
    expect(parseName('Никиту Соколовского')).toMatchObject({ given: 'никита', surname: 'соколовский', gender: 'm' });
  });
  it('keeps an inflected woman feminine', () => {
    expect(parseName('Ольгу Кузнецову')).toMatchObject({ given: 'ольга', surname: 'кузнецова', gender: 'f' });
    expect(parseName('Кузнецовой Ольги Петровны')).toMatchObject({
      surname: 'кузнецова',
      given: 'ольга',
      patronymic: 'петровна',
    });
    expect(parseName('Тамара Гайнуллина')).toMatchObject({ given: 'тамара', surname: 'гайнуллина', gender: 'f' });
  });
  it('leaves the gender of a lone -ина surname open (a woman, or a man in the genitive)', () => {
    const p = parseName('Гайнуллина');
    expect(p.gender).toBeUndefined();
    expect(p.keys.surname).toBe(parseName('Гайнуллин').keys.surname);
  });
  it('takes gender from Russian endings in Latin script', () => {
    expect(parseName('Valentina Kotova').gender).toBe('f');
    expect(parseName('Valentin Kotov').gender).toBe('m');
    expect(parseName('Rinat Rashidovich Gainullin')).toMatchObject({ patronymic: 'rashidovich', gender: 'm' });
  });
  it('shares the surname key between a man and a woman of one family', () => {
    expect(parseName('Sokolovskaya Anna').keys.surname).toBe(parseName('Соколовский Иван').keys.surname);
  });
  it('gives a part written without letters no key, never an empty one', () => {
    expect(parseName('☺☺ ☺☺☺').keys).toEqual({});
    expect(parseName('12 345').keys).toEqual({});
    expect(parseName('☺☺ Гайнуллин').keys).toEqual({ surname: 'gainulin' });
    expect(parseName('Ринат 1990').keys).toEqual({ given: 'rinat' });
  });
});

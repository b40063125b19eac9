import { beforeAll, describe, expect, it } from 'vitest';
import { extract, loadExtractor } from '../index.js';

// Invented sentences and people, written for these tests.
beforeAll(() => loadExtractor());

const persons = (text: string, language: 'ru' | 'en') => extract(text, { language }).persons.map((p) => p.name);

describe('Russian names after a hyphenated word', () => {
  it('keeps a given name that is also a common noun after a word broken across a line', () => {
    expect(persons('Задержаны двое: студент Иван Лосев и пенсио-\nнер Лев Аронович Шапиро.', 'ru')).toEqual([
      'Иван Лосев',
      'Лев Аронович Шапиро',
    ]);
  });
  it('keeps it after a hyphenated title', () => {
    expect(persons('Вчера экс-депутат Роман Сидоров и вице-мэр Вера Ложкина пришли в суд.', 'ru')).toEqual([
      'Роман Сидоров',
      'Вера Ложкина',
    ]);
  });
});

describe('Russian surnames with a fleeting vowel in running text', () => {
  it('reads «Тимура Горобца» as Горобец and joins the mother with the same surname', () => {
    const names = persons('Мать Тимура Горобца, Ольга Горобец, рассказала о допросе. Горобца перевели в СИЗО.', 'ru');
    expect(names).toEqual(['Тимур Горобец', 'Ольга Горобец']);
  });
});

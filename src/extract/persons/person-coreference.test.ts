import { beforeAll, describe, expect, it } from 'vitest';
import { extract, loadExtractor } from '../index.js';

// Invented sentences and people, written for these tests.
beforeAll(() => loadExtractor());

const people = (text: string, language: 'ru' | 'en') =>
  extract(text, { language }).persons.map((p) => `${p.name} [${p.mentions.map((m) => m.text).join(' / ')}]`);

describe('one person, two spellings in one document', () => {
  it('joins a surname in another transliteration', () => {
    expect(people('A court jailed student Ruslan Baigildin for ten days. Baygildin, 20, denied it.', 'en')).toEqual([
      'Ruslan Baigildin [Ruslan Baigildin / Baygildin]',
    ]);
    expect(people('Police detained Ilya Khairetdinov on Friday. On Monday Ilya Hairetdinov was fined.', 'en')).toEqual([
      'Ilya Khairetdinov [Ilya Khairetdinov / Ilya Hairetdinov]',
    ]);
  });
  it('joins a given name in another transliteration', () => {
    expect(
      people('Its leader, Yevgeniy Olegovich Tarasov, left. Evgeny Tarasov has lived abroad since 2022.', 'en'),
    ).toEqual(['Yevgeniy Olegovich Tarasov [Yevgeniy Olegovich Tarasov / Evgeny Tarasov]']);
  });
  it('joins a spelling labelled with its language in brackets, and an Azerbaijani spelling with its schwa', () => {
    expect(people('Blogger Pavel Gaysin (Belarusian: Pavel Haysin) was jailed. Gaysin appealed.', 'en')).toEqual([
      'Pavel Gaysin [Pavel Gaysin / Pavel Haysin / Gaysin]',
    ]);
    expect(people('Reporter Rauf Həsənli was detained. Hasanli, 31, denies the charge.', 'en')).toEqual([
      'Rauf Həsənli [Rauf Həsənli / Hasanli]',
    ]);
  });
  it('joins a name given in brackets as another spelling', () => {
    expect(
      people('The court fined Hanna Miraskaya (Anna Mirovskaya in Russian spelling) and her neighbour.', 'en'),
    ).toEqual(['Hanna Miraskaya [Hanna Miraskaya / Anna Mirovskaya]']);
    expect(people('Her brother, Siarhei Dubko (Sergei Dubko), 40, was jailed. Sergei Dubko appealed.', 'en')).toEqual([
      'Siarhei Dubko [Siarhei Dubko / Sergei Dubko / Sergei Dubko]',
    ]);
    expect(people('Farid Umerov (also spelled Umarov) was beaten.', 'en')).toEqual([
      'Farid Umerov [Farid Umerov / Umarov]',
    ]);
  });
  it('keeps apart brothers, spouses and a bracket that is not a spelling', () => {
    expect(
      people('Officers detained Amet Seitov and his brother Lenur Seitov. Lenur Seitov was released.', 'en'),
    ).toEqual(['Amet Seitov [Amet Seitov]', 'Lenur Seitov [Lenur Seitov / Lenur Seitov]']);
    expect(people('Police searched the flat of Oleg Zaitsev and Olga Zaitseva. Zaitseva was fined.', 'en')).toEqual([
      'Oleg Zaitsev [Oleg Zaitsev]',
      'Olga Zaitseva [Olga Zaitseva / Zaitseva]',
    ]);
    expect(people('It was signed by Oleg Petrov (Ivan Sidorov’s lawyer) yesterday.', 'en')).toEqual([
      'Oleg Petrov [Oleg Petrov]',
      'Ivan Sidorov [Ivan Sidorov’s]',
    ]);
  });
  it('joins a bracket that holds another spelling alone, but not another family', () => {
    expect(people('Palina Tsiareshchanka (Polina Tereshchenko) left for Vilnius.', 'en')).toEqual([
      'Palina Tsiareshchanka [Palina Tsiareshchanka / Polina Tereshchenko]',
    ]);
    expect(people('Oleg Petrov (Ivan Sidorov) spoke first.', 'en')).toHaveLength(2);
  });
  it('joins a Russian bracketed spelling', () => {
    expect(people('Задержан Сяргей Дубко (в русском написании Сергей Дубко), 40 лет.', 'ru')).toEqual([
      'Сяргей Дубко [Сяргей Дубко / Сергей Дубко]',
    ]);
  });
});

describe('a feminine adjectival surname read first from an oblique case', () => {
  it('joins «Ирины Подгорновой» and «Ирина Подгорновая» under the nominative spelling', () => {
    expect(people('Адвокат Ирины Подгорновой заявил о давлении. Ирина Подгорновая провела в ИВС сутки.', 'ru')).toEqual(
      ['Ирина Подгорновая [Ирины Подгорновой / Ирина Подгорновая]'],
    );
  });
  it('keeps two women whose surnames differ in that way apart', () => {
    expect(people('Задержаны Ирина Подгорновая и Анна Подгорнова.', 'ru')).toHaveLength(2);
  });
});

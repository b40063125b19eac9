import { describe, expect, it } from 'vitest';
import { compareNames, scoreNames } from './compare.js';

const same = (a: string, b: string) => expect(compareNames(a, b).match, `${a} ~ ${b}`).toBe(true);
const different = (a: string, b: string) => expect(compareNames(a, b).match, `${a} ≠ ${b}`).toBe(false);

describe('compareNames', () => {
  it('matches one defendant across scripts, schemes, cases, order and initials', () => {
    const forms = [
      'Rinat Gainullin',
      'Rinat Gaynullin',
      'Гайнуллин Ринат Рашидович',
      'GAINULLIN Rinat',
      'R. Gainullin',
    ];
    for (const f of forms) same('Ринат Гайнуллин', f);
    same('Ильдар Гайнуллин', 'Ильдара Гайнуллина');
    same('Ильдар Гайнуллин', 'Ильдаром Гайнуллиным');
  });
  it('does not decide a form that reads as a man in the genitive or a woman (Рината Гайнуллина)', () => {
    const r = compareNames('Ринат Гайнуллин', 'Рината Гайнуллина');
    expect(r.match).toBe(false);
    expect(r.score).toBeGreaterThan(0.05);
    expect(r.why).toMatch(/reading:/);
  });
  it('reads j as ж in press spellings (Bajanenko, Nadejda) without losing j as й', () => {
    expect(compareNames('Bajanenko, Andrei', 'Андрей Бажаненко').match).toBe(true);
    expect(compareNames('Nadejda Aksenenko', 'Надежда Аксененко').score).toBeGreaterThan(0.9);
    expect(compareNames('Gajnullin Rinat', 'Ринат Гайнуллин').match).toBe(true);
    expect(compareNames('Bajanenko Andrei', 'Андрей Баяненко').match).toBe(true);
    expect(compareNames('Bajanenko Andrei', 'Андрей Бажаненко').why).toMatch(/j read as ж/);
  });
  it('refuses a surname that differs by real letters', () => {
    different('Ринат Гайнуллин', 'Ринат Гайнутдинов');
    different('Mikhail Sokolov', 'Mikhail Sokolovsky');
    different('Иван Котов', 'Иван Котков');
  });
  it('refuses a mother for her son and a woman for a man of the same name', () => {
    different('Ринат Гайнуллин', 'Тамара Гайнуллина');
    different('Валентин Котов', 'Валентина Котова');
    expect(compareNames('Валентин Котов', 'Valentina Kotova').score).toBeLessThan(0.05);
  });
  it('refuses different given names with the same surname', () => {
    different('Иван Петров', 'Сергей Петров');
    different('Oleg Petrov', 'Igor Petrov');
  });
  it('refuses a different patronymic', () => {
    different('Гайнуллин Ринат Рашидович', 'Гайнуллин Ринат Ильдарович');
  });
  it('accepts given-name equivalents and marked diminutives, with lower scores', () => {
    const full = compareNames('Михаил Соколов', 'Mikhail Sokolov').score;
    const equivalent = compareNames('Михаил Соколов', 'Michael Sokolov').score;
    const diminutive = compareNames('Михаил Соколов', 'Миша Соколов').score;
    expect(equivalent).toBeLessThanOrEqual(full);
    expect(diminutive).toBeLessThan(equivalent);
    same('Михаил Соколов', 'Misha Sokolov');
  });
  it('accepts swapped order when nothing marks it', () => {
    same('Gainullin Rinat', 'Rinat Gainullin');
  });
  it('handles Central Asian names passing through Russian', () => {
    same('Bahodir Jalolov', 'Бахадыр Джалолов');
    same('Rustamjon Karimov', 'Рустамжон Каримов');
  });
  it('explains every part', () => {
    const r = compareNames('Фёдор Гайнуллин', 'Fedor Gaynullin');
    expect(r.why).toMatch(/given name: Федор ~ Fedor via .*BGN\/PCGN/);
    expect(r.why).toMatch(/surname: Гайнуллин ~ Gaynullin via BGN\/PCGN/);
    const p = compareNames('Гайнуллин Ринат Рашидович', 'Rinat Gainullin');
    expect(p.why).toMatch(/patronymic: absent on one side/);
    expect(p.parts.map((x) => x.part)).toEqual(['surname', 'given name', 'patronymic', 'gender']);
  });
  it('is symmetric in score', () => {
    const pairs: Array<[string, string]> = [
      ['R. Gainullin', 'Ринат Гайнуллин'],
      ['Гайнуллина', 'Тамара Гайнуллина'],
      ['Misha Sokolov', 'Михаил Соколов'],
    ];
    for (const [a, b] of pairs) expect(scoreNames(a, b).score).toBeCloseTo(scoreNames(b, a).score, 3);
  });
});

describe('names without letters to compare', () => {
  it('scores 0 for two names of symbols, digits or punctuation, and says why', () => {
    for (const [a, b] of [
      ['☺☺ ☺☺☺', '★ ★★★'],
      ['12 345', '67 890'],
      ['... ---', '!! ??'],
      ['☺☺ ☺☺☺', '☺☺ ☺☺☺'],
    ] as const) {
      const result = compareNames(a, b);
      expect(result, `${a} / ${b}`).toMatchObject({ score: 0, match: false });
      expect(result.why).toContain('no letters to compare');
      expect(scoreNames(a, b)).toEqual({ score: 0, match: false });
    }
    expect(compareNames('☺☺ ☺☺☺', '★ ★★★').why).toBe(
      'different people (score 0.00): «☺☺ ☺☺☺» and «★ ★★★» have no letters to compare',
    );
  });
  it('scores 0 for a real name against a letterless one, either way round', () => {
    for (const other of ['★ ★★★', '1990', '—']) {
      expect(compareNames('Ринат Гайнуллин', other)).toMatchObject({ score: 0, match: false });
      expect(compareNames(other, 'Rinat Gaynullin')).toMatchObject({ score: 0, match: false });
      expect(scoreNames('Rinat Gaynullin', other)).toEqual({ score: 0, match: false });
    }
    expect(compareNames('Ринат Гайнуллин', '★ ★★★').why).toBe(
      'different people (score 0.00): «★ ★★★» has no letters to compare',
    );
  });
  it('does not take two given names without letters for one name', () => {
    const result = compareNames('★ Гайнуллин', '☺ Гайнуллин');
    expect(result.match).toBe(false);
    expect(result.parts.find((p) => p.part === 'given name')).toMatchObject({
      status: 'absent',
      note: '★ and ☺ have no letters to compare',
    });
    different('Ринат ★★★', 'Ринат ☺☺☺');
  });
});

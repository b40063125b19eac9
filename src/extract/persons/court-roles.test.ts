import { describe, expect, it } from 'vitest';
import { courtRolesEn, courtRolesRu } from './court-roles.js';

describe('court roles', () => {
  it('builds the forms a context takes, case by case', () => {
    expect(
      courtRolesRu([
        { role: 'prosecutor', cases: ['gen'] },
        { role: 'judge', cases: ['gen', 'gen.pl'] },
      ]),
    ).toBe('прокурора|судьи|судей');
  });

  it('reads any form of a role from its stem, and the title along with it', () => {
    const re = new RegExp(`^(?:${courtRolesRu([{ role: 'clerk', cases: 'any', title: 'optional' }])})$`, 'iu');
    expect(re.test('секретарём судебного заседания')).toBe(true);
    expect(re.test('секретари')).toBe(true);
  });

  it('requires the title where a context asks for it: «государственный обвинитель», not «обвинитель»', () => {
    const re = new RegExp(
      `^(?:${courtRolesRu([{ role: 'stateProsecutor', cases: ['nom'], title: 'required' }])})$`,
      'iu',
    );
    expect(re.test('государственный обвинитель')).toBe(true);
    expect(re.test('обвинитель')).toBe(false);
  });

  it('takes only the English words listed', () => {
    expect(courtRolesEn(['judge', { role: 'clerk', words: ['clerk'] }])).toBe('judge|clerk');
  });

  it('refuses a form the vocabulary does not hold', () => {
    expect(() => courtRolesRu([{ role: 'investigator', cases: ['gen'] }])).toThrow(/no form gen/u);
  });
});

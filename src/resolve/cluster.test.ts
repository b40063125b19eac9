import { describe, expect, it } from 'vitest';
import { blockingKeys, crossScriptKeys, searchExpansions } from './blocking.js';
import { oneSlipApart, resolveMentions } from './cluster.js';
import { parseName } from './parse-name.js';

describe('resolveMentions', () => {
  it('counts the defendant once and keeps his mother and a near namesake apart', () => {
    const names = [
      'Ринат Гайнуллин',
      'Rinat Gainullin',
      'Rinat Gaynullin',
      'Гайнуллин Ринат Рашидович',
      'R. Gainullin',
      'Ринат Гайнутдинов',
      'Тамара Гайнуллина',
      'Tamara Gainullina',
    ];
    const r = resolveMentions(names);
    const c = r.clusterOf;
    expect(new Set([c[0], c[1], c[2], c[3], c[4]]).size).toBe(1);
    expect(c[5]).not.toBe(c[0]);
    expect(c[6]).not.toBe(c[0]);
    expect(c[6]).toBe(c[7]);
    expect(r.clusterCount).toBe(3);
    expect(r.merges.length).toBeGreaterThan(0);
  });
  it('keeps surnames a vowel apart as two families, and joins a surname written once with a slip', () => {
    const families = resolveMentions([
      'Александр Граченский',
      'Aleksandr Grachenskiy',
      'Александр Грачанский',
      'GRACHANSKIY Aleksandr',
    ]).clusterOf;
    expect(families[0]).toBe(families[1]);
    expect(families[2]).toBe(families[3]);
    expect(families[0]).not.toBe(families[2]);
    const slip = resolveMentions(['Svetlana Pavlova', 'Светлана Павлова', 'Svetlana Pavlvoa']).clusterOf;
    expect(new Set(slip).size).toBe(1);
    expect(oneSlipApart('pavlvoa', 'pavlova')).toBe(true);
    expect(oneSlipApart('okunin', 'oknin')).toBe(false); // too short to assume a slip
    expect(oneSlipApart('graCanski', 'graCenski')).toBe(false);
  });
  it('joins a misspelt given name to the one person it resembles, and not when it resembles two', () => {
    const one = resolveMentions(['Александр Ордыненко', 'ОРДЫНЕНКО Александр', 'Ордыненко Алекандр']);
    expect(new Set(one.clusterOf).size).toBe(1);
    // Two men named Александр Ордыненко with different patronymics: the misspelt name could be either.
    const two = resolveMentions(['Ордыненко Александр Петрович', 'Ордыненко Александр Иванович', 'Ордыненко Алекандр']);
    expect(two.clusterOf[0]).not.toBe(two.clusterOf[1]);
    expect(two.clusterOf[2]).not.toBe(two.clusterOf[1]);
    expect(two.clusterOf[2]).not.toBe(two.clusterOf[0]);
    expect(resolveMentions(['Александр Ордыненко', 'Ордыненко Алекандр'], { weakLinkThreshold: 1 }).clusterCount).toBe(
      2,
    );
  });
  it('places a name with two readings only where a single reading fits one person', () => {
    // «Владиславу Корнилову»: Владислав in the dative or Владислава in the accusative.
    const r = resolveMentions(['Владислав Корнилов', 'Vladislav Kornilov', 'Владиславу Корнилову']);
    expect(r.clusterCount).toBe(1);
    const both = resolveMentions([
      'Владислав Корнилов',
      'Владислава Корнилова',
      'Vladislava Kornilova',
      'Владиславу Корнилову',
    ]);
    expect(both.clusterOf[0]).not.toBe(both.clusterOf[1]);
    expect(both.clusterOf[3]).not.toBe(both.clusterOf[0]);
    expect(both.clusterOf[3]).not.toBe(both.clusterOf[1]);
  });
  it('still joins initials to the single full name in a block of a common surname', () => {
    const names = ['A. Ivanov'];
    const givens = ['Алексей', 'Борис', 'Василий', 'Григорий', 'Дмитрий', 'Евгений', 'Жан', 'Зиновий', 'Игорь'];
    for (const g of givens) for (let k = 0; k < 6; k++) names.push(`${g} Иванов${['', 'а', 'у', 'ым', 'е', ''][k]}`);
    const r = resolveMentions(names);
    expect(r.clusterOf[0]).toBe(r.clusterOf[1]);
  });
  it('never merges two mentions a source names as two people', () => {
    const r = resolveMentions(['Ринат Гайнуллин', 'Rinat Gainullin'], { cannotLink: [[0, 1]] });
    expect(r.clusterOf[0]).not.toBe(r.clusterOf[1]);
    expect(r.proposals[0]?.reason).toBe('constraint');
  });
  it('leaves initials that fit two people as a proposal, with an explanation', () => {
    const r = resolveMentions(['Ринат Гайнуллин', 'Руслан Гайнуллин', 'R. Gainullin'], { explain: true });
    expect(r.clusterCount).toBe(3);
    const p = r.proposals.find((x) => x.reason === 'ambiguous initials');
    expect(p?.why).toMatch(/initial R\. fits/);
  });
  it('does not chain different patronymics through a mention without one', () => {
    const r = resolveMentions(['Гайнуллин Ринат Рашидович', 'Ринат Гайнуллин', 'Гайнуллин Ринат Ильдарович']);
    expect(r.clusterOf[0]).not.toBe(r.clusterOf[2]);
  });
});

describe('blocking and search keys', () => {
  it('gives every spelling of one name a shared blocking key', () => {
    const keys = ['Ринат Гайнуллин', 'Rinat Gajnullin', 'GAINULLIN Rinat'].map(
      (n) => new Set(blockingKeys(parseName(n))),
    );
    for (const k of keys[0]!) expect(keys.every((s) => s.has(k))).toBe(true);
  });
  it('lets a search for Gainullin find «Гайнуллина» and the reverse', () => {
    const doc = new Set(crossScriptKeys('Гайнуллина'));
    expect(crossScriptKeys('Gainullin').some((k) => doc.has(k))).toBe(true);
    expect(searchExpansions('Гайнуллин')).toEqual(expect.arrayContaining(['Gainullin', 'Gaynullin', 'Gajnullin']));
    expect(searchExpansions('Gaynullin')).toContain('Гайнуллин');
  });
});

describe('names without letters to compare', () => {
  it('never joins them, not even a name to the same name written twice', () => {
    const r = resolveMentions(['☺☺ ☺☺☺', '★ ★★★', '☺☺ ☺☺☺', '12 345', '... ---']);
    expect(r.clusterCount).toBe(5);
    expect(r.merges).toEqual([]);
    expect(r.proposals).toEqual([]);
  });
  it('does not join names through a given name without letters', () => {
    expect(resolveMentions(['★ Гайнуллин', '★ Гайнуллин', '☺ Гайнуллин']).clusterCount).toBe(3);
  });
  it('does not join names through a surname without letters', () => {
    expect(resolveMentions(['Ринат ☺', 'Ринат ☺', 'Ринат ★']).clusterCount).toBe(3);
  });
  it('lets a given name without letters anchor nobody, as initials cannot', () => {
    // Low thresholds put the pair over the line: a surname-only mention joins the single full name it matches, and
    // «★ Гайнуллин» is not one.
    const r = resolveMentions(['★ Гайнуллин', 'Гайнуллин'], { autoMergeThreshold: 0.2, proposalThreshold: 0.1 });
    expect(r.clusterCount).toBe(2);
  });
  it('gives a name whose surname has no letters no blocking or search key', () => {
    expect(blockingKeys(parseName('☺☺ ☺☺☺'))).toEqual([]);
    expect(blockingKeys(parseName('Ринат 1990'))).toEqual([]);
    expect(crossScriptKeys('☺☺ ☺☺☺')).toEqual([]);
  });
  // Blocked as none: with the surname-only names, not with each other under an empty key.
  it('blocks a given name without letters as no given name', () => {
    expect(blockingKeys(parseName('☺☺ Гайнуллин'))).toEqual(blockingKeys(parseName('Гайнуллин')));
  });
  it('blocks an initial without letters as no initial', () => {
    expect(blockingKeys(parseName('Λ. Petrov'))).toEqual(blockingKeys(parseName('Petrov')));
  });
});

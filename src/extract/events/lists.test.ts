import { describe, expect, it } from 'vitest';
import { findListItems, smallHours } from './lists.js';

// Invented lines, written for these tests.
describe('findListItems', () => {
  it('finds numbered and bulleted items, each to the next item or a blank line', () => {
    const text = 'Задержаны:\n1. Ким — ОМВД.\n2. Лунин — ОВД.\n\nДалее текст.\n- Один\n- Два\n';
    const items = findListItems(text).map((i) => ({ list: i.list, content: text.slice(i.contentStart, i.end) }));
    expect(items).toEqual([
      { list: 0, content: 'Ким — ОМВД.\n' },
      { list: 0, content: 'Лунин — ОВД.' },
      { list: 1, content: 'Один\n' },
      { list: 1, content: 'Два\n' },
    ]);
  });

  it('takes no lone numbered line for a list, nor a dash inside a line', () => {
    expect(findListItems('1. Один пункт.\n\nИ текст — с тире.\n')).toEqual([]);
  });
});

describe('smallHours', () => {
  it('tells a time past midnight from an evening one', () => {
    expect(smallHours('Released at 03:00 without a report.')).toBe(true);
    expect(smallHours('Отпущен в 1:30.')).toBe(true);
    expect(smallHours('Released 23:50.')).toBe(false);
    expect(smallHours('Отпущен, протокол по ст. 5.35 КоАП.')).toBe(false);
  });
});

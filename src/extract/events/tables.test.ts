import { describe, expect, it } from 'vitest';
import { findTables } from './tables.js';

// Invented people and rows, written for these tests.
const cellTexts = (text: string, cells: Array<{ start: number; end: number }>) =>
  cells.map((c) => text.slice(c.start, c.end));

describe('findTables', () => {
  it('reads a header that names a detention date, and its rows cell by cell', () => {
    const text =
      'Ниже — таблица.\n\nФИО | город | дата задержания | статус\n' +
      'Кимова Ольга | Омск | 03.09.2026 | СИЗО\nЛунин Олег | Томск | — | в розыске\n\nКомментарии.';
    const [table, ...more] = findTables(text);
    expect(more).toEqual([]);
    expect(cellTexts(text, table!.header!.cells)).toEqual(['ФИО', 'город', 'дата задержания', 'статус']);
    expect(table!.rows.map((r) => cellTexts(text, r.cells))).toEqual([
      ['Кимова Ольга', 'Омск', '03.09.2026', 'СИЗО'],
      ['Лунин Олег', 'Томск', '—', 'в розыске'],
    ]);
    expect([table!.actColumn, table!.actType]).toEqual([2, 'detention']);
  });

  it('reads markdown bars with a rule under the header, and tabs', () => {
    const markdown = '| name | city | detained |\n|---|---|---|\n| Ann Lee | Omsk | 1.2.2026 |\n| Bo Li | Tver | — |';
    const [table] = findTables(markdown);
    expect(table!.rows.map((r) => cellTexts(markdown, r.cells))).toEqual([
      ['Ann Lee', 'Omsk', '1.2.2026'],
      ['Bo Li', 'Tver', '—'],
    ]);
    expect(table!.actType).toBe('detention');
    const tabs = 'Ann Lee\tOmsk\t1.2.2026\nBo Li\tTver\t2.2.2026';
    const [plain] = findTables(tabs);
    expect([plain!.header, plain!.rows.length, plain!.actColumn]).toEqual([null, 2, null]);
  });

  it('finds no table in a line of bars alone, or in prose with one bar', () => {
    expect(findTables('Итоги | 2026 | осень\n\nОдин | два')).toEqual([]);
    expect(findTables('Он сказал: «да | нет».\nА потом ушёл.')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { findTables, inNumberColumnHeader } from './tables.js';

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

  it('reads the header of a court website’s table of a case’s movement and of its parties', () => {
    const text =
      'Наименование события\tДата\tВремя\tМесто проведения\tРезультат события\tДата размещения\n' +
      'Судебное заседание\t02.03.2026\t10:00\tЗал № 2\tОтложено\t02.03.2026\n' +
      'Судебное заседание\t16.03.2026\t11:00\tЗал № 2\tВынесен приговор\t17.03.2026\n\n' +
      'Kind of participant | Surname / first name / patronymic | Article\n' +
      'DEFENDANT | Gusev Pavel Olegovich | Art. 207.3 Part 2\nDEFENDER | Lvova A. B. |';
    const [movement, parties] = findTables(text);
    expect(cellTexts(text, movement!.header!.cells)).toEqual([
      'Наименование события',
      'Дата',
      'Время',
      'Место проведения',
      'Результат события',
      'Дата размещения',
    ]);
    expect(movement!.rows).toHaveLength(2);
    expect(cellTexts(text, parties!.header!.cells)[1]).toBe('Surname / first name / patronymic');
    expect(parties!.rows).toHaveLength(2);
  });

  it('finds no table in a line of bars alone, or in prose with one bar', () => {
    expect(findTables('Итоги | 2026 | осень\n\nОдин | два')).toEqual([]);
    expect(findTables('Он сказал: «да | нет».\nА потом ушёл.')).toEqual([]);
  });

  it('tells a column header over numbers from a place column and from a data row', () => {
    const header = (text: string, word: string) => inNumberColumnHeader(text, findTables(text), text.indexOf(word));
    const card = 'Hearing | Date | Court\nPreliminary | 12.03.2026 | Tver\nMain | 20.03.2026 | Tula';
    expect(header(card, 'Date')).toBe(true);
    expect(header(card, 'Court')).toBe(false);
    expect(header(card, 'Tver')).toBe(false);
    // A markdown rule under the header is no row; an unheaded first row with a number in it is data.
    expect(header('| Kind | Date | Place |\n|---|---|---|\n| search | 03.04.2026 | Kazan |', 'Date')).toBe(true);
    expect(header('Orel | 2026 | Lipa\nKursk | 2025 | Oka', 'Lipa')).toBe(false);
  });
});

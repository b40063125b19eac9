import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvFile, csvRows } from './sheet-cells.js';

describe('CSV cells', () => {
  it('quotes a cell holding any line break, so a note over two lines stays one cell of one row', () => {
    const notes = ['Задержан 5 марта\n=1+1 адвокат Тестов', 'met lawyer\r=1+1', 'two\r\nlines'];
    const text = csvRows(notes.map((note) => ['Иван Выдуманный', note, 'internal']));
    const rows = parse(text, { relax_column_count: false }) as string[][];
    expect(rows).toEqual(notes.map((note) => ['Иван Выдуманный', note, 'internal']));
  });

  it('neutralizes a formula at the start of a cell, and leaves plain cells unquoted', () => {
    expect(
      csvFile(
        ['name', 'note'],
        [
          ['=HYPERLINK("x")', 'plain'],
          [-3.5, null],
        ],
      ),
    ).toBe('\uFEFFname,note\r\n"\'=HYPERLINK(""x"")",plain\r\n-3.5,\r\n');
  });
});

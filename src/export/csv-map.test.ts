import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { type CsvMap, detectDelimiter, readCsvMap, readSpreadsheet, splitRecords } from './csv-map.js';

const MAP: CsvMap = {
  fields: {
    name: 'ФИО',
    nameOtherScript: 'Latin',
    birthYear: 'Год',
    articles: 'Статьи',
    status: 'Статус',
    detentionDate: 'Задержан',
    sentenceDate: 'Приговор',
    sentence: 'Срок',
  },
};

const HEADER = 'ФИО;Latin;Год;Статьи;Статус;Задержан;Приговор;Срок;Комментарий';

describe('readCsvMap', () => {
  it('accepts a map with a name column and options', () => {
    expect(readCsvMap({ ...MAP, delimiter: ';', dateOrder: 'month-first' }).delimiter).toBe(';');
    expect(readCsvMap({ fields: { givenName: 'Имя', surname: 'Фамилия' } }).fields.surname).toBe('Фамилия');
  });

  it('names unknown fields and options with what is known, and bad values with what they got', () => {
    expect(() => readCsvMap({ fields: { nmae: 'ФИО' } })).toThrow(
      /unknown field «nmae» in fields \(known: name, givenName/,
    );
    expect(() => readCsvMap({ fields: { name: 'ФИО' }, separator: ';' })).toThrow(/unknown option «separator»/);
    expect(() => readCsvMap({ fields: { name: 'ФИО' }, delimiter: '|' })).toThrow(/delimiter: .*\(got «\|»\)/);
    expect(() => readCsvMap({ fields: { name: 'ФИО' }, statuses: { этап: 'transit' } })).toThrow(/statuses\.этап/);
    expect(() => readCsvMap({ fields: { birthYear: 'Год' } })).toThrow(/must name a name column/);
    expect(() => readCsvMap([])).toThrow(/MAP\.json: the map: expected object/);
  });
});

describe('splitRecords and detectDelimiter', () => {
  it('keeps quoted fields across lines, and reports a quote never closed without losing the lines after it', () => {
    const records = splitRecords('a,b\n"x\ny",z\n"broken,1\nc,d\n"bad"quote,e', ',');
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x\ny', 'z'] },
      { line: 4, error: 'a quote that is never closed' },
      { line: 5, fields: ['c', 'd'] },
      // A quote inside a field that does not start with one is a character, as spreadsheets write «Иван "Ваня"».
      { line: 6, fields: ['"bad"quote', 'e'] },
    ]);
  });

  it('refuses a row with a NUL character in a cell by its line, and keeps the others', () => {
    expect(splitRecords('ФИО,Регион\nИван\u0000 Нулевой,Пенза\nПётр Выдумкин,Тверь', ',')).toEqual([
      { line: 1, fields: ['ФИО', 'Регион'] },
      { line: 2, error: 'a cell holds a NUL character (U+0000), which no field may hold' },
      { line: 3, fields: ['Пётр Выдумкин', 'Тверь'] },
    ]);
  });

  it('picks the delimiter the header uses most, outside quotes', () => {
    expect(detectDelimiter('ФИО;Год;"Статьи, части"')).toBe(';');
    expect(detectDelimiter('name\tyear\tarticles')).toBe('\t');
    expect(detectDelimiter('name,year')).toBe(',');
  });
});

describe('readSpreadsheet', () => {
  const csv = [
    HEADER,
    'Тестов Иван Петрович;Ivan Testov;1987;"212.2 ч.1; 280.3";в СИЗО;05.03.2021;;;лишнее',
    ';;;;;;;;',
    'Примерова Анна;;1990 г.;ст. 207.3 ч.2 УК РФ;осуждена;март 2021;2022-01-10;6 лет 6 месяцев;',
    ';Olga Vymyslova;;;;;;;',
    'Без Даты;;;;;31.02.2021;;;',
    'Мало Колонок;;1980',
    'Неизвестный Статус;;;;под подпиской;;;;',
  ].join('\r\n');

  it('reads each row into the record’s terms, rejecting bad rows with their line and reason', () => {
    const sheet = readSpreadsheet(Buffer.from(`\uFEFF${csv}`, 'utf8'), MAP);
    expect(sheet.delimiter).toBe(';');
    expect(sheet.encoding).toBe('utf-8');
    expect(sheet.ignoredColumns).toEqual(['Комментарий']);
    expect(sheet.emptyRows).toBe(1);
    expect(sheet.rows).toEqual([
      {
        row: 2,
        displayName: 'Тестов Иван Петрович',
        otherScriptName: 'Ivan Testov',
        birthYear: 1987,
        gender: null,
        region: null,
        articles: [
          { code: 'УК РФ', article: '212.2', part: 1 },
          { code: 'УК РФ', article: '280.3', part: null },
        ],
        status: { value: 'in_custody', cell: 'в СИЗО' },
        events: [{ type: 'detention', date: { value: '2021-03-05', precision: 'day' }, sentenceYears: null }],
        caseName: null,
        sources: [],
        notes: null,
      },
      expect.objectContaining({
        row: 4,
        displayName: 'Примерова Анна',
        birthYear: 1990,
        status: { value: 'sentenced', cell: 'осуждена' },
        events: [
          { type: 'detention', date: { value: '2021-03', precision: 'month' }, sentenceYears: null },
          { type: 'sentence', date: { value: '2022-01-10', precision: 'day' }, sentenceYears: 6.5 },
        ],
      }),
      expect.objectContaining({ row: 5, displayName: 'Olga Vymyslova', otherScriptName: null }),
      { row: 6, reason: 'unreadable date «31.02.2021»: no such day' },
      { row: 7, reason: '3 columns where the header has 9' },
      { row: 8, reason: 'unknown status «под подпиской»' },
    ]);
  });

  it('reads the same spreadsheet from Windows-1251, declared or guessed', () => {
    const bytes = iconv.encode(csv, 'windows-1251');
    const declared = readSpreadsheet(bytes, { ...MAP, encoding: 'windows-1251' });
    const guessed = readSpreadsheet(bytes, MAP);
    expect(declared.encoding).toBe('windows-1251');
    expect(guessed.encoding).toBe('windows-1251');
    const utf8 = readSpreadsheet(Buffer.from(csv, 'utf8'), MAP);
    expect(declared.rows).toEqual(utf8.rows);
    expect(guessed.rows).toEqual(utf8.rows);
  });

  it('fails the whole file when the map names a column the header lacks', () => {
    expect(() => readSpreadsheet(Buffer.from(csv), { fields: { ...MAP.fields, region: 'Регион' } })).toThrow(
      /MAP\.json names «Регион» \(region\), not in the header; the columns are: ФИО, Latin, Год/,
    );
  });

  it('builds the name from given name, patronymic and surname columns, and rejects a row with none', () => {
    const sheet = readSpreadsheet(Buffer.from('Фамилия,Имя,Отчество\nТестов,Иван,Петрович\n,,\nx,,\n'), {
      fields: { surname: 'Фамилия', givenName: 'Имя', patronymic: 'Отчество' },
    });
    expect(sheet.rows.map((r) => ('reason' in r ? r.reason : r.displayName))).toEqual(['Иван Петрович Тестов', 'x']);
    const noName = readSpreadsheet(Buffer.from('ФИО,Год\n,1990\n'), { fields: { name: 'ФИО', birthYear: 'Год' } });
    expect(noName.rows).toEqual([{ row: 2, reason: 'no name' }]);
  });
});

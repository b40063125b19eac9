import { readFileSync } from 'node:fs';
import CFB from 'cfb';
import { describe, expect, it } from 'vitest';
import { detectMediaType } from '../detect.js';
import { parseDocumentInProcess } from '../parse.js';
import { readSharedStrings, readXls, rk } from './xls.js';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../../test/fixtures/spreadsheets/${name}`, import.meta.url)));

describe('XLS (Excel 97–2003)', () => {
  it('is told by its Workbook stream and read as the same rows as the .xlsx and .ods of the same sheet', async () => {
    const xls = fixture('detainees.xls');
    expect(detectMediaType(xls, 'list.xls')).toBe('application/vnd.ms-excel');
    const [fromXls, fromXlsx] = await Promise.all([
      parseDocumentInProcess(xls),
      parseDocumentInProcess(fixture('detainees.xlsx')),
    ]);
    expect(fromXls.text).toBe(fromXlsx.text);
    expect(fromXls.text.split('\n')[1]).toBe(
      'Пётр Вымышленный\t1985\tПермский край\tч. 2 ст. 280.3 УК РФ\t2024-03-05\tпод стражей',
    );
    expect(fromXls.metadata).toEqual({ sheets: [{ name: 'list', rows: 3 }] });
  });

  it('reads shared strings across their CONTINUE records, and formulas by their last value', () => {
    const book = readXls(fixture('long-names.xls'));
    const names = new TextDecoder()
      .decode(fixture('long-names.csv'))
      .trim()
      .split('\n')
      .map((line) => line.split(',')[0]);
    const rows = book.sheets[0]!.rows;
    expect(rows.map((row) => row.cells[0]!.text)).toEqual(names);
    // =B2*2 where B2 is 1.5: the number Excel computed, not the formula.
    expect(rows[1]!.cells[2]).toEqual({ column: 2, text: '3' });
  });

  it('goes on with a string whose characters continue in the next record, one byte or two each', () => {
    const first = Uint8Array.of(4, 0, 0x01, 0x1f, 0x04, 0x51, 0x04); // 4 characters, two bytes each: 'Пё'
    const next = Uint8Array.of(0x00, 0x74, 0x72, 2, 0, 0x00, 0x6f, 0x6b); // one byte each: 'tr'; then 'ok'
    expect(readSharedStrings([first, next])).toEqual(['Пёtr', 'ok']);
  });

  it('decodes RK numbers: integers, hundredths and doubles', () => {
    expect(rk((1985 << 2) | 0x02)).toBe(1985);
    expect(rk((150 << 2) | 0x03)).toBe(1.5);
    // 2.5 as a double: 0x40040000_00000000, its high 30 bits kept.
    expect(rk(0x40040000)).toBe(2.5);
  });

  it('refuses a damaged stream with its reason, and an encrypted workbook with what to do', async () => {
    const xls = fixture('detainees.xls');
    // Cut before its directory, nothing says what it was: refused as a damaged legacy Office file.
    const cut = xls.slice(0, 1600);
    await expect(parseDocumentInProcess(cut, { fileName: 'cut.xls' })).rejects.toMatchObject({
      code: 'UNSUPPORTED_TYPE',
      message: expect.stringMatching(/^legacy Office document that is damaged/),
    });
    const record = (type: number, data: number[]) => [
      type & 0xff,
      type >> 8,
      data.length & 0xff,
      data.length >> 8,
      ...data,
    ];
    const workbook = (stream: number[]) => {
      const container = CFB.utils.cfb_new();
      CFB.utils.cfb_add(container, 'Workbook', Buffer.from(stream));
      return new Uint8Array(CFB.write(container, { type: 'buffer' }) as Buffer);
    };
    const bof = record(0x0809, [0x00, 0x06, 0x05, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const locked = workbook([...bof, ...record(0x002f, [1, 0]), ...record(0x000a, [])]);
    await expect(parseDocumentInProcess(locked)).rejects.toMatchObject({
      code: 'UNSUPPORTED_TYPE',
      message: 'the workbook is encrypted: open it in Excel without its password and save it as .xlsx',
    });
    // A record that says it is longer than what is left of the stream.
    const overrun = workbook([...bof, ...record(0x00fc, [1, 0, 0, 0]).slice(0, 6)]);
    await expect(parseDocumentInProcess(overrun)).rejects.toMatchObject({
      code: 'PARSE_FAILED',
      message: 'XLS record runs past the end of its stream',
    });
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeZip } from '../../../test/fixtures/documents.js';
import { detectMediaType } from '../detect.js';
import { parseDocumentInProcess } from '../parse.js';
import { DEFAULT_PARSE_LIMITS } from '../parse-types.js';
import { columnOf, excelDate, formatShape, readFlatOds, readOds, readXlsx } from './spreadsheet.js';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A workbook as Excel writes one, its sheets given as `<sheetData>` contents. */
function xlsx(options: {
  sheets: Array<{ name: string; data: string; state?: string }>;
  shared?: string[];
  styles?: string;
  date1904?: boolean;
  core?: string;
}): Uint8Array {
  const files: Record<string, string> = {
    '[Content_Types].xml':
      '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    'xl/workbook.xml': `<?xml version="1.0"?><workbook xmlns="${MAIN}" xmlns:r="${REL}">${options.date1904 ? '<workbookPr date1904="1"/>' : ''}<sheets>${options.sheets
      .map(
        (s, i) =>
          `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"${s.state ? ` state="${s.state}"` : ''}/>`,
      )
      .join('')}</sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${options.sheets
      .map((_, i) => `<Relationship Id="rId${i + 1}" Type="worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
      .join('')}</Relationships>`,
  };
  options.sheets.forEach((s, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] =
      `<?xml version="1.0"?><worksheet xmlns="${MAIN}"><sheetData>${s.data}</sheetData></worksheet>`;
  });
  if (options.shared)
    files['xl/sharedStrings.xml'] =
      `<?xml version="1.0"?><sst xmlns="${MAIN}">${options.shared.map((s) => `<si>${s}</si>`).join('')}</sst>`;
  if (options.styles)
    files['xl/styles.xml'] = `<?xml version="1.0"?><styleSheet xmlns="${MAIN}">${options.styles}</styleSheet>`;
  if (options.core) files['docProps/core.xml'] = options.core;
  return makeZip(files);
}

const TABLE = 'urn:oasis:names:tc:opendocument:xmlns:table:1.0';
const OFFICE = 'urn:oasis:names:tc:opendocument:xmlns:office:1.0';
const TEXT = 'urn:oasis:names:tc:opendocument:xmlns:text:1.0';

function ods(tables: string, meta?: string): Uint8Array {
  return makeZip({
    mimetype: 'application/vnd.oasis.opendocument.spreadsheet',
    'content.xml': `<?xml version="1.0"?><office:document-content xmlns:office="${OFFICE}" xmlns:table="${TABLE}" xmlns:text="${TEXT}"><office:body><office:spreadsheet>${tables}</office:spreadsheet></office:body></office:document-content>`,
    ...(meta ? { 'meta.xml': meta } : {}),
  });
}

describe('XLSX', () => {
  it('is told from other ZIPs by its workbook, and read as rows of cells apart by tabs', async () => {
    const book = xlsx({
      shared: [
        '<t>ФИО</t>',
        '<t>Дата задержания</t>',
        '<t>Город</t>',
        '<t>Пётр Вымышленный</t>',
        '<r><t>Пер</t></r><r><t>мь</t></r>',
      ],
      styles:
        '<numFmts><numFmt numFmtId="164" formatCode="dd.mm.yyyy"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs>',
      sheets: [
        {
          name: 'Задержания',
          data:
            '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>' +
            '<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" s="1"><v>45356</v></c><c r="C2" t="s"><v>4</v></c></row>',
        },
      ],
      core: `<?xml version="1.0"?><cp:coreProperties xmlns:cp="x" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"><dc:title>Список</dc:title><dc:creator>Выдуманный центр</dc:creator><dcterms:created>2024-03-06T09:00:00Z</dcterms:created></cp:coreProperties>`,
    });
    expect(detectMediaType(book, 'list.xlsx')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const doc = await parseDocumentInProcess(book);
    expect(doc.text).toBe('ФИО\tДата задержания\tГород\nПётр Вымышленный\t2024-03-05\tПермь');
    expect(doc).toMatchObject({ title: 'Список', author: 'Выдуманный центр', language: 'ru', isContainer: false });
    expect(doc.metadata).toMatchObject({
      sheets: [{ name: 'Задержания', rows: 2 }],
      created: '2024-03-06T09:00:00.000Z',
    });
  });

  it('keeps columns under their header across blank cells, and leaves blank rows out', () => {
    const book = readXlsx(
      xlsx({
        sheets: [
          {
            name: 'Лист1',
            data:
              '<row r="1"><c r="A1" t="inlineStr"><is><t>Имя</t></is></c><c r="D1" t="inlineStr"><is><t>Статья</t></is></c></row>' +
              '<row r="2"/><row r="7"><c r="A7" t="inlineStr"><is><t>Анна</t></is></c><c r="B7" s="0"/><c r="D7" t="str"><f>X</f><v>280.3</v></c></row>',
          },
        ],
      }),
      DEFAULT_PARSE_LIMITS,
    );
    expect(book.sheets[0]!.rows).toEqual([
      {
        number: 1,
        cells: [
          { column: 0, text: 'Имя' },
          { column: 3, text: 'Статья' },
        ],
      },
      {
        number: 7,
        cells: [
          { column: 0, text: 'Анна' },
          { column: 3, text: '280.3' },
        ],
      },
    ]);
  });

  it('names each sheet when there are several, hidden ones too, and reads booleans, errors and phonetics as shown', async () => {
    const doc = await parseDocumentInProcess(
      xlsx({
        shared: ['<t>日本</t><rPh sb="0" eb="2"><t>にほん</t></rPh>'],
        sheets: [
          { name: 'Один', data: '<row r="1"><c r="A1" t="b"><v>1</v></c><c r="B1" t="e"><v>#N/A</v></c></row>' },
          { name: 'Скрытый', state: 'hidden', data: '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' },
          { name: 'Пустой', data: '' },
        ],
      }),
    );
    expect(doc.text).toBe('Один\n\nTRUE\t#N/A\n\nСкрытый\n\n日本');
    expect(doc.metadata.sheets).toEqual([
      { name: 'Один', rows: 1 },
      { name: 'Скрытый', rows: 1, hidden: true },
      { name: 'Пустой', rows: 0 },
    ]);
  });

  it('refuses a part that declares entities, and a workbook without its workbook part', async () => {
    const bomb = xlsx({ sheets: [{ name: 'a', data: '' }], shared: ['<t>x</t>'] });
    const withDtd = makeZip({
      'xl/workbook.xml': `<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]><workbook xmlns="${MAIN}"/>`,
      '[Content_Types].xml': '<Types/>',
    });
    await expect(parseDocumentInProcess(withDtd)).rejects.toMatchObject({ code: 'PARSE_FAILED', message: /DTD/ });
    expect(detectMediaType(bomb)).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const broken = makeZip({
      'xl/workbook.xml': `<workbook xmlns="${MAIN}"><sheets>`,
      '[Content_Types].xml': '<Types/>',
    });
    await expect(parseDocumentInProcess(broken)).rejects.toMatchObject({
      code: 'PARSE_FAILED',
      message: /not well-formed/,
    });
  });

  it('reads day counts as dates by the cell format, in the 1900 and the 1904 systems', () => {
    expect(excelDate(45356, 'date', false)).toBe('2024-03-05');
    expect(excelDate(45356.75, 'datetime', false)).toBe('2024-03-05T18:00:00');
    expect(excelDate(0.5, 'time', false)).toBe('12:00:00');
    expect(excelDate(1, 'date', false)).toBe('1900-01-01');
    expect(excelDate(59, 'date', false)).toBe('1900-02-28');
    expect(excelDate(61, 'date', false)).toBe('1900-03-01');
    expect(excelDate(43894, 'date', true)).toBe('2024-03-05');
    expect(excelDate(-1, 'date', false)).toBeNull();
    expect(formatShape('dd.mm.yyyy')).toBe('date');
    expect(formatShape('[$-419]d mmmm yyyy" г."')).toBe('date');
    expect(formatShape('dd/mm/yyyy hh:mm')).toBe('datetime');
    expect(formatShape('[h]:mm:ss')).toBe('time');
    expect(formatShape('mmm')).toBe('date');
    expect(formatShape('0.00')).toBeNull();
    expect(formatShape('"d"0')).toBeNull();
    expect(formatShape('[Red]#,##0')).toBeNull();
    expect(formatShape('General')).toBeNull();
    expect(columnOf('C5')).toBe(2);
    expect(columnOf('AA10')).toBe(26);
    expect(columnOf('$B$2')).toBe(1);
    expect(columnOf(undefined)).toBeNull();
  });
});

describe('ODS', () => {
  it('is told by its mimetype entry and read with dates as ISO dates, comments and blank repeats left out', async () => {
    const book = ods(
      `<table:table table:name="Список">
        <table:table-row><table:table-cell office:value-type="string"><text:p>ФИО</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Задержан</text:p></table:table-cell></table:table-row>
        <table:table-row><table:table-cell office:value-type="string"><office:annotation><text:p>проверить</text:p></office:annotation><text:p>Анна<text:s text:c="2"/>Небывалая</text:p></table:table-cell><table:table-cell office:value-type="date" office:date-value="2024-03-05"><text:p>05.03.24</text:p></table:table-cell><table:table-cell table:number-columns-repeated="16382"/></table:table-row>
        <table:table-row table:number-rows-repeated="1048574"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>
      </table:table>`,
      `<?xml version="1.0"?><office:document-meta xmlns:office="${OFFICE}" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><office:meta><meta:initial-creator>Выдуманный центр</meta:initial-creator><meta:creation-date>2024-03-06T09:00:00</meta:creation-date></office:meta></office:document-meta>`,
    );
    expect(detectMediaType(book, 'list.ods')).toBe('application/vnd.oasis.opendocument.spreadsheet');
    const doc = await parseDocumentInProcess(book);
    expect(doc.text).toBe('ФИО\tЗадержан\nАнна Небывалая\t2024-03-05');
    expect(doc.author).toBe('Выдуманный центр');
    expect(doc.metadata).toMatchObject({ sheets: [{ name: 'Список', rows: 2 }], created: '2024-03-06T09:00:00.000Z' });
  });

  it('keeps a repeated cell under each of its columns, and row numbers past repeated rows', () => {
    const book = readOds(
      ods(`<table:table table:name="T">
        <table:table-row table:number-rows-repeated="3"><table:table-cell/></table:table-row>
        <table:table-row><table:table-cell table:number-columns-repeated="2"><text:p>ст. 212</text:p></table:table-cell><table:covered-table-cell/><table:table-cell><text:p>x</text:p></table:table-cell></table:table-row>
      </table:table>`),
      DEFAULT_PARSE_LIMITS,
    );
    expect(book.sheets[0]!.rows).toEqual([
      {
        number: 4,
        cells: [
          { column: 0, text: 'ст. 212' },
          { column: 1, text: 'ст. 212' },
          { column: 3, text: 'x' },
        ],
      },
    ]);
  });

  it('reads a flat ODS (.fods) as LibreOffice saves it, as the same rows as the .ods it was saved from', async () => {
    const fixture = (name: string) =>
      new Uint8Array(readFileSync(new URL(`../../../test/fixtures/spreadsheets/${name}`, import.meta.url)));
    const flat = fixture('detainees.fods');
    expect(detectMediaType(flat, 'list.xml')).toBe('application/vnd.oasis.opendocument.spreadsheet-flat-xml');
    const [fromFlat, fromZip] = await Promise.all([
      parseDocumentInProcess(flat),
      parseDocumentInProcess(fixture('detainees.ods')),
    ]);
    // Its styles, settings and properties hold no cell: the text is the sheet's alone.
    expect(fromFlat.text).toBe(fromZip.text);
    expect(fromFlat.metadata).toEqual(fromZip.metadata);
    expect(fromFlat.language).toBe('ru');
  });

  it('leaves a flat ODS’s chart tables and pictures out of its cells, and refuses one that declares entities', () => {
    const flat = (body: string, prolog = '') =>
      new TextEncoder().encode(
        `<?xml version="1.0"?>${prolog}<office:document xmlns:office="${OFFICE}" xmlns:table="${TABLE}" xmlns:text="${TEXT}" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:mimetype="application/vnd.oasis.opendocument.spreadsheet"><office:meta><dc:title>Список</dc:title></office:meta><office:body><office:spreadsheet>${body}</office:spreadsheet></office:body></office:document>`,
      );
    const book = readFlatOds(
      flat(
        `<table:table table:name="Лист1"><table:table-row><table:table-cell><text:p>Анна Небывалая</text:p><draw:frame><draw:object><office:document><office:body><office:chart><table:table table:name="local-table"><table:table-row><table:table-cell><text:p>1</text:p></table:table-cell></table:table-row></table:table></office:chart></office:body></office:document></draw:object></draw:frame><text:p><draw:frame><draw:image><office:binary-data>iVBORw0KGgo=</office:binary-data></draw:image></draw:frame></text:p></table:table-cell></table:table-row></table:table>`,
      ),
    );
    expect(book.title).toBe('Список');
    expect(book.sheets.map((sheet) => sheet.name)).toEqual(['Лист1']);
    expect(book.sheets[0]!.rows).toEqual([{ number: 1, cells: [{ column: 0, text: 'Анна Небывалая' }] }]);
    expect(() => readFlatOds(flat('', '<!DOCTYPE lol [<!ENTITY lol "lol">]>'))).toThrow(/declares a DTD/);
  });

  it('stops a small file that repeats a value into millions of cells', () => {
    const row = `<table:table-row table:number-rows-repeated="1000"><table:table-cell table:number-columns-repeated="1000"><text:p>x</text:p></table:table-cell></table:table-row>`;
    const tables = Array.from({ length: 3 }, (_, i) => `<table:table table:name="t${i}">${row}</table:table>`).join('');
    expect(() => readOds(ods(tables), DEFAULT_PARSE_LIMITS)).toThrow(/more than 2,000,000 cells/);
  });
});

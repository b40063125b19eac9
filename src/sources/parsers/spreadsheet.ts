/**
 * Spreadsheets — Excel's `.xlsx` (Office Open XML, ECMA-376 part 1 §18) and LibreOffice's `.ods` (ODF 1.3 part 3
 * §9) — read into sheets of rows of cell texts: a list of detainees a lawyer attached, a court's schedule, a group's
 * own table. Both are ZIPs opened by our bounded reader (the limits of any archive hold), their XML read with saxes,
 * which expands no entity a file declares; a DTD is refused, as neither format needs one.
 *
 * A cell's text is what a reader of the sheet sees of its value: a number as stored, a date as an ISO date (Excel
 * stores a day count and says by the cell's number format that it is a date; ODF writes the date), a formula by its
 * last computed value. Blank rows and cells are not materialised — a sheet may declare a million repeated blank rows —
 * and a sheet's cells are counted against MAX_CELLS, so a small file cannot expand into an unbounded table.
 */
import type { SaxesTagNS } from 'saxes';
import { ChronicleError } from '../../shared/errors.js';
import { toIsoDate } from '../iso-date.js';
import type { ParseLimits, ParserResult } from '../parse-types.js';
import { DTD, Parts, readRelationships, walk } from './office-xml.js';

/** The workbook formats, as detect.ts names them: read here, and Excel 97–2003's in xls.ts. */
export const SPREADSHEET_MEDIA_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  /** LibreOffice's "Flat XML ODF Spreadsheet" (.fods): what an .ods holds, in one XML file. */
  fods: 'application/vnd.oasis.opendocument.spreadsheet-flat-xml',
  xls: 'application/vnd.ms-excel',
} as const;

/** Most cells with a value over all sheets: far beyond any list a group keeps (Excel's sheet holds 17 billion). */
export const MAX_CELLS = 2_000_000;

/** A cell with a value: its column (0 = A) and its text. */
export interface SheetCell {
  column: number;
  text: string;
}

/** A row with at least one value; `number` is the row's number in the sheet (1 = the first). */
export interface SheetRow {
  number: number;
  cells: SheetCell[];
}

export interface Sheet {
  name: string;
  hidden: boolean;
  rows: SheetRow[];
}

export interface Workbook {
  sheets: Sheet[];
  title: string | null;
  author: string | null;
  created: string | null;
  modified: string | null;
}

export function parseXlsx(bytes: Uint8Array, limits: ParseLimits): ParserResult {
  return asParserResult(readXlsx(bytes, limits));
}

export function parseOds(bytes: Uint8Array, limits: ParseLimits): ParserResult {
  return asParserResult(readOds(bytes, limits));
}

export function parseFlatOds(bytes: Uint8Array): ParserResult {
  return asParserResult(readFlatOds(bytes));
}

/**
 * A workbook as a text: each sheet's rows a line, cells apart by a tab (as a sheet pasted into a text is), a sheet
 * named on a line of its own when there are several. Line breaks inside a cell become spaces: a row stays a line.
 */
export function workbookText(workbook: Workbook): string {
  const withRows = workbook.sheets.filter((sheet) => sheet.rows.length > 0);
  return withRows
    .map((sheet) => {
      const lines = sheet.rows.map((row) => rowCells(row).join('\t'));
      return withRows.length > 1 ? [sheet.name, '', ...lines].join('\n') : lines.join('\n');
    })
    .join('\n\n');
}

/**
 * A row's cells in column order, the blank ones between them as '' (so columns stay under their header) up to
 * DENSE_COLUMNS; a value further right than that follows without its blanks.
 */
export function rowCells(row: SheetRow, width = 0): string[] {
  const dense: string[] = new Array(Math.min(Math.max(width, 0), DENSE_COLUMNS)).fill('');
  const beyond: string[] = [];
  for (const cell of row.cells) {
    if (cell.column < DENSE_COLUMNS) {
      while (dense.length < cell.column) dense.push('');
      dense[cell.column] = cell.text;
    } else beyond.push(cell.text);
  }
  return [...dense, ...beyond];
}

const DENSE_COLUMNS = 1024;

/** A workbook as a parser's result: its text, and its sheets and dates in the metadata. */
export function asParserResult(workbook: Workbook): ParserResult {
  // Not normalizeProducedText: its spaces for tabs would run the columns together. Each cell is one line already.
  const text = workbookText(workbook);
  return {
    text,
    title: workbook.title,
    author: workbook.author,
    encoding: null,
    metadata: {
      sheets: workbook.sheets.map((sheet) => ({
        name: sheet.name,
        rows: sheet.rows.length,
        ...(sheet.hidden ? { hidden: true } : {}),
      })),
      ...(workbook.created ? { created: workbook.created } : {}),
      ...(workbook.modified ? { modified: workbook.modified } : {}),
    },
    warnings: text.trim() === '' ? ['the spreadsheet has no cell with a value'] : [],
  };
}

/** Counts the cells with a value over a workbook, failing past MAX_CELLS (xls.ts counts its cells with it too). */
export class CellCount {
  private count = 0;
  add(n = 1): void {
    this.count += n;
    if (this.count > MAX_CELLS)
      throw new ChronicleError(
        'DECOMPRESSION_LIMIT',
        `the spreadsheet holds more than ${MAX_CELLS.toLocaleString('en')} cells`,
      );
  }
}

// ---------------------------------------------------------------------------------------------------------------
// XLSX

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const DC_NS = 'http://purl.org/dc/elements/1.1/';
const DCTERMS_NS = 'http://purl.org/dc/terms/';
/** Strict OOXML (ISO/IEC 29500 strict) names the same elements in other namespaces. */
const STRICT_MAIN_NS = 'http://purl.oclc.org/ooxml/spreadsheetml/main';
const STRICT_REL_NS = 'http://purl.oclc.org/ooxml/officeDocument/relationships';

const isMain = (tag: SaxesTagNS) => tag.uri === MAIN_NS || tag.uri === STRICT_MAIN_NS;
const relId = (tag: SaxesTagNS) => attribute(tag, REL_NS) ?? attribute(tag, STRICT_REL_NS);

/** An attribute by its namespace (saxes keys them by the prefix the file chose): `attribute(tag, REL_NS)` → r:id. */
function attribute(tag: SaxesTagNS, uri: string, local = 'id'): string | undefined {
  for (const value of Object.values(tag.attributes)) if (value.uri === uri && value.local === local) return value.value;
  return undefined;
}

export function readXlsx(bytes: Uint8Array, limits: ParseLimits): Workbook {
  const parts = new Parts(bytes, limits, 'XLSX');
  const workbookXml = parts.xml('xl/workbook.xml');
  if (workbookXml === null) throw new ChronicleError('PARSE_FAILED', 'XLSX has no xl/workbook.xml');
  const { sheets: declared, date1904 } = readXlsxWorkbook(workbookXml);
  const rels = 'xl/_rels/workbook.xml.rels';
  const targets = readRelationships(parts.xml(rels) ?? '', rels, 'XLSX', 'xl/');
  const shared = readSharedStrings(parts.xml('xl/sharedStrings.xml'));
  const dateStyles = readDateStyles(parts.xml('xl/styles.xml'));
  const count = new CellCount();
  const sheets: Sheet[] = [];
  for (const sheet of declared) {
    const target = sheet.relationId ? targets.get(sheet.relationId) : undefined;
    const xml = target ? parts.xml(target) : null;
    // A chart sheet or a dialog sheet has no cells; a sheet its workbook names but the archive lacks is damage.
    if (xml === null) continue;
    sheets.push({
      name: sheet.name,
      hidden: sheet.hidden,
      rows: readXlsxSheet(xml, target!, { shared, dateStyles, date1904, count }),
    });
  }
  const core = readCoreProperties(parts.xml('docProps/core.xml'));
  return { sheets, ...core };
}

function readXlsxWorkbook(xml: string): {
  sheets: Array<{ name: string; relationId: string | null; hidden: boolean }>;
  date1904: boolean;
} {
  const sheets: Array<{ name: string; relationId: string | null; hidden: boolean }> = [];
  let date1904 = false;
  walk(xml, 'xl/workbook.xml', 'XLSX', {
    open: (tag) => {
      if (!isMain(tag)) return;
      if (tag.local === 'workbookPr') date1904 = truthy(tag.attributes.date1904?.value);
      if (tag.local === 'sheet') {
        const state = tag.attributes.state?.value;
        sheets.push({
          name: tag.attributes.name?.value ?? `Sheet ${sheets.length + 1}`,
          relationId: relId(tag) ?? null,
          hidden: state === 'hidden' || state === 'veryHidden',
        });
      }
    },
  });
  return { sheets, date1904 };
}

const truthy = (value: string | undefined) => value === '1' || value === 'true';

/** The shared strings (`<si>`), each the text of its runs; phonetic readings (`<rPh>`) are not the text. */
function readSharedStrings(xml: string | null): string[] {
  const strings: string[] = [];
  if (xml === null) return strings;
  let current: string[] | null = null;
  let inText = false;
  let phonetic = 0;
  walk(xml, 'xl/sharedStrings.xml', 'XLSX', {
    open: (tag) => {
      if (!isMain(tag)) return;
      if (tag.local === 'si') current = [];
      else if (tag.local === 'rPh') phonetic++;
      else if (tag.local === 't') inText = true;
    },
    close: (tag) => {
      if (!isMain(tag)) return;
      if (tag.local === 'si' && current) {
        strings.push(current.join(''));
        current = null;
      } else if (tag.local === 'rPh') phonetic--;
      else if (tag.local === 't') inText = false;
    },
    text: (text) => {
      if (inText && phonetic === 0 && current) current.push(text);
    },
  });
  return strings;
}

/**
 * Which cell styles (`<cellXfs>` positions, a cell's `s`) show a number as a date or a time, and how: Excel keeps a
 * date as a day count, and only its format says it is one. Built-in formats 14–22 and 45–47 are dates and times
 * (ECMA-376 §18.8.30), 27–36 and 50–58 the East Asian ones; a custom format is one if it has d, m, y, h or s outside
 * quoted text, escapes and [colour] or [$-locale] brackets.
 */
function readDateStyles(xml: string | null): Map<number, DateShape> {
  const shapes = new Map<number, DateShape>();
  if (xml === null) return shapes;
  const custom = new Map<number, string>();
  const styleFormats: number[] = [];
  let inCellXfs = false;
  walk(xml, 'xl/styles.xml', 'XLSX', {
    open: (tag) => {
      if (!isMain(tag)) return;
      if (tag.local === 'numFmt') {
        const id = Number(tag.attributes.numFmtId?.value);
        if (Number.isInteger(id)) custom.set(id, tag.attributes.formatCode?.value ?? '');
      } else if (tag.local === 'cellXfs') inCellXfs = true;
      else if (tag.local === 'xf' && inCellXfs) styleFormats.push(Number(tag.attributes.numFmtId?.value ?? 0));
    },
    close: (tag) => {
      if (isMain(tag) && tag.local === 'cellXfs') inCellXfs = false;
    },
  });
  styleFormats.forEach((formatId, style) => {
    const shape = dateShapeOf(formatId, custom.get(formatId));
    if (shape) shapes.set(style, shape);
  });
  return shapes;
}

/** What of a moment a date format shows: the day, the time of day, or both. */
export type DateShape = 'date' | 'time' | 'datetime';

/** The date shape of number format `id`: its own code's (`code`, a custom format's), else the built-in one's. */
export function dateShapeOf(id: number, code: string | undefined): DateShape | null {
  return code !== undefined ? formatShape(code) : builtInShape(id);
}

function builtInShape(id: number): DateShape | null {
  if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || (id >= 34 && id <= 36) || (id >= 50 && id <= 58))
    return 'date';
  if ((id >= 18 && id <= 21) || (id >= 32 && id <= 33) || (id >= 45 && id <= 47)) return 'time';
  if (id === 22) return 'datetime';
  return null;
}

/** `formatShape('dd.mm.yyyy')` → 'date'; `formatShape('[$-419]d mmmm yyyy h:mm')` → 'datetime'; `'0.00'` → null. */
export function formatShape(code: string): DateShape | null {
  // The first section is the one for positive numbers, which a date is.
  const section = (code.split(';')[0] ?? '')
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/_./g, '')
    .replace(/\[(?![hms]+\])[^\]]*\]/gi, '')
    .replace(/General/gi, '');
  const day = /[dy]/i.test(section);
  const time = /[hs]/i.test(section);
  // A lone m is a month beside a day or a year, a minute beside an hour or a second.
  if (!day && !time && /m/i.test(section)) return 'date';
  if (day && time) return 'datetime';
  if (day) return 'date';
  if (time) return 'time';
  return null;
}

/**
 * A day count as an ISO date or time: `excelDate(45356, 'date', false)` → '2024-03-05'. In the 1900 system Excel
 * counts the 29th of February 1900, which never was (Lotus 1-2-3's error, kept for its files): day 60 is that day,
 * and days before it are one day off from those after.
 */
export function excelDate(serial: number, shape: DateShape, date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 0 || serial > 2_958_465) return null;
  let days = Math.floor(serial);
  const seconds = Math.round((serial - days) * 86_400);
  const time = `${two(Math.floor(seconds / 3600) % 24)}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}`;
  if (shape === 'time') return time;
  if (!date1904 && days === 60) return shape === 'date' ? '1900-02-29' : `1900-02-29T${time}`;
  if (!date1904 && days < 60) days += 1;
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  const date = new Date(epoch + days * 86_400_000 + (seconds >= 86_400 ? 86_400_000 : 0)).toISOString().slice(0, 10);
  return shape === 'date' || (seconds === 0 && shape === 'datetime') ? date : `${date}T${time}`;
}

const two = (n: number) => String(n).padStart(2, '0');

interface SheetContext {
  shared: string[];
  dateStyles: Map<number, DateShape>;
  date1904: boolean;
  count: CellCount;
}

/** A worksheet's rows: `<sheetData><row r="3"><c r="B3" t="s" s="2"><v>0</v></c>…`. */
function readXlsxSheet(xml: string, part: string, context: SheetContext): SheetRow[] {
  const rows: SheetRow[] = [];
  let row: SheetRow | null = null;
  let nextRow = 1;
  let nextColumn = 0;
  let cell: { column: number; type: string; style: number; value: string[]; inline: string[] } | null = null;
  let reading: 'v' | 't' | null = null;
  let phonetic = 0;
  walk(xml, part, 'XLSX', {
    open: (tag) => {
      if (!isMain(tag)) return;
      switch (tag.local) {
        case 'row': {
          const declared = Number(tag.attributes.r?.value);
          const number = Number.isInteger(declared) && declared >= nextRow ? declared : nextRow;
          row = { number, cells: [] };
          nextRow = number + 1;
          nextColumn = 0;
          break;
        }
        case 'c': {
          const at = columnOf(tag.attributes.r?.value);
          const column = at !== null && at >= nextColumn ? at : nextColumn;
          nextColumn = column + 1;
          cell = {
            column,
            type: tag.attributes.t?.value ?? 'n',
            style: Number(tag.attributes.s?.value ?? 0),
            value: [],
            inline: [],
          };
          break;
        }
        case 'v':
          reading = 'v';
          break;
        case 't':
          reading = 't';
          break;
        case 'rPh':
          phonetic++;
          break;
      }
    },
    close: (tag) => {
      if (!isMain(tag)) return;
      switch (tag.local) {
        case 'row':
          if (row && row.cells.length > 0) rows.push(row);
          row = null;
          break;
        case 'c': {
          const text = cell ? cellText(cell, context) : '';
          if (cell && text.trim() !== '') {
            context.count.add();
            // A cell outside any <row> (damaged) still belongs to the row after the last one.
            if (!row) row = { number: nextRow++, cells: [] };
            row.cells.push({ column: cell.column, text });
          }
          cell = null;
          break;
        }
        case 'v':
        case 't':
          reading = null;
          break;
        case 'rPh':
          phonetic--;
          break;
      }
    },
    text: (text) => {
      if (!cell || reading === null) return;
      if (reading === 'v') cell.value.push(text);
      else if (phonetic === 0) cell.inline.push(text);
    },
  });
  return rows;
}

/** 'C5' → 2; 'AA10' → 26; null for no reference. */
export function columnOf(reference: string | undefined): number | null {
  const letters = reference ? /^\$?([A-Za-z]{1,3})/.exec(reference)?.[1] : undefined;
  if (!letters) return null;
  let column = 0;
  for (const letter of letters.toUpperCase()) column = column * 26 + (letter.charCodeAt(0) - 64);
  return column - 1;
}

function cellText(
  cell: { type: string; style: number; value: string[]; inline: string[] },
  context: SheetContext,
): string {
  const value = cell.value.join('');
  let text: string;
  switch (cell.type) {
    case 's': {
      const index = Number(value);
      text = Number.isInteger(index) ? (context.shared[index] ?? '') : '';
      break;
    }
    case 'inlineStr':
      text = cell.inline.join('');
      break;
    case 'b':
      text = value === '1' ? 'TRUE' : value === '0' ? 'FALSE' : value;
      break;
    case 'd':
      // An ISO 8601 date written as such (the strict format, and some writers).
      text = value.replace(/T00:00:00(\.0+)?Z?$/, '');
      break;
    case 'n': {
      const shape = context.dateStyles.get(cell.style);
      const serial = Number(value);
      text = shape && value.trim() !== '' ? (excelDate(serial, shape, context.date1904) ?? value) : value;
      break;
    }
    default:
      // 'str' (a formula's text), 'e' (an error such as #N/A): as written.
      text = value;
  }
  return cellLine(text);
}

/** A cell's text on one line, without tabs: its line breaks and runs of blank space become one space. */
export function cellLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** `docProps/core.xml`: the title, the author and the dates the file gives itself. */
function readCoreProperties(xml: string | null): Omit<Workbook, 'sheets'> {
  const found = readProperties(xml, 'docProps/core.xml', 'XLSX', [
    [DC_NS, 'title'],
    [DC_NS, 'creator'],
    [DCTERMS_NS, 'created'],
    [DCTERMS_NS, 'modified'],
  ]);
  return {
    title: found.title ?? null,
    author: found.creator ?? null,
    created: toIsoDate(found.created),
    modified: toIsoDate(found.modified),
  };
}

/**
 * The trimmed texts of a properties part's elements by local name: `readProperties(xml, …, [[DC_NS, 'title']])` →
 * `{ title: 'Список' }`; an element absent or blank is not there.
 */
function readProperties(
  xml: string | null,
  part: string,
  format: string,
  wanted: Array<[uri: string, local: string]>,
): Record<string, string> {
  const texts: Record<string, string> = {};
  if (xml === null) return texts;
  let field: string | null = null;
  walk(xml, part, format, {
    open: (tag) => {
      field = wanted.some(([uri, local]) => tag.uri === uri && tag.local === local) ? tag.local : null;
    },
    close: () => {
      field = null;
    },
    text: (text) => {
      if (field) texts[field] = (texts[field] ?? '') + text;
    },
  });
  return Object.fromEntries(
    Object.entries(texts)
      .map(([key, value]) => [key, value.trim()])
      .filter(([, value]) => value !== ''),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// ODS

const ODS_TABLE_NS = 'urn:oasis:names:tc:opendocument:xmlns:table:1.0';
const ODS_TEXT_NS = 'urn:oasis:names:tc:opendocument:xmlns:text:1.0';
const ODS_OFFICE_NS = 'urn:oasis:names:tc:opendocument:xmlns:office:1.0';
const ODS_META_NS = 'urn:oasis:names:tc:opendocument:xmlns:meta:1.0';
const ODS_DRAW_NS = 'urn:oasis:names:tc:opendocument:xmlns:drawing:1.0';

/** Repeats of one cell or row with a value that are written out; more say the same again and are counted once. */
const MAX_REPEATS = 1000;

export function readOds(bytes: Uint8Array, limits: ParseLimits): Workbook {
  const parts = new Parts(bytes, limits, 'ODS');
  const content = parts.xml('content.xml');
  if (content === null) throw new ChronicleError('PARSE_FAILED', 'ODS has no content.xml');
  return { sheets: readOdsSheets(content, 'content.xml'), ...readOdsMeta(parts.xml('meta.xml'), 'meta.xml') };
}

/**
 * A flat ODS (.fods): the properties, styles, settings and sheets in one XML file. Only the sheets' cells and the
 * properties are read from it, so its styles and base64 pictures are passed over as in an .ods.
 */
export function readFlatOds(bytes: Uint8Array): Workbook {
  const xml = new TextDecoder('utf-8').decode(bytes);
  if (DTD.test(xml.slice(0, 4096)))
    throw new ChronicleError('PARSE_FAILED', 'the flat ODS declares a DTD, which ODF never needs');
  return { sheets: readOdsSheets(xml, 'the file'), ...readOdsMeta(xml, 'the file') };
}

/** The sheets of `content.xml`, or of a flat document. */
function readOdsSheets(content: string, part: string): Sheet[] {
  const count = new CellCount();
  const sheets: Sheet[] = [];
  const attr = (tag: SaxesTagNS, ns: string, local: string) => attribute(tag, ns, local);
  let sheet: Sheet | null = null;
  let row: { cells: SheetCell[]; repeat: number } | null = null;
  let nextRow = 1;
  let nextColumn = 0;
  let cell: { repeat: number; date: string | null; paragraphs: string[][] } | null = null;
  let paragraph: string[] | null = null;
  let skipped = 0;
  walk(content, part, 'ODS', {
    open: (tag) => {
      if (skipped > 0) {
        skipped++;
        return;
      }
      if (
        (tag.uri === ODS_OFFICE_NS && (tag.local === 'annotation' || tag.local === 'binary-data')) ||
        (tag.uri === ODS_DRAW_NS && tag.local === 'object')
      ) {
        // A comment on a cell is not its value; a chart's own table and a picture (inline in a flat file) are the
        // sheet's drawings, kept in the original as an .ods keeps them in parts of their own.
        skipped = 1;
        return;
      }
      if (tag.uri === ODS_TABLE_NS) {
        if (tag.local === 'table') {
          sheet = { name: attr(tag, ODS_TABLE_NS, 'name') ?? `Sheet ${sheets.length + 1}`, hidden: false, rows: [] };
          nextRow = 1;
        } else if (tag.local === 'table-row') {
          row = { cells: [], repeat: repeats(attr(tag, ODS_TABLE_NS, 'number-rows-repeated')) };
          nextColumn = 0;
        } else if (tag.local === 'table-cell' || tag.local === 'covered-table-cell') {
          const type =
            attr(tag, ODS_OFFICE_NS, 'value-type') ??
            attr(tag, 'urn:oasis:names:tc:opendocument:xmlns:of:1.2', 'value-type');
          const date = type === 'date' ? (attr(tag, ODS_OFFICE_NS, 'date-value') ?? null) : null;
          cell = { repeat: repeats(attr(tag, ODS_TABLE_NS, 'number-columns-repeated')), date, paragraphs: [] };
        }
      } else if (tag.uri === ODS_TEXT_NS && cell) {
        if (tag.local === 'p' || tag.local === 'h') {
          paragraph = [];
          cell.paragraphs.push(paragraph);
        } else if (tag.local === 's' && paragraph)
          paragraph.push(' '.repeat(Math.min(repeats(attr(tag, ODS_TEXT_NS, 'c')), 100)));
        else if ((tag.local === 'tab' || tag.local === 'line-break') && paragraph) paragraph.push(' ');
      }
    },
    close: (tag) => {
      if (skipped > 0) {
        skipped--;
        return;
      }
      if (tag.uri === ODS_TEXT_NS && (tag.local === 'p' || tag.local === 'h')) paragraph = null;
      if (tag.uri !== ODS_TABLE_NS) return;
      if ((tag.local === 'table-cell' || tag.local === 'covered-table-cell') && cell) {
        const text = cellLine(cell.date ? odsDate(cell.date) : cell.paragraphs.map((p) => p.join('')).join(' '));
        if (text !== '' && row) {
          const written = Math.min(cell.repeat, MAX_REPEATS);
          count.add(written);
          for (let i = 0; i < written; i++) row.cells.push({ column: nextColumn + i, text });
        }
        nextColumn += cell.repeat;
        cell = null;
      } else if (tag.local === 'table-row' && row) {
        if (row.cells.length > 0 && sheet) {
          // A row with values repeated (rare, but written by LibreOffice for copied rows) is written out, to a bound.
          const written = Math.min(row.repeat, MAX_REPEATS);
          if (written > 1) count.add(row.cells.length * (written - 1));
          for (let i = 0; i < written; i++) sheet.rows.push({ number: nextRow + i, cells: row.cells });
        }
        nextRow += row.repeat;
        row = null;
      } else if (tag.local === 'table' && sheet) {
        sheets.push(sheet);
        sheet = null;
      }
    },
    text: (text) => {
      if (skipped === 0 && paragraph) paragraph.push(text);
    },
  });
  return sheets;
}

function repeats(value: string | undefined): number {
  const n = Number(value ?? 1);
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

/** ODF's date value as an ISO date: '2024-03-05T00:00:00' → '2024-03-05'; a moment keeps its time. */
function odsDate(value: string): string {
  return value.replace(/T00:00:00(\.0+)?$/, '');
}

function readOdsMeta(xml: string | null, part: string): Omit<Workbook, 'sheets'> {
  const found = readProperties(xml, part, 'ODS', [
    [DC_NS, 'title'],
    [DC_NS, 'creator'],
    [DC_NS, 'date'],
    [ODS_META_NS, 'initial-creator'],
    [ODS_META_NS, 'creation-date'],
  ]);
  return {
    title: found.title ?? null,
    author: found['initial-creator'] ?? found.creator ?? null,
    created: toIsoDate(found['creation-date']),
    modified: toIsoDate(found.date),
  };
}

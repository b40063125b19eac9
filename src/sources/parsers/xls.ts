/**
 * Excel 97–2003 workbooks (`.xls`: BIFF8 records in an OLE compound file, [MS-XLS]) read into the same sheets of
 * rows as `.xlsx` and `.ods` (spreadsheet.ts): what a court's or a ministry's office still sends. The compound file is
 * opened by cfb, as Word 97–2003's is; the records are read here, each length checked against the stream, so a
 * damaged file fails with its reason rather than reading past its end. Excel 5/95 (BIFF5) and encrypted workbooks
 * are refused with a word on how to save them.
 */
import CFB from 'cfb';
import { ChronicleError } from '../../shared/errors.js';
import type { ParseLimits, ParserResult } from '../parse-types.js';
import {
  asParserResult,
  CellCount,
  cellLine,
  type DateShape,
  dateShapeOf,
  excelDate,
  type Sheet,
  type SheetCell,
  type Workbook,
} from './spreadsheet.js';

const RECORD = {
  BOF: 0x0809,
  EOF: 0x000a,
  FILEPASS: 0x002f,
  DATEMODE: 0x0022,
  FORMAT: 0x041e,
  XF: 0x00e0,
  BOUNDSHEET: 0x0085,
  SST: 0x00fc,
  CONTINUE: 0x003c,
  LABELSST: 0x00fd,
  LABEL: 0x0204,
  RSTRING: 0x00d6,
  NUMBER: 0x0203,
  RK: 0x027e,
  MULRK: 0x00bd,
  BOOLERR: 0x0205,
  FORMULA: 0x0006,
  STRING: 0x0207,
} as const;

const BIFF8 = 0x0600;
const ERRORS: Record<number, string> = {
  0: '#NULL!',
  7: '#DIV/0!',
  15: '#VALUE!',
  23: '#REF!',
  29: '#NAME?',
  36: '#NUM!',
  42: '#N/A',
};

export function parseXls(bytes: Uint8Array, _limits: ParseLimits): ParserResult {
  return asParserResult(readXls(bytes));
}

export function readXls(bytes: Uint8Array): Workbook {
  let stream: Uint8Array;
  try {
    const container = CFB.read(bytes, { type: 'buffer' });
    const entry = CFB.find(container, 'Workbook') ?? CFB.find(container, 'Book');
    if (!entry?.content) throw new ChronicleError('PARSE_FAILED', 'XLS has no Workbook stream');
    if (entry.name === 'Book')
      throw new ChronicleError('UNSUPPORTED_TYPE', 'an Excel 5/95 workbook is not read: save it as .xlsx');
    stream = Uint8Array.from(entry.content as ArrayLike<number>);
  } catch (error) {
    if (error instanceof ChronicleError) throw error;
    throw new ChronicleError('PARSE_FAILED', `XLS compound file could not be read: ${(error as Error).message}`);
  }
  const globals = readGlobals(stream);
  const count = new CellCount();
  const sheets: Sheet[] = globals.sheets.map((declared) => {
    const rows = readSheet(stream, declared.offset, globals, count);
    return { name: declared.name, hidden: declared.hidden, rows };
  });
  return { sheets, title: null, author: null, created: null, modified: null };
}

interface Globals {
  date1904: boolean;
  strings: string[];
  /** The date shape of each cell format (XF), by its index; undefined for a format that is no date. */
  xfShapes: Array<DateShape | null>;
  sheets: Array<{ name: string; hidden: boolean; offset: number }>;
}

/** The records of a stream from `offset` to its EOF: `[type, data]`, lengths checked. */
function* records(stream: Uint8Array, offset: number): Generator<[number, Uint8Array]> {
  let at = offset;
  while (at + 4 <= stream.length) {
    const type = stream[at]! | (stream[at + 1]! << 8);
    const length = stream[at + 2]! | (stream[at + 3]! << 8);
    if (at + 4 + length > stream.length)
      throw new ChronicleError('PARSE_FAILED', 'XLS record runs past the end of its stream');
    yield [type, stream.subarray(at + 4, at + 4 + length)];
    if (type === RECORD.EOF) return;
    at += 4 + length;
  }
}

function readGlobals(stream: Uint8Array): Globals {
  const globals: Globals = { date1904: false, strings: [], xfShapes: [], sheets: [] };
  const formats = new Map<number, string>();
  const xfFormats: number[] = [];
  let sst: Uint8Array[] | null = null;
  let first = true;
  for (const [type, data] of records(stream, 0)) {
    if (first) {
      if (type !== RECORD.BOF) throw new ChronicleError('PARSE_FAILED', 'XLS Workbook stream does not start with BOF');
      if (u16(data, 0) !== BIFF8)
        throw new ChronicleError('UNSUPPORTED_TYPE', 'an Excel workbook older than 97 is not read: save it as .xlsx');
      first = false;
      continue;
    }
    if (type !== RECORD.CONTINUE && sst) {
      globals.strings = readSharedStrings(sst);
      sst = null;
    }
    switch (type) {
      case RECORD.FILEPASS:
        throw new ChronicleError(
          'UNSUPPORTED_TYPE',
          'the workbook is encrypted: open it in Excel without its password and save it as .xlsx',
        );
      case RECORD.DATEMODE:
        globals.date1904 = u16(data, 0) === 1;
        break;
      case RECORD.FORMAT:
        formats.set(u16(data, 0), new StringReader([data.subarray(2)]).unicode(u16(data, 2), true));
        break;
      case RECORD.XF:
        xfFormats.push(u16(data, 2));
        break;
      case RECORD.BOUNDSHEET: {
        // Worksheets only: a chart or a macro sheet holds no cells to read.
        if (data[5] !== 0) break;
        const name = new StringReader([data.subarray(6)]).unicode(data[6] ?? 0, false);
        globals.sheets.push({ name, hidden: (data[4] ?? 0) !== 0, offset: u32(data, 0) });
        break;
      }
      case RECORD.SST:
        sst = [data.subarray(8)];
        break;
      case RECORD.CONTINUE:
        sst?.push(data);
        break;
    }
  }
  if (sst) globals.strings = readSharedStrings(sst);
  globals.xfShapes = xfFormats.map((id) => dateShapeOf(id, formats.get(id)));
  return globals;
}

/** The shared strings of an SST record and its CONTINUE records ([MS-XLS] 2.5.293 XLUnicodeRichExtendedString). */
export function readSharedStrings(chunks: Uint8Array[]): string[] {
  const reader = new StringReader(chunks);
  const strings: string[] = [];
  while (!reader.done()) {
    const count = reader.u16();
    const flags = reader.u8();
    const runs = flags & 0x08 ? reader.u16() : 0;
    const extended = flags & 0x04 ? reader.u32() : 0;
    strings.push(reader.chars(count, (flags & 0x01) !== 0));
    reader.skip(runs * 4 + extended);
  }
  return strings;
}

/**
 * Reads across a record and its CONTINUE records: a string's characters that do not fit one record go on in the next,
 * which starts with a byte saying whether they are one byte or two each.
 */
class StringReader {
  private chunk = 0;
  private at = 0;

  constructor(private readonly chunks: Uint8Array[]) {}

  done(): boolean {
    while (this.chunk < this.chunks.length && this.at >= this.chunks[this.chunk]!.length) this.next();
    return this.chunk >= this.chunks.length;
  }

  private next(): void {
    this.chunk++;
    this.at = 0;
  }

  private current(): Uint8Array {
    if (this.done()) throw new ChronicleError('PARSE_FAILED', 'XLS string runs past the end of its record');
    return this.chunks[this.chunk]!;
  }

  u8(): number {
    const data = this.current();
    return data[this.at++]!;
  }

  u16(): number {
    return this.u8() | (this.u8() << 8);
  }

  u32(): number {
    return (this.u16() | (this.u16() << 16)) >>> 0;
  }

  skip(bytes: number): void {
    let left = bytes;
    while (left > 0 && !this.done()) {
      const step = Math.min(left, this.chunks[this.chunk]!.length - this.at);
      this.at += step;
      left -= step;
    }
  }

  chars(count: number, wide: boolean): string {
    const parts: string[] = [];
    let left = count;
    let twoBytes = wide;
    while (left > 0) {
      const data = this.current();
      const fit = Math.min(left, Math.floor((data.length - this.at) / (twoBytes ? 2 : 1)));
      for (let i = 0; i < fit; i++) {
        parts.push(String.fromCharCode(twoBytes ? data[this.at]! | (data[this.at + 1]! << 8) : data[this.at]!));
        this.at += twoBytes ? 2 : 1;
      }
      left -= fit;
      if (left > 0) {
        this.next();
        twoBytes = (this.u8() & 0x01) !== 0;
      }
    }
    return parts.join('');
  }

  /** An XLUnicodeString's characters after its count (`cch` given): the flags byte, then the characters. */
  unicode(count: number, countIsTwoBytes: boolean): string {
    this.skip(countIsTwoBytes ? 2 : 1);
    const flags = this.u8();
    return this.chars(count, (flags & 0x01) !== 0);
  }
}

function readSheet(stream: Uint8Array, offset: number, globals: Globals, count: CellCount): Sheet['rows'] {
  if (offset >= stream.length) throw new ChronicleError('PARSE_FAILED', 'XLS sheet starts past the end of its stream');
  const byRow = new Map<number, SheetCell[]>();
  const put = (row: number, column: number, text: string) => {
    const line = cellLine(text);
    if (line === '') return;
    count.add();
    const cells = byRow.get(row) ?? [];
    if (cells.length === 0) byRow.set(row, cells);
    cells.push({ column, text: line });
  };
  const number = (value: number, xf: number) => {
    const shape = globals.xfShapes[xf];
    return (shape ? excelDate(value, shape, globals.date1904) : null) ?? String(value);
  };
  let pendingString: { row: number; column: number } | null = null;
  for (const [type, data] of records(stream, offset)) {
    if (type === RECORD.STRING) {
      if (pendingString)
        put(pendingString.row, pendingString.column, new StringReader([data]).unicode(u16(data, 0), true));
      pendingString = null;
      continue;
    }
    if (type === RECORD.BOF || data.length < 6) continue;
    const row = u16(data, 0);
    const column = u16(data, 2);
    const xf = u16(data, 4);
    switch (type) {
      case RECORD.LABELSST:
        put(row, column, globals.strings[u32(data, 6)] ?? '');
        break;
      case RECORD.LABEL:
      case RECORD.RSTRING:
        put(row, column, new StringReader([data.subarray(6)]).unicode(u16(data, 6), true));
        break;
      case RECORD.NUMBER:
        put(row, column, number(f64(data, 6), xf));
        break;
      case RECORD.RK:
        put(row, column, number(rk(u32(data, 6)), xf));
        break;
      case RECORD.MULRK:
        for (let at = 4, col = column; at + 6 <= data.length - 2; at += 6, col++)
          put(row, col, number(rk(u32(data, at + 2)), u16(data, at)));
        break;
      case RECORD.BOOLERR:
        put(row, column, data[7] === 1 ? (ERRORS[data[6]!] ?? '#ERROR') : data[6] ? 'TRUE' : 'FALSE');
        break;
      case RECORD.FORMULA: {
        // The cached result: a number, or (0xFFFF in its last two bytes) a string in the STRING record next.
        if (u16(data, 12) !== 0xffff) put(row, column, number(f64(data, 6), xf));
        else if (data[6] === 0) pendingString = { row, column };
        else if (data[6] === 1) put(row, column, data[8] ? 'TRUE' : 'FALSE');
        else if (data[6] === 2) put(row, column, ERRORS[data[8]!] ?? '#ERROR');
        break;
      }
    }
  }
  return [...byRow.entries()]
    .sort(([a], [b]) => a - b)
    .map(([row, cells]) => ({ number: row + 1, cells: cells.sort((a, b) => a.column - b.column) }));
}

/** An RK number ([MS-XLS] 2.5.217): a 30-bit integer or the high bits of a double, perhaps × 1/100. */
export function rk(value: number): number {
  const hundredths = (value & 0x01) !== 0;
  let n: number;
  if (value & 0x02) n = value >> 2;
  else {
    const view = new DataView(new ArrayBuffer(8));
    view.setUint32(4, value & 0xfffffffc, true);
    n = view.getFloat64(0, true);
  }
  return hundredths ? n / 100 : n;
}

const u16 = (data: Uint8Array, at: number) => (at + 2 <= data.length ? data[at]! | (data[at + 1]! << 8) : 0);
const u32 = (data: Uint8Array, at: number) =>
  at + 4 <= data.length ? (u16(data, at) | (u16(data, at + 2) << 16)) >>> 0 : 0;
const f64 = (data: Uint8Array, at: number) =>
  at + 8 <= data.length ? new DataView(data.buffer, data.byteOffset + at, 8).getFloat64(0, true) : Number.NaN;

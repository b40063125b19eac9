/**
 * A spreadsheet of prisoners (CSV, or an Excel or LibreOffice workbook) and the MAP.json that says which column
 * holds what, read into rows the import can write: every cell checked, every bad row kept with its line (a
 * workbook's row number) and reason. Pure; the database side is in import-csv.ts.
 *
 * MAP.json (`fields` maps a field to the column's header text; everything else is optional):
 *   { "fields": { "name": "ФИО", "birthYear": "Год рождения", "articles": "Статьи", "status": "Статус",
 *                 "detentionDate": "Задержан" },
 *     "delimiter": ";", "encoding": "windows-1251", "dateOrder": "day-first", "confidentiality": "internal" }
 * A workbook's sheet is named by "sheet" (default: the first with a value); delimiter and encoding are a CSV's.
 */
import { type Static, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { parse } from 'csv-parse/sync';
import { type ArticleInput, futureDateProblem, type PersonStatus } from '../record/index.js';
import { ChronicleError } from '../shared/errors.js';
import {
  DEFAULT_PARSE_LIMITS,
  decodeText,
  decodeWithCharset,
  detectMediaType,
  readFlatOds,
  readOds,
  readXls,
  readXlsx,
  rowCells,
  SPREADSHEET_MEDIA_TYPES,
  type Workbook,
} from '../sources/index.js';
import {
  type DateOrder,
  type Read,
  readArticles,
  readBirthYear,
  readGender,
  readSentenceYears,
  readSheetDate,
  readStatus,
  readUrls,
  type SheetDate,
} from './sheet-values.js';

/** The date columns and the event type each one records. */
export const DATE_FIELDS = {
  detentionDate: 'detention',
  searchDate: 'search',
  arrestDate: 'arrest',
  sentenceDate: 'sentence',
  releaseDate: 'release',
} as const;

export type DateField = keyof typeof DATE_FIELDS;

const Column = Type.String({ minLength: 1 });

const MapFields = Type.Object(
  {
    name: Type.Optional(Column),
    givenName: Type.Optional(Column),
    patronymic: Type.Optional(Column),
    surname: Type.Optional(Column),
    nameOtherScript: Type.Optional(Column),
    birthYear: Type.Optional(Column),
    gender: Type.Optional(Column),
    region: Type.Optional(Column),
    articles: Type.Optional(Column),
    status: Type.Optional(Column),
    detentionDate: Type.Optional(Column),
    searchDate: Type.Optional(Column),
    arrestDate: Type.Optional(Column),
    sentenceDate: Type.Optional(Column),
    releaseDate: Type.Optional(Column),
    sentence: Type.Optional(Column),
    caseName: Type.Optional(Column),
    sources: Type.Optional(Column),
    notes: Type.Optional(Column),
  },
  { additionalProperties: false },
);

export const CsvMapSchema = Type.Object(
  {
    fields: MapFields,
    /** `,` `;` or a tab; found from the header line when absent. */
    delimiter: Type.Optional(Type.Union([Type.Literal(','), Type.Literal(';'), Type.Literal('\t')])),
    /** 'utf-8' (with or without BOM), 'windows-1251', or 'auto' (default: guessed as ingestion guesses). */
    encoding: Type.Optional(Type.Union([Type.Literal('auto'), Type.Literal('utf-8'), Type.Literal('windows-1251')])),
    /** A workbook's sheet, by its name (default: the first sheet with a value). Not for CSV. */
    sheet: Type.Optional(Type.String({ minLength: 1 })),
    /** How to read 5/3/2021: day-first (default, 5 March) or month-first (3 May). Dotted dates are always day-first. */
    dateOrder: Type.Optional(Type.Union([Type.Literal('day-first'), Type.Literal('month-first')])),
    /** Of the created persons, cases and events (default internal). */
    confidentiality: Type.Optional(
      Type.Union([Type.Literal('public'), Type.Literal('internal'), Type.Literal('restricted')]),
    ),
    /** The code of articles that name none («212.2 ч.1»), default «УК РФ». */
    articleCode: Type.Optional(Type.String({ minLength: 1 })),
    /** The spreadsheet's own status words: `{ "этап": "in_custody" }`. */
    statuses: Type.Optional(
      Type.Record(
        Type.String(),
        Type.Union(
          [
            'at_liberty',
            'detained',
            'in_custody',
            'house_arrest',
            'sentenced',
            'released',
            'emigrated',
            'deceased',
          ].map((s) => Type.Literal(s)),
        ),
      ),
    ),
  },
  { additionalProperties: false },
);

export type CsvMap = Static<typeof CsvMapSchema>;
export type MapField = keyof CsvMap['fields'];

/**
 * Checks a parsed MAP.json, with one clear line per problem: `readCsvMap({ fields: { nmae: 'ФИО' } })` throws
 * VALIDATION "MAP.json: unknown field «nmae» in fields (known: name, givenName, …)".
 */
export function readCsvMap(json: unknown): CsvMap {
  if (Value.Check(CsvMapSchema, json)) {
    const fields = (json as CsvMap).fields;
    if (!fields.name && !fields.surname && !fields.givenName)
      throw new ChronicleError('VALIDATION', 'MAP.json: fields must name a name column (name, or givenName/surname)');
    return json as CsvMap;
  }
  const known = {
    '': Object.keys(CsvMapSchema.properties),
    fields: Object.keys(MapFields.properties),
  } as Record<string, string[]>;
  const problems: string[] = [];
  for (const error of Value.Errors(CsvMapSchema, json)) {
    const path = error.path.split('/').slice(1);
    const key = path.pop() ?? '';
    const parent = path.join('.');
    if (error.message === 'Unexpected property' && known[parent]) {
      // Unknown keys are the usual mistake (a typo): name what is known.
      problems.push(
        `unknown ${parent ? 'field' : 'option'} «${key}»${parent ? ` in ${parent}` : ''} (known: ${known[parent]!.join(', ')})`,
      );
      continue;
    }
    const where = [...path, key].filter(Boolean).join('.') || 'the map';
    const got = typeof error.value === 'string' ? ` (got «${error.value}»)` : '';
    problems.push(`${where}: ${error.message.toLowerCase()}${got}`);
  }
  throw new ChronicleError('VALIDATION', `MAP.json: ${problems.join('; ')}`);
}

/** One accepted row, in the record's terms. */
export interface SheetPerson {
  /** The spreadsheet line the row starts on (the header is line 1). */
  row: number;
  displayName: string;
  otherScriptName: string | null;
  birthYear: number | null;
  gender: 'masc' | 'femn' | null;
  region: string | null;
  articles: ArticleInput[];
  status: { value: PersonStatus; cell: string } | null;
  events: Array<{ type: (typeof DATE_FIELDS)[DateField]; date: SheetDate | null; sentenceYears: number | null }>;
  caseName: string | null;
  sources: string[];
  notes: string | null;
}

export interface RejectedRow {
  row: number;
  reason: string;
}

export interface Spreadsheet {
  format: 'csv' | 'xlsx' | 'ods' | 'fods' | 'xls';
  /** A workbook's sheet that was read; null for CSV. */
  sheet: string | null;
  /** A CSV's encoding and delimiter; null for a workbook, which has its own. */
  encoding: string | null;
  delimiter: ',' | ';' | '\t' | null;
  header: string[];
  /** Header columns the map does not use (reported once, not per row). */
  ignoredColumns: string[];
  /** In spreadsheet order, accepted and rejected alike. */
  rows: Array<SheetPerson | RejectedRow>;
  /** Lines with nothing in them (only delimiters or white space). */
  emptyRows: number;
}

export function isRejected(row: SheetPerson | RejectedRow): row is RejectedRow {
  return 'reason' in row;
}

/** Counts the candidate delimiters outside quotes on the header line; the most frequent wins, `,` on a tie. */
export function detectDelimiter(headerLine: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch as keyof typeof counts]++;
  }
  let best: ',' | ';' | '\t' = ',';
  for (const d of [';', '\t'] as const) if (counts[d] > counts[best]) best = d;
  return best;
}

/**
 * The records of a CSV text with the line each starts on. A record whose quotes never close would swallow the rest
 * of the file: it is returned as broken (its first line only) and reading resumes on the next line.
 * `splitRecords('a,b\n"x\ny",z\n"broken,1\nc,d', ',')` → records at lines 1 and 2, broken line 4, record at line 5.
 */
export function splitRecords(
  text: string,
  delimiter: string,
): Array<{ line: number; fields: string[] } | { line: number; error: string }> {
  const lines = text.split(/\r\n|\n|\r/u);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const out: Array<{ line: number; fields: string[] } | { line: number; error: string }> = [];
  const quotes = (s: string) => s.split('"').length - 1;
  let i = 0;
  while (i < lines.length) {
    let j = i;
    let chunk = lines[i]!;
    let count = quotes(chunk);
    // An odd number of quote characters means a quoted field runs on to the next line (RFC 4180 §2.6).
    while (count % 2 === 1 && j + 1 < lines.length) {
      j++;
      chunk += `\n${lines[j]}`;
      count += quotes(lines[j]!);
    }
    if (count % 2 === 1) {
      out.push({ line: i + 1, error: 'a quote that is never closed' });
      i++;
      continue;
    }
    try {
      const records = parse(chunk, {
        delimiter,
        relax_column_count: true,
        relax_quotes: true,
        bom: false,
      }) as string[][];
      const fields = records[0] ?? [];
      // PostgreSQL's text takes no NUL: the row is refused by its line, not the whole import by the database.
      if (fields.some((field) => field.includes('\u0000')))
        out.push({ line: i + 1, error: 'a cell holds a NUL character (U+0000), which no field may hold' });
      else out.push({ line: i + 1, fields });
    } catch (error) {
      out.push({
        line: i + 1,
        error: `unreadable CSV (${(error as Error).message.replace(/\s*at line \d+.*$/u, '')})`,
      });
    }
    i = j + 1;
  }
  return out;
}

/**
 * Reads a spreadsheet with its map: decoding (BOM, UTF-8 or Windows-1251), delimiter, header, then each row checked
 * cell by cell. A map column missing from the header is an error for the whole file (nothing could be trusted);
 * a bad cell rejects only its row.
 */
export function readSpreadsheet(bytes: Uint8Array, map: CsvMap): Spreadsheet {
  const { records, ...read } = sheetRecords(bytes, map);
  const headerAt = records.findIndex((r) => 'fields' in r && r.fields.some((f) => f.trim() !== ''));
  const headerRecord = records[headerAt];
  if (!headerRecord || !('fields' in headerRecord))
    throw new ChronicleError('VALIDATION', 'the spreadsheet has no header line');
  const header = headerRecord.fields.map((h) => h.trim());
  const columnOf = new Map<string, number>();
  header.forEach((h, i) => {
    if (!columnOf.has(h)) columnOf.set(h, i);
  });
  const fields = map.fields as Record<MapField, string | undefined>;
  const missing = Object.entries(fields).filter(([, column]) => column && !columnOf.has(column.trim()));
  if (missing.length > 0) {
    throw new ChronicleError(
      'VALIDATION',
      `MAP.json names ${missing.map(([field, column]) => `«${column}» (${field})`).join(', ')}, not in the header; the columns are: ${header.join(', ')}`,
    );
  }
  const used = new Set(Object.values(fields).map((c) => c?.trim()));
  const ignoredColumns = header.filter((h) => h !== '' && !used.has(h));

  const rows: Spreadsheet['rows'] = [];
  let emptyRows = 0;
  for (const record of records.slice(headerAt + 1)) {
    if ('error' in record) {
      rows.push({ row: record.line, reason: record.error });
      continue;
    }
    if (record.fields.every((f) => f.trim() === '')) {
      emptyRows++;
      continue;
    }
    if (record.fields.length !== header.length) {
      rows.push({
        row: record.line,
        reason: `${record.fields.length} columns where the header has ${header.length}`,
      });
      continue;
    }
    const cell = (field: MapField): string | null => {
      const column = fields[field];
      if (!column) return null;
      const value = record.fields[columnOf.get(column.trim())!]?.trim() ?? '';
      return value === '' ? null : value;
    };
    rows.push(readRow(record.line, cell, map));
  }
  return { ...read, header, ignoredColumns, rows, emptyRows };
}

type SheetRecord = { line: number; fields: string[] } | { line: number; error: string };

/** A spreadsheet's records and how they were read: a workbook's chosen sheet, or a CSV's text by its options. */
function sheetRecords(
  bytes: Uint8Array,
  map: CsvMap,
): Omit<Spreadsheet, 'header' | 'ignoredColumns' | 'rows' | 'emptyRows'> & { records: SheetRecord[] } {
  const mediaType = detectMediaType(bytes);
  const format = workbookFormat(mediaType);
  if (format) {
    const workbook =
      format === 'xlsx'
        ? readXlsx(bytes, DEFAULT_PARSE_LIMITS)
        : format === 'ods'
          ? readOds(bytes, DEFAULT_PARSE_LIMITS)
          : format === 'fods'
            ? readFlatOds(bytes)
            : readXls(bytes);
    const sheet = chosenSheet(workbook, map);
    // Rows as wide as the header, so a row whose last cells are blank is not short of columns.
    const width = sheet.rows[0] ? rowCells(sheet.rows[0]).length : 0;
    const records = sheet.rows.map((row) => ({ line: row.number, fields: rowCells(row, width) }));
    return { format, sheet: sheet.name, encoding: null, delimiter: null, records };
  }
  if (map.sheet)
    throw new ChronicleError('VALIDATION', 'MAP.json names a sheet, but the file is a CSV, not a workbook');
  const decoded =
    !map.encoding || map.encoding === 'auto'
      ? decodeText(bytes)
      : decodeWithCharset(bytes, map.encoding, { asDeclared: true });
  const text = decoded.text.replace(/^\uFEFF/u, '');
  const firstLine = text.split(/\r\n|\n|\r/u).find((l) => l.trim() !== '') ?? '';
  const delimiter = map.delimiter ?? detectDelimiter(firstLine);
  return { format: 'csv', sheet: null, encoding: decoded.encoding, delimiter, records: splitRecords(text, delimiter) };
}

function workbookFormat(mediaType: string): Exclude<Spreadsheet['format'], 'csv'> | null {
  const formats = Object.entries(SPREADSHEET_MEDIA_TYPES) as Array<[keyof typeof SPREADSHEET_MEDIA_TYPES, string]>;
  return formats.find(([, type]) => type === mediaType)?.[0] ?? null;
}

/** The sheet MAP.json names, else the first with a value; a name not in the workbook lists those that are. */
function chosenSheet(workbook: Workbook, map: CsvMap): Workbook['sheets'][number] {
  const names = workbook.sheets.map((sheet) => `«${sheet.name}»`).join(', ');
  if (map.sheet) {
    const named = workbook.sheets.find((sheet) => sheet.name === map.sheet || sheet.name.trim() === map.sheet!.trim());
    if (!named)
      throw new ChronicleError('VALIDATION', `MAP.json names the sheet «${map.sheet}»; the workbook has ${names}`);
    return named;
  }
  const first = workbook.sheets.find((sheet) => sheet.rows.length > 0);
  if (!first) throw new ChronicleError('VALIDATION', 'the spreadsheet has no header line');
  return first;
}

function readRow(row: number, cell: (field: MapField) => string | null, map: CsvMap): SheetPerson | RejectedRow {
  const nameParts = [cell('givenName'), cell('patronymic'), cell('surname')].filter((p): p is string => p !== null);
  const displayName = (cell('name') ?? nameParts.join(' ')).replace(/\s+/gu, ' ').trim();
  const otherScriptName = cell('nameOtherScript')?.replace(/\s+/gu, ' ') ?? null;
  if (!displayName && !otherScriptName) return { row, reason: 'no name' };

  const reasons: string[] = [];
  const take = <T>(read: Read<T> | null): T | null => {
    if (!read) return null;
    if (read.ok) return read.value;
    reasons.push(read.reason);
    return null;
  };
  const birth = cell('birthYear');
  const gender = cell('gender');
  const articlesCell = cell('articles');
  const statusCell = cell('status');
  const sentenceCell = cell('sentence');
  const sourcesCell = cell('sources');
  const person: SheetPerson = {
    row,
    displayName: displayName || otherScriptName!,
    otherScriptName: displayName ? otherScriptName : null,
    birthYear: take(birth ? readBirthYear(birth) : null),
    gender: take(gender ? readGender(gender) : null),
    region: cell('region'),
    articles: take(articlesCell ? readArticles(articlesCell, map.articleCode) : null) ?? [],
    status: null,
    events: [],
    caseName: cell('caseName'),
    sources: take(sourcesCell ? readUrls(sourcesCell) : null) ?? [],
    notes: cell('notes'),
  };
  if (statusCell) {
    const status = take(readStatus(statusCell, map.statuses));
    if (status) person.status = { value: status, cell: statusCell };
  }
  const sentenceYears = take(sentenceCell ? readSentenceYears(sentenceCell) : null);
  for (const [field, type] of Object.entries(DATE_FIELDS) as Array<[DateField, (typeof DATE_FIELDS)[DateField]]>) {
    const value = cell(field);
    if (!value) continue;
    const date = take(readSheetDate(value, (map.dateOrder ?? 'day-first') as DateOrder));
    // Every date column records something that happened, and the person's status follows it at once.
    const future = date && futureDateProblem(type, date.value);
    if (future) reasons.push(`${type} «${value}»: ${future}`);
    else if (date) person.events.push({ type, date, sentenceYears: type === 'sentence' ? sentenceYears : null });
  }
  // A term with no sentence date is still a sentence: an undated event carries it.
  if (sentenceYears !== null && !person.events.some((e) => e.type === 'sentence'))
    person.events.push({ type: 'sentence', date: null, sentenceYears });
  if (reasons.length > 0) return { row, reason: reasons.join('; ') };
  return person;
}

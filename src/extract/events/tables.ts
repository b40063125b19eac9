/**
 * Tables pasted as text, one person a row, as monitors keep them: «ФИО | город | статья | дата задержания | статус»
 * over «Ярошевич Антон Павлович | Новосибирск | ч. 2 ст. 207.3 УК РФ | 03.09.2026 | СИЗО-1». A row tells one
 * person's acts: the act its header names for a date column (the detention on 03.09.2026), and those its status
 * cell tells. Columns are split by `|` or by tabs.
 */
import { tableRowSeparator } from '../segment.js';
import type { EventType } from '../types.js';

export interface TableCell {
  start: number;
  /** Exclusive; the cell's text without the spaces around it. */
  end: number;
}

export interface TableRow {
  /** The line's start and end (exclusive, before its line break). */
  start: number;
  end: number;
  cells: TableCell[];
}

export interface TextTable {
  /** The first row when it names the columns rather than holding a person's data. */
  header: TableRow | null;
  rows: TableRow[];
  /** The column whose dates date an act, and that act: "detained", «дата задержания». */
  actColumn: number | null;
  actType: EventType | null;
}

/** A column header that dates an act, by act. */
const ACT_COLUMNS: Array<[EventType, RegExp]> = [
  ['detention', /(?<![\p{L}])(?:задержан\p{L}*|арестован\p{L}*|detained|detention|arrested|arrest)(?![\p{L}])/iu],
  ['search', /(?<![\p{L}])(?:обыск\p{L}*|searched|search)(?![\p{L}])/iu],
  ['sentence', /(?<![\p{L}])(?:приговор\p{L}*|осужд[её]н\p{L}*|sentenced|sentence|convicted)(?![\p{L}])/iu],
];
/**
 * Words that name columns: a row of them is the header. A court website's tables name theirs in several words after
 * the first («Наименование события», «Фамилия / наименование», "Place of holding", "Kind of participant").
 */
const COLUMN_WORDS =
  /^(?:ф\.?\s?и\.?\s?о\.?|имя|город|регион|статья|статус|приговор|срок|комментари\p{L}*|full\s+name|person|city|town|region|article|charges?|status|detained|arrested|sentence|term|comments?|№|#|no\.?|(?:дата|мера|фамилия|место|наименование|время|результат|основание|вид|перечень|примечани\p{L}*|date|name|surname|place|time|result|basis|kind|event|notes?)(?:[\s,/()-]+\p{L}+)*\)?)$/iu;
/** A markdown rule under a header: `|---|:---:|`. */
const RULE_LINE = /^[\s|:+-]*-{3,}[\s|:+-]*$/u;

/**
 * The tables in `text`: runs of two or more lines split into at least three cells by the same separator.
 * `findTables('ФИО | город | дата задержания\nКим Ольга | Омск | 03.09.2026\nЛунин Олег | Томск | 04.09.2026')` →
 * one table with a header, two rows, `actColumn: 2`, `actType: 'detention'`.
 */
export function findTables(text: string): TextTable[] {
  const tables: TextTable[] = [];
  let run: TableRow[] = [];
  let separator: '|' | '\t' | null = null;
  const flush = () => {
    if (run.length >= 2) tables.push(tableOf(text, run));
    run = [];
    separator = null;
  };
  let lineStart = 0;
  while (lineStart <= text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    const line = text.slice(lineStart, lineEnd);
    if (run.length > 0 && RULE_LINE.test(line)) {
      lineStart = lineEnd + 1;
      continue;
    }
    const sep = tableRowSeparator(line);
    if (sep === null || (separator !== null && sep !== separator)) flush();
    if (sep !== null) {
      separator = sep;
      run.push({ start: lineStart, end: lineEnd, cells: cellsOf(line, lineStart, sep) });
    }
    if (newline < 0) break;
    lineStart = lineEnd + 1;
  }
  flush();
  return tables;
}

function cellsOf(line: string, lineStart: number, sep: '|' | '\t'): TableCell[] {
  const cells: TableCell[] = [];
  let from = 0;
  const push = (a: number, b: number) => {
    while (a < b && /\s/u.test(line[a]!)) a++;
    while (b > a && /\s/u.test(line[b - 1]!)) b--;
    cells.push({ start: lineStart + a, end: lineStart + b });
  };
  for (let i = 0; i <= line.length; i++) {
    if (i === line.length || line[i] === sep) {
      push(from, i);
      from = i + 1;
    }
  }
  // `| a | b |`: the empty cells outside the outer bars are no columns.
  if (sep === '|') {
    if (cells.length > 0 && cells[0]!.start === cells[0]!.end && line.trimStart().startsWith('|')) cells.shift();
    if (cells.length > 0 && cells.at(-1)!.start === cells.at(-1)!.end && line.trimEnd().endsWith('|')) cells.pop();
  }
  return cells;
}

function tableOf(text: string, rows: TableRow[]): TextTable {
  const first = rows[0]!;
  const cellText = (c: TableCell) => text.slice(c.start, c.end);
  const isHeader = first.cells.every((c) => c.start === c.end || COLUMN_WORDS.test(cellText(c)));
  const header = isHeader ? first : null;
  let actColumn: number | null = null;
  let actType: EventType | null = null;
  if (header) {
    header.cells.forEach((c, k) => {
      if (actColumn !== null) return;
      const words = cellText(c);
      for (const [type, pattern] of ACT_COLUMNS) {
        if (pattern.test(words)) {
          actColumn = k;
          actType = type;
          return;
        }
      }
    });
  }
  return { header, rows: isHeader ? rows.slice(1) : rows, actColumn, actType };
}

/**
 * Whether `offset` lies in a cell of a table's first row whose column holds a number in the row below: "Date" in
 * "Name of the event | Date | Time" over rows of dates names a column, it is no place. A place column holds names
 * below its header, and a first row with a number in it is data.
 */
export function inNumberColumnHeader(text: string, tables: TextTable[], offset: number): boolean {
  const hasDigit = (from: number, to: number) => /\d/u.test(text.slice(from, to));
  for (const table of tables) {
    const first = table.header ?? table.rows[0];
    const below = table.header ? table.rows[0] : table.rows[1];
    if (!first || !below || offset < first.start || offset >= first.end) continue;
    if (hasDigit(first.start, first.end)) return false;
    const column = first.cells.findIndex((c) => offset >= c.start && offset < c.end);
    const cell = below.cells[column];
    return cell !== undefined && hasDigit(cell.start, cell.end);
  }
  return false;
}

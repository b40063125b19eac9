import { stringify } from 'csv-stringify/sync';

/**
 * One spreadsheet cell: empty for null, numbers and booleans as written, and text that a spreadsheet would run as
 * a formula (starting with = + - @, a tab or a carriage return) prefixed with ' (OWASP "CSV injection").
 * `sheetCell('=HYPERLINK("…")')` → `'=HYPERLINK("…")`; `sheetCell(-3.5)` → '-3.5'.
 */
export function sheetCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * RFC 4180 rows with CRLF line ends, every cell through `sheetCell`. A cell holding a line break is quoted, whichever
 * break it is: csv-stringify quotes only the record delimiter itself (CRLF), so a note written over two lines split
 * its row in two, and a line starting with = after the break became a formula of its own.
 */
export function csvRows(rows: unknown[][]): string {
  return stringify(
    rows.map((row) => row.map(sheetCell)),
    { record_delimiter: 'windows', quoted_match: /[\r\n]/ },
  );
}

/** A whole spreadsheet-friendly file: UTF-8 BOM (Excel otherwise misreads Cyrillic), header row, CRLF rows. */
export function csvFile(columns: readonly string[], rows: unknown[][]): string {
  return `\uFEFF${csvRows([[...columns], ...rows])}`;
}

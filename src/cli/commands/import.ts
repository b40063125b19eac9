import { basename } from 'node:path';
import type { Command } from 'commander';
import {
  type CsvImportReport,
  checkRecordExport,
  importCsvSpreadsheet,
  importRecordsJson,
  readCsvMap,
  readSpreadsheet,
} from '../../export/index.js';
import { ChronicleError } from '../../shared/errors.js';
import { printJson, printLine, readInput } from '../io.js';
import { withWritableRuntime } from '../runtime.js';

/**
 * `chronicle import json FILE|- [--json]`: brings in a `chronicle export --format json` file, in one transaction.
 * `chronicle import csv FILE --map MAP.json [--dry-run] [--json]`: a spreadsheet of prisoners, row by row.
 */
export function registerImportCommand(program: Command): void {
  const importCommand = program.command('import').description('import data into the workspace');
  importCommand
    .command('json')
    .description('import a record exported with `chronicle export --format json` (existing rows are kept)')
    .argument('<file>', 'the export, or - for standard input')
    .option('--json', 'print {inserted, skipped} per table as JSON')
    .action(async (file: string, options: { json?: boolean }, command: Command) => {
      const data = parseJsonFile(file, await readFileArgument(file));
      // Refused before the workspace is opened: a mistyped --data is not created by a file that was never going in.
      checkRecordExport(data);
      await withWritableRuntime(command, async ({ workspace, cipher }) => {
        const result = await workspace.db
          .transaction()
          .execute((trx) => importRecordsJson(trx, data, { cipher, userId: null }));
        if (options.json) return printJson(result);
        const total = Object.values(result.inserted).reduce((a, b) => a + b, 0);
        const skipped = Object.values(result.skipped).reduce((a, b) => a + b, 0);
        printLine(`imported ${total} rows${skipped ? `, ${skipped} already present` : ''}`);
      });
    });
  importCommand
    .command('csv')
    .description(
      'import a spreadsheet of prisoners: each row creates a person (with case and events), merges into one with the ' +
        'same name (either script), or is rejected with its line number; accepted rows commit together, in one ' +
        'transaction. Exit code 0 when no row was rejected, 1 otherwise (the other rows are still imported).',
    )
    .argument(
      '<file>',
      'the CSV file (UTF-8 with or without BOM, or Windows-1251; , ; or tab), an Excel .xlsx or .xls or LibreOffice .ods or .fods ' +
        'workbook (its first sheet with a value, or the "sheet" MAP.json names), or - for standard input',
    )
    .requiredOption('--map <file>', 'MAP.json: which column holds which field, and the reading options (see README)')
    .option('--dry-run', 'report what would be created, merged or rejected, and write nothing')
    .option('--json', 'print the report as JSON')
    .action(async (file: string, options: { map: string; dryRun?: boolean; json?: boolean }, command: Command) => {
      const mapJson = parseJsonFile(options.map, await readFileArgument(options.map));
      const map = readCsvMap(mapJson);
      const sheet = readSpreadsheet(await readFileArgument(file), map);
      await withWritableRuntime(command, async ({ workspace }) => {
        // The CLI acts as the workspace owner, like every other CLI writer: audited with no user id.
        const report = await importCsvSpreadsheet(workspace.db, sheet, {
          file: file === '-' ? 'stdin' : basename(file),
          dryRun: options.dryRun,
          userId: null,
          map,
        });
        if (options.json) printJson(report);
        else printCsvReport(report);
        if (report.rejected > 0) process.exitCode = 1;
      });
    });
}

/**
 * `readInput`, with a path that cannot be read named in the one-line error: Node's own message for a directory
 * ("EISDIR: illegal operation on a directory, read") leaves it out. `readFileArgument('exports/')` throws
 * "exports/ is a directory, not a file".
 */
async function readFileArgument(path: string): Promise<Buffer> {
  try {
    return await readInput(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw new ChronicleError('VALIDATION', `${path} is a directory, not a file`);
    if (typeof code === 'string' && error instanceof Error && !error.message.includes(path))
      throw new ChronicleError('VALIDATION', `cannot read ${path}: ${error.message}`, { cause: error });
    throw error;
  }
}

const events = (n: number) => `${n} event${n === 1 ? '' : 's'}`;

/** The plain report: ignored columns once, one line per row, then the summary. */
function printCsvReport(report: CsvImportReport): void {
  if (report.ignoredColumns.length > 0) printLine(`ignored columns: ${report.ignoredColumns.join(', ')}`);
  for (const row of report.rows) {
    if (row.outcome === 'rejected') printLine(`row ${row.row}: rejected: ${row.reason}`);
    else if (row.outcome === 'created')
      printLine(
        `row ${row.row}: created ${row.name}${row.personId ? ` (${row.personId})` : ''}, ${events(row.events)}`,
      );
    else {
      const into = `${row.into.name}${row.personId ? ` (${row.personId})` : ''}`;
      const kept = row.kept.length > 0 ? `; ${row.kept.join('; ')}` : '';
      printLine(`row ${row.row}: merged ${row.name} into ${into}: ${row.reason}, ${events(row.events)}${kept}`);
    }
  }
  const empty =
    report.emptyRows > 0 ? `, ${report.emptyRows} empty row${report.emptyRows === 1 ? '' : 's'} skipped` : '';
  printLine(
    `${report.dryRun ? 'dry run, nothing written: would have ' : ''}created ${report.created}, merged ${report.merged}, rejected ${report.rejected}${empty}`,
  );
}

/**
 * A JSON file's content, or an error naming where it stops being JSON. V8's message quotes the file up to its first
 * newline, which cut the one-line error mid-quote: `parseJsonFile('bad.json', …)` throws
 * "bad.json is not JSON: it cannot be read at line 1, column 1 (…)".
 */
export function parseJsonFile(file: string, bytes: Buffer): unknown {
  const text = bytes.toString('utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    throw new ChronicleError('VALIDATION', `${file} is not JSON: ${whereJsonStops(text, error.message)}`);
  }
}

function whereJsonStops(text: string, message: string): string {
  if (text.trim() === '') return 'it is empty';
  if (!failsBeforeEnd(text)) return 'it ends before its last value does';
  // V8 gives the position for some faults only ("Unexpected token" has none): the shortest beginning of the file
  // that fails before its own end ends just after the fault.
  let offset = Number(/at position (\d+)/.exec(message)?.[1] ?? Number.NaN);
  if (Number.isNaN(offset)) {
    let low = 1;
    let high = text.length;
    while (low < high) {
      const middle = Math.floor((low + high) / 2);
      if (failsBeforeEnd(text.slice(0, middle))) high = middle;
      else low = middle + 1;
    }
    offset = low - 1;
  }
  const before = text.slice(0, offset).split('\n');
  const column = before[before.length - 1]!.length + 1;
  const character = text.codePointAt(offset);
  const shown = character === undefined ? 'the end' : JSON.stringify(String.fromCodePoint(character));
  return `unexpected ${shown} at line ${before.length}, column ${column}`;
}

/** Whether `text` is faulty before its end, rather than JSON or the beginning of some JSON. */
function failsBeforeEnd(text: string): boolean {
  try {
    JSON.parse(text);
    return false;
  } catch (error) {
    const message = (error as Error).message;
    if (/Unexpected end of JSON input/.test(message)) return false;
    const position = /at position (\d+)/.exec(message);
    return !position || Number(position[1]) < text.length;
  }
}

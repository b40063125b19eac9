import type { Command } from 'commander';
import { importRecordsJson } from '../../export/index.js';
import { ChronicleError } from '../../shared/errors.js';
import { printJson, printLine, readInput } from '../io.js';
import { withRuntime } from '../runtime.js';

/** `chronicle import json FILE|- [--json]`: brings in a `chronicle export --format json` file, in one transaction. */
export function registerImportCommand(program: Command): void {
  const importCommand = program.command('import').description('import data into the workspace');
  importCommand
    .command('json')
    .description('import a record exported with `chronicle export --format json` (existing rows are kept)')
    .argument('<file>', 'the export, or - for standard input')
    .option('--json', 'print {inserted, skipped} per table as JSON')
    .action(async (file: string, options: { json?: boolean }, command: Command) => {
      let data: unknown;
      try {
        data = JSON.parse((await readInput(file)).toString('utf8'));
      } catch (error) {
        if (error instanceof SyntaxError)
          throw new ChronicleError('VALIDATION', `${file} is not JSON: ${error.message}`);
        throw error;
      }
      await withRuntime(command, async ({ workspace, cipher }) => {
        const result = await workspace.db
          .transaction()
          .execute((trx) => importRecordsJson(trx, data, { cipher, userId: null }));
        if (options.json) return printJson(result);
        const total = Object.values(result.inserted).reduce((a, b) => a + b, 0);
        const skipped = Object.values(result.skipped).reduce((a, b) => a + b, 0);
        printLine(`imported ${total} rows${skipped ? `, ${skipped} already present` : ''}`);
      });
    });
}

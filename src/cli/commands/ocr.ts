import type { Command } from 'commander';
import { requeueOcr, wantsOcr } from '../../record/index.js';
import { ChronicleError } from '../../shared/errors.js';
import { extractQueued } from '../extract-queued.js';
import { printJson, printLine } from '../io.js';
import { withRuntime } from '../runtime.js';

/**
 * `chronicle ocr [--all | SOURCE-ID…]`: has the machine's OCR program read scans and photos stored before it was
 * installed (those stored since are read as they come in). On SQLite they are read now; on PostgreSQL the jobs wait
 * for `chronicle worker` on a machine with the program.
 */
export function registerOcrCommand(program: Command): void {
  program
    .command('ocr')
    .description(
      'read the text of scans and photos that wait for it with the OCR program installed here ' +
        '(Tesseract with its Russian data: apt install tesseract-ocr-rus poppler-utils)',
    )
    .argument('[source-id...]', 'the sources to read; with --all, every source that needs OCR')
    .option('--all', 'every scan and photo that still needs OCR')
    .option('--json', 'print {queued, skipped} with the source ids')
    .action(async (ids: string[], options: { all?: boolean; json?: boolean }, command: Command) => {
      if (!options.all && ids.length === 0)
        throw new ChronicleError('VALIDATION', 'name the sources to read, or give --all');
      if (options.all && ids.length > 0)
        throw new ChronicleError('VALIDATION', 'give either --all or source ids, not both');
      await withRuntime(command, async (runtime) => {
        const engine = await runtime.ocr();
        if (!engine)
          throw new ChronicleError(
            'UNSUPPORTED_TYPE',
            'no OCR program here: install Tesseract with its Russian data (Debian: apt install tesseract-ocr-rus ' +
              'tesseract-ocr-eng poppler-utils), or unset CHRONICLE_OCR=off',
          );
        const { db } = runtime.workspace;
        let query = db.selectFrom('sources').select(['id', 'media_type', 'needs_ocr']).where('deleted_at', 'is', null);
        query = options.all ? query.where('needs_ocr', '=', 1) : query.where('id', 'in', ids);
        const rows = await query.orderBy('id').execute();
        const missing = ids.filter((id) => !rows.some((row) => row.id === id));
        if (missing.length > 0) throw new ChronicleError('NOT_FOUND', `no source ${missing.join(', ')}`);
        const queued: string[] = [];
        const skipped: Array<{ sourceId: string; reason: string }> = [];
        for (const row of rows) {
          const source = { needsOcr: row.needs_ocr === 1, mediaType: row.media_type };
          if (wantsOcr(engine, source)) {
            await requeueOcr(db, row.id);
            queued.push(row.id);
          } else
            skipped.push({
              sourceId: row.id,
              reason: source.needsOcr ? `${engine.name} does not read ${row.media_type}` : 'it has a text already',
            });
        }
        if (options.json) printJson({ queued, skipped });
        else {
          for (const skip of skipped) printLine(`skipped ${skip.sourceId}: ${skip.reason}`);
          printLine(`queued ${queued.length} source${queued.length === 1 ? '' : 's'} for OCR by ${engine.name}`);
        }
        if (queued.length > 0 && runtime.workspace.dialect === 'sqlite') await extractQueued(runtime);
      });
    });
}

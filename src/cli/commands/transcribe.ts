import type { Command } from 'commander';
import { EXTRACTOR_VERSION } from '../../extract/index.js';
import { transcribeSource } from '../../record/index.js';
import { decodeText, MAX_TRANSCRIPTION_CHARS } from '../../sources/index.js';
import { extractQueued } from '../extract-queued.js';
import { readLimited, readStreamLimited } from '../files.js';
import { printJson, printLine } from '../io.js';
import { withRuntime } from '../runtime.js';

/**
 * A transcription's bytes: four a character at most in UTF-8, so no text within the limit is cut, and nothing
 * endless is read.
 */
const MAX_TRANSCRIPTION_BYTES = 4 * MAX_TRANSCRIPTION_CHARS;

/**
 * `chronicle transcribe SOURCE-ID FILE|-`: the text read off a scan or photo, or said in a recording (typed, or from an
 * OCR program: `tesseract page.jpg - -l rus | chronicle transcribe 01J… -`) becomes the source's text, and is
 * extracted.
 */
export function registerTranscribeCommand(program: Command): void {
  program
    .command('transcribe')
    .description(
      'give a scan, photo or recording (a source that needs OCR) the text read off it or said in it; ' +
        'it is then extracted like any report',
    )
    .argument('<source-id>', 'the source, as `chronicle ingest --json` or the web UI names it')
    .argument('<file>', 'the text, UTF-8 or a legacy Cyrillic encoding; - reads standard input')
    .option('--no-extract', 'store the text without extracting persons, places, dates and events now')
    .option('--json', 'print {sourceId, characters, proposalsRemoved, extractionJobId}')
    .action(
      async (sourceId: string, file: string, options: { extract?: boolean; json?: boolean }, command: Command) => {
        const bytes =
          file === '-'
            ? await readStreamLimited(process.stdin, MAX_TRANSCRIPTION_BYTES)
            : await readLimited(file, MAX_TRANSCRIPTION_BYTES);
        const { text } = decodeText(bytes);
        await withRuntime(command, async (runtime) => {
          const result = await runtime.workspace.db
            .transaction()
            .execute((trx) =>
              transcribeSource(trx, { sourceId, text, userId: null, extractorVersion: EXTRACTOR_VERSION }),
            );
          if (options.json) printJson(result);
          else
            printLine(
              `transcribed ${sourceId}: ${result.characters} characters` +
                (result.proposalsRemoved > 0 ? `, ${result.proposalsRemoved} earlier proposals removed` : ''),
            );
          if (options.extract !== false && runtime.workspace.dialect === 'sqlite') await extractQueued(runtime);
        });
      },
    );
}

import type { Command } from 'commander';
import { isCalendarDay } from '../../shared/dates.js';
import { ChronicleError, describeError, isChronicleError } from '../../shared/errors.js';
import { DEFAULT_PARSE_LIMITS, parseDocument } from '../../sources/index.js';
import { readLimited, readStreamLimited } from '../files.js';
import { printJson } from '../io.js';

const LANGS = ['en', 'ru', 'auto'] as const;

/**
 * `chronicle extract [--lang en|ru|auto] [--reference-date YYYY-MM-DD] FILE|-` (DESIGN §7) prints one Extraction
 * JSON document. Offsets refer to the text the file yields: for plain text its content, decoded, BOM removed.
 */
export function registerExtractCommand(program: Command): void {
  program
    .command('extract')
    .description('print the Extraction JSON (persons, places, dates, cases, events with their spans) of one document')
    .argument('<file>', 'a report in any supported format, or - for standard input')
    .option('--lang <lang>', `document language: ${LANGS.join(', ')}`, 'auto')
    .option('--reference-date <date>', 'publication date that relative dates resolve against, YYYY-MM-DD')
    .action(async (file: string, options: { lang: string; referenceDate?: string }) => {
      if (!LANGS.includes(options.lang as (typeof LANGS)[number]))
        throw new ChronicleError('USAGE', `--lang must be one of ${LANGS.join(', ')}`);
      if (options.referenceDate !== undefined && !isCalendarDay(options.referenceDate)) {
        throw new ChronicleError(
          'USAGE',
          `--reference-date must be a date like 2024-03-15, not "${options.referenceDate}"`,
        );
      }
      let bytes: Buffer;
      try {
        const limit = DEFAULT_PARSE_LIMITS.maxBytes;
        bytes = file === '-' ? await readStreamLimited(process.stdin, limit) : await readLimited(file, limit);
      } catch (error) {
        throw new ChronicleError(
          isChronicleError(error) ? error.code : 'NOT_FOUND',
          `${file}: ${describeError(error)}`,
        );
      }
      const parsed = await parseDocument(bytes, { fileName: file === '-' ? undefined : file }).catch(
        (error: unknown) => {
          if (error instanceof ChronicleError) throw new ChronicleError(error.code, `${file}: ${error.message}`);
          throw error;
        },
      );
      if (parsed.isContainer)
        throw new ChronicleError(
          'UNSUPPORTED_TYPE',
          `${file}: an archive holds several documents; extract them one by one`,
        );
      // Loaded on use: the extractor's dictionaries are only paid for by the command that needs them. Run in this
      // thread, not the runtime's extraction thread: one document and nothing else to keep answering meanwhile.
      const { extract } = await import('../../extract/index.js');
      printJson(
        extract(parsed.text, {
          language: options.lang as (typeof LANGS)[number],
          referenceDate: options.referenceDate ?? parsed.publishedAt?.slice(0, 10) ?? null,
        }),
      );
    });
}

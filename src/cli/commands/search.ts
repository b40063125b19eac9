import type { Command } from 'commander';
import { searchSources } from '../../search/index.js';
import { isCalendarDate } from '../../shared/dates.js';
import { ChronicleError } from '../../shared/errors.js';
import { LANGUAGES } from '../../shared/language.js';
import { copiesAmong, ownFileName } from '../../sources/index.js';
import { printJson, printLine } from '../io.js';
import { auditSearchHits } from '../restricted-reads.js';
import { withRuntime } from '../runtime.js';

/** `chronicle search [--lang ru|en] [--from DATE] [--to DATE] [--limit N] [--json] QUERY` */
export function registerSearchCommand(program: Command): void {
  program
    .command('search')
    .description('full-text search over sources: words in any inflection, "phrases", prefix*, AND / OR / NOT')
    .argument('<query...>', 'the query')
    .option('--lang <code>', 'only sources in this language (ru, en, other)')
    .option('--from <date>', 'published on or after, YYYY, YYYY-MM or YYYY-MM-DD')
    .option('--to <date>', 'published on or before (to the end of a year or month), YYYY, YYYY-MM or YYYY-MM-DD')
    .option('--limit <n>', 'results to show', '20')
    .option('--offset <n>', 'results to skip', '0')
    .option('--no-cross-script', 'match names only as typed, not their spellings in the other script')
    .option('--json', 'one JSON document {total, results}')
    // `chronicle search detained -Perm` reads -Perm as an option; most often it was meant as NOT Perm.
    .showHelpAfterError(
      "(to leave a word out, quote the whole query — chronicle search 'detained -Perm' — or put -- before it: chronicle search -- detained -Perm)",
    )
    .action(
      async (
        words: string[],
        options: {
          lang?: string;
          from?: string;
          to?: string;
          limit: string;
          offset: string;
          json?: boolean;
          crossScript?: boolean;
        },
        command: Command,
      ) => {
        for (const [flag, value] of [
          ['--from', options.from],
          ['--to', options.to],
        ] as const) {
          if (value !== undefined && !isCalendarDate(value))
            throw new ChronicleError(
              'USAGE',
              `${flag} must be a real date written YYYY, YYYY-MM or YYYY-MM-DD, not "${value}"`,
            );
        }
        // `--lang EN` means en: a code is no name, its letter case says nothing.
        const lang = options.lang?.toLowerCase();
        if (lang !== undefined && !(LANGUAGES as readonly string[]).includes(lang))
          throw new ChronicleError('USAGE', `--lang must be ru, en or other, not "${options.lang}"`);
        const limit = Number.parseInt(options.limit, 10);
        const offset = Number.parseInt(options.offset, 10);
        if (!(limit >= 1 && limit <= 100) || !(offset >= 0))
          throw new ChronicleError('USAGE', '--limit must be 1–100 and --offset ≥ 0');
        await withRuntime(command, async ({ workspace }) => {
          const found = await searchSources(workspace.db, workspace.dialect, words.join(' '), {
            language: lang,
            from: options.from,
            to: options.to,
            limit,
            offset,
            crossScript: options.crossScript !== false,
          }).catch((error: unknown) => {
            // What search refuses is what was typed (a query with nothing to search, dates out of order): usage.
            if (error instanceof ChronicleError && error.code === 'VALIDATION')
              throw new ChronicleError('USAGE', error.message);
            throw error;
          });
          // Each hit shows its source's title and words: a restricted one is a read, as the server's search logs it.
          await auditSearchHits(
            workspace.db,
            found.results.map((hit) => hit.sourceId),
          );
          if (options.json) {
            printJson(found);
            return;
          }
          printLine(`${found.total} found`);
          const copies = await copiesAmong(
            workspace.db,
            found.results.map((hit) => hit.sourceId),
          );
          for (const hit of found.results) {
            printLine('');
            printLine(`${hitName(hit)}  ·  ${hit.sourceId}${hit.publishedAt ? `  ·  ${hit.publishedAt}` : ''}`);
            const copy = copies.get(hit.sourceId);
            if (copy)
              printLine(
                `  ${copy.byWording ? 'mostly the same wording as' : 'the same text as'} ${hitName(copy)}  ·  ${copy.sourceId}`,
              );
            printLine(`  ${markHighlights(hit.snippet, hit.highlights)}`);
          }
          // A page that stops short of the total says so, and how to see the rest.
          const shown = offset + found.results.length;
          if (found.results.length > 0 && shown < found.total) {
            printLine('');
            printLine(`${offset + 1}–${shown} of ${found.total}: the next ${limit} with --offset ${shown}`);
          }
          // Past the last one, the page is empty though something was found: say so, not nothing.
          if (found.results.length === 0 && found.total > 0 && offset >= found.total)
            printLine(`--offset ${offset} is past the last of ${found.total}: the first ${limit} with --offset 0`);
        });
      },
    );
}

/** A hit's title, else its file's own name (`bundle.zip!2024/ufa.txt` → `ufa.txt`), as the web UI names it. */
function hitName(hit: { title: string | null; fileName: string | null }): string {
  return hit.title?.trim() || ownFileName(hit.fileName) || '(untitled)';
}

/** Highlights as «…» brackets: readable on any terminal, and safe (no escape sequences from source text). */
function markHighlights(snippet: string, highlights: Array<{ start: number; end: number }>): string {
  let out = '';
  let at = 0;
  for (const h of [...highlights].sort((a, b) => a.start - b.start)) {
    if (h.start < at) continue;
    out += snippet.slice(at, h.start) + '[' + snippet.slice(h.start, h.end) + ']';
    at = h.end;
  }
  return (out + snippet.slice(at)).replace(/[\u0000-\u0008\u000b-\u001f\u007f\u009b]/g, ' ').replace(/\s+/g, ' ');
}

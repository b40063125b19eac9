import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Command } from 'commander';
import { isPublicAudience } from '../../auth/index.js';
import {
  EXPORT_FORMATS,
  type ExportFormat,
  exportEventsCsv,
  exportRecord,
  exportRecordsCsv,
  exportSourcesCsv,
  exportSourcesJson,
} from '../../export/index.js';
import { ChronicleError } from '../../shared/errors.js';
import { resolveAudience } from '../audience.js';
import { withRuntime } from '../runtime.js';

/**
 * `chronicle export --format json|csv|ftm|geojson|ics [--out FILE|DIR] [--as USERNAME | --public]` (the format
 * names are a contract, DESIGN §7). json: the whole record with sources and history, re-importable with
 * `chronicle import json`; csv: to standard output the events table, with `--out DIR` one file per record type;
 * ftm: FollowTheMoney entities, one per line; geojson: events with coordinates; ics: upcoming hearings.
 * Without `--as` the export is the workspace owner's (an admin: everything); `--as NAME` gives exactly what that
 * account may see; `--public` only what the public list may publish. `--sources` keeps the sources-only JSON/CSV.
 */
export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description(
      'export the record: json (complete, re-importable), csv (events; per-type files with --out DIR), ftm, geojson (events on a map), ics (upcoming hearings)',
    )
    .requiredOption('--format <format>', `one of ${EXPORT_FORMATS.join(', ')}`)
    .option(
      '--out <path>',
      'write to this file (csv: this directory, one file per record type) instead of standard output',
    )
    .option('--as <username>', 'export only what this account may see (default: the workspace owner, everything)')
    .option('--public', 'export only what the public list may publish')
    .option('--sources', 'json/csv: only the sources and their metadata')
    .action(
      async (
        options: { format: string; out?: string; sources?: boolean; as?: string; public?: boolean },
        command: Command,
      ) => {
        if (!EXPORT_FORMATS.includes(options.format as ExportFormat))
          throw new ChronicleError('USAGE', `--format must be one of ${EXPORT_FORMATS.join(', ')}`);
        const format = options.format as ExportFormat;
        // The other formats have no sources-only form: the whole record was exported in their place.
        if (options.sources && format !== 'json' && format !== 'csv')
          throw new ChronicleError('USAGE', `--sources works with --format json and csv, not ${format}`);
        // `--out events.csv` made a folder of that name holding nine files, where a file was meant.
        if (
          format === 'csv' &&
          !options.sources &&
          options.out &&
          /\.csv$/i.test(options.out) &&
          !existsSync(options.out)
        )
          throw new ChronicleError(
            'USAGE',
            `--out names a folder for --format csv (a file for each record type), not a file like ${options.out}: for the events alone in one file, chronicle export --format csv > ${options.out}`,
          );
        await withRuntime(command, async ({ workspace, cipher }) => {
          const { db } = workspace;
          const audience = await resolveAudience(db, options);
          const chunks: string[] = [];
          const sink = new Writable({
            write(chunk, _encoding, done) {
              chunks.push(String(chunk));
              done();
            },
          });
          const emit = (body: string | Uint8Array) => {
            if (options.out) writeFileSync(options.out, body);
            else process.stdout.write(body);
          };
          let summary: string;
          if (options.sources && (format === 'json' || format === 'csv')) {
            const n =
              format === 'json'
                ? await exportSourcesJson(db, audience, sink)
                : await exportSourcesCsv(db, audience, sink);
            emit(chunks.join(''));
            summary = `${n} source${n === 1 ? '' : 's'}`;
          } else if (format === 'csv' && options.out) {
            const files = await exportRecordsCsv(db, audience);
            mkdirSync(options.out, { recursive: true });
            for (const [file, text] of Object.entries(files)) writeFileSync(join(options.out, file), text);
            summary = `${Object.keys(files).length} CSV files in ${options.out}`;
          } else if (format === 'csv') {
            // Without --out, one table to standard output: the events (the public list's persons for --public).
            if (isPublicAudience(audience)) {
              emit((await exportRecordsCsv(db, audience))['persons.csv']!);
              summary = 'the public list';
            } else summary = `${await exportEventsCsv(db, audience, sink)} events`;
            if (!isPublicAudience(audience)) emit(chunks.join(''));
          } else {
            const result = await exportRecord(db, audience, format, cipher);
            emit(result.body);
            summary = result.summary;
          }
          process.stderr.write(`exported ${summary}\n`);
        });
      },
    );
}

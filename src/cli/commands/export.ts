import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import {
  exportEventsCsv,
  exportEventsGeoJson,
  exportFtm,
  exportHearingsIcs,
  exportRecordsJson,
  exportSourcesCsv,
  exportSourcesJson,
} from '../../export/index.js';
import { ChronicleError } from '../../shared/errors.js';
import { withRuntime } from '../runtime.js';

const FORMATS = ['json', 'csv', 'ftm', 'geojson', 'ics'] as const;
type Format = (typeof FORMATS)[number];

/**
 * `chronicle export --format json|csv|ftm|geojson|ics [--out FILE]` (the format names are a contract, DESIGN §7).
 * json: the whole record with sources and history, re-importable with `chronicle import json`; csv: accepted
 * events; ftm: FollowTheMoney entities, one per line; geojson: events with coordinates; ics: upcoming hearings.
 * `--sources` keeps the sources-only JSON/CSV of the ingestion stage.
 */
export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description(
      'export the record: json (complete, re-importable), csv (events), ftm, geojson (events on a map), ics (upcoming hearings)',
    )
    .requiredOption('--format <format>', `one of ${FORMATS.join(', ')}`)
    .option('--out <file>', 'write to this file instead of standard output')
    .option('--sources', 'json/csv: only the sources and their metadata')
    .action(async (options: { format: string; out?: string; sources?: boolean }, command: Command) => {
      if (!FORMATS.includes(options.format as Format))
        throw new ChronicleError('USAGE', `--format must be one of ${FORMATS.join(', ')}`);
      const format = options.format as Format;
      await withRuntime(command, async ({ workspace, cipher }) => {
        const { db } = workspace;
        const out: Writable = options.out ? createWriteStream(options.out) : process.stdout;
        let summary: string;
        if (options.sources && format === 'json') summary = `${await exportSourcesJson(db, out)} sources`;
        else if (options.sources && format === 'csv') summary = `${await exportSourcesCsv(db, out)} sources`;
        else if (format === 'json') {
          const data = await exportRecordsJson(db, cipher);
          out.write(`${JSON.stringify(data)}\n`);
          summary = `${data.tables.persons.length} persons, ${data.tables.events.length} events, ${data.tables.sources.length} sources`;
        } else if (format === 'csv') summary = `${await exportEventsCsv(db, out)} events`;
        else if (format === 'ftm')
          summary = `${await exportFtm(db, (e) => void out.write(`${JSON.stringify(e)}\n`))} entities`;
        else if (format === 'geojson') {
          const collection = await exportEventsGeoJson(db);
          out.write(`${JSON.stringify(collection)}\n`);
          summary = `${collection.features.length} events`;
        } else {
          const { ics, count } = await exportHearingsIcs(db);
          out.write(ics);
          summary = `${count} hearings`;
        }
        if (options.out)
          await new Promise<void>((resolve, reject) =>
            out.end((error?: Error | null) => (error ? reject(error) : resolve())),
          );
        process.stderr.write(`exported ${summary}\n`);
      });
    });
}

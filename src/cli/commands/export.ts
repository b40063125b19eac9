import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { exportSourcesCsv, exportSourcesJson } from '../../export/index.js';
import { ChronicleError } from '../../shared/errors.js';
import { withRuntime } from '../runtime.js';

const FORMATS = ['json', 'csv'] as const;

/** `chronicle export --format json|csv [--out FILE]` (the format names are a contract, DESIGN §7). */
export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description('export the workspace (sources and their metadata) as JSON or CSV')
    .requiredOption('--format <format>', `one of ${FORMATS.join(', ')}`)
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (options: { format: string; out?: string }, command: Command) => {
      if (!FORMATS.includes(options.format as (typeof FORMATS)[number])) {
        throw new ChronicleError('USAGE', `--format must be one of ${FORMATS.join(', ')} (ftm, geojson and ics come with the record)`);
      }
      await withRuntime(command, async ({ workspace }) => {
        const out: Writable = options.out ? createWriteStream(options.out) : process.stdout;
        const n = options.format === 'json' ? await exportSourcesJson(workspace.db, out) : await exportSourcesCsv(workspace.db, out);
        if (options.out) await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
        process.stderr.write(`exported ${n} source${n === 1 ? '' : 's'}\n`);
      });
    });
}
